package io.github.sessionguard.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same Shiro login code is a fixation with Shiro 2.1.0 on the classpath and safe with 2.2.0,
 * whose login stops the old session itself (shown by the runtime-evidence module): SessionGuard
 * must decide from the classpath it is given.
 */
class ShiroReleaseAwarenessTest {
    private static final String SHIRO_LOGIN = "Shiro Subject.login";

    @Test
    void shiroLoginsAreFindingsOnlyWhereShiroDoesNotProtect() throws Exception {
        Path fixtures = Paths.get(System.getProperty("sessionguard.fixtures"));
        Path protectingShiro = Paths.get(System.getProperty("sessionguard.protectingShiro"));
        assertTrue(Files.isRegularFile(protectingShiro), protectingShiro + " missing");

        List<Finding> withOldShiro = shiroLogins(SpotBugsRun.analyse("shiro-2.1.0", List.of(fixtures)));
        assertFalse(withOldShiro.isEmpty(), "Shiro 2.1.0 keeps the planted session: its logins must be reported");

        List<String> aux = new ArrayList<>();
        aux.add(protectingShiro.toString());
        aux.addAll(SpotBugsRun.engineClasspath().stream().filter(e -> !e.contains("shiro-core"))
                .collect(Collectors.toList()));
        List<Finding> withNewShiro = shiroLogins(SpotBugsRun.analyse("shiro-2.2.0", List.of(fixtures), aux));
        assertEquals(List.of(), withNewShiro, "Shiro 2.2.0 stops the old session in login: no finding");
    }

    private static List<Finding> shiroLogins(SpotBugsRun run) {
        return run.findings().stream()
                .filter(f -> f.pattern().equals("SESSION_FIXATION") && f.message().contains(SHIRO_LOGIN))
                .collect(Collectors.toList());
    }
}
