package io.github.sessionguard.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cookies of {@code new CookieRememberMeManager()} and {@code new DefaultWebSessionManager()} are never
 * Secure with shiro-web 2.1.0 and Secure on every HTTPS request with 2.2.0, whose managers switch Secure on
 * (runtime evidence: ShiroDefaultCookiesTest). The same fixtures must give a missing Secure with the first
 * on the classpath and nothing with the second; a plain {@code new SimpleCookie(...)} stays a finding.
 */
class ShiroCookieReleaseAwarenessTest {

    @Test
    void managerCookiesAreFindingsOnlyWhereShiroDoesNotMakeThemSecure() throws Exception {
        // The Shiro cookie fixtures only: two whole-corpus analyses would double the harness' time.
        Path root = Paths.get(System.getProperty("sessionguard.fixtures"), "io", "github", "sessionguard", "fixtures",
                "cookies");
        List<Path> fixtures = List.of(root.resolve("realistic"), root.resolve("shiro"));
        Path secureShiroWeb = Paths.get(System.getProperty("sessionguard.secureShiroWeb"));
        assertTrue(Files.isRegularFile(secureShiroWeb), secureShiroWeb + " missing");

        List<Finding> withOldShiro = managerSecure(SpotBugsRun.analyse("shiro-web-2.1.0", fixtures));
        // Both managers, and the application subclasses of each (judged like the manager itself), one of them also
        // with its session cookie explicitly kept on (setSessionIdCookieEnabled(true)).
        assertEquals(5, withOldShiro.size(), "Shiro 2.1.0: both managers' default cookies lack Secure " + withOldShiro);

        List<String> aux = new ArrayList<>();
        aux.add(secureShiroWeb.toString());
        aux.addAll(SpotBugsRun.engineClasspath().stream().filter(e -> !e.contains("shiro-web"))
                .collect(Collectors.toList()));
        SpotBugsRun newShiro = SpotBugsRun.analyse("shiro-web-2.2.0", fixtures, aux);
        assertEquals(List.of(), managerSecure(newShiro), "Shiro 2.2.0 makes the managers' cookies Secure");
        assertTrue(newShiro.findings().stream().anyMatch(f -> f.pattern().equals("COOKIE_MISSING_SECURE")
                && f.message().contains("\"rememberMe\"") && f.message().contains("cookie.setSecure(true)")),
                "a plain SimpleCookie is still not Secure by default");
    }

    private static List<Finding> managerSecure(SpotBugsRun run) {
        return run.findings().stream()
                .filter(f -> f.pattern().equals("COOKIE_MISSING_SECURE")
                        && (f.message().contains("getCookie().setSecure(true)")
                                || f.message().contains("getSessionIdCookie().setSecure(true)")))
                .collect(Collectors.toList());
    }
}
