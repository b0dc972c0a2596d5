package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import io.github.sessionguard.flow.PathFactAnalysis;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * Forward analysis of one method's paths: which authentications reach a point on a path that has
 * not changed the session id, whatever the order of the two on that path (a later id change fixes
 * an earlier authentication). What each call means comes from {@link LoginCallMeaning}.
 */
final class LoginFlowAnalysis extends PathFactAnalysis<LoginFacts> {
    private final LoginCallMeaning meaning;

    LoginFlowAnalysis(DepthFirstSearch dfs, LoginCallMeaning meaning) {
        super(dfs, LoginFacts::new);
        this.meaning = meaning;
    }

    @Override
    public void initEntryFact(LoginFacts result) {
        result.makeEntry();
    }

    @Override
    public void meetInto(LoginFacts fact, Edge edge, LoginFacts result) throws DataflowAnalysisException {
        if (fact.isTop()) {
            return;
        }
        if (edge.isExceptionEdge() && !fact.pending().isEmpty()) {
            LoginFacts failed = new LoginFacts();
            failed.copyFrom(fact);
            failed.dropPending();
            result.meet(failed);
            return;
        }
        if (meaning.meansNoSession(edge)) {
            LoginFacts noSession = new LoginFacts();
            noSession.copyFrom(fact);
            noSession.rotate();
            result.meet(noSession);
            return;
        }
        result.meet(fact);
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, LoginFacts fact)
            throws DataflowAnalysisException {
        // Calls, and field stores (a session-scoped bean's own user field is a session write).
        if (fact.isTop() || !(handle.getInstruction() instanceof InvokeInstruction
                || handle.getInstruction() instanceof org.apache.bcel.generic.PUTFIELD)) {
            return;
        }
        meaning.apply(new Location(handle, block), fact);
    }
}
