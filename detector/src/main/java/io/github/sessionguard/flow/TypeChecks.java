package io.github.sessionguard.flow;

import java.util.List;

/**
 * Class-hierarchy questions answered from the analysis classpath, quietly: a class absent from it is an
 * answer, never a "missing class" in SpotBugs' report (see {@link QuietClasspath}).
 */
public final class TypeChecks {
    private TypeChecks() {
    }

    /**
     * True when {@code slashedType} is one of the supertypes or a subtype of one. A type the classpath
     * cannot place (it, or a supertype on the way, is absent) counts as a subtype: a call on it that names
     * the right method is most likely the real one.
     */
    public static boolean isSubtypeOfAny(String slashedType, List<String> slashedSupertypes) {
        if (slashedSupertypes.contains(slashedType)) {
            return true;
        }
        for (String supertype : slashedSupertypes) {
            Boolean answer = QuietClasspath.isSubtype(slashedType, supertype);
            if (answer == null || answer) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code slashedType} is {@code slashedSupertype} or one of its subtypes, as far as the
     * classpath shows: when it cannot tell, the answer is false.
     */
    public static boolean isKnownSubtype(String slashedType, String slashedSupertype) {
        return Boolean.TRUE.equals(QuietClasspath.isSubtype(slashedType, slashedSupertype));
    }
}
