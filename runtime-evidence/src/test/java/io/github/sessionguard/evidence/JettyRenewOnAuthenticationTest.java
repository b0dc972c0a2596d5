package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jetty 12 core {@code SecurityHandler} (BASIC and FORM) on requests that present a planted {@code JSESSIONID}: the
 * default ({@code sessionRenewedOnAuthentication} true) renews the id in {@code LoginAuthenticator.updateSession};
 * {@code setSessionRenewedOnAuthentication(false)} keeps the planted id, which is then logged in (FORM keeps the
 * authentication in the session) and carries what the application stored. The fact behind reporting the false
 * setting as SESSION_FIXATION_PROTECTION_DISABLED.
 *
 * <p>Jetty 12 runs in a class loader whose parent is the platform loader: the test class path holds Javalin's Jetty 11,
 * whose {@code org.eclipse.jetty.server} classes have the same names. The build copies the Jetty 12 jars into
 * {@code target/jetty12}; {@code src/test/jetty12-probe} is compiled against them here.
 */
@Timeout(60)
class JettyRenewOnAuthenticationTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.JettyRenewProbe";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (EmbeddedTomcat.USER + ":" + EmbeddedTomcat.PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static URLClassLoader loader;
    private static AutoCloseable server;
    private static Loopback http;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        loader = Jetty12Loader.open("jetty12");
        Object probe = Class.forName(PROBE, true, loader).getDeclaredConstructor().newInstance();
        server = (AutoCloseable) probe;
        http = new Loopback(((Callable<Integer>) probe).call());
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

    private static String plant(String context) throws Exception {
        Reply planted = http.get(context + "/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId(), "the cookie carries the planted id");
        return planted.get("session");
    }

    private static Reply basicLogin(String context, String planted) throws Exception {
        Reply login = http.get(context + "/secure/page", planted, "Authorization", BASIC);
        System.out.printf("[evidence] Jetty 12 BASIC %s: planted %s -> status %d, after %s, issued %s%n", context,
                planted, login.status(), login.get("after"), login.issuedId());
        assertEquals(200, login.status());
        assertEquals(EmbeddedTomcat.USER, login.get("user"), "BASIC authenticated alice");
        assertEquals("3 items", login.get("cart"), "the request ran in the planted session's data");
        return login;
    }

    /** FORM: visit a protected page with the planted id, then post j_security_check with it. */
    private static Reply formLogin(String context, String planted) throws Exception {
        Reply challenge = http.get(context + "/secure/page", planted);
        assertTrue(isRedirect(challenge), "FORM sends the anonymous visitor to the login page: " + challenge.status());
        Reply login = http.postForm(context + "/j_security_check",
                "j_username=" + EmbeddedTomcat.USER + "&j_password=" + EmbeddedTomcat.PASSWORD, planted);
        System.out.printf("[evidence] Jetty 12 FORM %s: planted %s -> status %d, issued %s%n", context, planted,
                login.status(), login.issuedId());
        assertTrue(isRedirect(login), "j_security_check redirects back to the page (303 after a POST): " + login.status());
        return login;
    }

    private static boolean isRedirect(Reply reply) {
        return reply.status() == 302 || reply.status() == 303;
    }

    @Test
    void basicLoginRenewsThePlantedIdByDefault() throws Exception {
        String planted = plant("/basic-default");
        Reply login = basicLogin("/basic-default", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as JSESSIONID");
        assertEquals("none", http.get("/basic-default/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/basic-default/whoami", login.get("after")).get("user"));
    }

    @Test
    void basicLoginKeepsThePlantedIdWhenRenewalIsOff() throws Exception {
        String planted = plant("/basic-kept");
        Reply login = basicLogin("/basic-kept", planted);
        assertEquals(planted, login.get("after"), "setSessionRenewedOnAuthentication(false): same id");
        assertTrue(login.issuedId().isEmpty(), "no new id issued");
        assertEquals(EmbeddedTomcat.USER, http.get("/basic-kept/whoami", planted).get("user"),
                "what the application stored at login is under the planted id");
    }

    @Test
    void formLoginRenewsThePlantedIdByDefault() throws Exception {
        String planted = plant("/form-default");
        Reply login = formLogin("/form-default", planted);
        assertTrue(login.issuedId().isPresent(), "a new id is issued");
        String renewed = login.issuedId().get();
        assertNotEquals(planted, renewed);
        assertTrue(isRedirect(http.get("/form-default/secure/page", planted)), "the planted id is not logged in");
        Reply page = http.get("/form-default/secure/page", renewed);
        assertEquals(200, page.status());
        assertEquals(EmbeddedTomcat.USER, page.get("user"));
    }

    @Test
    void formLoginLogsThePlantedIdInWhenRenewalIsOff() throws Exception {
        String planted = plant("/form-kept");
        Reply login = formLogin("/form-kept", planted);
        assertTrue(login.issuedId().isEmpty() || login.issuedId().get().equals(planted), "no new id issued");
        Reply page = http.get("/form-kept/secure/page", planted);
        System.out.printf("[evidence] Jetty 12 FORM /form-kept: planted %s -> protected page %d as %s in %s%n", planted,
                page.status(), page.get("user"), page.get("after"));
        assertEquals(200, page.status(), "the planted id opens the protected page");
        assertEquals(EmbeddedTomcat.USER, page.get("user"), "logged in as alice: fixation");
        assertEquals(planted, page.get("after"));
    }

    @Test
    void anApplicationLoginOnTheCoreSessionKeepsThePlantedId() throws Exception {
        String planted = plant("/app-login");
        Reply login = http.get("/app-login/login", planted);
        System.out.printf("[evidence] Jetty 12 core Session.setAttribute: planted %s -> after %s, issued %s%n", planted,
                login.get("session"), login.issuedId());
        assertEquals(planted, login.get("session"), "setAttribute keeps the id");
        assertEquals("3 items", login.get("cart"));
        assertEquals("alice", http.get("/app-login/whoami", planted).get("user"), "the planted id is logged in");
    }

    @Test
    void renewIdBeforeTheApplicationLoginGivesANewId() throws Exception {
        String planted = plant("/app-login");
        Reply login = http.get("/app-login/login-renewed", planted);
        System.out.printf("[evidence] Jetty 12 core Session.renewId: planted %s -> after %s, issued %s%n", planted,
                login.get("session"), login.issuedId());
        assertNotEquals(planted, login.get("session"));
        assertEquals(Optional.of(login.get("session")), login.issuedId(), "the new id is sent as JSESSIONID");
        assertEquals("none", http.get("/app-login/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals("alice", http.get("/app-login/whoami", login.get("session")).get("user"));
    }
}
