package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fact 3: Shiro's native {@code Subject.login(token)} on a subject whose session already exists, with
 * DefaultSecurityManager + SimpleAccountRealm, in three releases side by side (each in its own class loader).
 */
@Timeout(120)
class ShiroLoginTest {

    private static final String NATIVE_PROBE = "io.github.sessionguard.evidence.probe.ShiroNativeLoginProbe";

    private static ShiroRelease current;
    private static ShiroRelease previous;
    private static ShiroRelease old;

    @BeforeAll
    static void load() {
        current = ShiroRelease.load(ShiroRelease.property("evidence.shiro.current"), false);
        previous = ShiroRelease.load(ShiroRelease.property("evidence.shiro.previous"), false);
        old = ShiroRelease.load(ShiroRelease.property("evidence.shiro.old"), false);
    }

    @AfterAll
    static void close() throws Exception {
        for (ShiroRelease release : new ShiroRelease[] {current, previous, old}) {
            if (release != null) {
                release.close();
            }
        }
    }

    private static Map<String, String> login(ShiroRelease release, String mode) throws Exception {
        Map<String, String> seen = release.run(NATIVE_PROBE, mode);
        System.out.printf("[evidence] Shiro %s native login (%s): %s%n", release.version, mode, seen);
        assertTrue(seen.get("loadedFrom").contains("shiro-core-" + release.version + ".jar"), seen.get("loadedFrom"));
        assertEquals("true", seen.get("authenticated"), "the login succeeded");
        return seen;
    }

    @Test
    void shiroIsNotOnTheTestClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.shiro.mgt.DefaultSecurityManager"));
    }

    @Test
    void currentReleaseStopsThePlantedSessionOnLogin() throws Exception {
        Map<String, String> seen = login(current, "plain");
        assertNotEquals(seen.get("before"), seen.get("after"), "login gave the subject a new session");
        assertTrue(seen.get("plantedSession").startsWith("invalid"), "the planted session was stopped");
        assertEquals("false", seen.get("attackerAuthenticated"), "the planted id is worth nothing");
        assertEquals("null", seen.get("cartAfter"), "attributes are not carried over to the new session");
        assertEquals("true", seen.get("declaresBeforeSuccessfulLogin"));
    }

    @Test
    void previousReleasesKeepThePlantedSession() throws Exception {
        for (ShiroRelease release : List.of(previous, old)) {
            Map<String, String> seen = login(release, "plain");
            assertEquals(seen.get("before"), seen.get("after"), release.version + ": same session after login");
            assertEquals("valid", seen.get("plantedSession"));
            assertEquals("true", seen.get("attackerAuthenticated"),
                    release.version + ": the planted id is now logged in as the victim: session fixation");
            assertEquals("alice", seen.get("attackerPrincipal"));
            assertEquals("false", seen.get("declaresBeforeSuccessfulLogin"));
        }
    }

    /**
     * Switching the subject's session storage off (token-per-request applications such as JeecgBoot) does not keep a
     * login out of a session that already exists: {@code DefaultSessionStorageEvaluator} stores the subject whenever
     * it has a session, so a planted one is logged in all the same. Such applications' logins stay findings.
     */
    @Test
    void sessionStorageSwitchedOffStillLogsInThePlantedSession() throws Exception {
        for (ShiroRelease release : List.of(previous, old)) {
            Map<String, String> seen = login(release, "stateless");
            assertEquals(seen.get("before"), seen.get("after"), release.version + ": the same session after login");
            assertEquals("valid", seen.get("plantedSession"));
            assertEquals("true", seen.get("attackerAuthenticated"),
                    release.version + ": the planted session is logged in although session storage is off");
            assertEquals("alice", seen.get("attackerPrincipal"));
        }
    }

    @Test
    void stoppingTheSessionOrLoggingOutBeforeLoginProtectsOlderReleases() throws Exception {
        for (ShiroRelease release : List.of(previous, old)) {
            for (String mode : List.of("stop-first", "logout-first")) {
                Map<String, String> seen = login(release, mode);
                assertNotEquals(seen.get("before"), seen.get("after"), release.version + " " + mode);
                assertTrue(seen.get("plantedSession").startsWith("invalid"), release.version + " " + mode);
                assertEquals("false", seen.get("attackerAuthenticated"), release.version + " " + mode);
            }
        }
    }

    /**
     * A subject built by the plain {@code Subject.Builder} with no session id has no session before {@code login}: the
     * user is kept in a session Shiro creates during the login, under an id of its own, in every release. No id a
     * client presented is behind it, so such a login cannot be fixed (fixtures {@code ShiroFreshSubjectResource}).
     */
    @Test
    void aSubjectBuiltWithoutASessionLogsIntoANewOne() throws Exception {
        for (ShiroRelease release : List.of(current, previous, old)) {
            Map<String, String> seen = login(release, "fresh");
            assertEquals("none", seen.get("before"), release.version + ": no session before login");
            assertNotEquals("none", seen.get("after"), release.version + ": the login made a session");
        }
    }
}
