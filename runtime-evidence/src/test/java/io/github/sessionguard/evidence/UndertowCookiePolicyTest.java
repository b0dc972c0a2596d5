package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SecureCookieCommitListener;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.server.handlers.SameSiteCookieHandler;
import io.undertow.server.handlers.SecureCookieHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Undertow core's app-wide cookie handlers, on real requests over loopback (plain HTTP, as behind a TLS-terminating
 * proxy): {@code SameSiteCookieHandler(next, mode)} gives every response cookie that SameSite, replacing the
 * cookie's own; with a name pattern only the cookies it matches; {@code SecureCookieCommitListener} added to every
 * exchange makes every cookie Secure; {@code SecureCookieHandler} does so only on HTTPS exchanges, so a plain HTTP
 * exchange sends the cookie without Secure. The facts behind crediting the first two as policies and not the
 * third (fixtures {@code policies/undertow}, {@code policies/undertownamed}).
 */
@Timeout(60)
class UndertowCookiePolicyTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sets two cookies: one with nothing set, one asking for SameSite=None itself. */
    private static void setCookies(HttpServerExchange exchange) {
        exchange.setResponseCookie(new CookieImpl("theme", "dark").setPath("/"));
        exchange.setResponseCookie(new CookieImpl("remember_me", "t0k3n").setPath("/").setSameSiteMode("None"));
        exchange.getResponseSender().send("ok");
    }

    @Test
    void sameSiteHandlerAndSecureListenerHardenEveryCookie() throws Exception {
        HttpHandler secureEverywhere = exchange -> {
            exchange.addResponseCommitListener(SecureCookieCommitListener.INSTANCE);
            setCookies(exchange);
        };
        List<String> cookies = setCookieHeaders(new SameSiteCookieHandler(secureEverywhere, "Strict"));
        System.out.printf("[evidence] Undertow SameSiteCookieHandler(\"Strict\") + SecureCookieCommitListener: %s%n",
                cookies);
        assertEquals(2, cookies.size());
        for (String cookie : cookies) {
            assertTrue(has(cookie, "samesite=strict"), "the handler's mode, replacing the cookie's own: " + cookie);
            assertTrue(has(cookie, "secure"), "the listener's Secure on plain HTTP: " + cookie);
            assertFalse(has(cookie, "httponly"), "neither touches HttpOnly: " + cookie);
        }
    }

    @Test
    void aNamePatternNarrowsTheSameSiteHandler() throws Exception {
        List<String> cookies = setCookieHeaders(new SameSiteCookieHandler(UndertowCookiePolicyTest::setCookies, "Lax",
                "remember.*"));
        System.out.printf("[evidence] Undertow SameSiteCookieHandler(\"Lax\", \"remember.*\"): %s%n", cookies);
        assertFalse(has(cookie(cookies, "theme"), "samesite"), "a name the pattern does not match keeps none");
        assertTrue(has(cookie(cookies, "remember_me"), "samesite=lax"), "a matching name gets the mode");
    }

    @Test
    void secureCookieHandlerLeavesPlainHttpCookiesWithoutSecure() throws Exception {
        List<String> cookies = setCookieHeaders(new SecureCookieHandler(UndertowCookiePolicyTest::setCookies));
        System.out.printf("[evidence] Undertow SecureCookieHandler on plain HTTP: %s%n", cookies);
        assertEquals(2, cookies.size());
        for (String cookie : cookies) {
            assertFalse(has(cookie, "secure"), "Secure only on HTTPS exchanges: " + cookie);
        }
    }

    private static List<String> setCookieHeaders(HttpHandler root) throws Exception {
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(root).build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.headers().allValues("Set-Cookie");
        } finally {
            server.stop();
        }
    }

    private static String cookie(List<String> headers, String name) {
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + headers));
    }

    /** Does the header carry this attribute (name, or name=value), in any case? */
    private static boolean has(String header, String attribute) {
        for (String part : header.split(";")) {
            String lower = part.trim().toLowerCase(Locale.ROOT);
            if (lower.equals(attribute) || !attribute.contains("=") && lower.startsWith(attribute + "=")) {
                return true;
            }
        }
        return false;
    }
}
