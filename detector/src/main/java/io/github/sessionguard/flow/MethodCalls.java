package io.github.sessionguard.flow;

import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.Set;

/** What a method of a library class calls, read from its bytecode: a fact of the release on the classpath. */
public final class MethodCalls {
    private MethodCalls() {
    }

    /** Does {@code javaClass}'s method {@code name}{@code descriptor} call a method with one of these names? */
    public static boolean callsAnyOf(JavaClass javaClass, String name, String descriptor, Set<String> calleeNames) {
        ConstantPool pool = javaClass.getConstantPool();
        for (Method method : javaClass.getMethods()) {
            if (!method.getName().equals(name) || !method.getSignature().equals(descriptor) || method.getCode() == null) {
                continue;
            }
            boolean[] found = {false};
            try {
                RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                    if (RawInstructions.callsMethodRef(opcode) && index > 0 && index < pool.getLength()
                            && MethodRefs.isMethodRef(pool.getConstant(index))
                            && calleeNames.contains(MethodRefs.name(pool, (org.apache.bcel.classfile.ConstantCP) pool.getConstant(index)))) {
                        found[0] = true;
                        return true;
                    }
                    return false;
                });
            } catch (IOException e) {
                // Truncated code, which SpotBugs' own decoding rejects too: read as calling nothing; reported.
                edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                        + javaClass.getClassName() + "." + name, e);
            }
            return found[0];
        }
        return false;
    }
}
