package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import play.Mode;
import play.mvc.Http;
import play.mvc.Results;
import play.routing.RoutingDsl;
import play.server.Server;

/**
 * Play 3.0.9 (Java API, the release the fixtures compile against) on its Pekko HTTP server, over loopback HTTP: what a
 * Result's {@code withCookies(...)} sends for a {@code play.mvc.Http.Cookie}. {@code Http.Cookie.builder(name, value)
 * .build()} sends HttpOnly (the builder's default) but neither Secure nor SameSite, so SessionGuard must treat a Play
 * cookie left at its defaults as missing Secure and SameSite, not HttpOnly; with {@code withSecure(true)} and
 * {@code withSameSite(SameSite.LAX)} it sends all three, the fix the detector accepts; {@code withHttpOnly(false)}
 * drops HttpOnly. Play's own session cookie ({@code PLAY_SESSION}, written by {@code addingToSession}) is recorded
 * too: HttpOnly and SameSite=Lax, not Secure. Headers seen: {@code n=v; Path=/; HTTPOnly} (defaults),
 * {@code n=v; SameSite=Lax; Path=/; Secure; HTTPOnly} (secure, Lax), {@code n=v; Path=/} (httpOnly false).
 *
 * <p>Play's Jackson Scala module is aligned with the class path's jackson-databind 2.16.1 (see pom.xml): the 2.14.3
 * Play brings refuses to start on it.
 */
@Timeout(60)
class PlayCookieDefaultsTest {

    private static Server server;
    private static Loopback http;

    @BeforeAll
    static void start() {
        String play = Http.Cookie.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(play.endsWith("/play_2.13-3.0.9.jar"), "Play 3.0.9 runs here: " + play);
        server = Server.forRouter(Mode.TEST, 0, components -> RoutingDsl.fromComponents(components)
                .GET("/cookie").routingTo(request -> Results.ok("ok")
                        .withCookies(Http.Cookie.builder("n", "v").build()))
                .GET("/cookie-flags").routingTo(request -> Results.ok("ok")
                        .withCookies(Http.Cookie.builder("n", "v").withSecure(true)
                                .withSameSite(Http.Cookie.SameSite.LAX).build()))
                .GET("/cookie-not-http-only").routingTo(request -> Results.ok("ok")
                        .withCookies(Http.Cookie.builder("n", "v").withHttpOnly(false).build()))
                .GET("/session").routingTo(request -> Results.ok("ok")
                        .addingToSession(request, "user", EmbeddedTomcat.USER))
                .build());
        http = new Loopback(server.httpPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The one Set-Cookie header named {@code name} of a GET of {@code path}. */
    private static String setCookie(String path, String name) throws Exception {
        List<String> headers = http.setCookies(path).stream().filter(h -> h.startsWith(name + "=")).toList();
        assertEquals(1, headers.size(), headers.toString());
        System.out.println("[evidence] Play " + path + ": Set-Cookie: " + headers.get(0));
        return headers.get(0);
    }

    @Test
    void builderDefaultsSendHttpOnlyButNoSecureNoSameSite() throws Exception {
        String header = setCookie("/cookie", "n");
        assertEquals("n=v; Path=/; HTTPOnly", header);
        List<String> attributes = Loopback.cookieAttributes(header);
        assertFalse(attributes.contains("secure"), header);
        assertTrue(attributes.contains("httponly"), header);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), header);
    }

    @Test
    void secureAndSameSiteLaxSendEveryFlag() throws Exception {
        String header = setCookie("/cookie-flags", "n");
        assertEquals("n=v; SameSite=Lax; Path=/; Secure; HTTPOnly", header);
        List<String> attributes = Loopback.cookieAttributes(header);
        assertTrue(attributes.contains("secure"), header);
        assertTrue(attributes.contains("httponly"), header);
        assertTrue(attributes.contains("samesite=lax"), header);
    }

    @Test
    void withHttpOnlyFalseSendsNoFlag() throws Exception {
        String header = setCookie("/cookie-not-http-only", "n");
        assertEquals("n=v; Path=/", header);
        List<String> attributes = Loopback.cookieAttributes(header);
        assertFalse(attributes.contains("secure"), header);
        assertFalse(attributes.contains("httponly"), header);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), header);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxButNotSecure() throws Exception {
        String header = setCookie("/session", "PLAY_SESSION");
        List<String> attributes = Loopback.cookieAttributes(header);
        assertEquals(List.of("samesite=lax", "path=/", "httponly"), attributes, header);
        assertFalse(attributes.contains("secure"), header);
        assertTrue(attributes.contains("httponly"), header);
        assertTrue(attributes.contains("samesite=lax"), header);
    }
}
