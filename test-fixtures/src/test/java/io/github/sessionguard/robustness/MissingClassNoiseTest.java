package io.github.sessionguard.robustness;

import io.github.sessionguard.harness.SpotBugsRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SessionGuard adds nothing to SpotBugs' own output: the list of classes SpotBugs reports missing from
 * the classpath is exactly the list it reports without the plugin. Noise there has had two causes: an
 * invokedynamic call's "owner" read as a class (BCEL answers the call's name, {@code accept},
 * {@code makeConcatWithConstants}), and a probe for an API variant the classpath lacks reported as a
 * missing class. Checked on the fixtures and on a real framework jar (shiro-web, which sends cookies and
 * uses lambdas), each with the same auxiliary classpath in both runs.
 */
class MissingClassNoiseTest {

    @Test
    void fixturesReportTheSameMissingClassesWithAndWithoutSessionGuard() throws Exception {
        Path fixtures = Paths.get(System.getProperty("sessionguard.fixtures"));
        assertSameMissingClasses("fixtures", fixtures, SpotBugsRun.engineClasspath());
    }

    @Test
    void realJarReportsTheSameMissingClassesWithAndWithoutSessionGuard() throws Exception {
        List<String> classpath = SpotBugsRun.engineClasspath();
        String jar = classpath.stream().filter(entry -> entry.contains("shiro-web-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("shiro-web is not on the test classpath"));
        List<String> aux = classpath.stream().filter(entry -> !entry.equals(jar)).collect(Collectors.toList());
        assertSameMissingClasses("shiro-web", Paths.get(jar), aux);
    }

    private static void assertSameMissingClasses(String name, Path target, List<String> aux) throws Exception {
        SpotBugsRun without = SpotBugsRun.analyse("missing-" + name + "-without", List.of(target), aux, false);
        SpotBugsRun with = SpotBugsRun.analyse("missing-" + name + "-with", List.of(target), aux, true);
        assertEquals(new TreeSet<>(without.missingClasses()), new TreeSet<>(with.missingClasses()),
                "SessionGuard changed the missing-class list SpotBugs reports for " + name);
    }
}
