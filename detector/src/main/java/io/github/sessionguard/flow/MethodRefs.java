package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantClass;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;

/**
 * A method reference of a constant pool (a call instruction's operand), read as the pool holds it: the
 * screens judge every entry of every class, where BCEL's dotted class names and generic views cost more
 * than the judgement.
 */
public final class MethodRefs {
    private MethodRefs() {
    }

    /** A class or interface method reference (an invokedynamic entry is a ConstantCP too, but names no class). */
    public static boolean isMethodRef(Constant constant) {
        return constant != null && (constant.getTag() == Const.CONSTANT_Methodref
                || constant.getTag() == Const.CONSTANT_InterfaceMethodref);
    }

    /** The slashed owner ({@code [I} for an array's method). */
    public static String owner(ConstantPool pool, ConstantCP reference) {
        ConstantClass owner = pool.getConstant(reference.getClassIndex(), Const.CONSTANT_Class, ConstantClass.class);
        return pool.getConstantUtf8(owner.getNameIndex()).getBytes();
    }

    public static String name(ConstantPool pool, ConstantCP reference) {
        return pool.getConstantUtf8(nameAndType(pool, reference).getNameIndex()).getBytes();
    }

    public static String descriptor(ConstantPool pool, ConstantCP reference) {
        return pool.getConstantUtf8(nameAndType(pool, reference).getSignatureIndex()).getBytes();
    }

    private static ConstantNameAndType nameAndType(ConstantPool pool, ConstantCP reference) {
        return pool.getConstant(reference.getNameAndTypeIndex(), Const.CONSTANT_NameAndType,
                ConstantNameAndType.class);
    }
}
