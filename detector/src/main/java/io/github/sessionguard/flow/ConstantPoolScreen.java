package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

/**
 * The cheap pre-screen: a class whose constant pool never names a catalogue type cannot create,
 * harden or send anything SessionGuard tracks, so no dataflow is built for it. The screens keep their
 * {@link TextSearch}es built (a catalogue list's in a static final field), as this runs for every class.
 */
public final class ConstantPoolScreen {
    private ConstantPoolScreen() {
    }

    /** True when one of the pool's texts contains a text that one of the searches wants: one pass over the pool. */
    public static boolean mentionsAny(JavaClass javaClass, TextSearch... searches) {
        for (Constant constant : javaClass.getConstantPool().getConstantPool()) {
            if (constant instanceof ConstantUtf8) {
                String utf8 = ((ConstantUtf8) constant).getBytes();
                for (TextSearch search : searches) {
                    if (search.foundIn(utf8)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
