package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sessionguard.evidence.Loopback.Reply;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Javalin 6.7 (its own Jetty 11 and Jetty's servlet sessions, cookie {@code JSESSIONID}), the release the fixtures
 * compile against, on requests that present a planted id. A login handler that checks the password and calls
 * {@code ctx.sessionAttribute("user", ...)} keeps the planted id, which is then logged in; the fixes the plugin's
 * message names, {@code ctx.req().changeSessionId()} or {@code invalidate()} and a new session before the write, give
 * a new id and the planted one opens nothing.
 *
 * <p>Jetty 11 runs here on the Servlet 6.1 API classes of tomcat-embed-core, which come first on the class path
 * (Javalin's servlet-api 5 jar only adds the classes 6.x removed); Jetty 12 is kept off the class path because its
 * packages are Jetty 11's (see {@link JettyRenewOnAuthenticationTest}).
 */
@Timeout(60)
class JavalinSessionLoginTest {

    private static Javalin app;
    private static Loopback http;

    @BeforeAll
    static void start() {
        app = Javalin.create();
        app.get("/plant", ctx -> {
            ctx.sessionAttribute("cart", "3 items");
            answer(ctx, Map.of("session", id(ctx)));
        });
        app.post("/login", ctx -> login(ctx, c -> { }));
        app.post("/login-change", ctx -> login(ctx, c -> c.req().changeSessionId()));
        app.post("/login-invalidate", ctx -> login(ctx, c -> {
            c.req().getSession().invalidate();
            c.req().getSession(true);
        }));
        app.get("/whoami", ctx -> {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("session", ctx.req().getSession(false) == null ? "none" : id(ctx));
            out.put("user", String.valueOf((Object) ctx.sessionAttribute("user")));
            out.put("cart", String.valueOf((Object) ctx.sessionAttribute("cart")));
            answer(ctx, out);
        });
        app.start("127.0.0.1", 0);
        http = new Loopback(app.port());
    }

    /** The id the session cookie carries: Jetty's extended id (cluster id plus ".node0"). */
    private static String id(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        return session == null ? "none" : ((org.eclipse.jetty.server.session.Session) session).getExtendedId();
    }

    /** The login handler people write: check the password, then (fix) {@code beforeWrite}, then store the user. */
    private static void login(Context ctx, Consumer<Context> beforeWrite) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("before", id(ctx));
        if (EmbeddedTomcat.USER.equals(ctx.formParam("username"))
                && EmbeddedTomcat.PASSWORD.equals(ctx.formParam("password"))) {
            beforeWrite.accept(ctx);
            ctx.sessionAttribute("user", EmbeddedTomcat.USER);
        }
        out.put("after", id(ctx));
        answer(ctx, out);
    }

    private static void answer(Context ctx, Map<String, String> out) {
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        ctx.contentType("text/plain;charset=UTF-8").result(text.toString());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        Reply login = Loopback.ranInPlantedSession("Javalin " + path, planted, http.postLogin(path, planted));
        return login;
    }

    @Test
    void sessionAttributeLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        http.assertPlantedIdLoggedIn(login("/login", planted), planted);
    }

    @Test
    void changeSessionIdBeforeTheWriteGivesANewId() throws Exception {
        String planted = http.plant();
        Reply renewed = http.assertRenewed(login("/login-change", planted), planted);
        assertEquals("3 items", renewed.get("cart"), "changeSessionId keeps the attributes");
    }

    @Test
    void invalidateAndNewSessionBeforeTheWriteGivesANewId() throws Exception {
        String planted = http.plant();
        Reply renewed = http.assertRenewed(login("/login-invalidate", planted), planted);
        assertEquals("null", renewed.get("cart"), "invalidate drops the old attributes");
    }
}
