package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.NamedReferences;
import io.github.sessionguard.flow.RawInstructions;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods of a class that run as callbacks: bodies of its lambdas and method references
 * ({@code response.beforeCommit(() -> ...)}), nested ones too, except those that implement one of the given
 * interfaces (a {@code WebFilter} made as a lambda is the filter itself, which runs at once, not a callback).
 * Code in such a body runs when its receiver calls it, not where the lambda is made; so does code of the class's own
 * methods such a body calls ({@code () -> harden(response)}), a few calls deep.
 */
final class CallbackBodies {
    /** How many calls deep the class's own methods a callback calls are followed. */
    private static final int MAX_DEPTH = 3;

    private CallbackBodies() {
    }

    /** The callback bodies declared in the class and the class's methods they call, as name plus descriptor. */
    static Set<String> reached(JavaClass javaClass, List<String> notCallbacks) {
        Set<String> reached = of(javaClass, notCallbacks);
        String self = javaClass.getClassName().replace('.', '/');
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Set<String> callees = new HashSet<>();
            for (Method method : javaClass.getMethods()) {
                if (reached.contains(method.getName() + method.getSignature())) {
                    NamedReferences.walkOrReport(javaClass, method, (opcode, owner, name, descriptor) -> {
                        if (RawInstructions.callsMethodRef(opcode) && owner.equals(self)) {
                            callees.add(name + descriptor);
                        }
                        return false;
                    });
                }
            }
            if (!reached.addAll(callees)) {
                break;
            }
        }
        return reached;
    }

    /** The callback bodies declared in the class, as name plus descriptor. */
    private static Set<String> of(JavaClass javaClass, List<String> notCallbacks) {
        Set<String> bodies = new HashSet<>();
        ConstantPool pool = javaClass.getConstantPool();
        String self = javaClass.getClassName().replace('.', '/');
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            try {
                RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                    if (opcode != Const.INVOKEDYNAMIC || index <= 0 || index >= pool.getLength()) {
                        return false;
                    }
                    Constant site = pool.getConstant(index);
                    if (!(site instanceof ConstantInvokeDynamic) || implementsAny((ConstantInvokeDynamic) site, pool,
                            notCallbacks)) {
                        return false;
                    }
                    for (MethodHandleTargets.Target target : MethodHandleTargets.of(javaClass, site)) {
                        if (target.owner().equals(self)) {
                            bodies.add(target.name() + target.descriptor());
                        }
                    }
                    return false;
                });
            } catch (IOException e) {
                // Truncated code, which SpotBugs' own decoding rejects too: it makes no callbacks; reported.
                AnalysisContext.logError("SessionGuard could not read the code of " + javaClass.getClassName() + "."
                        + method.getName(), e);
            }
        }
        return bodies;
    }

    /** Does the call site make an instance of one of the types (its descriptor's return type)? */
    private static boolean implementsAny(ConstantInvokeDynamic site, ConstantPool pool, List<String> types) {
        ConstantNameAndType nameAndType = pool.getConstant(site.getNameAndTypeIndex(), Const.CONSTANT_NameAndType,
                ConstantNameAndType.class);
        String descriptor = nameAndType.getSignature(pool);
        String made = descriptor.substring(descriptor.indexOf(')') + 1);
        return types.stream().anyMatch(type -> made.equals("L" + type + ";"));
    }
}
