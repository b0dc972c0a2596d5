package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.flow.QuietClasspath;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantMethodref;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.HashMap;
import java.util.Map;

/**
 * Application subclasses of catalogue types ({@code class TokenCookie extends Cookie}, {@code class
 * RememberMeGenerator extends CookieGenerator}), looked up once per class name for one analysis.
 */
final class CookieSubclasses {
    /** The deepest superclasses visited when an application class is matched as the catalogue type it extends. */
    static final int MAX_SUPERCLASSES = 16;

    /** Per owner: its nearest catalogue superclass, or "" for none. */
    private final Map<String, String> ancestors = new HashMap<>();

    /** For an application class, its nearest superclass that is a catalogue type; null for any other class. */
    String catalogueAncestor(String owner) {
        String known = ancestors.get(owner);
        if (known == null) {
            known = lookUp(owner);
            ancestors.put(owner, known);
        }
        return known.isEmpty() ? null : known;
    }

    private static String lookUp(String owner) {
        if (CookieCatalogue.isCookieType(owner) || owner.startsWith("java/") || owner.startsWith("[")
                || !QuietClasspath.isApplicationClass(owner)) {
            return "";
        }
        String type = owner;
        for (int depth = 0; depth < MAX_SUPERCLASSES; depth++) {
            edu.umd.cs.findbugs.ba.XClass xClass = QuietClasspath.find(type);
            if (xClass == null || xClass.getSuperclassDescriptor() == null) {
                return "";
            }
            type = xClass.getSuperclassDescriptor().getClassName();
            if (CookieCatalogue.apiForType(type) != null) {
                return type;
            }
            if (type.startsWith("java/")) {
                return "";
            }
        }
        return "";
    }

    /**
     * The class constructs an application subclass of a catalogue type ({@code new RememberMeGenerator()}):
     * the object it holds is a cookie or configuration even where the class names no catalogue type.
     */
    boolean constructsOne(JavaClass javaClass) {
        ConstantPool pool = javaClass.getConstantPool();
        String self = javaClass.getClassName().replace('.', '/');
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof ConstantMethodref) {
                // Run for every class the other screens reject: the name first, and no text built for the JDK's.
                ConstantMethodref ref = (ConstantMethodref) constant;
                ConstantNameAndType nat = (ConstantNameAndType) pool.getConstant(ref.getNameAndTypeIndex());
                if (!"<init>".equals(nat.getName(pool))) {
                    continue;
                }
                String dotted = ref.getClass(pool);
                if (dotted.startsWith("java.")) {
                    continue;
                }
                String owner = dotted.replace('.', '/');
                if (!owner.equals(self) && catalogueAncestor(owner) != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
