package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.HashMap;
import java.util.Map;

/**
 * The calls of one method, each read once ({@link CallAt#of}), however often a pass over the method or a
 * dataflow iteration asks (the model is SpotBugs' per-method {@code InstructionActionCache}). The frames a
 * call is read from are final once SpotBugs' dataflows have run, so the answer cannot change. Lives as long
 * as one method's analysis; a location SpotBugs has no operand model for throws every time it is asked.
 */
public final class CallSites {
    /** Marks a location whose frames are top (dead code): {@link CallAt#of} answered null. */
    private static final Object NO_CALL = new Object();

    private final ConstantPoolGen cpg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final Map<Location, Object> calls = new HashMap<>();

    public CallSites(ConstantPoolGen cpg, ValueNumberDataflow vna, ConstantDataflow constants) {
        this.cpg = cpg;
        this.vna = vna;
        this.constants = constants;
    }

    /** The call at a location, or null for dead code (see {@link CallAt#of}). */
    public CallAt at(InvokeInstruction invoke, Location location) throws DataflowAnalysisException {
        Object known = calls.get(location);
        if (known == null) {
            CallAt call = CallAt.of(invoke, cpg, location, vna, constants);
            known = call == null ? NO_CALL : call;
            calls.put(location, known);
        }
        return known == NO_CALL ? null : (CallAt) known;
    }
}
