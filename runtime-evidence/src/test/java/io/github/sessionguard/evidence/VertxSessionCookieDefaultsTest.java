package io.github.sessionguard.evidence;

import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Vert.x Web's {@code SessionHandler} really sends, over a real request: with its defaults the
 * session cookie {@code vertx-web.session} has neither Secure nor HttpOnly nor SameSite (the catalogue's
 * row judges those defaults as missing flags); configured, it has all three.
 */
class VertxSessionCookieDefaultsTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void defaultSessionCookieHasNoFlags() throws Exception {
        String cookie = sessionCookie(handler -> handler);
        assertTrue(cookie.startsWith("vertx-web.session="), cookie);
        List<String> attributes = attributes(cookie);
        assertFalse(attributes.contains("secure"), cookie);
        assertFalse(attributes.contains("httponly"), cookie);
        assertFalse(attributes.stream().anyMatch(a -> a.startsWith("samesite")), cookie);
    }

    @Test
    void configuredSessionCookieHasEveryFlag() throws Exception {
        String cookie = sessionCookie(handler -> handler.setCookieSecureFlag(true).setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.LAX));
        List<String> attributes = attributes(cookie);
        assertTrue(attributes.contains("secure"), cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=lax"), cookie);
    }

    /** The Set-Cookie header of the session cookie, for a first request that stores something in the session. */
    private String sessionCookie(UnaryOperator<SessionHandler> configure) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(configure.apply(SessionHandler.create(LocalSessionStore.create(vertx))));
        router.get("/login").handler(ctx -> {
            ctx.session().put("user", "alice");
            ctx.response().end("ok");
        });
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.actualPort() + "/login")).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.headers().allValues("set-cookie").stream()
                .filter(value -> value.startsWith("vertx-web.session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    private static List<String> attributes(String setCookie) {
        return java.util.Arrays.stream(setCookie.split(";")).skip(1)
                .map(part -> part.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
