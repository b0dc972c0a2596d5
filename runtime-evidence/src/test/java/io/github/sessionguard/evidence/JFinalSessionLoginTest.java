package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JFinal 5.2.7, the release the fixtures compile against, in Jetty 9.4 (servlet sessions, cookie {@code JSESSIONID})
 * on requests that present a planted id:
 * <ul>
 * <li>a login action that checks the password and calls {@code setSessionAttr("user", ...)} keeps the planted id,
 * which is then logged in; the fixes the plugin's message names, {@code getSession().invalidate()} before
 * {@code setSessionAttr} (which then creates a new session) or {@code getRequest().changeSessionId()}, give a new
 * id and the planted one opens nothing;</li>
 * <li>{@code setCookie(name, value, maxAge)} sends neither Secure nor HttpOnly; with {@code isHttpOnly = true} it
 * sends HttpOnly and still no Secure (no overload of that form can).</li>
 * </ul>
 *
 * <p>JFinal is a javax.servlet framework; it runs on the Jetty 9.4 jars the build copies for Spark
 * ({@code target/spark}), in a class loader whose parent is the platform loader (see {@link SparkSessionLoginTest}).
 */
@Timeout(60)
class JFinalSessionLoginTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.JFinalProbe";

    private static IsolatedProbe probe;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        List<Path> jars = new ArrayList<>(ProbeCompiler.jars(Paths.get(ShiroRelease.property("evidence.spark.dir"))));
        jars.addAll(ProbeCompiler.jars(Paths.get(ShiroRelease.property("evidence.jfinal.dir"))));
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().equals("jfinal-5.2.7.jar")), jars.toString());
        probe = IsolatedProbe.start("jfinal", jars, "evidence.jfinal.probe.sources", PROBE);
        http = new Loopback(probe.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("JFinal " + path, planted, http.postLogin(path, planted));
    }

    @Test
    void setSessionAttrLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        http.assertPlantedIdLoggedIn(login("/login", planted), planted);
    }

    @Test
    void changeSessionIdGivesANewId() throws Exception {
        String planted = http.plant();
        Reply renewed = http.assertRenewed(login("/loginChange", planted), planted);
        assertEquals("3 items", renewed.get("cart"), "changeSessionId keeps the attributes");
    }

    @Test
    void invalidateBeforeSetSessionAttrGivesANewId() throws Exception {
        String planted = http.plant();
        Reply renewed = http.assertRenewed(login("/loginInvalidate", planted), planted);
        assertEquals("null", renewed.get("cart"), "invalidate drops the old attributes");
    }

    @Test
    void setCookieWithoutHttpOnlySendsNoFlag() throws Exception {
        List<String> attributes = attributes(setCookie("/cookieShort"));
        System.out.println("[evidence] JFinal setCookie(name, value, 3600) attributes: " + attributes);
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.contains("path=/"), "JFinal's default path: " + attributes);
    }

    @Test
    void setCookieWithHttpOnlyStillLacksSecure() throws Exception {
        List<String> attributes = attributes(setCookie("/cookieHttpOnly"));
        System.out.println("[evidence] JFinal setCookie(name, value, 3600, true) attributes: " + attributes);
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertFalse(attributes.contains("secure"), attributes.toString());
    }

    /** The one Set-Cookie header of a response (these routes open no session), checked to be the probe's cookie. */
    private static String setCookie(String path) throws Exception {
        List<String> headers = http.setCookies(path);
        assertEquals(1, headers.size(), headers.toString());
        assertTrue(headers.get(0).startsWith("remember_token=t0k3n"), headers.get(0));
        return headers.get(0);
    }

    private static List<String> attributes(String setCookie) {
        return Loopback.cookieAttributes(setCookie);
    }
}
