package io.github.sessionguard.evidence;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles probe sources against jars that are not on the test class path (a framework release that cannot share
 * it), with the JDK's compiler, so the tests need a JDK.
 */
final class ProbeCompiler {

    private ProbeCompiler() {
    }

    /** The jar files of a folder, sorted by name. */
    static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code .java} file under the roots. */
    static List<String> sources(List<Path> roots) {
        List<String> sourceFiles = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(sourceFiles::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sourceFiles;
    }

    /** Compiles {@code sourceFiles} into {@code out}; {@code against} names the release in the error. */
    static void compile(List<Path> classPath, Path out, List<String> sourceFiles, String against) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests need a JDK (javax.tools compiler), not a JRE");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d", out.toString(),
                "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        args.addAll(sourceFiles);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("probe did not compile against " + against + ": " + errors);
        }
    }
}
