package io.github.sessionguard.harness;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Method summaries are computed on demand across classes: the findings must not depend on which
 * classes SpotBugs sees first. The fixtures are split in two class folders (the interprocedural ones:
 * cookie helpers and login helpers, and the rest) and analysed in both orders; the interprocedural
 * half is also analysed alone.
 */
class AnalysisOrderTest {

    @Test
    void findingsDoNotDependOnTheOrderOfTheClasses() throws Exception {
        Path classes = Paths.get(System.getProperty("sessionguard.fixtures"));
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        Path helpers = split(classes, work.resolve("order-interproc"), true);
        Path rest = split(classes, work.resolve("order-rest"), false);

        List<String> forward = findings(SpotBugsRun.analyse("order-forward", List.of(helpers, rest)), false);
        List<String> backward = findings(SpotBugsRun.analyse("order-backward", List.of(rest, helpers)), false);
        List<String> alone = findings(SpotBugsRun.analyse("order-alone", List.of(helpers)), true);

        assertFalse(forward.isEmpty(), "the fixtures produce findings");
        assertEquals(forward, backward, "findings changed with the order of the classes");
        assertEquals(forward.stream().filter(AnalysisOrderTest::isInterprocedural).collect(Collectors.toList()), alone,
                "the interprocedural fixtures' findings changed when analysed without the others");
    }

    /**
     * Summaries are computed on demand as SpotBugs visits a class's methods in class-file order: the
     * findings must not depend on that order either (recursion cycles, shared helpers). Every fixture
     * class is rewritten with its methods in reverse order (ASM, as SpotBugs ships it) and the fixation
     * findings of both runs compared whole, messages and lines included.
     */
    @Test
    void findingsDoNotDependOnTheOrderOfTheMethods() throws Exception {
        Path classes = Paths.get(System.getProperty("sessionguard.fixtures"));
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        Path reversed = reverseMethods(classes, work.resolve("order-methods-reversed"));

        List<String> asWritten = fixation(SpotBugsRun.analyse("order-methods-as-written", List.of(classes)));
        List<String> backwards = fixation(SpotBugsRun.analyse("order-methods-reversed", List.of(reversed)));

        assertFalse(asWritten.isEmpty(), "the fixtures produce fixation findings");
        assertFalse(asWritten.stream().noneMatch(f -> f.contains(".fixation.dataflow.")),
                "the data-flow fixtures produce findings");
        assertEquals(asWritten, backwards, "fixation findings changed with the order of the methods in their classes");
    }

    private static List<String> fixation(SpotBugsRun run) {
        return run.findings().stream().filter(Finding::isSessionGuard).map(Finding::toString)
                .filter(f -> f.contains("SESSION_FIXATION")).sorted().collect(Collectors.toList());
    }

    /**
     * Copies every class file, each with its methods (and fields) in reverse order, and the settings files
     * beside them as they are (they decide findings too, and must be the same on both sides).
     */
    private static Path reverseMethods(Path classes, Path target) throws IOException {
        clean(target);
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (!file.toString().endsWith(".class")) {
                    Path copy = target.resolve(classes.relativize(file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                    continue;
                }
                ClassNode node = new ClassNode();
                new ClassReader(Files.readAllBytes(file)).accept(node, 0);
                Collections.reverse(node.methods);
                Collections.reverse(node.fields);
                ClassWriter writer = new ClassWriter(0);
                node.accept(writer);
                Path copy = target.resolve(classes.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.write(copy, writer.toByteArray());
            }
        }
        return target;
    }

    private static void clean(Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every SessionGuard finding, message included, in a stable order. */
    private static List<String> findings(SpotBugsRun run, boolean interproceduralOnly) {
        return run.findings().stream().filter(Finding::isSessionGuard).map(Finding::toString)
                .filter(f -> !interproceduralOnly || isInterprocedural(f)).sorted().collect(Collectors.toList());
    }

    private static boolean isInterprocedural(String classNameOrFinding) {
        return classNameOrFinding.contains(".interproc.") || classNameOrFinding.contains(".fixation.helpers.");
    }

    /** Copies the interprocedural fixture classes (or all the others) into a fresh folder. */
    private static Path split(Path classes, Path target, boolean interproc) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                Path relative = classes.relativize(file);
                if (relative.toString().replace('\\', '/').startsWith(FixtureFolders.POLICIES)) {
                    continue; // applications of their own: PolicyFixturesTest checks their order
                }
                if (isInterprocedural(relative.toString().replace('/', '.')) == interproc) {
                    Files.createDirectories(target.resolve(relative).getParent());
                    Files.copy(file, target.resolve(relative));
                }
            }
        }
        return target;
    }
}
