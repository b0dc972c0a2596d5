package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.Type;

/**
 * What a lambda does when its whole body is one getter of its argument: {@code u -> u.getId()} compiles
 * to a synthetic method of the same class ({@code lambda$login$0(User)}) holding
 * {@code aload; invokevirtual User.getId; [Long.valueOf]; areturn}, and means what the method reference
 * {@code User::getId} means. Anything more in the body (another call, a field, a constant, a branch) is
 * not such a lambda: its meaning is not read here.
 */
public final class LambdaGetters {
    /** The longest body read: load, getter, one conversion, a cast, return. */
    private static final int MAX_INSTRUCTIONS = 6;

    private LambdaGetters() {
    }

    /**
     * The name of the getter that the lambda implemented by {@code target} (a method of {@code javaClass})
     * applies to its last argument (the one the functional interface passes; earlier ones are captured),
     * returning its result (boxed or converted by a {@code java.lang} {@code valueOf} at most); else null.
     */
    public static String getterOf(JavaClass javaClass, MethodHandleTargets.Target target) {
        if (!target.owner().equals(javaClass.getClassName().replace('.', '/')) || !target.name().startsWith("lambda$")) {
            return null;
        }
        Method lambda = null;
        for (Method method : javaClass.getMethods()) {
            if (method.getName().equals(target.name()) && method.getSignature().equals(target.descriptor())) {
                lambda = method;
            }
        }
        if (lambda == null || lambda.getCode() == null || !lambda.isSynthetic()) {
            return null;
        }
        Type[] arguments = Type.getArgumentTypes(lambda.getSignature());
        if (arguments.length == 0) {
            return null;
        }
        int lastSlot = lambda.isStatic() ? 0 : 1;
        for (int i = 0; i < arguments.length - 1; i++) {
            lastSlot += arguments[i].getSize();
        }
        ConstantPoolGen cpg = new ConstantPoolGen(javaClass.getConstantPool());
        InstructionHandle[] body = new InstructionList(lambda.getCode().getCode()).getInstructionHandles();
        if (body.length < 3 || body.length > MAX_INSTRUCTIONS) {
            return null;
        }
        if (!(body[0].getInstruction() instanceof ALOAD) || ((ALOAD) body[0].getInstruction()).getIndex() != lastSlot) {
            return null;
        }
        Instruction call = body[1].getInstruction();
        if (!(call.getOpcode() == Const.INVOKEVIRTUAL || call.getOpcode() == Const.INVOKEINTERFACE)
                || ((InvokeInstruction) call).getArgumentTypes(cpg).length != 0
                || ((InvokeInstruction) call).getReferenceType(cpg).toString().startsWith("java.")) {
            // A JDK getter (Principal.getName) is not the application's identity getter, as for references.
            return null;
        }
        for (int i = 2; i < body.length - 1; i++) {
            Instruction step = body[i].getInstruction();
            boolean conversion = step instanceof INVOKESTATIC
                    && ((INVOKESTATIC) step).getClassName(cpg).startsWith("java.lang.")
                    && ((INVOKESTATIC) step).getMethodName(cpg).equals("valueOf");
            if (!conversion && !(step instanceof CHECKCAST)) {
                return null;
            }
        }
        if (!(body[body.length - 1].getInstruction() instanceof ARETURN)) {
            return null;
        }
        return ((InvokeInstruction) call).getMethodName(cpg);
    }
}
