package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import io.jooby.Context;
import io.jooby.Cookie;
import io.jooby.Jooby;
import io.jooby.SameSite;
import io.jooby.Server;
import io.jooby.ServerOptions;
import io.jooby.Session;
import io.jooby.netty.NettyServer;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jooby 3.6.1 (the release the fixtures compile against) on a real server, over loopback HTTP.
 *
 * <p>Cookies: {@code ctx.setResponseCookie(new Cookie(name, value))} sends neither Secure nor HttpOnly nor SameSite,
 * so SessionGuard must treat a Jooby {@code Cookie} left at its defaults as missing all three flags; with
 * {@code setSecure(true).setHttpOnly(true).setSameSite(SameSite.LAX)} all three are sent, which is what the
 * detector accepts as the fix. The session cookie {@code jooby.sid} of Jooby's default session store
 * ({@code SessionStore.memory()}) is recorded too: {@code jooby.sid=<id>;Path=/;HttpOnly}, so HttpOnly, but neither
 * Secure nor SameSite.
 *
 * <p>Session ids: a session opened before login (anonymously) keeps its id when the login handler writes
 * {@code ctx.session().put("user", ...)} (the login's response even sends {@code jooby.sid} again, with the planted id),
 * so an id planted before login ends up logged in (fixation), the pattern the detector reports; {@code ctx.session().renewId()} before the write gives a new id and the old one then finds no
 * user, the fix the detector accepts.
 *
 * <p>Central has no Jooby server module at 3.6.1 (nor 3.6.0 or 3.6.2): the server here is jooby-netty 3.5.5, the
 * nearest release that has one, running Jooby core 3.6.1 (checked below from the jar the classes come from) on
 * Vert.x's Netty 4.1. The Set-Cookie value is built by the core ({@code Cookie.toCookieString()}, called from
 * {@code NettyContext.setResponseCookie}), and the session code (SessionImpl, MemorySessionStore, SessionStore,
 * SessionToken, Cookie) is byte-for-byte the same in Jooby core 3.5.5 and 3.6.1 ({@code javap -c} shows no
 * difference).
 */
@Timeout(60)
class JoobyCookieDefaultsTest {
    private static final String SID = "jooby.sid";

    private static Server server;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        String core = Jooby.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(core.endsWith("/jooby-3.6.1.jar"), "Jooby core 3.6.1 runs here: " + core);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Jooby app = new Jooby();
        app.get("/cookie", ctx -> answer(ctx, (c, out) -> c.setResponseCookie(new Cookie("n", "v"))));
        app.get("/cookie-flags", ctx -> answer(ctx, (c, out) -> c.setResponseCookie(new Cookie("n", "v")
                .setSecure(true).setHttpOnly(true).setSameSite(SameSite.LAX))));
        app.get("/plant", ctx -> answer(ctx, (c, out) -> {
            c.session().put("cart", "1");
            out.put("session", c.session().getId());
        }));
        app.get("/login", ctx -> answer(ctx, (c, out) -> login(c, out, false)));
        app.get("/login-renewed", ctx -> answer(ctx, (c, out) -> login(c, out, true)));
        app.get("/whoami", ctx -> answer(ctx, (c, out) -> {
            Session session = c.sessionOrNull();
            out.put("session", session == null ? "none" : session.getId());
            out.put("user", session == null ? "null" : String.valueOf(session.toMap().get("user")));
            out.put("cart", session == null ? "null" : String.valueOf(session.toMap().get("cart")));
        }));
        ServerOptions options = new ServerOptions().setPort(port);
        options.setHost("127.0.0.1");
        server = new NettyServer().setOptions(options);
        server.start(app);
        http = new Loopback(port, SID);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The login handler people write: check the password, then (fix) renew the id, then store the user. */
    private static void login(Context ctx, Map<String, String> out, boolean renew) {
        out.put("before", ctx.session().getId());
        if (EmbeddedTomcat.USER.equals(ctx.query("username").valueOrNull())
                && EmbeddedTomcat.PASSWORD.equals(ctx.query("password").valueOrNull())) {
            if (renew) {
                ctx.session().renewId();
            }
            ctx.session().put("user", EmbeddedTomcat.USER);
        }
        out.put("after", ctx.session().getId());
    }

    private static String answer(Context ctx, BiConsumer<Context, Map<String, String>> fill) {
        Map<String, String> out = new LinkedHashMap<>();
        fill.accept(ctx, out);
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("Jooby " + path, planted, http.get(path + "?username="
                + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted));
    }

    /** The one Set-Cookie header named {@code name} of a GET of {@code path} that presents no session. */
    private static String setCookie(String path, String name) throws Exception {
        List<String> headers = http.setCookies(path).stream().filter(h -> h.startsWith(name + "=")).toList();
        assertEquals(1, headers.size(), headers.toString());
        System.out.println("[evidence] Jooby " + path + ": Set-Cookie: " + headers.get(0));
        return headers.get(0);
    }

    @Test
    void defaultCookieSendsNoSecureNoHttpOnlyNoSameSite() throws Exception {
        String header = setCookie("/cookie", "n");
        List<String> attributes = Loopback.cookieAttributes(header);
        assertEquals("n=v;Path=/", header, "only the Path the server fills in");
        assertFalse(attributes.contains("secure"), header);
        assertFalse(attributes.contains("httponly"), header);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), header);
    }

    @Test
    void cookieWithEveryFlagSendsSecureHttpOnlyAndSameSiteLax() throws Exception {
        String header = setCookie("/cookie-flags", "n");
        List<String> attributes = Loopback.cookieAttributes(header);
        assertEquals("n=v;Path=/;SameSite=Lax;Secure;HttpOnly", header);
        assertTrue(attributes.contains("secure"), header);
        assertTrue(attributes.contains("httponly"), header);
        assertTrue(attributes.contains("samesite=lax"), header);
    }

    @Test
    void defaultSessionCookieIsHttpOnlyButNeitherSecureNorSameSite() throws Exception {
        String header = setCookie("/plant", SID);
        List<String> attributes = Loopback.cookieAttributes(header);
        assertEquals(List.of("path=/", "httponly"), attributes, header);
        assertTrue(attributes.contains("httponly"), header);
        assertFalse(attributes.contains("secure"), header);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), header);
    }

    @Test
    void sessionPutAtLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login", planted);
        assertEquals(planted, login.get("after"), "same id after the write");
        // Jooby sends jooby.sid again on the login's response: with the planted id, not a new one.
        assertEquals(Optional.of(planted), login.issuedId(), "the session cookie sent back is the planted id");
        Reply attacker = http.get("/whoami", planted);
        assertEquals(planted, attacker.get("session"));
        assertEquals(EmbeddedTomcat.USER, attacker.get("user"), "the planted id now carries the user: fixation");
        assertEquals("1", attacker.get("cart"), "in the session opened before login");
    }

    @Test
    void renewIdBeforeThePutGivesANewIdAndThePlantedOneFindsNoUser() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-renewed", planted);
        assertNotEquals(planted, login.get("after"), "a new id inside the login");
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as jooby.sid");
        Reply attacker = http.get("/whoami", planted);
        assertNotEquals(planted, attacker.get("session"), "the planted id no longer opens its session");
        assertEquals("null", attacker.get("user"), "the planted id finds no user");
        Reply renewed = http.get("/whoami", login.get("after"));
        assertEquals(login.get("after"), renewed.get("session"));
        assertEquals(EmbeddedTomcat.USER, renewed.get("user"), "the new id carries the user");
        assertEquals("1", renewed.get("cart"), "renewId keeps the attributes");
    }
}
