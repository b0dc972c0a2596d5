package io.github.sessionguard.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Where a settings file read from a build's output lives in the source tree, as a path relative to the
 * repository root: what GitHub code scanning resolves a SARIF location against, and what a user opens.
 *
 * <p>SpotBugs only sees the build output ({@code target/classes/application.properties}, or the same
 * file inside a jar or war), so without this a finding's location is {@code application.properties},
 * which neither code scanning nor a reader can place. The build's own layout answers the question: the
 * output folder ({@code target/classes} for Maven; {@code build/resources/main} or
 * {@code build/classes/java|kotlin/main} for Gradle; a jar or war in {@code target/} or
 * {@code build/libs/}) names the project folder, whose {@code src/main/resources} (or, for a
 * {@code WEB-INF/} file, {@code src/main/webapp}) holds the file. The path is then made relative to the
 * nearest folder above that holds {@code .git} (the repository root, so a module's files are found in
 * a multi-module build), else to the project folder. When the file is not there (an unusual layout, an
 * analysed jar without its sources) the resource path is kept.
 */
final class SourceTreePath {
    /** A bound on the walk up to the repository root. */
    private static final int MAX_LEVELS = 32;
    /** Build output folders, relative to their project folder. */
    private static final List<Path> OUTPUT_FOLDERS = List.of(Paths.get("target", "classes"),
            Paths.get("build", "resources", "main"), Paths.get("build", "classes", "java", "main"),
            Paths.get("build", "classes", "kotlin", "main"));
    /** Folders that hold packaged jars and wars, relative to their project folder. */
    private static final List<Path> PACKAGE_FOLDERS = List.of(Paths.get("target"), Paths.get("build", "libs"));

    private SourceTreePath() {
    }

    /**
     * The source file of {@code resourcePath} (relative to the resource or web root) built into the code
     * base at {@code codeBasePath}, relative to the repository root with {@code /} separators; or
     * {@code resourcePath} itself when the build layout does not show it.
     */
    static String of(String codeBasePath, String resourcePath) {
        if (codeBasePath == null || codeBasePath.isEmpty()) {
            return resourcePath;
        }
        Path codeBase;
        try {
            codeBase = Paths.get(codeBasePath).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            // Not a file system path (a code base SpotBugs read from elsewhere): no layout to read.
            return resourcePath;
        }
        Path project = projectFolder(codeBase);
        if (project == null) {
            return resourcePath;
        }
        String sourceRoot = resourcePath.startsWith("WEB-INF/") ? "src/main/webapp" : "src/main/resources";
        Path source = project.resolve(sourceRoot).resolve(resourcePath).normalize();
        if (!source.startsWith(project) || !Files.isRegularFile(source)) {
            return resourcePath;
        }
        Path root = repositoryRoot(project);
        return root.relativize(source).toString().replace('\\', '/');
    }

    private static Path projectFolder(Path codeBase) {
        boolean folder = Files.isDirectory(codeBase);
        for (Path output : folder ? OUTPUT_FOLDERS : PACKAGE_FOLDERS) {
            Path where = folder ? codeBase : codeBase.getParent();
            if (where != null && where.endsWith(output)) {
                Path project = where;
                for (int i = 0; i < output.getNameCount() && project != null; i++) {
                    project = project.getParent();
                }
                return project;
            }
        }
        return null;
    }

    private static Path repositoryRoot(Path project) {
        Path current = project;
        for (int i = 0; i < MAX_LEVELS && current != null; i++) {
            if (Files.exists(current.resolve(".git"))) {
                return current;
            }
            current = current.getParent();
        }
        return project;
    }
}
