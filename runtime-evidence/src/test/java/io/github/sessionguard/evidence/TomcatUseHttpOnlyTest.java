package io.github.sessionguard.evidence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fact behind SessionGuard's Tomcat {@code Context.setUseHttpOnly} rule: by default Tomcat sends its
 * session cookie (JSESSIONID) with HttpOnly; {@code setUseHttpOnly(false)} on the context sends it without,
 * so page scripts can read the session id; {@code setUseHttpOnly(true)} is the default's behaviour.
 */
class TomcatUseHttpOnlyTest {

    @Test
    void sessionCookieIsHttpOnlyByDefault(@TempDir Path baseDir) throws Exception {
        assertTrue(attributesOfSessionCookie(baseDir, null).contains("httponly"));
    }

    @Test
    void setUseHttpOnlyTrueKeepsHttpOnly(@TempDir Path baseDir) throws Exception {
        assertTrue(attributesOfSessionCookie(baseDir, true).contains("httponly"));
    }

    @Test
    void setUseHttpOnlyFalseSendsTheSessionIdReadableByScripts(@TempDir Path baseDir) throws Exception {
        List<String> attributes = attributesOfSessionCookie(baseDir, false);
        assertFalse(attributes.contains("httponly"), "JSESSIONID without HttpOnly: " + attributes);
    }

    /** The lower-case attributes of the JSESSIONID Set-Cookie header of a new session's response. */
    private static List<String> attributesOfSessionCookie(Path baseDir, Boolean useHttpOnly) throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir)) {
            Context context = tomcat.addContext("");
            if (useHttpOnly != null) {
                context.setUseHttpOnly(useHttpOnly);
            }
            EmbeddedTomcat.addServlet(context, "/session", (request, response, out) -> {
                out.put("session", request.getSession(true).getId());
            });
            tomcat.start();
            HttpResponse<String> reply = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + "/session")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), reply.body());
            for (String header : reply.headers().allValues("Set-Cookie")) {
                if (header.startsWith("JSESSIONID=")) {
                    String id = header.substring("JSESSIONID=".length()).split(";")[0];
                    assertTrue(reply.body().contains("session=" + id), "the planted request's own session id");
                    return java.util.Arrays.stream(header.split(";")).skip(1)
                            .map(part -> part.trim().toLowerCase(Locale.ROOT)).toList();
                }
            }
            throw new AssertionError("no JSESSIONID cookie in " + reply.headers().allValues("Set-Cookie"));
        }
    }
}
