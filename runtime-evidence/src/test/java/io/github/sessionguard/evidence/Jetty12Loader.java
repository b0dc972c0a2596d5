package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Jetty 12 for a test: the test class path holds Javalin's Jetty 11, whose {@code org.eclipse.jetty.server} classes
 * have the same names, so the build copies the Jetty 12 jars into {@code target/jetty12} and the probes in
 * {@code src/test/jetty12-probe} are compiled against them here, into a class loader whose parent is the platform
 * loader.
 */
final class Jetty12Loader {
    private Jetty12Loader() {
    }

    /** A new loader holding Jetty 12 and the probes, compiled into the probe work folder {@code folder}. */
    static URLClassLoader open(String folder) throws Exception {
        return open(folder, "evidence.jetty12.dir", "evidence.jetty12.probe.sources");
    }

    /**
     * A new loader holding the Jetty 12 jars of the folder the system property {@code jarsProperty} names and the
     * probes of the folder {@code sourcesProperty} names (the ee10 servlet jars and their probes live apart from the
     * core ones: {@code target/jetty12-ee10}, {@code src/test/jetty12-ee10-probe}).
     */
    static URLClassLoader open(String folder, String jarsProperty, String sourcesProperty) throws Exception {
        List<Path> jars = ProbeCompiler.jars(Paths.get(ShiroRelease.property(jarsProperty)));
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("jetty-security-12.")), jars.toString());
        Path classes = Paths.get(ShiroRelease.property("evidence.probe.work"), folder);
        ProbeCompiler.compile(jars, classes,
                ProbeCompiler.sources(List.of(Paths.get(ShiroRelease.property(sourcesProperty)))),
                "Jetty 12");
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        return new URLClassLoader(folder, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }
}
