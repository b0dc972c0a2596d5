package io.github.sessionguard.harness;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Some verdicts depend on facts of the whole application (every Spring Security chain STATELESS, the
 * holder's context saved implicitly), which the fixtures, analysed together, cannot vary. Each folder under
 * {@code io/github/sessionguard/apps/} in the test classes is one small application: it is analysed alone and
 * its classes must produce exactly what their annotations state.
 */
class SpringApplicationFactsTest {
    private static final String APPS = "io/github/sessionguard/apps";

    @TestFactory
    Stream<DynamicTest> eachApplicationAnalysedAloneProducesWhatItStates() throws IOException {
        Path testClasses = Paths.get(System.getProperty("sessionguard.fixtures")).resolveSibling("test-classes");
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        List<Path> apps;
        try (Stream<Path> dirs = Files.list(testClasses.resolve(APPS))) {
            apps = dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        assertFalse(apps.isEmpty(), "no application fixtures under " + testClasses.resolve(APPS));
        return apps.stream().map(app -> DynamicTest.dynamicTest(app.getFileName().toString(),
                () -> analyseAlone(testClasses, app, work)));
    }

    private static void analyseAlone(Path testClasses, Path app, Path work) throws Exception {
        Path root = work.resolve("app-" + app.getFileName());
        copy(testClasses, app, root);
        List<FixtureExpectations> fixtures = FixtureExpectations.load(root, List.of(Paths.get("src/test/java")));
        List<Finding> findings = SpotBugsRun.analyse("app-" + app.getFileName(), List.of(root)).findings().stream()
                .filter(Finding::isSessionGuard).collect(Collectors.toList());
        List<String> problems = new ArrayList<>();
        for (FixtureExpectations fixture : fixtures) {
            problems.addAll(FixtureHarnessTest.problems(fixture, findings));
        }
        assertEquals(List.of(), problems, app.getFileName() + " analysed alone");
    }

    private static void copy(Path testClasses, Path app, Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                Path target = root.resolve(testClasses.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
