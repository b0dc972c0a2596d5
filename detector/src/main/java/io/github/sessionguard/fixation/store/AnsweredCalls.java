package io.github.sessionguard.fixation.store;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.MethodCalls;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.Iterator;

/**
 * Does an application method answer what one of its calls returned, on some path ({@code String sid =
 * currentSessionId(request); if (sid == null) sid = store.create(); return sid;}), rather than merely make that call
 * ({@code currentSessionId(request)} read, then dropped for {@code return store.create()})? Read on SpotBugs' value
 * numbers: each {@code return}'s value, through the values joined where paths meet.
 */
final class AnsweredCalls {
    /** How many joins one returned value is followed through. */
    private static final int MAX_JOIN_STEPS = 4;

    private AnsweredCalls() {
    }

    static boolean answersCall(JavaClass javaClass, Method method, MethodCalls.Callee test)
            throws CheckedAnalysisException {
        ClassContext context = Global.getAnalysisCache().getClassAnalysis(ClassContext.class,
                DescriptorFactory.createClassDescriptor(javaClass.getClassName().replace('.', '/')));
        CFG cfg = context.getCFG(method);
        ValueNumberDataflow vna = context.getValueNumberDataflow(method);
        ConstantPoolGen cpg = context.getConstantPoolGen();
        ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (!(location.getHandle().getInstruction() instanceof ARETURN)) {
                continue;
            }
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (frame.isValid() && frame.getStackDepth() > 0
                    && fromCall(frame.getTopValue(), origins, cpg, test, MAX_JOIN_STEPS)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromCall(ValueNumber value, ValueOrigins origins, ConstantPoolGen cpg,
            MethodCalls.Callee test, int steps) throws DataflowAnalysisException {
        if (value == null) {
            return false;
        }
        InvokeInstruction call = origins.producingCall(value);
        if (call != null) {
            return test.matches(CallAt.ownerOf(call, cpg), call.getMethodName(cpg), call.getSignature(cpg));
        }
        if (steps == 0) {
            return false;
        }
        // A join of paths (or a cast): any of its values.
        for (ValueNumber input : origins.inputsOf(value)) {
            if (fromCall(input, origins, cpg, test, steps - 1)) {
                return true;
            }
        }
        return false;
    }
}
