package io.github.sessionguard.harness;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
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
    /**
     * Expectations that may leave {@code at} out because the finding points at the wrong line today
     * (a detector bug to fix, not a line to pin): fixture class and method. Remove an entry with its fix.
     */
    private static final Set<String> WRONG_LINE_KNOWN = Set.of();

    private static List<FixtureExpectations> fixtures;
    private static List<Finding> findings;
    private static SpotBugsRun run;
    /** Findings of each {@code @SettingsApplication} fixture's own run, by fixture class name. */
    private static final Map<String, List<Finding>> applicationFindings = new TreeMap<>();
    private static final List<String> applicationErrors = new ArrayList<>();

    @BeforeAll
    static void analyseFixtures() throws Exception {
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        Path classes = FixtureFolders.withoutPolicies(Paths.get(System.getProperty("sessionguard.fixtures")),
                work.resolve("fixture-classes"));
        fixtures = FixtureExpectations.load(classes, fixtureSources());
        run = SpotBugsRun.analyse("fixtures", List.of(classes));
        findings = run.findings().stream().filter(Finding::isSessionGuard).collect(Collectors.toList());
        for (FixtureExpectations fixture : fixtures) {
            if (fixture.application != null) {
                SpotBugsRun own = SpotBugsRun.analyse("app-" + fixture.application,
                        List.of(SettingsApplications.assemble(classes, fixture)));
                applicationFindings.put(fixture.fixture.getName(),
                        own.findings().stream().filter(Finding::isSessionGuard).collect(Collectors.toList()));
                applicationErrors.addAll(own.errors());
            }
        }
    }

    /** The fixtures' source folders (Java and Kotlin), for the line text expectations pin. */
    static List<Path> fixtureSources() {
        return Arrays.stream(System.getProperty("sessionguard.fixtureSources").split(File.pathSeparator))
                .map(Paths::get).collect(Collectors.toList());
    }

    @TestFactory
    Stream<DynamicTest> eachFixtureProducesExactlyWhatItStates() {
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.fixture.getSimpleName(), () -> check(f, findings)));
    }

    /** Fails unless the fixture's findings among {@code findings} are exactly what its annotations state. */
    static void check(FixtureExpectations fixture, List<Finding> findings) {
        List<String> problems = problems(fixture, findings);
        if (!problems.isEmpty()) {
            fail(fixture.fixture.getName() + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** What is missing, forbidden, unpinned or unexpected in one fixture's findings (empty when all is as stated). */
    static List<String> problems(FixtureExpectations fixture, List<Finding> findings) {
        List<String> problems = new ArrayList<>(unpinned(fixture));
        if (!fixture.statesAnything()) {
            problems.add("states no expectation: annotate it with @ExpectWarning or @NoWarning");
        }
        List<Finding> actual = fixture.application == null
                ? findings.stream().filter(f -> belongsTo(f, fixture)).collect(Collectors.toList())
                : applicationFindings.get(fixture.fixture.getName());
        List<FixtureExpectations.Expected> missing = new ArrayList<>(fixture.expected);
        List<FixtureExpectations.ExpectedSetting> missingSettings = new ArrayList<>(fixture.expectedSettings);
        for (Finding finding : actual) {
            FixtureExpectations.Expected match = finding.isInSettingsFile() ? null
                    : missing.stream().filter(e -> e.matches(finding)).findFirst().orElse(null);
            if (match != null) {
                missing.remove(match);
                continue;
            }
            FixtureExpectations.ExpectedSetting setting = missingSettings.stream().filter(e -> e.matches(finding))
                    .findFirst().orElse(null);
            if (setting != null) {
                missingSettings.remove(setting);
                continue;
            }
            String forbidden = fixture.forbidden.stream().filter(n -> n.matches(finding)).map(Object::toString)
                    .findFirst().orElse(null);
            problems.add((forbidden != null ? "forbidden (" + forbidden + "): " : "unexpected: ") + finding);
        }
        missing.forEach(m -> problems.add("missing: " + m));
        missingSettings.forEach(m -> problems.add("missing: " + m));
        return problems;
    }

    /**
     * Every expectation pins what the user sees: {@code at} (text of the reported line) and at least one
     * {@code message} fragment (the cookie or attribute named, the fix offered).
     */
    private static List<String> unpinned(FixtureExpectations fixture) {
        List<String> problems = new ArrayList<>();
        for (FixtureExpectations.Expected expected : fixture.expected) {
            String where = fixture.fixture.getName() + "." + expected.method;
            if (expected.at.isEmpty() && !WRONG_LINE_KNOWN.contains(where)) {
                problems.add("unpinned: @ExpectWarning(" + expected.pattern + ") on " + expected.method
                        + "() needs at = \"text of the reported line\"");
            }
            if (expected.message.isEmpty()) {
                problems.add("unpinned: @ExpectWarning(" + expected.pattern + ") on " + expected.method
                        + "() needs message = {\"\\\"name\\\"\", \"the fix\"}");
            }
        }
        return problems;
    }

    @Test
    void knownWrongLinesAreStillUnpinned() {
        for (String where : WRONG_LINE_KNOWN) {
            boolean listed = fixtures.stream().flatMap(f -> f.expected.stream()
                    .filter(e -> where.equals(f.fixture.getName() + "." + e.method) && e.at.isEmpty()))
                    .findAny().isPresent();
            assertTrue(listed, where + " is listed as pointing at the wrong line but has no unpinned expectation:"
                    + " remove it from WRONG_LINE_KNOWN");
        }
    }

    /**
     * Findings in a fixture's nested classes and lambdas belong to the fixture; findings in a settings
     * file belong to the fixture that names the file (in the main run, fixtures with their own
     * application run own no settings file: theirs are checked in that run).
     */
    private static boolean belongsTo(Finding finding, FixtureExpectations fixture) {
        if (finding.isInSettingsFile()) {
            return fixture.application == null && fixture.settingsFiles.contains(finding.settingsFile());
        }
        String name = fixture.fixture.getName();
        return finding.className().equals(name) || finding.className().startsWith(name + "$");
    }

    /** Findings in a fixture's nested classes and lambdas belong to the fixture. */
    static boolean belongsTo(Finding finding, Class<?> fixture) {
        return finding.className().equals(fixture.getName()) || finding.className().startsWith(fixture.getName() + "$");
    }

    @Test
    void everyFindingBelongsToAFixture() {
        List<Finding> orphans = findings.stream()
                .filter(f -> fixtures.stream().noneMatch(x -> belongsTo(f, x)))
                .collect(Collectors.toList());
        assertEquals(List.of(), orphans, "findings outside any fixture");
    }

    @Test
    void sessionGuardLogsNoAnalysisError() {
        List<String> ours = Stream.concat(run.errors().stream(), applicationErrors.stream()).filter(e -> e.contains("SessionGuard") || e.contains("sessionguard"))
                .collect(Collectors.toList());
        assertEquals(List.of(), ours, "SessionGuard failed on fixture code");
    }
}
