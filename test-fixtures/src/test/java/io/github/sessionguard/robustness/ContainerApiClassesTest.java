package io.github.sessionguard.robustness;

import edu.umd.cs.findbugs.NoOpFindBugsProgress;
import edu.umd.cs.findbugs.PrintingBugReporter;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import edu.umd.cs.findbugs.classfile.IClassFactory;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.IClassPathBuilder;
import edu.umd.cs.findbugs.classfile.impl.ClassFactory;
import io.github.sessionguard.engine.SessionGuardEngines;
import io.github.sessionguard.flow.ApplicationClasses;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The servlet API is the container's even when the analysed code bases hold it (tomcat-embed-core bundles
 * it with the container): the application-class answers that every SessionGuard summary and screen asks
 * before it follows a call, as the plugin registers them in SpotBugs' analysis cache, say "not the
 * application's" for both servlet packages, so no call on the API is followed into an implementation.
 * The classes of the other analysed code base stay the application's.
 */
class ContainerApiClassesTest {

    @Test
    void servletApiInAnAnalysedJarIsNotApplicationCode() throws Exception {
        Path fixtures = Paths.get(System.getProperty("sessionguard.fixtures"));
        IClassFactory factory = ClassFactory.instance();
        IClassPath classPath = factory.createClassPath();
        try {
            IAnalysisCache cache = analysisCache(factory, classPath, jarOf(jakarta.servlet.http.HttpServletRequest.class),
                    jarOf(javax.servlet.http.HttpServletRequest.class), fixtures);
            ApplicationClasses classes = cache.getDatabase(ApplicationClasses.class);
            for (String api : new String[] {"jakarta/servlet/http/HttpServletRequest", "jakarta/servlet/http/HttpServletRequestWrapper",
                    "javax/servlet/http/HttpServletRequest", "javax/servlet/http/HttpServletRequestWrapper"}) {
                assertFalse(classes.contains(api), api + " counted as application code");
            }
            String fixture = "io/github/sessionguard/fixtures/fixation/servlet/SwitchUserServletWritesNewSession";
            assertTrue(classes.contains(fixture), fixture + " did not count as application code");
        } finally {
            Global.removeAnalysisCacheForCurrentThread();
            classPath.close();
        }
    }

    /**
     * SpotBugs' analysis cache over a class path whose code bases are all application code bases, as on a
     * FindBugs2 command line, with SessionGuard's per-analysis objects registered as the plugin registers
     * them (building the class path times itself in the cache; the cache stays set for this thread, which the
 * test's finally removes).
     */
    private static IAnalysisCache analysisCache(IClassFactory factory, IClassPath classPath, Path... codeBases)
            throws Exception {
        PrintingBugReporter reporter = new PrintingBugReporter();
        IClassPathBuilder builder = factory.createClassPathBuilder(reporter);
        for (Path codeBase : codeBases) {
            builder.addCodeBase(factory.createFilesystemCodeBaseLocator(codeBase.toString()), true);
        }
        IAnalysisCache cache = factory.createAnalysisCache(classPath, reporter);
        Global.setAnalysisCacheForCurrentThread(cache);
        builder.build(classPath, new NoOpFindBugsProgress());
        new SessionGuardEngines().registerAnalysisEngines(cache);
        return cache;
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
