package io.github.sessionguard.robustness;

import edu.umd.cs.findbugs.NoOpFindBugsProgress;
import edu.umd.cs.findbugs.PrintingBugReporter;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IClassFactory;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.IClassPathBuilder;
import edu.umd.cs.findbugs.classfile.impl.ClassFactory;
import io.github.sessionguard.catalogue.ContainerApis;
import io.github.sessionguard.flow.ApplicationClasses;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The servlet API is the container's even when the analysed code bases hold it (tomcat-embed-core bundles
 * it with the container): SessionGuard never follows a call on it into an implementation, so its verdicts
 * are those it gives with the API on the auxiliary class path. The other classes of the same analysed code
 * bases stay the application's.
 */
class ContainerApiClassesTest {

    @Test
    void servletApiInAnAnalysedJarIsNotApplicationCode() throws Exception {
        Path servletApiJar = Paths.get(HttpServletRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path fixtures = Paths.get(System.getProperty("sessionguard.fixtures"));
        IClassPath classPath = analysedClassPath(servletApiJar, fixtures);
        try {
            ApplicationClasses classes = new ApplicationClasses(classPath, ContainerApis.PACKAGES);
            assertFalse(classes.contains("jakarta/servlet/http/HttpServletRequest"),
                    "the servlet API counted as application code");
            assertFalse(classes.contains("jakarta/servlet/http/HttpServletRequestWrapper"),
                    "the servlet API counted as application code");
            assertTrue(classes.contains("io/github/sessionguard/fixtures/fixation/callers/SsoGateway"),
                    "a class of the analysed fixtures did not count as application code");
        } finally {
            classPath.close();
        }
    }

    /**
     * A SpotBugs class path whose code bases are all application code bases, as on a FindBugs2 command line
     * (building it times itself in an analysis cache, set for this thread only while it builds).
     */
    private static IClassPath analysedClassPath(Path... codeBases) throws Exception {
        IClassFactory factory = ClassFactory.instance();
        IClassPath classPath = factory.createClassPath();
        PrintingBugReporter reporter = new PrintingBugReporter();
        IClassPathBuilder builder = factory.createClassPathBuilder(reporter);
        for (Path codeBase : codeBases) {
            builder.addCodeBase(factory.createFilesystemCodeBaseLocator(codeBase.toString()), true);
        }
        Global.setAnalysisCacheForCurrentThread(factory.createAnalysisCache(classPath, reporter));
        try {
            builder.build(classPath, new NoOpFindBugsProgress());
        } finally {
            Global.removeAnalysisCacheForCurrentThread();
        }
        return classPath;
    }
}
