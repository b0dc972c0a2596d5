package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.http.SetCookie;
import io.helidon.webserver.Routing;
import io.helidon.webserver.WebServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Helidon SE 3.2.11 (the release the fixtures compile against; Helidon 4 needs Java 21) on its own WebServer, over
 * loopback HTTP: what {@code ServerResponse.headers().addCookie(...)} sends. A {@code SetCookie} from
 * {@code SetCookie.builder(name, value).build()} and the {@code addCookie(name, value)} form send neither Secure nor
 * HttpOnly nor SameSite (not even a Path), so SessionGuard must treat both as missing all three flags; a builder with
 * {@code secure(true).httpOnly(true).sameSite(SameSite.LAX)} sends all three, the fix the detector accepts.
 *
 * <p>Helidon's Netty 4.1.115 is left out (see pom.xml): the server runs on the Netty 4.1.125 Vert.x brings.
 */
@Timeout(60)
class Helidon3CookieDefaultsTest {

    private static WebServer server;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        Routing routing = Routing.builder()
                .get("/builder", (req, res) -> {
                    res.headers().addCookie(SetCookie.builder("n", "v").build());
                    res.send("ok");
                })
                .get("/name-value", (req, res) -> {
                    res.headers().addCookie("k", "v");
                    res.send("ok");
                })
                .get("/name-value-max-age", (req, res) -> {
                    res.headers().addCookie("k", "v", Duration.ofHours(1));
                    res.send("ok");
                })
                .get("/builder-flags", (req, res) -> {
                    res.headers().addCookie(SetCookie.builder("n", "v").secure(true).httpOnly(true)
                            .sameSite(SetCookie.SameSite.LAX).build());
                    res.send("ok");
                })
                .build();
        server = WebServer.builder().bindAddress(InetAddress.getLoopbackAddress()).port(0).routing(routing).build()
                .start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        http = new Loopback(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.shutdown().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    /** The one Set-Cookie header of a GET of {@code path}. */
    private static String setCookie(String path) throws Exception {
        List<String> headers = http.setCookies(path);
        assertEquals(1, headers.size(), headers.toString());
        System.out.println("[evidence] Helidon 3 " + path + ": Set-Cookie: " + headers.get(0));
        return headers.get(0);
    }

    private static void assertNoFlag(String header) {
        List<String> attributes = Loopback.cookieAttributes(header);
        assertFalse(attributes.contains("secure"), header);
        assertFalse(attributes.contains("httponly"), header);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), header);
    }

    @Test
    void builderCookieSendsNoSecureNoHttpOnlyNoSameSite() throws Exception {
        String header = setCookie("/builder");
        assertEquals("n=v", header, "name and value only");
        assertNoFlag(header);
    }

    @Test
    void nameValueFormSendsNoSecureNoHttpOnlyNoSameSite() throws Exception {
        String header = setCookie("/name-value");
        assertEquals("k=v", header, "name and value only");
        assertNoFlag(header);
    }

    @Test
    void nameValueMaxAgeFormSendsOnlyMaxAge() throws Exception {
        String header = setCookie("/name-value-max-age");
        assertEquals(List.of("max-age=3600"), Loopback.cookieAttributes(header), header);
        assertNoFlag(header);
    }

    @Test
    void builderWithEveryFlagSendsSecureHttpOnlyAndSameSiteLax() throws Exception {
        String header = setCookie("/builder-flags");
        assertEquals("n=v; Secure; HttpOnly; SameSite=Lax", header);
        List<String> attributes = Loopback.cookieAttributes(header);
        assertTrue(attributes.contains("secure"), header);
        assertTrue(attributes.contains("httponly"), header);
        assertTrue(attributes.contains("samesite=lax"), header);
    }
}
