package io.github.sessionguard.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The settings files of one fixture application, read so an expectation can pin the reported line. */
final class SettingsFiles {
    private final Path root;

    /** {@code root} ending in {@code main-resources} stands for {@code src/main/resources}. */
    SettingsFiles(Path root) {
        this.root = root.getFileName().toString().equals("main-resources")
                ? root.getParent().resolve("main").resolve("resources") : root;
    }

    Path root() {
        return root;
    }

    /** Whether 1-based line {@code number} of {@code file} contains {@code text}, ignoring whitespace. */
    boolean lineContains(String file, int number, String text) {
        Path path = root.resolve(file);
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            return number >= 1 && number <= lines.size()
                    && lines.get(number - 1).replaceAll("\\s+", "").contains(text.replaceAll("\\s+", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("settings file " + path + " cannot be read", e);
        }
    }
}
