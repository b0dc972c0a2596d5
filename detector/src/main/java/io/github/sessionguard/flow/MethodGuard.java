package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MissingClassException;
import org.apache.bcel.classfile.Method;

/**
 * Runs one method's analysis so that a failure on it (an odd or huge method, a class missing from the
 * auxiliary classpath) goes to SpotBugs' error channel and the analysis of everything else goes on.
 */
public final class MethodGuard {
    /** One method's analysis. */
    public interface MethodAnalysis {
        void run() throws CheckedAnalysisException;
    }

    private MethodGuard() {
    }

    public static void run(BugReporter reporter, ClassContext classContext, Method method, MethodAnalysis analysis) {
        try {
            analysis.run();
        } catch (MissingClassException e) {
            reporter.reportMissingClass(e.getClassDescriptor());
        } catch (edu.umd.cs.findbugs.ba.MissingClassException e) {
            reporter.reportMissingClass(e.getClassNotFoundException());
        } catch (CheckedAnalysisException | RuntimeException | StackOverflowError e) {
            reporter.logError("SessionGuard could not analyse " + classContext.getJavaClass().getClassName() + "."
                    + method.getName() + method.getSignature() + ": " + e, e);
        }
    }
}
