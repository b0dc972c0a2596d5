package io.github.sessionguard.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Class folders made from the compiled fixtures. The policy fixtures ({@code fixtures/policies/<app>/})
 * are applications of their own: an app-wide cookie policy decides every cookie of the analysis it is in,
 * so each is analysed alone, and the other fixtures are analysed without them.
 */
final class FixtureFolders {
    /** Folder of the policy applications, relative to the classes root. */
    static final String POLICIES = "io/github/sessionguard/fixtures/policies/";

    private FixtureFolders() {
    }

    /** Every fixture class except the policy applications. */
    static Path withoutPolicies(Path classes, Path target) throws IOException {
        return copy(classes, target, relative -> !relative.startsWith(POLICIES));
    }

    /**
     * Copies an application's code-base-root files (its {@code root/} folder, e.g. {@code root/META-INF/context.xml})
     * to the root of its class folder, where the container and SessionGuard look for them.
     */
    static void copyRootFiles(Path classes, String rootPrefix, Path target) throws IOException {
        Path root = classes.resolve(rootPrefix);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path destination = target.resolve(root.relativize(file).toString());
                Files.createDirectories(destination.getParent());
                Files.copy(file, destination);
            }
        }
    }

    /**
     * Copies the files (classes, and the settings files beside them) whose slashed relative path passes
     * the filter into a fresh folder.
     */
    static Path copy(Path classes, Path target, Predicate<String> relativePath) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> all = files.filter(Files::isRegularFile).collect(Collectors.toList());
            for (Path file : all) {
                Path relative = classes.relativize(file);
                if (relativePath.test(relative.toString().replace('\\', '/'))) {
                    Files.createDirectories(target.resolve(relative).getParent());
                    Files.copy(file, target.resolve(relative));
                }
            }
        }
        return target;
    }
}
