package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.MissingClassException;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The one guard around every SessionGuard detector entry (a class visit, a method's analysis, a
 * visitor callback, the end-of-analysis report): a failure in it (an odd or huge method, a class
 * missing from the auxiliary classpath, a bug of ours) goes to SpotBugs' error channel naming
 * SessionGuard and where it happened, and the analysis of everything else goes on.
 */
public final class MethodGuard {
    /** One piece of analysis work. */
    public interface MethodAnalysis {
        void run() throws CheckedAnalysisException;
    }

    private MethodGuard() {
    }

    /** One method's analysis. */
    public static void run(BugReporter reporter, ClassContext classContext, Method method, MethodAnalysis analysis) {
        run(reporter, classContext.getJavaClass(), method, analysis);
    }

    /** One method's analysis, or one visitor callback inside it. */
    public static void run(BugReporter reporter, JavaClass javaClass, Method method, MethodAnalysis analysis) {
        guard(reporter, analysis, javaClass, method, null);
    }

    /** A whole class visit (what fails outside any one method's analysis). */
    public static void runClass(BugReporter reporter, JavaClass javaClass, MethodAnalysis analysis) {
        guard(reporter, analysis, javaClass, null, null);
    }

    /** A whole class visit of a {@code Detector2} (which is handed the class' descriptor, not its class). */
    public static void runClass(BugReporter reporter, ClassDescriptor classDescriptor, MethodAnalysis analysis) {
        guard(reporter, analysis, null, null, "analyse class " + classDescriptor.getDottedClassName());
    }

    /** A detector's end-of-analysis work, {@code what} naming it. */
    public static void runReport(BugReporter reporter, String what, MethodAnalysis analysis) {
        guard(reporter, analysis, null, null, what);
    }

    private static void guard(BugReporter reporter, MethodAnalysis analysis, JavaClass javaClass, Method method,
            String what) {
        try {
            analysis.run();
        } catch (MissingClassException e) {
            reporter.reportMissingClass(e.getClassDescriptor());
        } catch (edu.umd.cs.findbugs.ba.MissingClassException e) {
            reporter.reportMissingClass(e.getClassNotFoundException());
        } catch (CheckedAnalysisException | RuntimeException | StackOverflowError e) {
            reporter.logError("SessionGuard could not " + where(javaClass, method, what) + ": " + e, e);
        }
    }

    private static String where(JavaClass javaClass, Method method, String what) {
        if (what != null) {
            return what;
        }
        String className = javaClass == null ? "?" : javaClass.getClassName();
        return method == null ? "analyse class " + className
                : "analyse " + className + "." + method.getName() + method.getSignature();
    }
}
