package io.github.sessionguard.evidence;

import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Context;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fact behind SessionGuard's Tomcat policy rule: {@code Rfc6265CookieProcessor.setSameSiteCookies}
 * is an application-wide SameSite policy. With "Lax" installed on the context, a servlet {@code Cookie}
 * with no SameSite of its own is sent with {@code SameSite=Lax}, and so is the container's session cookie;
 * a cookie that sets its own SameSite attribute keeps its own value (so the policy covers only cookies
 * that leave SameSite unset, and an explicit value is still judged at the cookie). With "None" every
 * cookie without its own value is sent {@code SameSite=None}: the policy itself is the finding. Without a
 * policy the session cookie has no SameSite, and Secure only over HTTPS: what a session cookie configured in code
 * or web.xml without those attributes is reported for (LOW).
 */
class TomcatSameSitePolicyTest {

    @Test
    void laxPolicyAddsSameSiteToCookiesWithoutOneAndKeepsExplicitValues(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, "Lax");
        assertEquals("SameSite=Lax", sameSiteOf(headers, "plain"), "a cookie with no SameSite gets the policy's");
        assertEquals("SameSite=Lax", sameSiteOf(headers, "JSESSIONID"), "the session cookie gets the policy's");
        assertEquals("SameSite=None", sameSiteOf(headers, "own"), "a cookie's own SameSite wins over the policy");
    }

    @Test
    void nonePolicyMakesEveryCookieWithoutItsOwnValueSameSiteNone(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, "None");
        assertEquals("SameSite=None", sameSiteOf(headers, "plain"));
        assertEquals("SameSite=None", sameSiteOf(headers, "JSESSIONID"));
    }

    @Test
    void withoutPolicyACookieHasNoSameSite(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, null);
        assertEquals("", sameSiteOf(headers, "plain"), "Tomcat's default (unset) adds nothing");
        assertEquals("", sameSiteOf(headers, "JSESSIONID"), "nor to the session cookie");
        assertTrue(headerOf(headers, "JSESSIONID").toLowerCase(Locale.ROOT).contains("httponly"),
                "the session cookie is HttpOnly by default");
        assertFalse(headerOf(headers, "JSESSIONID").toLowerCase(Locale.ROOT).contains("secure"),
                "and Secure only on requests Tomcat sees as HTTPS, not on this plain one");
    }

    /** The whole Set-Cookie header of the named cookie. */
    private static String headerOf(List<String> headers, String name) {
        for (String header : headers) {
            if (header.startsWith(name + "=")) {
                return header;
            }
        }
        throw new AssertionError("no Set-Cookie header for " + name + " in " + headers);
    }

    /** The Set-Cookie headers of one response from a context with the given policy (null: Tomcat's default). */
    private static List<String> setCookieHeaders(Path baseDir, String policy) throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir)) {
            Context context = tomcat.addContext("");
            if (policy != null) {
                Rfc6265CookieProcessor processor = new Rfc6265CookieProcessor();
                processor.setSameSiteCookies(policy);
                context.setCookieProcessor(processor);
            }
            EmbeddedTomcat.addServlet(context, "/cookies", (request, response, out) -> {
                request.getSession(true);
                response.addCookie(new Cookie("plain", "1"));
                Cookie own = new Cookie("own", "2");
                own.setSecure(true);
                own.setAttribute("SameSite", "None");
                response.addCookie(own);
                out.put("ok", "true");
            });
            tomcat.start();
            HttpResponse<String> reply = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + "/cookies")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), reply.body());
            List<String> headers = reply.headers().allValues("Set-Cookie");
            assertTrue(headers.size() >= 3, "three cookies expected: " + headers);
            return headers;
        }
    }

    /** The SameSite attribute of the named cookie's header as sent ("" when it has none). */
    private static String sameSiteOf(List<String> headers, String name) {
        for (String header : headers) {
            if (header.startsWith(name + "=")) {
                for (String part : header.split(";")) {
                    if (part.trim().toLowerCase(Locale.ROOT).startsWith("samesite=")) {
                        return part.trim();
                    }
                }
                return "";
            }
        }
        throw new AssertionError("no Set-Cookie header for " + name + " in " + headers);
    }
}
