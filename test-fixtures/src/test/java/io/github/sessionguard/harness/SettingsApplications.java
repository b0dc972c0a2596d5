package io.github.sessionguard.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the class folder of a {@code @SettingsApplication} fixture: its settings files from
 * {@code src/settings-apps/<app>/} and its own class files (nested classes included), nothing else.
 */
final class SettingsApplications {
    private SettingsApplications() {
    }

    static Path assemble(Path classes, FixtureExpectations fixture) throws IOException {
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        Path target = work.resolve("app-" + fixture.application);
        delete(target);
        Path settings = fixture.files.root();
        if (!Files.isDirectory(settings)) {
            throw new IOException("settings application folder " + settings + " is missing");
        }
        copyTree(settings, target);
        String binaryName = fixture.fixture.getName().replace('.', '/');
        Path packageDir = classes.resolve(binaryName).getParent();
        String simple = fixture.fixture.getName().substring(fixture.fixture.getName().lastIndexOf('.') + 1);
        try (Stream<Path> own = Files.list(packageDir)) {
            for (Path file : own.filter(f -> f.getFileName().toString().equals(simple + ".class")
                    || f.getFileName().toString().startsWith(simple + "$")).collect(Collectors.toList())) {
                Path copy = target.resolve(classes.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            List<Path> all = files.filter(Files::isRegularFile).collect(Collectors.toList());
            for (Path file : all) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    private static void delete(Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : old.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
    }
}
