package io.github.sessionguard.evidence;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A server probe compiled against jars that cannot share the test class path (a framework with its own Jetty
 * release), run in a class loader whose parent is the platform loader. The probe class is a
 * {@code Callable<Integer>} that starts the server and answers its port, and an {@code AutoCloseable} that stops it.
 */
final class IsolatedProbe implements AutoCloseable {

    private final URLClassLoader loader;
    private final AutoCloseable server;
    private final int port;

    private IsolatedProbe(URLClassLoader loader, AutoCloseable server, int port) {
        this.loader = loader;
        this.server = server;
        this.port = port;
    }

    /**
     * Compiles the sources under the folder the system property {@code sourcesProperty} names against
     * {@code jars} into {@code target/probes/<name>}, loads {@code probeClass} and starts it.
     */
    @SuppressWarnings("unchecked")
    static IsolatedProbe start(String name, List<Path> jars, String sourcesProperty, String probeClass) throws Exception {
        Path classes = Paths.get(ShiroRelease.property("evidence.probe.work"), name);
        ProbeCompiler.compile(jars, classes,
                ProbeCompiler.sources(List.of(Paths.get(ShiroRelease.property(sourcesProperty)))), name);
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        URLClassLoader loader = new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try {
            Object probe = Class.forName(probeClass, true, loader).getDeclaredConstructor().newInstance();
            int port = ((Callable<Integer>) probe).call();
            return new IsolatedProbe(loader, (AutoCloseable) probe, port);
        } catch (Exception | Error e) {
            loader.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            loader.close();
        }
    }
}
