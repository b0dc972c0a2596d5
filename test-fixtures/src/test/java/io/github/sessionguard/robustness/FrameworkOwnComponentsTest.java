package io.github.sessionguard.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sessionguard.harness.Finding;
import io.github.sessionguard.harness.SpotBugsRun;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A framework analysed as the application (its jars among the analysed code, as in a war's WEB-INF/lib) is not
 * reported for the logins it performs for applications: Wicket's {@code SignInPage} creates its own
 * {@code SignInPanel}, whose form calls {@code AuthenticatedWebSession.signIn}; both are judged where an
 * application uses the page or the panel.
 */
class FrameworkOwnComponentsTest {

    @Test
    void wicketAnalysedAsTheApplicationReportsNoLogin() throws Exception {
        List<String> classpath = SpotBugsRun.engineClasspath();
        List<String> jars = classpath.stream()
                .filter(entry -> entry.contains("wicket-auth-roles-") || entry.contains("wicket-core-"))
                .collect(Collectors.toList());
        assertEquals(2, jars.size(), "wicket-auth-roles and wicket-core on the test classpath: " + jars);
        List<String> aux = classpath.stream().filter(entry -> !jars.contains(entry)).collect(Collectors.toList());
        SpotBugsRun run = SpotBugsRun.analyse("wicket-auth-roles", jars.stream().map(Paths::get).collect(Collectors.toList()),
                aux, true);
        // Logins only: Wicket's own cookie helper (CookieUtils.save) is judged as cookie code like any other.
        assertEquals(List.of(), run.findings().stream().filter(Finding::isSessionGuard)
                .filter(f -> f.pattern().startsWith("SESSION_FIXATION")).map(Finding::toString)
                .collect(Collectors.toList()));
        assertEquals(List.of(), run.errors());
    }
}
