package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

import java.util.Collection;

/**
 * The cheap pre-screen: a class whose constant pool never names a catalogue type cannot create,
 * harden or send anything SessionGuard tracks, so no dataflow is built for it.
 */
public final class ConstantPoolScreen {
    private ConstantPoolScreen() {
    }

    public static boolean mentionsAny(JavaClass javaClass, Collection<String> slashedTypeNames) {
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof ConstantUtf8) {
                String text = ((ConstantUtf8) constant).getBytes();
                for (String type : slashedTypeNames) {
                    if (text.contains(type)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
