package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which application methods reach a call of interest through calls that can carry an argument of
 * interest, read from the bytecode alone (no dataflow). Used to find the callers worth analysing although
 * their constant pool names no cookie type: the callers of a helper that creates a cookie with a flag they
 * pass in. Answers do not depend on the order of the questions: a method is "does not reach" only when a
 * complete search from it found nothing, and so is every method that search visited.
 */
public final class MethodReach {
    /** Is a call (slashed owner, name, descriptor) one of interest? */
    public interface CallFilter {
        boolean test(String owner, String name, String descriptor);
    }

    private final CallFilter source;
    private final CallFilter carrier;
    private final Map<String, Boolean> known = new HashMap<>();

    /**
     * @param source  the calls of interest (a cookie being created)
     * @param carrier the calls through which reach is followed (an application method taking a flag)
     */
    public MethodReach(CallFilter source, CallFilter carrier) {
        this.source = source;
        this.carrier = carrier;
    }

    /** True when some method the class calls through a carrier call reaches a source call. */
    public boolean classCallsReachingMethod(JavaClass javaClass) {
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof ConstantCP && !(constant instanceof org.apache.bcel.classfile.ConstantInvokeDynamic)
                    && !(constant instanceof org.apache.bcel.classfile.ConstantDynamic)) {
                ConstantCP reference = (ConstantCP) constant;
                if (!(pool.getConstant(reference.getNameAndTypeIndex()) instanceof ConstantNameAndType)) {
                    continue;
                }
                ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex());
                String owner = reference.getClass(pool).replace('.', '/');
                String name = nameAndType.getName(pool);
                String descriptor = nameAndType.getSignature(pool);
                if (descriptor.startsWith("(") && carrier.test(owner, name, descriptor) && reaches(owner, name, descriptor)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean reaches(String owner, String name, String descriptor) {
        String start = owner + "." + name + descriptor;
        Boolean answer = known.get(start);
        if (answer != null) {
            return answer;
        }
        Set<String> visited = new HashSet<>();
        Deque<String[]> work = new ArrayDeque<>();
        visited.add(start);
        work.add(new String[] {owner, name, descriptor});
        while (!work.isEmpty()) {
            String[] call = work.poll();
            Boolean done = known.get(call[0] + "." + call[1] + call[2]);
            if (Boolean.FALSE.equals(done)) {
                continue;
            }
            if (Boolean.TRUE.equals(done)) {
                known.put(start, true);
                return true;
            }
            if (!QuietClasspath.isApplicationClass(call[0])) {
                continue;
            }
            CallTargets.Target target = CallTargets.resolve(call[0], call[1], call[2]);
            if (target == null) {
                continue;
            }
            Code code = target.method() == null ? null : target.method().getCode();
            if (code == null) {
                continue;
            }
            // The calls are read from the class's own constant pool: building BCEL's ConstantPoolGen (a copy
            // of the pool) and InstructionList for each method searched cost more than the search.
            ConstantPool pool = target.javaClass().getConstantPool();
            try {
                boolean found = RawInstructions.walk(code.getCode(), (offset, opcode, index) -> {
                    if (!RawInstructions.callsMethodRef(opcode)) {
                        return false;
                    }
                    ConstantCP reference = (ConstantCP) pool.getConstant(index);
                    String calleeOwner = MethodRefs.owner(pool, reference);
                    String calleeName = MethodRefs.name(pool, reference);
                    String calleeDescriptor = MethodRefs.descriptor(pool, reference);
                    if (source.test(calleeOwner, calleeName, calleeDescriptor)) {
                        return true;
                    }
                    String key = calleeOwner + "." + calleeName + calleeDescriptor;
                    if (carrier.test(calleeOwner, calleeName, calleeDescriptor) && visited.add(key)) {
                        work.add(new String[] {calleeOwner, calleeName, calleeDescriptor});
                    }
                    return false;
                });
                if (found) {
                    known.put(start, true);
                    return true;
                }
            } catch (IOException e) {
                // Bytecode that cannot be read cannot be searched: count it as reaching, so the class is
                // analysed as it would be without this screen. Not memoised for the methods visited.
                return true;
            }
        }
        for (String method : visited) {
            known.put(method, false);
        }
        return false;
    }
}
