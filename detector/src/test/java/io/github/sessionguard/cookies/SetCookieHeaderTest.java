package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.StringSketch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading Set-Cookie values from what the bytecode shows of them. */
class SetCookieHeaderTest {
    private static final Site SITE = new Site(new MethodDescriptor("a/Servlet", "doGet", "()V", false), 0);

    private static CookieState parse(StringSketch sketch) {
        return SetCookieHeader.parse(sketch, SITE);
    }

    private static StringSketch value(String before, String after) {
        return StringSketch.literal(before).then(StringSketch.hole()).then(StringSketch.literal(after));
    }

    @Test
    void attributesAreCaseInsensitive() {
        CookieState cookie = parse(value("sid=", "; SECURE; httponly; SameSite=strict"));
        assertEquals("sid", cookie.name());
        assertEquals(FlagValue.SET, cookie.flag(CookieFlag.SECURE));
        assertEquals(FlagValue.SET, cookie.flag(CookieFlag.HTTP_ONLY));
        assertEquals(FlagValue.SET, cookie.flag(CookieFlag.SAME_SITE));
    }

    @Test
    void anEmptyValueCarriesNothing() {
        assertTrue(parse(StringSketch.literal("SESSION=; Path=/")).isDeleting());
        assertTrue(parse(StringSketch.literal("SESSION=")).isDeleting());
        assertTrue(!parse(value("SESSION=", "; Path=/")).isDeleting());
    }

    @Test
    void missingAttributesAreMissing() {
        CookieState cookie = parse(value("lang=", "; Path=/"));
        assertEquals(FlagValue.MISSING, cookie.flag(CookieFlag.SECURE));
        assertEquals(FlagValue.MISSING, cookie.flag(CookieFlag.HTTP_ONLY));
        assertEquals(FlagValue.MISSING, cookie.flag(CookieFlag.SAME_SITE));
    }

    @Test
    void sameSiteNoneNeedsSecure() {
        CookieState cookie = parse(value("embed=", "; HttpOnly; SameSite=None"));
        assertTrue(cookie.isSameSiteNone());
        assertTrue(cookie.isSameSiteNoneWithoutSecure());
        assertEquals(FlagValue.MISSING, cookie.flag(CookieFlag.SECURE));
    }

    @Test
    void aVariableAmongTheAttributesMakesMissingFlagsUnknown() {
        CookieState cookie = parse(value("sid=", "; Secure; ").then(StringSketch.hole()));
        assertEquals(FlagValue.SET, cookie.flag(CookieFlag.SECURE));
        assertEquals(FlagValue.UNKNOWN, cookie.flag(CookieFlag.HTTP_ONLY));
        assertEquals(FlagValue.UNKNOWN, cookie.flag(CookieFlag.SAME_SITE));
    }

    @Test
    void aVariableAttributeValueIsNotAnUnknownAttribute() {
        CookieState cookie = parse(StringSketch.literal("sid=x; Domain=").then(StringSketch.hole())
                .then(StringSketch.literal("; HttpOnly")));
        assertEquals(FlagValue.MISSING, cookie.flag(CookieFlag.SECURE));
    }

    @Test
    void aValueWithNoConstantPartIsNotRead() {
        assertNull(parse(StringSketch.hole()));
        assertNull(parse(StringSketch.hole().then(StringSketch.hole())));
    }

    @Test
    void maxAgeZeroDeletes() {
        assertTrue(parse(StringSketch.literal("SESSIONID=; Max-Age=0; Path=/")).isDeleting());
    }
}
