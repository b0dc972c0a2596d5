package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.type.TypeDataflow;
import edu.umd.cs.findbugs.ba.type.TypeFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.INSTANCEOF;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.Iterator;

/**
 * Branches that cannot run: the "not an instance" side of an {@code instanceof} test whose value's static
 * type, as SpotBugs' type analysis knows it, already is that type ({@code request instanceof
 * HttpServletRequest} on an {@code HttpServletRequest}). Such a test fails only for {@code null}, and a null
 * request or authentication carries no login; so the code under the test runs on every path that matters,
 * and an id change there covers them. Sound by construction: the static type must prove it (a subtype
 * the classpath confirms); a value typed as a supertype ({@code ServletRequest}) proves nothing.
 */
public final class TypeTestBranches {
    private final ClassContext classContext;
    private final Method method;
    private TypeDataflow types;
    private boolean typesUnavailable;

    public TypeTestBranches(ClassContext classContext, Method method) {
        this.classContext = classContext;
        this.method = method;
    }

    /** True when this edge is the failing side of an {@code instanceof} the static type makes always true. */
    public boolean cannotRun(Edge edge) {
        BasicBlock source = edge.getSource();
        InstructionHandle last = source.getLastInstruction();
        if (last == null) {
            return false;
        }
        short opcode = last.getInstruction().getOpcode();
        boolean failing = (opcode == Const.IFEQ && edge.getType() == EdgeTypes.IFCMP_EDGE)
                || (opcode == Const.IFNE && edge.getType() == EdgeTypes.FALL_THROUGH_EDGE);
        if (!failing) {
            return false;
        }
        InstructionHandle test = last.getPrev();
        if (test == null || !(test.getInstruction() instanceof INSTANCEOF) || !inBlock(source, test)) {
            return false;
        }
        Type tested = ((INSTANCEOF) test.getInstruction()).getType(classContext.getConstantPoolGen());
        Type known = staticType(new Location(test, source));
        if (!(tested instanceof ObjectType) || !(known instanceof ObjectType)) {
            return false;
        }
        String slashedKnown = ((ObjectType) known).getClassName().replace('.', '/');
        String slashedTested = ((ObjectType) tested).getClassName().replace('.', '/');
        return TypeChecks.isKnownSubtype(slashedKnown, slashedTested);
    }

    private static boolean inBlock(BasicBlock block, InstructionHandle handle) {
        for (Iterator<InstructionHandle> it = block.instructionIterator(); it.hasNext();) {
            if (it.next() == handle) {
                return true;
            }
        }
        return false;
    }

    /** The type of the value the test reads (top of the stack before it), or null when unknown. */
    private Type staticType(Location location) {
        if (typesUnavailable) {
            return null;
        }
        try {
            if (types == null) {
                types = classContext.getTypeDataflow(method);
            }
            TypeFrame frame = types.getFactAtLocation(location);
            return frame.isValid() && frame.getStackDepth() > 0 ? frame.getTopValue() : null;
        } catch (DataflowAnalysisException e) {
            // An inconsistent frame: the type is unknown, so the branch may run (counted, not an error).
            LookupFailures.typeUnknown();
            return null;
        } catch (CheckedAnalysisException e) {
            typesUnavailable = true;
            AnalysisContext.logError("SessionGuard could not read the types of " + method.getName() + ": " + e, e);
            return null;
        }
    }
}
