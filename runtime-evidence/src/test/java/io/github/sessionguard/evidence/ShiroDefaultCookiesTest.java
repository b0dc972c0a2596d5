package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts behind SessionGuard's Shiro manager rows, on shiro-web (jakarta) in embedded Tomcat. The cookie a
 * {@code new CookieRememberMeManager()} writes ("rememberMe") and the session id cookie of a
 * {@code new DefaultWebSessionManager()} ("JSESSIONID") are HttpOnly and SameSite=Lax in both releases. With
 * Shiro 2.1.0 they are not Secure even on an HTTPS request; Shiro 2.2.0's managers switch Secure on, so they
 * are Secure on HTTPS requests. {@code getCookie().setSecure(true)} / {@code getSessionIdCookie().setSecure(true)}
 * on the manager's own cookie makes them Secure in both. (Requests are marked HTTPS the way a TLS proxy does,
 * {@code X-Forwarded-Proto} through Tomcat's {@code RemoteIpValve}; Shiro 2.2's {@code SimpleCookie.saveTo}
 * writes Secure only when both the cookie and the request are secure, which the test prints for plain HTTP.)
 */
@Timeout(120)
class ShiroDefaultCookiesTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.ShiroDefaultCookiesProbe";

    @Test
    void shiro21ManagerCookiesAreNeverSecureUnlessConfiguredInPlace(@TempDir Path baseDir) throws Exception {
        check(baseDir, "evidence.shiro.previous", false);
    }

    @Test
    void shiro22ManagerCookiesAreSecureOnHttpsByDefault(@TempDir Path baseDir) throws Exception {
        check(baseDir, "evidence.shiro.current", true);
    }

    private static void check(Path baseDir, String release, boolean secureByDefault) throws Exception {
        try (ShiroRelease shiro = ShiroRelease.load(ShiroRelease.property(release), true);
                EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir)) {
            Context context = tomcat.addContext("/shiro");
            org.apache.catalina.valves.RemoteIpValve proxy = new org.apache.catalina.valves.RemoteIpValve();
            proxy.setProtocolHeader("X-Forwarded-Proto");
            context.getPipeline().addValve(proxy);
            @SuppressWarnings("unchecked")
            BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> probe =
                    shiro.newProbe(PROBE, BiFunction.class);
            EmbeddedTomcat.addServlet(context, "/cookies", (req, resp, out) -> out.putAll(probe.apply(req, resp)));
            tomcat.start();
            List<String> defaults = setCookies(tomcat, "/shiro/cookies", "https");
            List<String> hardened = setCookies(tomcat, "/shiro/cookies?hardened=true", "https");
            System.out.println("[evidence] Shiro " + shiro.version + " manager cookies, defaults, HTTPS: " + defaults);
            System.out.println("[evidence] Shiro " + shiro.version + " manager cookies, hardened, HTTPS: " + hardened);
            System.out.println("[evidence] Shiro " + shiro.version + " manager cookies, hardened, plain HTTP: "
                    + setCookies(tomcat, "/shiro/cookies?hardened=true", "http"));
            for (String name : List.of("rememberMe", "JSESSIONID")) {
                List<String> plain = attributes(defaults, name);
                assertTrue(plain.contains("httponly"), name + " " + defaults);
                assertTrue(plain.contains("samesite=lax"), name + " " + defaults);
                assertEquals(secureByDefault, plain.contains("secure"), name + " " + defaults);
                assertTrue(attributes(hardened, name).contains("secure"), name + " " + hardened);
            }
        }
    }
    private static List<String> setCookies(EmbeddedTomcat tomcat, String path, String forwardedProto) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + path))
                        .header("X-Forwarded-Proto", forwardedProto)
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().allValues("Set-Cookie");
    }

    private static List<String> attributes(List<String> headers, String name) {
        String header = headers.stream().filter(h -> h.startsWith(name + "=") && !h.contains("deleteMe")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + headers));
        return Arrays.stream(header.split(";")).skip(1).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
