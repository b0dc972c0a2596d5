package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jetty 12 core's app-wide SameSite default: a context whose attribute {@code HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE}
 * ({@code "org.eclipse.jetty.cookie.sameSiteDefault"}) is "Lax" sends every cookie added with
 * {@code Response.addCookie} and no SameSite of its own as {@code SameSite=Lax}, and keeps a cookie's own value
 * ({@code None} stays {@code None}); without the attribute, no SameSite. The facts behind crediting the attribute as
 * a SameSite policy for cookies without their own (fixture {@code policies/jettydefault}). A cookie made from an attribute
 * map ({@code HttpCookie.from(name, value, attributes)}) has a flag whose attribute is there with any value but "false"
 * (fixture {@code cookies/jetty/JettyAttributeMapCookies}). Jetty 12 runs in its own
 * class loader, as in {@link JettyRenewOnAuthenticationTest}.
 */
@Timeout(60)
class JettyCookiePolicyTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.JettyCookiePolicyProbe";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static URLClassLoader loader;
    private static AutoCloseable server;
    private static int port;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        loader = Jetty12Loader.open("jetty12-cookies");
        Object probe = Class.forName(PROBE, true, loader).getDeclaredConstructor().newInstance();
        server = (AutoCloseable) probe;
        port = ((Callable<Integer>) probe).call();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void theContextDefaultFillsInSameSiteAndKeepsACookiesOwn() throws Exception {
        List<String> cookies = setCookies("/lax/");
        System.out.printf("[evidence] Jetty 12 sameSiteDefault=Lax: %s%n", cookies);
        assertTrue(has(cookie(cookies, "theme"), "samesite=lax"), "the default fills in a missing SameSite");
        assertTrue(has(cookie(cookies, "remember_me"), "samesite=none"), "a cookie's own SameSite is kept");
        assertFalse(has(cookie(cookies, "theme"), "secure"), "the default sets SameSite only");
    }

    @Test
    void anAttributeMapSetsAFlagUnlessItsValueIsFalse() throws Exception {
        List<String> cookies = setCookies("/plain/");
        System.out.printf("[evidence] Jetty 12 HttpCookie.from(name, value, attributes): %s%n", cookies);
        assertTrue(has(cookie(cookies, "map_token"), "httponly"), "HttpOnly \"true\" is sent");
        assertTrue(has(cookie(cookies, "map_token"), "secure"), "Secure \"yes\" is sent: any value but false");
        assertFalse(has(cookie(cookies, "map_off"), "httponly"), "HttpOnly \"false\" is not sent");
    }

    @Test
    void withoutTheAttributeCookiesHaveNoSameSite() throws Exception {
        List<String> cookies = setCookies("/plain/");
        System.out.printf("[evidence] Jetty 12 without sameSiteDefault: %s%n", cookies);
        assertFalse(cookie(cookies, "theme").toLowerCase(Locale.ROOT).contains("samesite"));
    }

    private static List<String> setCookies(String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.headers().allValues("Set-Cookie");
    }

    private static String cookie(List<String> headers, String name) {
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + headers));
    }

    /** Does the header carry this attribute (name=value, any case)? */
    private static boolean has(String header, String attribute) {
        for (String part : header.split(";")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(attribute)) {
                return true;
            }
        }
        return false;
    }
}
