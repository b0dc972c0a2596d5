package io.github.sessionguard.harness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs SpotBugs with the built plugin over every fixture once, then checks each fixture against what
 * its annotations state: every expected finding present in the stated method with the stated pattern
 * and priority, nothing forbidden, and nothing unexpected.
 */
class FixtureHarnessTest {
    private static List<FixtureExpectations> fixtures;
    private static List<Finding> findings;
    private static SpotBugsRun run;

    @BeforeAll
    static void analyseFixtures() throws Exception {
        Path classes = Paths.get(System.getProperty("sessionguard.fixtures"));
        fixtures = FixtureExpectations.load(classes, Paths.get(System.getProperty("sessionguard.fixtureSources")));
        run = SpotBugsRun.analyse("fixtures", List.of(classes));
        findings = run.findings().stream().filter(Finding::isSessionGuard).collect(Collectors.toList());
    }

    @TestFactory
    Stream<DynamicTest> eachFixtureProducesExactlyWhatItStates() {
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.fixture.getSimpleName(), () -> check(f)));
    }

    private static void check(FixtureExpectations fixture) {
        assertTrue(fixture.statesAnything(), fixture.fixture.getName()
                + " states no expectation: annotate it with @ExpectWarning or @NoWarning");
        List<String> problems = problems(fixture, findings);
        if (!problems.isEmpty()) {
            fail(fixture.fixture.getName() + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** What is missing, forbidden or unexpected in one fixture's findings (empty when it produced what it states). */
    static List<String> problems(FixtureExpectations fixture, List<Finding> findings) {
        List<Finding> actual = findings.stream().filter(f -> belongsTo(f, fixture.fixture))
                .collect(Collectors.toList());
        List<FixtureExpectations.Expected> missing = new ArrayList<>(fixture.expected);
        List<String> problems = new ArrayList<>();
        for (Finding finding : actual) {
            FixtureExpectations.Expected match = missing.stream().filter(e -> e.matches(finding)).findFirst()
                    .orElse(null);
            if (match != null) {
                missing.remove(match);
                continue;
            }
            String forbidden = fixture.forbidden.stream().filter(n -> n.matches(finding)).map(Object::toString)
                    .findFirst().orElse(null);
            problems.add((forbidden != null ? "forbidden (" + forbidden + "): " : "unexpected: ") + finding);
        }
        missing.forEach(m -> problems.add("missing: " + m));
        if (!fixture.statesAnything()) {
            problems.add("states no expectation: annotate it with @ExpectWarning or @NoWarning");
        }
        return problems.stream().map(p -> fixture.fixture.getSimpleName() + ": " + p).collect(Collectors.toList());
    }

    /** Findings in a fixture's nested classes and lambdas belong to the fixture. */
    private static boolean belongsTo(Finding finding, Class<?> fixture) {
        return finding.className().equals(fixture.getName()) || finding.className().startsWith(fixture.getName() + "$");
    }

    @Test
    void everyFindingBelongsToAFixture() {
        List<Finding> orphans = findings.stream()
                .filter(f -> fixtures.stream().noneMatch(x -> belongsTo(f, x.fixture)))
                .collect(Collectors.toList());
        assertEquals(List.of(), orphans, "findings outside any fixture");
    }

    @Test
    void sessionGuardLogsNoAnalysisError() {
        List<String> ours = run.errors().stream().filter(e -> e.contains("SessionGuard") || e.contains("sessionguard"))
                .collect(Collectors.toList());
        assertEquals(List.of(), ours, "SessionGuard failed on fixture code");
    }
}
