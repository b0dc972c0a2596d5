package io.github.sessionguard.harness;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Method summaries are computed on demand across classes: the findings must not depend on which
 * classes SpotBugs sees first. The fixtures are split in two class folders (the interprocedural ones
 * and the rest) and analysed in both orders; the interprocedural half is also analysed alone.
 */
class AnalysisOrderTest {

    @Test
    void findingsDoNotDependOnTheOrderOfTheClasses() throws Exception {
        Path classes = Paths.get(System.getProperty("sessionguard.fixtures"));
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        Path helpers = split(classes, work.resolve("order-interproc"), true);
        Path rest = split(classes, work.resolve("order-rest"), false);

        List<String> forward = cookieFindings(SpotBugsRun.analyse("order-forward", List.of(helpers, rest)), null);
        List<String> backward = cookieFindings(SpotBugsRun.analyse("order-backward", List.of(rest, helpers)), null);
        List<String> alone = cookieFindings(SpotBugsRun.analyse("order-alone", List.of(helpers)), ".interproc.");

        assertFalse(forward.isEmpty(), "the fixtures produce findings");
        assertEquals(forward, backward, "findings changed with the order of the classes");
        assertEquals(forward.stream().filter(f -> f.contains(".interproc.")).collect(Collectors.toList()), alone,
                "the interprocedural fixtures' findings changed when analysed without the others");
    }

    /**
     * Every SessionGuard finding. Cookie findings are compared whole, message included. Fixation findings
     * are compared by pattern, priority and location: which of several session attributes a login helper
     * writes their message names depends on the analysis order (seen after merging main's fixation
     * detector, whose code is not this harness's to change), while the finding itself does not.
     */
    private static List<String> cookieFindings(SpotBugsRun run, String onlyIn) {
        return run.findings().stream().filter(Finding::isSessionGuard).map(AnalysisOrderTest::comparable)
                .filter(f -> onlyIn == null || f.contains(onlyIn)).sorted().collect(Collectors.toList());
    }

    private static String comparable(Finding finding) {
        if (finding.pattern().startsWith("COOKIE_")) {
            return finding.toString();
        }
        return finding.pattern() + " priority " + finding.priority() + " at " + finding.className() + "."
                + finding.methodName() + " line " + finding.line();
    }

    /** Copies the fixture classes of the interproc package (or all the others) into a fresh folder. */
    private static Path split(Path classes, Path target, boolean interproc) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                Path relative = classes.relativize(file);
                if (relative.toString().contains("interproc") == interproc) {
                    Files.createDirectories(target.resolve(relative).getParent());
                    Files.copy(file, target.resolve(relative));
                }
            }
        }
        return target;
    }
}
