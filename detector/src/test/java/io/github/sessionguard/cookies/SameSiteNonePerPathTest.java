package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "SameSite=None without Secure" is decided per path, and a later SameSite value overrides None. */
class SameSiteNonePerPathTest {
    private static final CookieApi API = CookieCatalogue.SET_COOKIE_HEADER;

    private static CookieState fresh() {
        return CookieState.created(API, "embed", null);
    }

    private static CookieState none(CookieState state) {
        return CookieCallInterpreter.sameSite(state, "None");
    }

    @Test
    void noneWithoutSecureIsUnsecured() {
        assertTrue(none(fresh()).isSameSiteNoneWithoutSecure());
    }

    @Test
    void secureBeforeOrAfterNoneSecuresIt() {
        assertFalse(none(fresh()).withFlag(CookieFlag.SECURE, FlagValue.SET).isSameSiteNoneWithoutSecure());
        assertFalse(none(fresh().withFlag(CookieFlag.SECURE, FlagValue.SET)).isSameSiteNoneWithoutSecure());
        assertTrue(none(fresh()).withFlag(CookieFlag.SECURE, FlagValue.UNKNOWN).isSameSiteNoneWithoutSecure());
    }

    @Test
    void noneWithSecureJoinedWithLaxWithoutSecureIsNotUnsecuredNone() {
        CookieState partner = none(fresh()).withFlag(CookieFlag.SECURE, FlagValue.SET);
        CookieState firstParty = CookieCallInterpreter.sameSite(fresh(), "Lax");
        CookieState joined = partner.merge(firstParty);
        assertEquals(FlagValue.MISSING, joined.flag(CookieFlag.SECURE));
        assertFalse(joined.isSameSiteNoneWithoutSecure());
    }

    @Test
    void aLaterStrictOverridesNone() {
        CookieState overridden = CookieCallInterpreter.sameSite(none(fresh()), "Strict");
        assertFalse(overridden.isSameSiteNone());
        assertFalse(overridden.isSameSiteNoneWithoutSecure());
        assertTrue(none(fresh()).merge(overridden).isSameSiteNoneWithoutSecure());
    }

    @Test
    void aHelperThatMakesTheCallersCookieSecureEndsItsUnsecuredNone() {
        CookieState helper = CookieState.parameter(API, 0).withFlag(CookieFlag.SECURE, FlagValue.SET);
        assertFalse(none(fresh()).then(helper).isSameSiteNoneWithoutSecure());
        CookieState untouched = CookieState.parameter(API, 0);
        assertTrue(none(fresh()).then(untouched).isSameSiteNoneWithoutSecure());
    }

    @Test
    void aHelperSettingNoneOnTheCallersSecureCookieLeavesItSecured() {
        CookieState helper = none(CookieState.parameter(API, 0));
        assertFalse(fresh().withFlag(CookieFlag.SECURE, FlagValue.SET).then(helper).isSameSiteNoneWithoutSecure());
        assertTrue(fresh().then(helper).isSameSiteNoneWithoutSecure());
    }
}
