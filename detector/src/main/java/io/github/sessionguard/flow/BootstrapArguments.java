package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Attribute;
import org.apache.bcel.classfile.BootstrapMethod;
import org.apache.bcel.classfile.BootstrapMethods;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.ArrayList;
import java.util.List;

/**
 * The static arguments of an invokedynamic call site's bootstrap method, as constant-pool entries: a
 * string concatenation's recipe, a lambda's implementation method handle.
 */
public final class BootstrapArguments {
    private BootstrapArguments() {
    }

    /** The arguments in order; empty when the class has no matching bootstrap method. */
    public static List<Constant> of(JavaClass javaClass, ConstantInvokeDynamic invokeDynamic) {
        List<Constant> arguments = new ArrayList<>();
        int index = invokeDynamic.getBootstrapMethodAttrIndex();
        ConstantPool pool = javaClass.getConstantPool();
        for (Attribute attribute : javaClass.getAttributes()) {
            if (attribute instanceof BootstrapMethods) {
                BootstrapMethod[] methods = ((BootstrapMethods) attribute).getBootstrapMethods();
                if (index < methods.length) {
                    for (int argument : methods[index].getBootstrapArguments()) {
                        arguments.add(pool.getConstant(argument));
                    }
                }
            }
        }
        return arguments;
    }
}
