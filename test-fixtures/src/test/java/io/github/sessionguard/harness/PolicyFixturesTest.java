package io.github.sessionguard.harness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app-wide cookie policy fixtures: each {@code fixtures/policies/<app>/} is one application (its
 * policies in {@code config/}, its cookie code in {@code web/}, files of its code base's root such as
 * {@code META-INF/context.xml} in {@code root/}), analysed alone, because a policy decides
 * every cookie of the analysis it is in. Each application is analysed twice, its policy classes before its
 * cookie code and after it: the findings must be what the annotations state both times, and identical
 * (policies are gathered in a first pass, so the order of the classes changes nothing).
 */
class PolicyFixturesTest {
    private static final Map<String, Application> APPLICATIONS = new LinkedHashMap<>();

    @BeforeAll
    static void analyseEachApplicationInBothOrders() throws Exception {
        Path classes = Paths.get(System.getProperty("sessionguard.fixtures"));
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        List<Path> sources = FixtureHarnessTest.fixtureSources();
        List<String> names;
        try (Stream<Path> apps = Files.list(classes.resolve(FixtureFolders.POLICIES))) {
            names = apps.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
        for (String name : names) {
            String prefix = FixtureFolders.POLICIES + name + "/";
            Path config = FixtureFolders.copy(classes, work.resolve("policy-" + name + "-config"),
                    p -> p.startsWith(prefix + "config/"));
            FixtureFolders.copyRootFiles(classes, prefix + "root/", config);
            Path web = FixtureFolders.copy(classes, work.resolve("policy-" + name + "-web"),
                    p -> p.startsWith(prefix + "web/"));
            List<FixtureExpectations> fixtures = new ArrayList<>(FixtureExpectations.load(config, sources));
            fixtures.addAll(FixtureExpectations.load(web, sources));
            SpotBugsRun policiesFirst = SpotBugsRun.analyse("policy-" + name + "-config-first", List.of(config, web));
            SpotBugsRun policiesLast = SpotBugsRun.analyse("policy-" + name + "-config-last", List.of(web, config));
            APPLICATIONS.put(name, new Application(fixtures, policiesFirst, policiesLast));
        }
    }

    @TestFactory
    Stream<DynamicTest> eachApplicationProducesExactlyWhatItStatesInEitherOrder() {
        List<DynamicTest> tests = new ArrayList<>();
        APPLICATIONS.forEach((name, app) -> {
            tests.add(DynamicTest.dynamicTest(name + ": same findings in both orders",
                    () -> assertEquals(app.described(app.policiesFirst), app.described(app.policiesLast),
                            "findings changed with the order of the classes")));
            tests.add(DynamicTest.dynamicTest(name + ": no SessionGuard error", () -> assertEquals(List.of(),
                    app.policiesFirst.errors().stream().filter(e -> e.contains("SessionGuard"))
                            .collect(Collectors.toList()))));
            tests.add(DynamicTest.dynamicTest(name + ": every finding belongs to a fixture", () -> assertEquals(
                    List.of(), app.findings(app.policiesFirst).stream()
                            .filter(f -> app.fixtures.stream().noneMatch(x -> FixtureHarnessTest.belongsTo(f, x.fixture)))
                            .collect(Collectors.toList()))));
            for (FixtureExpectations fixture : app.fixtures) {
                tests.add(DynamicTest.dynamicTest(name + ": " + fixture.fixture.getSimpleName() + " (policies first)",
                        () -> FixtureHarnessTest.check(fixture, app.findings(app.policiesFirst))));
                tests.add(DynamicTest.dynamicTest(name + ": " + fixture.fixture.getSimpleName() + " (policies last)",
                        () -> FixtureHarnessTest.check(fixture, app.findings(app.policiesLast))));
            }
        });
        return tests.stream();
    }

    /** One policy application: its fixtures and its two analyses. */
    private static final class Application {
        final List<FixtureExpectations> fixtures;
        final SpotBugsRun policiesFirst;
        final SpotBugsRun policiesLast;

        Application(List<FixtureExpectations> fixtures, SpotBugsRun policiesFirst, SpotBugsRun policiesLast) {
            this.fixtures = fixtures;
            this.policiesFirst = policiesFirst;
            this.policiesLast = policiesLast;
        }

        List<Finding> findings(SpotBugsRun run) {
            return run.findings().stream().filter(Finding::isSessionGuard).collect(Collectors.toList());
        }

        List<String> described(SpotBugsRun run) {
            return findings(run).stream().map(Finding::toString).sorted().collect(Collectors.toList());
        }
    }
}
