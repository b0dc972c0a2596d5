package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.blade.Blade;
import com.blade.mvc.RouteContext;
import com.blade.mvc.WebContext;
import com.blade.mvc.http.Cookie;
import com.blade.mvc.http.Session;
import com.blade.mvc.http.session.SessionManager;
import io.github.sessionguard.evidence.Loopback.Reply;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blade 2.0's session (blade-mvc 2.0.15, on its own Netty server) with a planted {@code SESSION} id: Blade keeps
 * its sessions in a map keyed by the id the browser presents, and its {@code Session} has no call that changes the
 * id, so {@code session.attribute("user", ...)} after a password check leaves the planted id logged in. Taking
 * the session out of the store ({@code SessionManager.destorySession}), giving it a new id and putting it back
 * first makes Blade send the new id, and leaves the planted one worthless. Cookies:
 * {@code response.cookie(name, value[, maxAge])} sends neither Secure nor HttpOnly, the forms with {@code secured}
 * only Secure, and a Blade {@code Cookie} what its {@code secure}/{@code httpOnly} say; none sends SameSite.
 */
@Timeout(60)
class BladeSessionLoginTest {
    private static final String COOKIE = "SESSION";

    private static Blade blade;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        blade = Blade.of().listen("127.0.0.1", port)
                .get("/plant", ctx -> answer(ctx, (c, out) -> {
                    c.session().attribute("cart", "3 items");
                    out.put("session", c.session().id());
                }))
                .get("/whoami", ctx -> answer(ctx, (c, out) -> {
                    out.put("session", c.session().id());
                    out.put("user", String.valueOf((Object) c.session().attribute("user")));
                    out.put("cart", String.valueOf((Object) c.session().attribute("cart")));
                }))
                .get("/login", ctx -> answer(ctx, (c, out) -> {
                    out.put("before", c.session().id());
                    if (EmbeddedTomcat.USER.equals(c.query("username"))
                            && EmbeddedTomcat.PASSWORD.equals(c.query("password"))) {
                        c.session().attribute("user", c.query("username"));
                    }
                    out.put("after", c.session().id());
                }))
                .get("/login-renewed", ctx -> answer(ctx, (c, out) -> {
                    out.put("before", c.session().id());
                    if (EmbeddedTomcat.USER.equals(c.query("username"))
                            && EmbeddedTomcat.PASSWORD.equals(c.query("password"))) {
                        SessionManager sessions = WebContext.blade().sessionManager();
                        Session session = c.session();
                        sessions.destorySession(session);
                        session.id(UUID.randomUUID().toString().replace("-", ""));
                        sessions.createSession(session);
                        session.attribute("user", c.query("username"));
                    }
                    out.put("after", c.session().id());
                }))
                .get("/cookie", ctx -> answer(ctx, (c, out) -> c.response().cookie("remember-me", "t0k3n", 3600)))
                .get("/cookie-secured", ctx -> answer(ctx, (c, out) ->
                        c.response().cookie("/", "remember-me", "t0k3n", 3600, true)))
                .get("/cookie-object", ctx -> answer(ctx, (c, out) -> {
                    Cookie cookie = new Cookie();
                    cookie.name("remember-me");
                    cookie.value("t0k3n");
                    cookie.secure(true);
                    cookie.httpOnly(true);
                    c.response().cookie(cookie);
                }))
                .start(BladeSessionLoginTest.class).await();
        http = new Loopback(port, COOKIE);
    }

    @AfterAll
    static void stop() {
        if (blade != null) {
            blade.stop();
        }
    }

    private static void answer(RouteContext ctx, BiConsumer<RouteContext, Map<String, String>> fill) {
        Map<String, String> out = new LinkedHashMap<>();
        fill.accept(ctx, out);
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        ctx.text(text.toString());
    }

    @Test
    void sessionAttributeKeepsThePlantedId() throws Exception {
        String planted = http.get("/plant", null).get("session");
        Reply login = Loopback.ranInPlantedSession("Blade /login", planted, http.get("/login?username="
                + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted));
        assertEquals(planted, login.get("after"), "same id after the write");
        // Blade writes its session cookie on every response: here the planted id again.
        assertEquals(planted, login.issuedId().orElse(planted), "no new session id sent");
        Reply attacker = http.get("/whoami", planted);
        assertEquals(EmbeddedTomcat.USER, attacker.get("user"), "the planted id now carries the user: fixation");
        assertEquals("3 items", attacker.get("cart"), "in the attacker's own session");
    }

    @Test
    void aNewIdInTheStoreBeforeTheWriteLeavesThePlantedIdWorthless() throws Exception {
        String planted = http.get("/plant", null).get("session");
        Reply login = Loopback.ranInPlantedSession("Blade /login-renewed", planted, http.get("/login-renewed?username="
                + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted));
        assertTrue(!planted.equals(login.get("after")), "a new id inside the login");
        assertEquals(login.get("after"), login.issuedId().orElse(null), "the new id is sent as the SESSION cookie");
        assertEquals("null", http.get("/whoami", planted).get("user"), "the planted id carries nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", login.get("after")).get("user"), "the new id carries the user");
    }

    @Test
    void responseCookieSendsNeitherSecureNorHttpOnly() throws Exception {
        List<String> attributes = attributes("/cookie");
        System.out.println("[evidence] Blade response.cookie(name, value, maxAge) attributes: " + attributes);
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void securedFormSendsSecureButNoHttpOnly() throws Exception {
        List<String> attributes = attributes("/cookie-secured");
        System.out.println("[evidence] Blade response.cookie(path, name, value, maxAge, true) attributes: " + attributes);
        assertTrue(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
    }

    @Test
    void cookieObjectSendsWhatItSays() throws Exception {
        List<String> attributes = attributes("/cookie-object");
        System.out.println("[evidence] Blade Cookie with secure(true), httpOnly(true) attributes: " + attributes);
        assertTrue(attributes.contains("secure"), attributes.toString());
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    /** The attributes of the probe's one remember-me cookie (Blade adds its session cookie beside it). */
    private static List<String> attributes(String path) throws Exception {
        return http.cookieAttributes(path, "remember-me=t0k3n");
    }
}
