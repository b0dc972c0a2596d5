package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spark Java 2.9.4 (its own Jetty 9.4 and Jetty's servlet sessions, cookie {@code JSESSIONID}), the release the
 * fixtures compile against, on requests that present a planted id:
 * <ul>
 * <li>a login route that checks the password and calls {@code request.session().attribute("user", ...)} keeps the
 * planted id, which is then logged in; the fixes the plugin's message names, {@code request.raw().changeSessionId()}
 * or {@code request.session().invalidate()} and a new {@code request.session(true)}, give a new id and the planted one
 * opens nothing;</li>
 * <li>{@code response.cookie(name, value)} sends neither Secure, HttpOnly nor SameSite; the overload with
 * {@code secured} and {@code httpOnly} sends the two it is given, never SameSite.</li>
 * </ul>
 *
 * <p>Spark's Jetty 9.4 has the package names of Javalin's Jetty 11 on the test class path, so it runs in a class
 * loader whose parent is the platform loader: the build copies its jars into {@code target/spark};
 * {@code src/test/spark-probe} is compiled against them here.
 */
@Timeout(60)
class SparkSessionLoginTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.SparkProbe";

    private static IsolatedProbe probe;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        List<Path> jars = ProbeCompiler.jars(Paths.get(ShiroRelease.property("evidence.spark.dir")));
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().equals("spark-core-2.9.4.jar")), jars.toString());
        probe = IsolatedProbe.start("spark", jars, "evidence.spark.probe.sources", PROBE);
        http = new Loopback(probe.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("Spark " + path, planted, http.postLogin(path, planted));
    }

    @Test
    void sessionAttributeLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        http.assertPlantedIdLoggedIn(login("/login", planted), planted);
    }

    @Test
    void changeSessionIdOfTheRawRequestGivesANewId() throws Exception {
        String planted = http.plant();
        Reply renewed = http.assertRenewed(login("/login-change", planted), planted);
        assertEquals("3 items", renewed.get("cart"), "changeSessionId keeps the attributes");
    }

    @Test
    void invalidateAndNewSessionGivesANewId() throws Exception {
        String planted = http.plant();
        Reply renewed = http.assertRenewed(login("/login-invalidate", planted), planted);
        assertEquals("null", renewed.get("cart"), "invalidate drops the old attributes");
    }

    @Test
    void cookieNameValueSendsNoFlag() throws Exception {
        List<String> attributes = attributes(setCookie("/cookie/short"));
        System.out.println("[evidence] Spark response.cookie(name, value) attributes: " + attributes);
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void cookieFlagArgumentsSendThoseFlagsButNoSameSite() throws Exception {
        List<String> attributes = attributes(setCookie("/cookie/flags"));
        System.out.println("[evidence] Spark response.cookie(name, value, 3600, true, true) attributes: " + attributes);
        assertTrue(attributes.contains("secure"), attributes.toString());
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void cookieWithPathAndSecuredOnlyLacksHttpOnly() throws Exception {
        List<String> attributes = attributes(setCookie("/cookie/path-secure"));
        System.out.println("[evidence] Spark response.cookie(\"/\", name, value, 3600, true) attributes: " + attributes);
        assertTrue(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.contains("path=/"), attributes.toString());
    }

    /** The one Set-Cookie header of a response (these routes open no session), checked to be the probe's cookie. */
    private static String setCookie(String path) throws Exception {
        List<String> headers = http.setCookies(path);
        assertEquals(1, headers.size(), headers.toString());
        assertTrue(headers.get(0).startsWith("remember_token=t0k3n") || headers.get(0).startsWith("auth_token=t0k3n"), headers.get(0));
        return headers.get(0);
    }

    private static List<String> attributes(String setCookie) {
        return Loopback.cookieAttributes(setCookie);
    }
}
