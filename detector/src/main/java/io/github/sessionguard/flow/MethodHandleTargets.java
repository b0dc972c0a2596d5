package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.ArrayList;
import java.util.List;

/**
 * The methods an invokedynamic call site refers to through method-handle bootstrap arguments: a
 * method reference such as {@code Configurer::none} is a call of {@code none} in all but bytecode.
 */
public final class MethodHandleTargets {
    /** A method named by a method handle. */
    public static final class Target {
        private final String owner;
        private final String name;
        private final String descriptor;
        private final boolean isStatic;

        Target(String owner, String name, String descriptor, boolean isStatic) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.isStatic = isStatic;
        }

        /** A static method: a lambda body that uses no {@code this}, whose first parameters are what it captured. */
        public boolean isStatic() {
            return isStatic;
        }

        public String owner() {
            return owner;
        }

        public String name() {
            return name;
        }

        public String descriptor() {
            return descriptor;
        }
    }

    private MethodHandleTargets() {
    }

    public static List<Target> of(JavaClass javaClass, Constant invokeDynamic) {
        List<Target> targets = new ArrayList<>();
        if (!(invokeDynamic instanceof ConstantInvokeDynamic)) {
            return targets;
        }
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : BootstrapArguments.of(javaClass, (ConstantInvokeDynamic) invokeDynamic)) {
            if (constant instanceof ConstantMethodHandle) {
                Constant reference = pool.getConstant(((ConstantMethodHandle) constant).getReferenceIndex());
                if (reference instanceof ConstantCP) {
                    ConstantCP member = (ConstantCP) reference;
                    ConstantNameAndType nameAndType = pool.getConstant(member.getNameAndTypeIndex(), Const.CONSTANT_NameAndType,
                            ConstantNameAndType.class);
                    targets.add(new Target(member.getClass(pool).replace('.', '/'), nameAndType.getName(pool),
                            nameAndType.getSignature(pool),
                            ((ConstantMethodHandle) constant).getReferenceKind() == Const.REF_invokeStatic));
                }
            }
        }
        return targets;
    }
}
