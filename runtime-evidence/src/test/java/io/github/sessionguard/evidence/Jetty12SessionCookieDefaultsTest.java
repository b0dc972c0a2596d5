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
 * The session cookie of Jetty 12's session handlers, core ({@code org.eclipse.jetty.session.SessionHandler}, 12.1.1)
 * and servlet ({@code org.eclipse.jetty.ee10.servlet.SessionHandler} of a {@code ServletContextHandler}, 12.1.9):
 * <ul>
 * <li>by default {@code JSESSIONID} carries no HttpOnly and no SameSite; Secure only on a secure request
 * ({@code secureRequestOnly} is on by default): for the ee10 handler one whose {@code request.isSecure()} is true
 * (a proxy's {@code X-Forwarded-Proto: https} counts when the connector honours it), for the core handler only a
 * secure connection ({@code ConnectionMetaData.isSecure()}), so none behind a TLS-terminating proxy;</li>
 * <li>{@code setHttpOnly(true)}, {@code setSameSite(...)} and {@code setSecureCookies(true)} are sent (Secure then on
 * plain HTTP too); {@code setSecureRequestOnly(false)} alone drops Secure even on a secure request (ee10);</li>
 * <li>the context attribute {@code org.eclipse.jetty.cookie.sameSiteDefault} (what {@code WEB-INF/jetty-web.xml}'s
 * {@code <Call name="setAttribute">} sets on the {@code WebAppContext}) gives the session cookie, and in a servlet
 * context every servlet {@code Cookie} added with {@code response.addCookie}, its SameSite; the handler's own
 * {@code setSameSite(NONE)} wins over it;</li>
 * <li>the servlet context's {@code getSessionCookieConfig().setHttpOnly(true)} (web.xml's
 * {@code <cookie-config><http-only>}) is the ee10 handler's HttpOnly.</li>
 * </ul>
 * The facts behind judging Jetty's session handler as a session-cookie configuration, in code and in
 * {@code jetty-web.xml}. Jetty 12 runs in its own class loader, as in {@link JettyRenewOnAuthenticationTest}.
 */
