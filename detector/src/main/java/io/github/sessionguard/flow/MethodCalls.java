package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.Set;

/**
 * What a method calls, read from its bytecode: a library method's (a fact of the release on the classpath), or an
 * application helper's (does it return a request cookie's value?).
 */
public final class MethodCalls {
    private MethodCalls() {
    }

    /** A call a method's body may make, by its owner (slashed), name and descriptor. */
    @FunctionalInterface
    public interface Callee {
        boolean matches(String owner, String name, String descriptor);
    }

    /** Does {@code javaClass}'s method {@code name}{@code descriptor} call a method with one of these names? */
    public static boolean callsAnyOf(JavaClass javaClass, String name, String descriptor, Set<String> calleeNames) {
        for (Method method : javaClass.getMethods()) {
            if (method.getName().equals(name) && method.getSignature().equals(descriptor)) {
                return calls(javaClass, method, (owner, callee, calleeDescriptor) -> calleeNames.contains(callee));
            }
        }
        return false;
    }

    /**
     * Does this method of {@code javaClass} call a method the filter accepts? Read from its bytes, no instructions
     * made. A method reference ({@code Cookie::getValue}) counts as a call, and so does a call in the body of a
     * lambda of the same class that the method creates (one level: a lambda's own lambdas are not read).
     */
    public static boolean calls(JavaClass javaClass, Method method, Callee wanted) {
        return calls(javaClass, method, wanted, true);
    }

    /** The same, for the method's own instructions only: the bodies of the lambdas it creates are not read. */
    public static boolean callsItself(JavaClass javaClass, Method method, Callee wanted) {
        return calls(javaClass, method, wanted, false);
    }

    private static boolean calls(JavaClass javaClass, Method method, Callee wanted, boolean intoLambdas) {
        if (method.getCode() == null) {
            return false;
        }
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] found = {false};
        try {
            RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                if (index <= 0 || index >= pool.getLength()) {
                    return false;
                }
                if (RawInstructions.callsMethodRef(opcode) && MethodRefs.isMethodRef(pool.getConstant(index))) {
                    ConstantCP reference = (ConstantCP) pool.getConstant(index);
                    found[0] = wanted.matches(MethodRefs.owner(pool, reference), MethodRefs.name(pool, reference),
                            MethodRefs.descriptor(pool, reference));
                } else if (opcode == Const.INVOKEDYNAMIC) {
                    found[0] = MethodHandleTargets.of(javaClass, pool.getConstant(index)).stream().anyMatch(target ->
                            wanted.matches(target.owner(), target.name(), target.descriptor())
                                    || (intoLambdas && lambdaCalls(javaClass, target, wanted)));
                }
                return found[0];
            });
        } catch (IOException e) {
            // Truncated code, which SpotBugs' own decoding rejects too: read as calling nothing; reported.
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                    + javaClass.getClassName() + "." + method.getName(), e);
        }
        return found[0];
    }

    /**
     * Does the function an invokedynamic makes call a method the filter accepts: a method reference to one, or a
     * lambda of the same class whose own body calls one ({@code a -> PasswordCheck.verify(password, a.hash())})?
     */
    public static boolean functionCalls(JavaClass javaClass, org.apache.bcel.classfile.Constant invokeDynamic,
            Callee wanted) {
        for (MethodHandleTargets.Target target : MethodHandleTargets.of(javaClass, invokeDynamic)) {
            if (wanted.matches(target.owner(), target.name(), target.descriptor())
                    || lambdaCalls(javaClass, target, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lambdaCalls(JavaClass javaClass, MethodHandleTargets.Target target, Callee wanted) {
        if (!target.owner().equals(javaClass.getClassName().replace('.', '/'))) {
            return false;
        }
        for (Method lambda : javaClass.getMethods()) {
            if (lambda.getName().equals(target.name()) && lambda.getSignature().equals(target.descriptor())) {
                return calls(javaClass, lambda, wanted, false);
            }
        }
        return false;
    }
}
