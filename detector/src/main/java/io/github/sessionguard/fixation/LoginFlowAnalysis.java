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
        if (fact.isTop() || meaning.cannotRun(edge)) {
            // Branches that cannot run decide nothing: an always-true instanceof's failing side.
            return;
        }
        LoginFacts incoming = fact;
        if (edge.isExceptionEdge()) {
            // A failed login carries no authentication to an exit. A check that threw failed; an exception from
            // anything else after a passed check (ctx.close() in a finally, an audit call, caught and ignored)
            // suspends it: not passed in the handler (a second factor that threw), passed again where the handler's
            // path rejoins one that passed. An id change that threw found no session: the next getSession() makes
            // a new one.
            incoming = copy(fact);
            incoming.dropPending();
            InstructionHandle thrower = edge.getSource().getExceptionThrower();
            if (thrower == null || meaning.isVerifyingCall(thrower.getPosition())) {
                incoming.failCheck();
            } else {
                incoming.suspendCheck();
                if (meaning.throwsOnlyWithoutSession(thrower)) {
                    incoming.rotate();
                }
            }
        } else if (meaning.meansNoSession(edge)) {
            incoming = copy(fact);
            incoming.noSession();
        } else {
            Boolean outcome = meaning.checkOutcome(edge);
            if (outcome != null) {
                incoming = copy(fact);
                if (outcome) {
                    incoming.passCheck();
                } else {
                    incoming.failCheck();
                }
            }
        }
        result.meet(incoming);
    }

    private static LoginFacts copy(LoginFacts fact) {
        LoginFacts copy = new LoginFacts();
        copy.copyFrom(fact);
        return copy;
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, LoginFacts fact)
            throws DataflowAnalysisException {
        // Calls, and field stores (a session-scoped bean's own user field is a session write).
        if (fact.isTop() || !(handle.getInstruction() instanceof InvokeInstruction
                || handle.getInstruction() instanceof org.apache.bcel.generic.PUTFIELD)) {
            return;
        }
        meaning.applyRecorded(new Location(handle, block), fact);
        if (meaning.isVerifyingCall(handle.getPosition())) {
            fact.passCheck();
        }
    }
}
