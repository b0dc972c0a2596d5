package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.constant.ConstantFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * A call instruction seen through SpotBugs' value-number and constant dataflows: which objects its
 * receiver and arguments are, and which arguments are constants.
 */
public final class CallAt {
    private final InvokeInstruction invoke;
    private final ConstantPoolGen cpg;
    private final ValueNumberFrame values;
    private final ConstantFrame constants;
    private final SignatureParser signature;
    private final String descriptor;
    /** Read from the constant pool at the first question (a call is asked about its owner many times). */
    private String owner;
    private String name;

    private CallAt(InvokeInstruction invoke, ConstantPoolGen cpg, ValueNumberFrame values, ConstantFrame constants) {
        this.invoke = invoke;
        this.cpg = cpg;
        this.values = values;
        this.constants = constants;
        this.descriptor = invoke.getSignature(cpg);
        this.signature = new SignatureParser(descriptor);
    }

    /**
     * The call at a location, or null when the frames there are top (dead code). A bottom frame means
     * SpotBugs gave up on the method (paths that meet with different stack depths): that is a failure
     * to report, not a call to skip in silence.
     */
    public static CallAt of(InvokeInstruction invoke, ConstantPoolGen cpg, Location location, ValueNumberDataflow vna,
            ConstantDataflow constantDataflow) throws DataflowAnalysisException {
        ValueNumberFrame values = vna.getFactAtLocation(location);
        ConstantFrame constants = constantDataflow.getFactAtLocation(location);
        if (values.isBottom() || constants.isBottom()) {
            throw new DataflowAnalysisException("no operand stack model at " + location
                    + " (paths meet with different stack depths)");
        }
        if (!values.isValid() || !constants.isValid()) {
            return null;
        }
        return new CallAt(invoke, cpg, values, constants);
    }

    public String owner() {
        if (owner == null) {
            owner = ownerOf(invoke, cpg);
        }
        return owner;
    }

    /**
     * The slashed class a call names. An invokedynamic call names none: BCEL's
     * {@code INVOKEDYNAMIC.getClassName} answers the call's method name ({@code accept},
     * {@code makeConcatWithConstants}), which, taken for a class, SpotBugs reports as missing. Such a call
     * stands for {@link #DYNAMIC_CALL_SITE}, which no catalogue row and no application class matches.
     */
    public static String ownerOf(InvokeInstruction invoke, ConstantPoolGen cpg) {
        if (invoke instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return DYNAMIC_CALL_SITE;
        }
        return invoke.getClassName(cpg).replace('.', '/');
    }

    /** The owner of every invokedynamic call (see {@link #ownerOf}). */
    public static final String DYNAMIC_CALL_SITE = "java/lang/invoke/CallSite";

    public String name() {
        if (name == null) {
            name = invoke.getMethodName(cpg);
        }
        return name;
    }

    public String descriptor() {
        return descriptor;
    }

    /** False for static calls (and invokedynamic), which have no receiver. */
    public boolean hasReceiver() {
        return !(invoke instanceof org.apache.bcel.generic.INVOKESTATIC)
                && !(invoke instanceof org.apache.bcel.generic.INVOKEDYNAMIC);
    }

    public int argumentCount() {
        return signature.getNumParameters();
    }

    public ValueNumber receiver() throws DataflowAnalysisException {
        return values.getInstance(invoke, cpg);
    }

    public ValueNumber argument(int index) throws DataflowAnalysisException {
        return values.getArgument(invoke, cpg, index, signature);
    }

    public Constant constantArgument(int index) throws DataflowAnalysisException {
        return constants.getArgument(invoke, cpg, index, signature);
    }

    /** The argument as a constant string, or null. */
    public String stringArgument(int index) throws DataflowAnalysisException {
        Constant constant = constantArgument(index);
        return constant.isConstantString() ? constant.getConstantString() : null;
    }

    /** Every value the call consumes: the receiver (when there is one) and the arguments. */
    public ValueNumber[] consumedValues() throws DataflowAnalysisException {
        int count = values.getNumArgumentsIncludingObjectInstance(invoke, cpg);
        ValueNumber[] consumed = new ValueNumber[count];
        for (int i = 0; i < count; i++) {
            consumed[i] = values.getStackValue(i);
        }
        return consumed;
    }
}
