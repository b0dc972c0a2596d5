package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import io.github.sessionguard.flow.FactsBefore;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ILOAD;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Type;

import java.util.Map;
import java.util.TreeMap;

/**
 * The boolean parameters whose value makes every path of a method change the id (see
 * {@link LoginSummary#flagRotations()}): each one the method reads is tried with both values, its paths read again
 * without the side of its tests that value does not take. Alfresco's
 * {@code AuthenticationUtil.login(request, response, userId, logout, setCookie)} invalidates first only when
 * {@code logout} is true: its callers' constants decide, not the helper.
 */
final class FlagRotations {
    /** Boolean parameters tried per method: each costs two more readings of its paths. */
    private static final int MAX_FLAGS_TRIED = 3;

    private FlagRotations() {
    }

    static Map<Integer, Boolean> of(ClassContext classContext, Method method, CFG cfg, LoginCallMeaning meaning)
            throws CheckedAnalysisException {
        Map<Integer, Boolean> rotations = new TreeMap<>();
        Type[] types = method.getArgumentTypes();
        int register = method.isStatic() ? 0 : 1;
        int tried = 0;
        try {
            for (int parameter = 0; parameter < types.length && tried < MAX_FLAGS_TRIED; parameter++) {
                int parameterRegister = register;
                register += types[parameter].getSize();
                if (!Type.BOOLEAN.equals(types[parameter]) || !readsRegister(classContext, method, parameterRegister)) {
                    continue;
                }
                tried++;
                for (boolean value : new boolean[] {true, false}) {
                    meaning.assume(new AssumedFlag(parameter, value));
                    LoginFlowAnalysis analysis = new LoginFlowAnalysis(classContext.getDepthFirstSearch(method), meaning);
                    new Dataflow<>(cfg, analysis).execute();
                    ExitsRotated exits = new ExitsRotated();
                    FactsBefore.walk(cfg, analysis, exits::visit);
                    if (exits.any && exits.all) {
                        rotations.put(parameter, value);
                        break;
                    }
                }
            }
        } finally {
            meaning.assume(AssumedFlag.NONE);
        }
        return rotations;
    }

    /** Cost only: a flag the method never loads cannot change its paths. */
    private static boolean readsRegister(ClassContext classContext, Method method, int register) {
        MethodGen gen = classContext.getMethodGen(method);
        for (InstructionHandle handle = gen == null ? null : gen.getInstructionList().getStart(); handle != null;
                handle = handle.getNext()) {
            if (handle.getInstruction() instanceof ILOAD && ((ILOAD) handle.getInstruction()).getIndex() == register) {
                return true;
            }
        }
        return false;
    }

    /** Whether a method's normal exits were reached, and all with a new id. */
    private static final class ExitsRotated {
        boolean any;
        boolean all = true;

        void visit(Location location, LoginFacts fact) {
            if (!fact.isTop() && location.getHandle().getInstruction() instanceof ReturnInstruction) {
                any = true;
                all &= !fact.isUnrotated();
            }
        }
    }
}
