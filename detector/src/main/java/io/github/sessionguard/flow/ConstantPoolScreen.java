package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

import java.util.Collection;
import java.util.Locale;

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
        String needle = lowerCaseText == null ? null : asciiLowerCase(lowerCaseText);
        // An array, not the collection's iterator, for the loop run at every constant of every class.
        String[] types = slashedTypeNames.toArray(new String[0]);
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof ConstantUtf8) {
                String text = ((ConstantUtf8) constant).getBytes();
                for (String type : types) {
                    if (text.contains(type)) {
                        return true;
                    }
                }
                if (lowerCaseText != null && containsIgnoringCase(text, lowerCaseText, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the pool contains one of the texts in any letter case: one pass over the pool for all of them. */
    public static boolean mentionsAnyText(JavaClass javaClass, Collection<String> texts) {
        String[] wanted = texts.toArray(new String[0]);
        // Each text's lower case, once for the whole pool (null: not ASCII).
        String[] needles = new String[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            needles[i] = asciiLowerCase(wanted[i]);
        }
        for (Constant constant : javaClass.getConstantPool().getConstantPool()) {
            if (constant instanceof ConstantUtf8) {
                String text = ((ConstantUtf8) constant).getBytes();
                String lower = asciiLowerCase(text);
                for (int i = 0; i < wanted.length; i++) {
                    if (lower != null && needles[i] != null ? lower.contains(needles[i])
                            : containsIgnoringCase(text, wanted[i])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * True when the text contains one of the lower-case texts in any letter case. The text is lower-cased
     * once for all of them (see {@link #asciiLowerCase}): a screen asks this of every text of every class.
     */
    public static boolean containsAnyIgnoringCase(String text, String[] lowerCaseTexts) {
        String lower = asciiLowerCase(text);
        for (String wanted : lowerCaseTexts) {
            if (lower != null ? lower.contains(wanted) : containsIgnoringCase(text, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIgnoringCase(String text, String lowerCaseText, String asciiNeedle) {
        String lower = asciiNeedle == null ? null : asciiLowerCase(text);
        return lower != null ? lower.contains(asciiNeedle) : containsIgnoringCase(text, lowerCaseText);
    }

    /**
     * The text in lower case when it is all ASCII, else null. For ASCII text and an ASCII needle a plain
     * search of the lower-cased text answers exactly what the letter-by-letter case-insensitive search
     * does, without comparing at every position; other text takes the letter-by-letter search.
     */
    private static String asciiLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return null;
            }
        }
        return text.toLowerCase(Locale.ROOT);
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
