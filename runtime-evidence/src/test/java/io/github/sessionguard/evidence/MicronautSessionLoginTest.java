package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.session.Session;
import io.micronaut.session.SessionStore;
import io.micronaut.session.http.SessionForRequest;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Micronaut 4 HTTP sessions (micronaut-session 4.4.0: {@code HttpSessionFilter}, the in-memory {@code SessionStore},
 * id in the {@code SESSION} cookie) on the Netty HTTP server, with a {@code @Controller} compiled by Micronaut's
 * annotation processor, on requests that present a planted id.
 *
 * <ul>
 *   <li>A login method that receives the request's {@link Session} (opened anonymously by an earlier request) and,
 *       after the password check, calls {@code session.put("customerId", 42L)} keeps the id the client presented:
 *       the planted id then carries the customer. For SessionGuard's catalogue, Micronaut's {@code Session.put}
 *       ({@code MutableConvertibleValues.put}) is a session write that keeps the id: micronaut-session has no
 *       "change the id" call, and nothing in the framework renews it on login.</li>
 *   <li>The fix a Micronaut application can write: {@code sessionStore.deleteSession(session.getId())}, then
 *       {@code SessionForRequest.create(sessionStore, request)} (a new store session, bound to the request so that
 *       {@code HttpSessionFilter} saves it and sends its id as the cookie) and the {@code put} on that one. A new id
 *       is sent, and the planted id finds nothing.</li>
 *   <li>Not a fix: {@code sessionStore.newSession()} (and even {@code save}) without binding it to the request. The
 *       filter still answers with the request's old, deleted session (its id sent again as the cookie; it is not put
 *       back in the store), so the client never learns the new id.</li>
 *   <li>What the {@code SESSION} cookie carries by default on plain HTTP: {@code Path=/} and {@code HttpOnly}; no
 *       {@code Secure} (it follows {@code request.isSecure()} unless {@code micronaut.session.http.cookie-secure} is
 *       set) and no {@code SameSite} (only when configured).</li>
 *   <li>The id travels in a header as well, by default ({@code HeadersHttpSessionIdStrategy}, on unless
 *       {@code micronaut.session.http.header} is {@code false}): each response that has a session carries
 *       {@code Authorization-Info: <id>} (the id itself, not Base64; only the first configured header name is
 *       written), and a request presenting the id, with no cookie, in {@code Authorization-Info} or in
 *       {@code X-Auth-Token} (the second default name) is in that session.</li>
 * </ul>
 *
 * <p>The cookie carries the id Base64-encoded ({@code micronaut.session.http.base64-encode}, true by default), so the
 * controller reports each session as the cookie's value ({@code session}) beside {@code Session.getId()} ({@code id}).
 *
 * <p>In bytecode the login's write is {@code INVOKEINTERFACE io/micronaut/session/Session.put
 * (Ljava/lang/CharSequence;Ljava/lang/Object;)Lio/micronaut/core/convert/value/MutableConvertibleValues;}: {@code Session}
 * declares no {@code put} of its own (it is {@code MutableConvertibleValues}'), javac names the receiver's type.
 *
 * <p>Micronaut core runs here at 4.8.11, of the last release line on Netty 4.1, on the Netty of Vert.x (see pom.xml).
 * No JSON module is on the class path: {@link PlainErrorBody} stands in for the JSON error body its server asks for.
 */
@Timeout(60)
class MicronautSessionLoginTest {

    private static final String COOKIE = "SESSION";

    private static ApplicationContext context;
    private static Loopback http;
    private static int port;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run(Map.of(
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", -1,
                "sessionguard.evidence", "micronaut-session"));
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        port = server.getPort();
        http = new Loopback(port, COOKIE);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** The value the {@code SESSION} cookie carries for {@code session} by default: Base64 of its id. */
    static String cookieValue(Session session) {
        return Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
    }

    static String answer(Map<String, String> out) {
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    /** The application's controller: only in this test's application context. */
    @Controller
    @Requires(property = "sessionguard.evidence", value = "micronaut-session")
    public static class LoginController {

        private final SessionStore<Session> sessionStore;

        public LoginController(SessionStore<Session> sessionStore) {
            this.sessionStore = sessionStore;
        }

        /** The attacker's first step: an anonymous session (a cart), whose id the cookie carries. */
        @Get(uri = "/plant", produces = MediaType.TEXT_PLAIN)
        public String plant(Session session) {
            session.put("cart", "1");
            return answer(Map.of("session", cookieValue(session)));
        }

        /** The login people write: check the password, then put the customer in the request's session. */
        @Post(uri = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_PLAIN)
        public String login(@Body Map<String, String> form, Session session) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("before", cookieValue(session));
            if (passwordMatches(form)) {
                session.put("customerId", 42L);
            }
            out.put("after", cookieValue(session));
            return answer(out);
        }

        /** The fix: delete the presented session from the store, open a new one for this request, put there. */
        @Post(uri = "/login-renew", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_PLAIN)
        public String loginRenew(@Body Map<String, String> form, Session session, HttpRequest<?> request) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("before", cookieValue(session));
            Session current = session;
            if (passwordMatches(form)) {
                out.put("deleted", String.valueOf(sessionStore.deleteSession(session.getId()).join()));
                current = SessionForRequest.create(sessionStore, request);
                current.put("customerId", 42L);
            }
            out.put("after", cookieValue(current));
            return answer(out);
        }

        /**
         * Not a fix: delete the presented session, then {@code sessionStore.newSession()} and {@code save} it, without
         * binding it to the request.
         */
        @Post(uri = "/login-unbound", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_PLAIN)
        public String loginUnbound(@Body Map<String, String> form, Session session) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("before", cookieValue(session));
            Session current = session;
            if (passwordMatches(form)) {
                out.put("deleted", String.valueOf(sessionStore.deleteSession(session.getId()).join()));
                current = sessionStore.newSession();
                current.put("customerId", 42L);
                sessionStore.save(current).join();
            }
            out.put("after", cookieValue(current));
            return answer(out);
        }

        /** What a presented id is worth: {@code none} when the store has no session for it. */
        @Get(uri = "/whoami", produces = MediaType.TEXT_PLAIN)
        public String whoami(Optional<Session> session) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("session", session.map(MicronautSessionLoginTest::cookieValue).orElse("none"));
            out.put("id", session.map(Session::getId).orElse("none"));
            out.put("customerId", String.valueOf(session.flatMap(s -> s.get("customerId", Long.class)).orElse(null)));
            out.put("cart", String.valueOf(session.flatMap(s -> s.get("cart", String.class)).orElse(null)));
            return answer(out);
        }

        private static boolean passwordMatches(Map<String, String> form) {
            return EmbeddedTomcat.USER.equals(form.get("username")) && EmbeddedTomcat.PASSWORD.equals(form.get("password"));
        }
    }

    /**
     * The error body Micronaut's server asks for (a JSON module's bean in an application; none is on this class path):
     * plain text, only seen if a request fails.
     */
    @Singleton
    @Requires(property = "sessionguard.evidence", value = "micronaut-session")
    public static class PlainErrorBody implements JsonErrorResponseBodyProvider<Object> {
        @Override
        public Object body(ErrorContext context, HttpResponse<?> response) {
            return "error=" + response.code() + " " + context.getRootCause().map(Throwable::toString).orElse("") + "\n";
        }

        @Override
        public String contentType() {
            return MediaType.TEXT_PLAIN;
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("Micronaut " + path, planted, http.postLogin(path, planted));
    }

    @Test
    void sessionPutLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login", planted);
        assertEquals(planted, login.get("after"));
        assertEquals(Optional.of(planted), login.issuedId(), "no new id: the SESSION cookie is sent again with the planted id");
        Reply whoami = http.get("/whoami", planted);
        System.out.printf("[evidence] Micronaut /whoami with the planted id after /login: %s%n", whoami.body());
        assertEquals(planted, whoami.get("session"));
        assertEquals("42", whoami.get("customerId"), "the planted id now carries the customer: fixation");
        assertEquals("1", whoami.get("cart"));
    }

    @Test
    void deleteSessionAndNewSessionForRequestGivesANewId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-renew", planted);
        assertEquals("true", login.get("deleted"));
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as the SESSION cookie");
        Reply old = http.get("/whoami", planted);
        System.out.printf("[evidence] Micronaut /whoami with the planted id after /login-renew: %s%n", old.body());
        assertEquals("none", old.get("session"), "the planted id finds nothing");
        Reply renewed = http.get("/whoami", login.get("after"));
        System.out.printf("[evidence] Micronaut /whoami with the new id after /login-renew: %s%n", renewed.body());
        assertEquals(login.get("after"), renewed.get("session"));
        assertEquals("42", renewed.get("customerId"));
        assertEquals("null", renewed.get("cart"), "a new session: the anonymous data does not move along");
    }

    @Test
    void newSessionNotBoundToTheRequestIsNeverSent() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-unbound", planted);
        assertEquals("true", login.get("deleted"));
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(planted), login.issuedId(),
                "the filter answers with the request's (deleted) session: the planted id is sent again, the new one never");
        Reply fresh = http.get("/whoami", login.get("after"));
        assertEquals("42", fresh.get("customerId"), "the new session was saved, under an id the client does not have");
        Reply old = http.get("/whoami", planted);
        System.out.printf("[evidence] Micronaut /login-unbound issued %s; /whoami with the planted id: %s%n",
                login.issuedId(), old.body());
        assertEquals("null", old.get("customerId"), "the planted id does not carry the customer");
    }

    @Test
    void theIdAlsoTravelsInTheAuthorizationInfoHeader() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> plant = client.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/plant")).GET().build(), BodyHandlers.ofString());
        String cookieValue = plant.body().trim().substring("session=".length());
        String id = new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8);
        System.out.printf("[evidence] Micronaut /plant: Authorization-Info %s, Set-Cookie %s%n",
                plant.headers().allValues("Authorization-Info"), plant.headers().allValues("Set-Cookie"));
        assertEquals(List.of(id), plant.headers().allValues("Authorization-Info"), "the raw id, in a response header");
        Reply byHeader = http.get("/whoami", null, "Authorization-Info", id);
        assertEquals(cookieValue, byHeader.get("session"), "a request presenting the header alone is in the session");
        assertEquals("1", byHeader.get("cart"));
        Reply byOtherHeader = http.get("/whoami", null, "X-Auth-Token", id);
        assertEquals(cookieValue, byOtherHeader.get("session"), "X-Auth-Token is read too");
        assertEquals("1", byOtherHeader.get("cart"));
    }

    @Test
    void sessionCookieDefaults() throws Exception {
        List<String> setCookies = http.setCookies("/plant");
        System.out.printf("[evidence] Micronaut /plant Set-Cookie: %s%n", setCookies);
        List<String> session = setCookies.stream().filter(h -> h.startsWith(COOKIE + "=")).toList();
        assertEquals(1, session.size(), setCookies.toString());
        List<String> attributes = Loopback.cookieAttributes(session.get(0));
        assertTrue(attributes.contains("path=/"), attributes.toString());
        assertTrue(attributes.contains("httponly"), "HttpOnly by default: " + attributes);
        assertFalse(attributes.contains("secure"), "no Secure on plain HTTP by default: " + attributes);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), "no SameSite by default: " + attributes);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("max-age") || a.startsWith("expires")),
                "a browser-session cookie by default: " + attributes);
    }
}
