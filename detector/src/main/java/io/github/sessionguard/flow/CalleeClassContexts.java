package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.Global;

/**
 * The {@link ClassContext} of a class other than the one SpotBugs is visiting (a callee whose summary is
 * needed), without costing SpotBugs the visited class's own. SpotBugs keeps only the 10 most recently used
 * ClassContexts, and a ClassContext holds its methods' CFGs and dataflows: a summary walk through more
 * than nine other classes would evict the visited class's, and every detector after ours would rebuild
 * all of its methods' analyses. Touching the visited class's entry after each look-up keeps it the most
 * recent (a plain cache read: nothing is computed, and nothing is kept here).
 */
public final class CalleeClassContexts {
    private CalleeClassContexts() {
    }

    public static ClassContext of(ClassDescriptor callee) throws CheckedAnalysisException {
        ClassContext classContext = Global.getAnalysisCache().getClassAnalysis(ClassContext.class, callee);
        AnalysisContext analysisContext = AnalysisContext.currentAnalysisContext();
        ClassDescriptor visited = analysisContext == null ? null : analysisContext.getClassBeingAnalyzed();
        if (visited != null && !visited.equals(callee)) {
            Global.getAnalysisCache().probeClassAnalysis(ClassContext.class, visited);
        }
        return classContext;
    }
}
