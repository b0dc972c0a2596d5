package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Vert.x Web 4.5 ({@code SessionHandler} over a {@code LocalSessionStore}, the release the fixtures compile against)
 * on requests that present a planted {@code vertx-web.session} id. A login handler that checks the password and
 * {@code session.put}s the user keeps the planted id, which is then logged in; {@code session.regenerateId()} before
 * the put gives a new id (sent as the cookie), the old one opens nothing, and the session's data moves along.
 */
@Timeout(60)
class VertxSessionLoginTest {

    private static final String COOKIE = "vertx-web.session";

    private static Vertx vertx;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx)));
        router.get("/plant").handler(ctx -> {
            ctx.session().put("cart", "3 items");
            answer(ctx, Map.of("session", ctx.session().id()));
        });
        router.post("/login").handler(ctx -> login(ctx, session -> { }));
        router.post("/login-regenerate").handler(ctx -> login(ctx, Session::regenerateId));
        router.get("/whoami").handler(ctx -> {
            Session session = ctx.session();
            Map<String, String> out = new LinkedHashMap<>();
            // An unknown id gets a fresh, empty session with a new id.
            out.put("session", session.id());
            out.put("user", String.valueOf((Object) session.get("user")));
            out.put("cart", String.valueOf((Object) session.get("cart")));
            answer(ctx, out);
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        http = new Loopback(server.actualPort(), COOKIE);
    }

    /** The login handler people write: check the password, then (fix) {@code beforePut}, then put the user. */
    private static void login(RoutingContext ctx, Consumer<Session> beforePut) {
        Session session = ctx.session();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("before", session.id());
        if (EmbeddedTomcat.USER.equals(ctx.request().getFormAttribute("username"))
                && EmbeddedTomcat.PASSWORD.equals(ctx.request().getFormAttribute("password"))) {
            beforePut.accept(session);
            session.put("user", EmbeddedTomcat.USER);
        }
        out.put("after", session.id());
        answer(ctx, out);
    }

    private static void answer(RoutingContext ctx, Map<String, String> out) {
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        ctx.response().putHeader("Content-Type", "text/plain;charset=UTF-8").end(text.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        Reply login = Loopback.ranInPlantedSession("Vert.x Web " + path, planted, http.postLogin(path, planted));
        return login;
    }

    @Test
    void sessionPutLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login", planted);
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty() || login.issuedId().get().equals(planted), "no new id issued");
        Reply whoami = http.get("/whoami", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals(EmbeddedTomcat.USER, whoami.get("user"), "the planted id is logged in: fixation");
    }

    @Test
    void regenerateIdBeforeThePutGivesANewId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-regenerate", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as the cookie");
        Reply old = http.get("/whoami", planted);
        assertNotEquals(planted, old.get("session"), "the planted id is no longer in the store (a fresh session opens)");
        assertEquals("null", old.get("user"));
        Reply renewed = http.get("/whoami", login.get("after"));
        assertEquals(EmbeddedTomcat.USER, renewed.get("user"));
        assertEquals("3 items", renewed.get("cart"), "the session's data moves to the new id");
    }
}
