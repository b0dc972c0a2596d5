package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import io.github.sessionguard.flow.CallAt;
import org.apache.bcel.Const;
import org.apache.bcel.generic.InstructionHandle;

/**
 * A boolean parameter read as if it had one value ({@link FlagRotations}): the side of its tests the value does not
 * take cannot run, and a callee handed it gets that constant. {@link #NONE} reads the paths as they are.
 */
final class AssumedFlag {
    static final AssumedFlag NONE = new AssumedFlag(-1, false);

    private final int parameter;
    private final boolean value;

    AssumedFlag(int parameter, boolean value) {
        this.parameter = parameter;
        this.value = value;
    }

    /** A boolean argument's value: a constant, or this flag where the argument is the assumed parameter (null: unknown). */
    Boolean argument(CallAt call, int argument, ValueNumberDataflow vna) throws DataflowAnalysisException {
        Constant constant = call.constantArgument(argument);
        if (constant.isConstantInteger()) {
            return constant.getConstantInt() != 0;
        }
        if (parameter >= 0 && call.argument(argument).equals(vna.getAnalysis().getEntryValueForParameter(parameter))) {
            return value;
        }
        return null;
    }

    /** The side of {@code if (flag)} that the assumed value does not take. */
    boolean contradicts(Edge edge, ValueNumberDataflow vna) throws DataflowAnalysisException {
        if (parameter < 0) {
            return false;
        }
        BasicBlock source = edge.getSource();
        InstructionHandle last = source.getLastInstruction();
        if (last == null) {
            return false;
        }
        short opcode = last.getInstruction().getOpcode();
        boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
        if (opcode != Const.IFEQ && opcode != Const.IFNE || !taken && edge.getType() != EdgeTypes.FALL_THROUGH_EDGE) {
            return false;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, source));
        if (!frame.isValid() || frame.getStackDepth() == 0
                || !frame.getTopValue().equals(vna.getAnalysis().getEntryValueForParameter(parameter))) {
            return false;
        }
        // IFNE jumps when the flag is true, IFEQ when it is false; the fall-through side runs for the other value.
        boolean runsWhenTrue = taken == (opcode == Const.IFNE);
        return runsWhenTrue != value;
    }
}
