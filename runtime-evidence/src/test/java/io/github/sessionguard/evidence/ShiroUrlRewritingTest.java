package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shiro's native web sessions and {@code DefaultWebSessionManager.setSessionIdUrlRewritingEnabled(true)}, in embedded
 * Tomcat 11 with shiro-web 2.1.0 (jakarta): switched on, Shiro writes the session id into the links it encodes for a
 * client whose id did not come in a cookie ({@code /url/home;JSESSIONID=...} on the session's first response); at its
 * default (false) it does not. Either way Shiro takes a session id from a
 * link's URL. The fact behind reporting the setter as SESSION_ID_IN_URL.
 */
@Timeout(120)
class ShiroUrlRewritingTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.ShiroUrlRewritingProbe";

    @TempDir
    static Path baseDir;

    private static ShiroRelease release;
    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        release = ShiroRelease.load(ShiroRelease.property("evidence.shiro.previous"), true);
        tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("/url");
        BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> probe =
                release.newProbe(PROBE, BiFunction.class);
        EmbeddedTomcat.addServlet(context, "/shiro", (req, resp, out) -> out.putAll(probe.apply(req, resp)));
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        if (release != null) {
            release.close();
        }
    }

    @Test
    void rewritingOnWritesTheIdIntoLinks() throws Exception {
        Reply planted = http.get("/url/shiro?rewriting=on&mode=plant", null);
        String id = planted.get("session");
        System.out.printf("[evidence] Shiro %s rewriting on: session %s, encodeURL(/url/home) = %s%n", release.version,
                id, planted.get("encoded"));
        assertEquals("/url/home;JSESSIONID=" + id, planted.get("encoded"), "the id is written into the link");
        Reply fromLink = http.get("/url/shiro;JSESSIONID=" + id + "?rewriting=on", null);
        assertEquals(id, fromLink.get("session"), "a link carrying the id opens that session");
        assertEquals("3 items", fromLink.get("cart"));
    }

    @Test
    void rewritingOffByDefaultLeavesLinksAlone() throws Exception {
        Reply planted = http.get("/url/shiro?mode=plant", null);
        System.out.printf("[evidence] Shiro %s rewriting off: session %s, encodeURL(/url/home) = %s%n", release.version,
                planted.get("session"), planted.get("encoded"));
        assertEquals("/url/home", planted.get("encoded"), "no id in links by default");
        assertTrue(!planted.get("session").equals("none"));
    }
}
