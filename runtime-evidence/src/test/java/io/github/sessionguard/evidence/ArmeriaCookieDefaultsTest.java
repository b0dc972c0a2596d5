package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.Server;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Armeria 1.33.4 (the release the fixtures compile against) on a real Armeria {@code Server}, over loopback HTTP: what
 * a response's {@code cookie(...)} sends. A {@code Cookie.builder(name, value).build()} and {@code Cookie.of(name,
 * value)} send neither Secure nor HttpOnly nor SameSite, so SessionGuard must treat them as missing all three flags;
 * {@code Cookie.secureBuilder(name, value).build()} and {@code Cookie.ofSecure(name, value)} send Secure, HttpOnly and
 * SameSite=Strict, the secure factories the detector accepts. The same holds whether the cookie goes through
 * {@code HttpResponse.builder().cookie(...)} or {@code ResponseHeaders.builder(...).cookie(...)}, and
 * {@code cookie.toSetCookieHeader()} of a builder cookie is the bare {@code n=v}. Headers seen: {@code n=v} (builder,
 * {@code of}), {@code n=v; Secure; HTTPOnly; SameSite=Strict} ({@code secureBuilder}, {@code ofSecure}).
 *
 * <p>Armeria runs on Netty 4.2, whose classes have the names of the Netty 4.1 that Vert.x, Blade, Jooby and Helidon run
 * on here. The build copies Armeria and the jars it needs at run time (Netty 4.2.6 without the native transports,
 * Jackson, Micrometer) into {@code target/armeria}; the server, {@link Probe}, is compiled with this class but loaded
 * in a class loader over those jars and the test classes whose parent is the platform loader.
 */
@Timeout(60)
class ArmeriaCookieDefaultsTest {

    private static URLClassLoader loader;
    private static AutoCloseable server;
    private static Loopback http;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        List<Path> jars = ProbeCompiler.jars(Paths.get(ShiroRelease.property("evidence.armeria.dir")));
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().equals("armeria-1.33.4.jar")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().equals("netty-transport-4.2.6.Final.jar")),
                jars.toString());
        List<URL> urls = new ArrayList<>();
        urls.add(ArmeriaCookieDefaultsTest.class.getProtectionDomain().getCodeSource().getLocation());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        loader = new URLClassLoader("armeria", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Object probe = Class.forName(ArmeriaCookieDefaultsTest.class.getName() + "$Probe", true, loader)
                .getDeclaredConstructor().newInstance();
        assertTrue(probe.getClass().getClassLoader() == loader, "the probe runs in the Armeria loader");
        server = (AutoCloseable) probe;
        http = new Loopback(((Callable<Integer>) probe).call());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (loader != null) {
                loader.close();
            }
        }
    }

    /**
     * The Armeria server, loaded in the isolated loader: {@code call()} starts it on an ephemeral loopback port and
     * answers the port, {@code close()} stops it. Each path answers one cookie; {@code /encoded} answers, as
     * {@code header=...}, what {@code toSetCookieHeader()} gives for a builder cookie and is the Armeria release.
     */
    public static final class Probe implements Callable<Integer>, AutoCloseable {
        private Server server;

        @Override
        public Integer call() {
            server = Server.builder()
                    .http(new InetSocketAddress("127.0.0.1", 0))
                    .gracefulShutdownTimeoutMillis(0, 0)
                    .service("/builder", (ctx, req) -> withCookie(Cookie.builder("n", "v").build()))
                    .service("/secure-builder", (ctx, req) -> withCookie(Cookie.secureBuilder("n", "v").build()))
                    .service("/of", (ctx, req) -> withCookie(Cookie.of("n", "v")))
                    .service("/of-secure", (ctx, req) -> withCookie(Cookie.ofSecure("n", "v")))
                    .service("/headers-builder", (ctx, req) -> HttpResponse.of(
                            ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.PLAIN_TEXT_UTF_8)
                                    .cookie(Cookie.builder("n", "v").build()).build(),
                            HttpData.ofUtf8("ok")))
                    .service("/encoded", (ctx, req) -> HttpResponse.of(MediaType.PLAIN_TEXT_UTF_8,
                            "header=" + Cookie.builder("n", "v").build().toSetCookieHeader() + "\nversion="
                                    + Cookie.class.getProtectionDomain().getCodeSource().getLocation().getPath()
                                    + "\n"))
                    .build();
            server.start().join();
            return server.activeLocalPort();
        }

        private static HttpResponse withCookie(Cookie cookie) {
            return HttpResponse.builder().ok().cookie(cookie).content("ok").build();
        }

        @Override
        public void close() {
            if (server != null) {
                server.stop().join();
            }
        }
    }

    /** The one Set-Cookie header of a GET of {@code path}. */
    private static String setCookie(String path) throws Exception {
        List<String> headers = http.setCookies(path);
        assertEquals(1, headers.size(), headers.toString());
        System.out.println("[evidence] Armeria " + path + ": Set-Cookie: " + headers.get(0));
        return headers.get(0);
    }

    private static void assertNoFlag(String header) {
        assertEquals("n=v", header, "name and value only");
        List<String> attributes = Loopback.cookieAttributes(header);
        assertFalse(attributes.contains("secure"), header);
        assertFalse(attributes.contains("httponly"), header);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), header);
    }

    private static void assertEveryFlagWithStrict(String header) {
        assertEquals("n=v; Secure; HTTPOnly; SameSite=Strict", header);
        List<String> attributes = Loopback.cookieAttributes(header);
        assertTrue(attributes.contains("secure"), header);
        assertTrue(attributes.contains("httponly"), header);
        assertTrue(attributes.contains("samesite=strict"), header);
    }

    @Test
    void builderCookieSendsNoSecureNoHttpOnlyNoSameSite() throws Exception {
        assertNoFlag(setCookie("/builder"));
    }

    @Test
    void builderCookieInResponseHeadersSendsNoFlagEither() throws Exception {
        assertNoFlag(setCookie("/headers-builder"));
    }

    @Test
    void ofSendsNoSecureNoHttpOnlyNoSameSite() throws Exception {
        assertNoFlag(setCookie("/of"));
    }

    @Test
    void secureBuilderSendsSecureHttpOnlyAndSameSiteStrict() throws Exception {
        assertEveryFlagWithStrict(setCookie("/secure-builder"));
    }

    @Test
    void ofSecureSendsSecureHttpOnlyAndSameSiteStrict() throws Exception {
        assertEveryFlagWithStrict(setCookie("/of-secure"));
    }

    @Test
    void toSetCookieHeaderOfABuilderCookieHasNoFlag() throws Exception {
        Loopback.Reply reply = http.get("/encoded", null);
        System.out.println("[evidence] Armeria Cookie.builder(\"n\", \"v\").build().toSetCookieHeader(): "
                + reply.get("header") + " (from " + reply.get("version") + ")");
        assertTrue(reply.get("version").endsWith("/armeria-1.33.4.jar"), reply.get("version"));
        assertNoFlag(reply.get("header"));
    }
}
