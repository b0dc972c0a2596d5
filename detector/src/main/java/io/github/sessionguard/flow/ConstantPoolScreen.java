package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

import java.util.Collection;
import java.util.List;

/**
 * The cheap pre-screen: a class whose constant pool never names a catalogue type cannot create,
 * harden or send anything SessionGuard tracks, so no dataflow is built for it.
 */
public final class ConstantPoolScreen {
    private ConstantPoolScreen() {
    }

    public static boolean mentionsAny(JavaClass javaClass, Collection<String> slashedTypeNames) {
        return mentionsAny(javaClass, slashedTypeNames, null);
    }

    /**
     * True when the pool names one of the types, or (when {@code lowerCaseText} is not null) contains the
     * text in any letter case, such as a header name.
     */
    public static boolean mentionsAny(JavaClass javaClass, Collection<String> slashedTypeNames, String lowerCaseText) {
        TextsIgnoringCase text = lowerCaseText == null ? null : new TextsIgnoringCase(List.of(lowerCaseText));
        // An array, not the collection's iterator, for the loop run at every constant of every class.
        String[] types = slashedTypeNames.toArray(new String[0]);
        for (Constant constant : javaClass.getConstantPool().getConstantPool()) {
            if (constant instanceof ConstantUtf8) {
                String utf8 = ((ConstantUtf8) constant).getBytes();
                for (String type : types) {
                    if (utf8.contains(type)) {
                        return true;
                    }
                }
                if (text != null && text.foundIn(utf8)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the pool contains one of the texts in any letter case: one pass over the pool for all of them. */
    public static boolean mentionsAnyText(JavaClass javaClass, Collection<String> texts) {
        TextsIgnoringCase wanted = new TextsIgnoringCase(texts);
        for (Constant constant : javaClass.getConstantPool().getConstantPool()) {
            if (constant instanceof ConstantUtf8 && wanted.foundIn(((ConstantUtf8) constant).getBytes())) {
                return true;
            }
        }
        return false;
    }
}
