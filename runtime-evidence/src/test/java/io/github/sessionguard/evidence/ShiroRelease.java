package io.github.sessionguard.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One Shiro release, isolated: its jars (copied by the build into {@code target/shiro/VERSION}), the probe sources
 * compiled against them, and a class loader that sees that release only. Shiro is not on the test class path at all,
 * so releases cannot mix.
 */
final class ShiroRelease implements AutoCloseable {

    final String version;
    private final URLClassLoader loader;

    private ShiroRelease(String version, URLClassLoader loader) {
        this.version = version;
        this.loader = loader;
    }

    /**
     * @param web also compile the probes under {@code web/} against this release's shiro-web (jakarta) and the
     *            Servlet API of the test class path
     */
    static ShiroRelease load(String version, boolean web) {
        Path jars = Paths.get(property("evidence.shiro.dir"), version);
        Path probes = Paths.get(property("evidence.probe.sources"));
        List<Path> sources = web ? List.of(probes.resolve("core"), probes.resolve("web")) : List.of(probes.resolve("core"));
        Path classes = Paths.get(property("evidence.probe.work"), version + (web ? "-web" : ""));
        try {
            List<Path> classPath = new ArrayList<>();
            try (Stream<Path> files = Files.list(jars)) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(classPath::add);
            }
            if (classPath.stream().noneMatch(j -> j.getFileName().toString().equals("shiro-core-" + version + ".jar"))) {
                throw new IllegalStateException("no shiro-core " + version + " in " + jars);
            }
            List<Path> compileClassPath = new ArrayList<>(classPath);
            if (web) {
                compileClassPath.addAll(testClassPath());
            }
            List<String> sourceFiles = new ArrayList<>();
            for (Path root : sources) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).forEach(sourceFiles::add);
                }
            }
            Files.createDirectories(classes);
            compile(compileClassPath, classes, sourceFiles);
            List<URL> urls = new ArrayList<>();
            urls.add(classes.toUri().toURL());
            for (Path jar : classPath) {
                urls.add(jar.toUri().toURL());
            }
            // Parent: the test class loader (JDK, Tomcat, Servlet API), which holds no Shiro class.
            return new ShiroRelease(version,
                    new URLClassLoader("shiro-" + version, urls.toArray(URL[]::new), ShiroRelease.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(List<Path> classPath, Path out, List<String> sourceFiles) {
        ProbeCompiler.compile(classPath, out, sourceFiles, "this Shiro");
    }

    /** A new instance of a probe class of this release, seen through an interface of the JDK or the test class path. */
    <T> T newProbe(String probeClass, Class<T> as) throws ReflectiveOperationException {
        return as.cast(Class.forName(probeClass, true, loader).getDeclaredConstructor().newInstance());
    }

    /** Runs a probe class (a {@code Function<String, Map<String, String>>}) of this release with an argument. */
    @SuppressWarnings("unchecked")
    Map<String, String> run(String probeClass, String argument) throws ReflectiveOperationException {
        Function<String, Map<String, String>> probe = newProbe(probeClass, Function.class);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return probe.apply(argument);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is set by the module's surefire configuration");
        }
        return value;
    }

    static List<Path> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> entries = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Paths.get(entry));
            }
        }
        return entries;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
