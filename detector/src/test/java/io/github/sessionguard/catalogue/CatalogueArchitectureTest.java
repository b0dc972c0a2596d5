package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue is API knowledge as data: the analyses ({@code cookies/}, {@code fixation/}) use it, never
 * the other way round. Checked on the sources (imports and qualified names) and on the compiled classes
 * (their constant pools name every class they use, whatever the source spelling).
 */
class CatalogueArchitectureTest {
    private static final Path SOURCES = Paths.get("src/main/java/io/github/sessionguard/catalogue");
    private static final Path CLASSES = Paths.get("target/classes/io/github/sessionguard/catalogue");
    private static final List<String> ANALYSES = List.of("io.github.sessionguard.cookies", "io.github.sessionguard.fixation");

    @Test
    void catalogueSourcesNameNoAnalysis() throws IOException {
        List<Path> sources = files(SOURCES, ".java");
        assertFalse(sources.isEmpty(), "no catalogue sources under " + SOURCES.toAbsolutePath());
        assertEquals(List.of(), offenders(sources, ANALYSES));
    }

    @Test
    void catalogueClassesReferToNoAnalysis() throws IOException {
        List<Path> classes = files(CLASSES, ".class");
        assertFalse(classes.isEmpty(), "no compiled catalogue classes under " + CLASSES.toAbsolutePath());
        List<String> slashed = ANALYSES.stream().map(name -> name.replace('.', '/') + "/").collect(Collectors.toList());
        assertEquals(List.of(), offenders(classes, slashed));
    }

    @Test
    void theCheckFindsAnImport(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("Row.java");
        Files.write(source, "package x;\nimport io.github.sessionguard.fixation.LoginEvent;\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(source + " names io.github.sessionguard.fixation"), offenders(List.of(source), ANALYSES));
        Path clean = dir.resolve("Clean.java");
        Files.write(clean, "package x;\nimport io.github.sessionguard.flow.TypeChecks;\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(offenders(List.of(clean), ANALYSES).isEmpty());
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> path.toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    /** "file names package" for every file whose bytes (source text, or a class file's UTF-8 constants) name one. */
    private static List<String> offenders(List<Path> files, List<String> forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String name : forbidden) {
                if (content.contains(name)) {
                    found.add(file + " names " + name.replace('/', '.').replaceAll("\\.$", ""));
                }
            }
        }
        return found;
    }
}
