package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
 * Shiro's {@code Session.setAttribute} as the login's session write, in embedded Tomcat 11 with a planted
 * JSESSIONID, with both of Shiro's web session managers and two shiro-web (jakarta) releases, each in its own
 * class loader and Tomcat context:
 * <ul>
 * <li>{@code ServletContainerSessionManager} (the default "http" mode): Shiro's session is the container's
 * HttpSession, so a user stored after the application's own password check lands under the planted id;</li>
 * <li>{@code DefaultWebSessionManager} ("native" mode): Shiro's own session, adopted from Shiro's own JSESSIONID
 * cookie: a planted Shiro session id carries the user stored after the application's own check;</li>
 * <li>after {@code Subject.login}: 2.2.0 gives a new id in both modes (the planted one carries nothing), 2.1.0
 * keeps the planted id, which then carries the user;</li>
 * <li>{@code Subject.logout()} before the write (the documented fix): a new id, the planted one opens nothing.</li>
 * </ul>
 */
@Timeout(120)
class ShiroSessionWriteTest {

    private static final String PROBE = "io.github.sessionguard.evidence.probe.ShiroSessionWriteProbe";
    private static final String CREDENTIALS = "&username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD;

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
            Context context = tomcat.addContext("/write-" + release.version);
            EmbeddedTomcat.addPlantAndWhoami(context);
            BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> probe =
                    release.newProbe(PROBE, BiFunction.class);
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

    /** Plants an id for the mode: a container session ("http"), or a Shiro session opened by Shiro ("native"). */
    private static String plant(ShiroRelease release, String manager) throws Exception {
        String context = "/write-" + release.version;
        Reply planted = "http".equals(manager) ? http.get(context + "/plant", null)
                : http.get(context + "/shiro?manager=native&mode=plant", null);
        String id = "http".equals(manager) ? planted.get("session") : planted.get("after");
        assertEquals(id, planted.issuedId().orElse(null), "the JSESSIONID cookie carries the planted id");
        return id;
    }

    /** Runs {@code mode} presenting the planted id, prints it, checks it ran in the planted session and wrote the user. */
    private static Reply write(ShiroRelease release, String manager, String mode, String planted) throws Exception {
        Reply login = http.get("/write-" + release.version + "/shiro?manager=" + manager + "&mode=" + mode + CREDENTIALS,
                planted);
        System.out.printf("[evidence] Shiro %s %s %s: planted %s -> %s%n", release.version, manager, mode, planted,
                login.body());
        assertEquals(200, login.status());
        assertEquals(null, login.get("error"), "the probe ran without an exception");
        assertEquals(String.valueOf("http".equals(manager)), login.get("httpSessionMode"));
        assertEquals(planted, login.get("before"), "the request ran in the planted session");
        assertEquals("alice", login.get("user"), "the user is stored in the session the request ends with");
        return login;
    }

    /** Who the planted id is logged in as now, by what its session holds. */
    private static String userOf(ShiroRelease release, String manager, String id) throws Exception {
        return http.get("/write-" + release.version + "/shiro?manager=" + manager + "&mode=whoami", id).get("user");
    }

    private void ownCheckThenWriteKeepsThePlantedId(ShiroRelease release, String manager) throws Exception {
        String planted = plant(release, manager);
        Reply login = write(release, manager, "check-write", planted);
        assertEquals(planted, login.get("after"), "same id after the write");
        assertEquals("alice", userOf(release, manager, planted), "the planted id now carries the user: fixation");
        assertEquals("3 items", login.get("cart"), "the attacker's session, with what the attacker put in it");
    }

    private void logoutThenWriteGivesANewId(ShiroRelease release, String manager) throws Exception {
        String planted = plant(release, manager);
        Reply login = write(release, manager, "logout-write", planted);
        assertNotEquals(planted, login.get("after"), "logout stopped the planted session; the user is in a new one");
        assertEquals("null", userOf(release, manager, planted), "the planted id carries nothing");
        assertEquals("alice", userOf(release, manager, login.get("after")), "the new id carries the user");
    }

    @Test
    void servletSessionWriteAfterOwnCheckKeepsThePlantedIdInBothReleases() throws Exception {
        ownCheckThenWriteKeepsThePlantedId(current, "http");
        ownCheckThenWriteKeepsThePlantedId(previous, "http");
    }

    @Test
    void nativeSessionWriteAfterOwnCheckKeepsThePlantedIdInBothReleases() throws Exception {
        ownCheckThenWriteKeepsThePlantedId(current, "native");
        ownCheckThenWriteKeepsThePlantedId(previous, "native");
    }

    @Test
    void logoutBeforeTheWriteGivesANewIdInBothModesAndReleases() throws Exception {
        for (ShiroRelease release : new ShiroRelease[] {current, previous}) {
            logoutThenWriteGivesANewId(release, "http");
            logoutThenWriteGivesANewId(release, "native");
        }
    }

    @Test
    void currentReleaseLoginGivesANewIdBeforeTheWriteInBothModes() throws Exception {
        for (String manager : new String[] {"http", "native"}) {
            String planted = plant(current, manager);
            Reply login = write(current, manager, "login-write", planted);
            assertNotEquals(planted, login.get("after"), "Subject.login stopped or renewed the planted session");
            assertEquals("null", userOf(current, manager, planted), "the planted id carries nothing");
            assertEquals("alice", userOf(current, manager, login.get("after")), "the new id carries the user");
        }
    }

    @Test
    void previousReleaseLoginKeepsThePlantedIdForTheWriteInBothModes() throws Exception {
        for (String manager : new String[] {"http", "native"}) {
            String planted = plant(previous, manager);
            Reply login = write(previous, manager, "login-write", planted);
            assertEquals(planted, login.get("after"), "same id after Subject.login and the write");
            assertEquals("alice", userOf(previous, manager, planted), "the planted id now carries the user: fixation");
        }
    }
}