@Timeout(60)
class Jetty12SessionCookieDefaultsTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static URLClassLoader coreLoader;
    private static URLClassLoader servletLoader;
    private static AutoCloseable core;
    private static AutoCloseable servlet;
    private static int corePort;
    private static int servletPort;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        coreLoader = Jetty12Loader.open("jetty12-session-cookie");
        Object probe = Class.forName("io.github.sessionguard.evidence.probe.JettySessionCookieProbe", true, coreLoader)
                .getDeclaredConstructor().newInstance();
        core = (AutoCloseable) probe;
        corePort = ((Callable<Integer>) probe).call();
        servletLoader = Jetty12Loader.open("jetty12-ee10-session-cookie", "evidence.jetty12ee10.dir",
                "evidence.jetty12ee10.probe.sources");
        Object servletProbe = Class.forName("io.github.sessionguard.evidence.probe.JettyServletSessionCookieProbe", true,
                servletLoader).getDeclaredConstructor().newInstance();
        servlet = (AutoCloseable) servletProbe;
        servletPort = ((Callable<Integer>) servletProbe).call();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {core, servlet, coreLoader, servletLoader}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    // --- core SessionHandler ---

    @Test
    void coreDefaultsAreNoHttpOnlyNoSameSiteAndNoSecureBehindAProxy() throws Exception {
        String plain = cookie(corePort, "/default/", false, "JSESSIONID");
        String forwarded = cookie(corePort, "/default/", true, "JSESSIONID");
        System.out.printf("[evidence] Jetty 12 core SessionHandler defaults: http %s | X-Forwarded-Proto https %s%n",
                plain, forwarded);
        assertFalse(has(plain, "httponly"), plain);
        assertFalse(hasSameSite(plain), plain);
        assertFalse(has(plain, "secure"), plain);
        // The core handler asks the connection (ConnectionMetaData.isSecure(), in SessionHandler$SessionRequest), not
        // the request: a request the proxy marks https over a plain connection still gets no Secure.
        assertFalse(has(forwarded, "secure"), forwarded);
        assertFalse(has(forwarded, "httponly"), forwarded);
    }

    @Test
    void coreSettersAreSent() throws Exception {
        String plain = cookie(corePort, "/hardened/", false, "JSESSIONID");
        System.out.printf("[evidence] Jetty 12 core setHttpOnly/setSecureCookies/setSameSite(LAX): http %s%n", plain);
        assertTrue(has(plain, "httponly"), plain);
        assertTrue(has(plain, "secure"), "setSecureCookies(true): Secure on plain HTTP too: " + plain);
        assertTrue(has(plain, "samesite=lax"), plain);
    }

    @Test
    void servletSecureRequestOnlyOffDropsSecureOnSecureRequests() throws Exception {
        String secure = cookie(servletPort, "/request-only-off/", true, "JSESSIONID");
        System.out.printf("[evidence] Jetty 12 ee10 setSecureRequestOnly(false): https %s%n", secure);
        assertFalse(has(secure, "secure"), secure);
    }

    @Test
    void coreContextSameSiteDefaultReachesTheSessionCookieButNotOverItsOwn() throws Exception {
        String lax = cookie(corePort, "/lax-default/", false, "JSESSIONID");
        String none = cookie(corePort, "/none-in-lax/", false, "JSESSIONID");
        System.out.printf("[evidence] Jetty 12 core sameSiteDefault=Lax: default handler %s | setSameSite(NONE) %s%n",
                lax, none);
        assertTrue(has(lax, "samesite=lax"), lax);
        assertTrue(has(none, "samesite=none"), none);
    }

    // --- ee10 servlet SessionHandler ---

    @Test
    void servletDefaultsAreNoHttpOnlyNoSameSiteAndSecureOnlyOnSecureRequests() throws Exception {
        String plain = cookie(servletPort, "/default/", false, "JSESSIONID");
        String secure = cookie(servletPort, "/default/", true, "JSESSIONID");
        String theme = cookie(servletPort, "/default/", false, "theme");
        System.out.printf("[evidence] Jetty 12 ee10 SessionHandler defaults: http %s | https %s | theme %s%n", plain,
                secure, theme);
        assertFalse(has(plain, "httponly"), plain);
        assertFalse(hasSameSite(plain), plain);
        assertFalse(has(plain, "secure"), plain);
        assertTrue(has(secure, "secure"), secure);
        assertFalse(hasSameSite(theme), theme);
    }

    @Test
    void jettyWebXmlSettingsGiveSameSiteToEveryCookieAndSecureToTheSessionCookie() throws Exception {
        String session = cookie(servletPort, "/jetty-web/", false, "JSESSIONID");
        String theme = cookie(servletPort, "/jetty-web/", false, "theme");
        System.out.printf("[evidence] Jetty 12 ee10 sameSiteDefault=Lax + secureCookies: session %s | theme %s%n",
                session, theme);
        assertTrue(has(session, "samesite=lax"), session);
        assertTrue(has(session, "secure"), session);
        assertFalse(has(session, "httponly"), "HttpOnly stays off: " + session);
        assertTrue(has(theme, "samesite=lax"), "the servlet cookie gets the context default: " + theme);
        assertFalse(has(theme, "secure"), "the default is SameSite only: " + theme);
    }

    @Test
    void servletHandlerSettersAndTheSessionCookieConfigAreSent() throws Exception {
        String hardened = cookie(servletPort, "/hardened/", false, "JSESSIONID");
        String config = cookie(servletPort, "/cookie-config/", false, "JSESSIONID");
        System.out.printf("[evidence] Jetty 12 ee10 setHttpOnly+setSameSite(STRICT) %s | cookieConfig.setHttpOnly %s%n",
                hardened, config);
        assertTrue(has(hardened, "httponly"), hardened);
        assertTrue(has(hardened, "samesite=strict"), hardened);
        assertTrue(has(config, "httponly"), config);
    }

    /** The Set-Cookie header of the named cookie, on a request plain or marked secure by X-Forwarded-Proto. */
    private static String cookie(int port, String path, boolean secure, String name) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (secure) {
            request.header("X-Forwarded-Proto", "https");
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("secure=" + secure, response.body().trim(), "the request is seen as " + (secure ? "" : "not ")
                + "secure");
        List<String> headers = response.headers().allValues("Set-Cookie");
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + headers));
    }

    private static boolean hasSameSite(String header) {
        return header.toLowerCase(Locale.ROOT).contains("samesite");
    }

    /** Does the header carry this attribute (name or name=value, any case)? */
    private static boolean has(String header, String attribute) {
        for (String part : header.split(";")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(attribute)) {
                return true;
            }
        }
        return false;
    }
}
