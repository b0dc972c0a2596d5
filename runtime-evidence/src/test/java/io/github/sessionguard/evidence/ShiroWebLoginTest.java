package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fact 3, web side: Shiro's {@code Subject.login} through {@code DefaultWebSecurityManager} (default "http" session
 * mode) inside embedded Tomcat 11, on a request that presents a planted container session id. Two shiro-web
 * (jakarta) releases run side by side, each in its own class loader and its own Tomcat context.
 */
@Timeout(120)
class ShiroWebLoginTest {

    private static final String WEB_PROBE = "io.github.sessionguard.evidence.probe.ShiroWebLoginProbe";

    @TempDir
    static Path baseDir;

    private static ShiroRelease current;
    private static ShiroRelease previous;
    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception {
        current = ShiroRelease.load(ShiroRelease.property("evidence.shiro.current"), true);
        previous = ShiroRelease.load(ShiroRelease.property("evidence.shiro.previous"), true);
        tomcat = new EmbeddedTomcat(baseDir);
        for (ShiroRelease release : new ShiroRelease[] {current, previous}) {
            Context context = tomcat.addContext("/shiro-" + release.version);
            EmbeddedTomcat.addPlantAndWhoami(context);
            BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> probe =
                    release.newProbe(WEB_PROBE, BiFunction.class);
            EmbeddedTomcat.addServlet(context, "/shiro", (req, resp, out) -> out.putAll(probe.apply(req, resp)));
        }
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        for (ShiroRelease release : new ShiroRelease[] {current, previous}) {
            if (release != null) {
                release.close();
            }
        }
    }

    private static Reply[] plantLoginAndAttack(ShiroRelease release) throws Exception {
        String context = "/shiro-" + release.version;
        Reply planted = http.get(context + "/plant", null);
        String plantedId = planted.get("session");
        assertEquals(Optional.of(plantedId), planted.issuedId());

        Reply login = http.get(context + "/shiro?mode=login", plantedId);
        System.out.printf("[evidence] Shiro %s web login (DefaultWebSecurityManager): %s -> %s %s%n",
                release.version, plantedId, login.get("after"), login.body());
        assertEquals("true", login.get("httpSessionMode"), "default: Shiro uses the container session");
        assertEquals(plantedId, login.get("before"));
        assertEquals(plantedId, login.get("shiroSessionBefore"), "Shiro's session is the planted container session");
        assertEquals("true", login.get("authenticated"), "the login succeeded");

        Reply attacker = http.get(context + "/shiro?mode=whoami", plantedId);
        return new Reply[] {planted, login, attacker};
    }

    @Test
    void currentReleaseChangesTheContainerSessionIdOnLogin() throws Exception {
        Reply[] seen = plantLoginAndAttack(current);
        String plantedId = seen[0].get("session");
        Reply login = seen[1];
        assertNotEquals(plantedId, login.get("after"), "the container session got a new id inside login");
        assertEquals(login.get("after"), login.get("shiroSessionAfter"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as a cookie");
        assertEquals("true", login.get("webDeclaresBeforeSuccessfulLogin"));
        assertEquals("false", seen[2].get("authenticated"), "the planted id is not logged in");
        Reply victim = http.get("/shiro-" + current.version + "/shiro?mode=whoami", login.get("after"));
        assertEquals("alice", victim.get("principal"), "the new id carries the login");
        assertEquals("3 items", http.get("/shiro-" + current.version + "/whoami", login.get("after")).get("cart"),
                "changeSessionId keeps the session's attributes");
    }

    @Test
    void previousReleaseKeepsThePlantedContainerSession() throws Exception {
        Reply[] seen = plantLoginAndAttack(previous);
        String plantedId = seen[0].get("session");
        Reply login = seen[1];
        assertEquals(plantedId, login.get("after"), "same container session id after login");
        assertTrue(login.issuedId().isEmpty(), "no new cookie");
        assertEquals("false", login.get("webDeclaresBeforeSuccessfulLogin"));
        assertEquals("true", seen[2].get("authenticated"),
                "the planted id is now logged in as the victim: session fixation");
        assertEquals("alice", seen[2].get("principal"));
    }
}
