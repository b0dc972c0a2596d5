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
        return mentionsAny(javaClass, slashedTypeNames, null);
    }

    /**
     * True when the pool names one of the types, or (when {@code lowerCaseText} is not null) contains the
     * text in any letter case, such as a header name.
     */
    public static boolean mentionsAny(JavaClass javaClass, Collection<String> slashedTypeNames, String lowerCaseText) {
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof ConstantUtf8) {
                String text = ((ConstantUtf8) constant).getBytes();
                for (String type : slashedTypeNames) {
                    if (text.contains(type)) {
                        return true;
                    }
                }
                if (lowerCaseText != null && containsIgnoringCase(text, lowerCaseText)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Case-insensitive search without copying the text: the screen runs on every constant of every class. */
    private static boolean containsIgnoringCase(String text, String lowerCaseText) {
        int last = text.length() - lowerCaseText.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, lowerCaseText, 0, lowerCaseText.length())) {
                return true;
            }
        }
        return false;
    }
}
