package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.INSTANCEOF;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.Iterator;

/**
 * Branches that cannot run: the "not an instance" side of an {@code instanceof} test whose value's
 * declared type (a parameter's, a call's return type, a field's, a cast's) already is that type
 * ({@code request instanceof HttpServletRequest} on an {@code HttpServletRequest}). Such a test fails only for {@code null}, and a null
 * request or authentication carries no login; so the code under the test runs on every path that matters,
 * and an id change there covers them. Sound by construction: the static type must prove it (a subtype
 * the classpath confirms); a value typed as a supertype ({@code ServletRequest}) proves nothing.
 */
public final class TypeTestBranches {
    private final ClassContext classContext;
    private final Method method;

    public TypeTestBranches(ClassContext classContext, Method method) {
        this.classContext = classContext;
        this.method = method;
    }

    /** True when this edge is the failing side of an {@code instanceof} the static type makes always true. */
    public boolean cannotRun(Edge edge, ValueNumberDataflow vna, ValueOrigins origins)
            throws DataflowAnalysisException {
        InstructionHandle test = failedInstanceOf(edge);
        if (test == null) {
            return false;
        }
        BasicBlock source = edge.getSource();
        Type tested = ((INSTANCEOF) test.getInstruction()).getType(classContext.getConstantPoolGen());
        Type known = declaredType(new Location(test, source), vna, origins);
        if (!(tested instanceof ObjectType) || !(known instanceof ObjectType)) {
            return false;
        }
        String slashedKnown = ((ObjectType) known).getClassName().replace('.', '/');
        String slashedTested = ((ObjectType) tested).getClassName().replace('.', '/');
        return TypeChecks.isKnownSubtype(slashedKnown, slashedTested);
    }

    /** The {@code instanceof} whose failing side (it leaves 0 there) this edge is, in the edge's block; else null. */
    public static InstructionHandle failedInstanceOf(Edge edge) {
        if (!BranchConditions.isSideWhere(edge, Const.IFEQ, Const.IFNE)) {
            return null;
        }
        InstructionHandle test = edge.getSource().getLastInstruction().getPrev();
        return test != null && test.getInstruction() instanceof INSTANCEOF && inBlock(edge.getSource(), test) ? test : null;
    }

    /** The class an {@code instanceof} tests, slashed ("" for an array type). */
    public static String testedType(InstructionHandle instanceOf, org.apache.bcel.generic.ConstantPoolGen cpg) {
        Type tested = ((INSTANCEOF) instanceOf.getInstruction()).getType(cpg);
        return tested instanceof ObjectType ? ((ObjectType) tested).getClassName().replace('.', '/') : "";
    }

    private static boolean inBlock(BasicBlock block, InstructionHandle handle) {
        for (Iterator<InstructionHandle> it = block.instructionIterator(); it.hasNext();) {
            if (it.next() == handle) {
                return true;
            }
        }
        return false;
    }

    /**
     * The declared type of the value the test reads (top of the stack before it), or null when unknown.
     * Read from the value's origin rather than SpotBugs' type analysis: that one would be computed for
     * methods no other detector types (a cost), and logs its own errors on some of them (noise).
     */
    private Type declaredType(Location location, ValueNumberDataflow vna, ValueOrigins origins)
            throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (!frame.isValid() || frame.getStackDepth() == 0) {
            return null;
        }
        ValueNumber value = frame.getTopValue();
        Type[] parameters = method.getArgumentTypes();
        for (int i = 0; i < parameters.length; i++) {
            if (value.equals(vna.getAnalysis().getEntryValueForParameter(i))) {
                return parameters[i];
            }
        }
        Location producer = origins.producer(value);
        if (producer == null) {
            return null; // a merge of several values, or this: nothing declared
        }
        Instruction instruction = producer.getHandle().getInstruction();
        if (instruction instanceof InvokeInstruction) {
            return ((InvokeInstruction) instruction).getReturnType(classContext.getConstantPoolGen());
        }
        if (instruction instanceof CHECKCAST) {
            return ((CHECKCAST) instruction).getType(classContext.getConstantPoolGen());
        }
        if (instruction instanceof FieldInstruction) {
            return ((FieldInstruction) instruction).getFieldType(classContext.getConstantPoolGen());
        }
        return null;
    }
}
