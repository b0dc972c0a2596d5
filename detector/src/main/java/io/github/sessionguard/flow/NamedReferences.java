package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantClass;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;

/**
 * What a method's instructions name, read from its bytes with no instruction objects: the methods it calls,
 * the fields it reads or writes, the classes it makes, casts to or tests for. The first-pass surveys read
 * every method of the classes they are shown only for these names (see {@link RawInstructions}); names come
 * as the constant pool holds them (slashed classes), so a survey compares them without building strings.
 */
public final class NamedReferences {
    private NamedReferences() {
    }

    /** Sees one instruction that names a class, a field or a method; returns true to stop the walk there. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param opcode the instruction's opcode
         * @param owner the slashed class it names: the class made, cast to or tested for ({@code new},
         *              {@code checkcast}, {@code instanceof}, {@code anewarray}), or the owner of the field or method
         * @param name the field's or method's name; null for a class operand
         * @param descriptor the field's or method's descriptor; null for a class operand
         */
        boolean visit(int opcode, String owner, String name, String descriptor);
    }

    /**
     * Visits the method's named references in order until the visitor stops; true when it stopped. An
     * invokedynamic names a call site, not a class, and is not visited (see {@link MethodHandleTargets}).
     *
     * @throws IOException when the bytes are not instructions (see {@link RawInstructions#walk})
     */
    public static boolean walk(JavaClass javaClass, Method method, Visitor visitor) throws IOException {
        if (method.getCode() == null) {
            return false;
        }
        ConstantPool pool = javaClass.getConstantPool();
        return RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
            if (index <= 0 || index >= pool.getLength() || opcode == Const.INVOKEDYNAMIC) {
                return false;
            }
            Constant constant = pool.getConstant(index);
            if (constant instanceof ConstantClass) {
                return isClassOperand(opcode) && visitor.visit(opcode, ((ConstantClass) constant).getBytes(pool), null, null);
            }
            if (constant instanceof ConstantCP && (MethodRefs.isMethodRef(constant)
                    || constant.getTag() == Const.CONSTANT_Fieldref)) {
                ConstantCP reference = (ConstantCP) constant;
                return visitor.visit(opcode, MethodRefs.owner(pool, reference), MethodRefs.name(pool, reference),
                        MethodRefs.descriptor(pool, reference));
            }
            return false;
        });
    }

    /**
     * The same, for a survey that reads unreadable code as naming nothing: the failure (truncated code, which
     * SpotBugs' own decoding rejects too) is reported on SpotBugs' error channel, and the walk answers false.
     */
    public static boolean walkOrReport(JavaClass javaClass, Method method, Visitor visitor) {
        try {
            return walk(javaClass, method, visitor);
        } catch (IOException e) {
            AnalysisContext.logError("SessionGuard could not read the code of " + javaClass.getClassName() + "."
                    + method.getName(), e);
            return false;
        }
    }

    private static boolean isClassOperand(int opcode) {
        return opcode == Const.NEW || opcode == Const.CHECKCAST || opcode == Const.INSTANCEOF
                || opcode == Const.ANEWARRAY || opcode == Const.MULTIANEWARRAY;
    }
}
