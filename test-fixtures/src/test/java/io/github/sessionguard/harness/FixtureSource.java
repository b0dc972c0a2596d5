package io.github.sessionguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A fixture's source file, read so an expectation can pin the text of the line a finding points at. */
final class FixtureSource {
    private final Path file;
    private final List<String> lines;

    private FixtureSource(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The top-level class's {@code .java} or {@code .kt} file under one of the source folders. */
    static FixtureSource of(List<Path> sourceRoots, Class<?> fixture) {
        String base = fixture.getName().replace('.', '/');
        Path file = sourceRoots.stream()
                .flatMap(root -> Stream.of(root.resolve(base + ".java"), root.resolve(base + ".kt")))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("no source of fixture " + fixture.getName()
                        + " under " + sourceRoots));
        try {
            return new FixtureSource(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture source " + file + " cannot be read", e);
        }
    }

    /** Whether 1-based line {@code number} contains {@code text}, ignoring whitespace differences. */
    boolean lineContains(int number, String text) {
        if (number < 1 || number > lines.size()) {
            return false;
        }
        return squeeze(lines.get(number - 1)).contains(squeeze(text));
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
