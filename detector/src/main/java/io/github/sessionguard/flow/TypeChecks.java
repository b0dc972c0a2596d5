package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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

    /**
     * The application's concrete classes (not interfaces nor abstract) that are {@code slashedType} or its
     * subtypes, slashed and sorted so callers never depend on the order classes were read; empty when
     * there are more than {@code limit}, or when the classpath cannot place the type (counted).
     */
    public static List<String> applicationImplementations(String slashedType, int limit) {
        TreeSet<String> found = new TreeSet<>();
        try {
            for (ClassDescriptor subtype : AnalysisContext.currentAnalysisContext().getSubtypes2()
                    .getSubtypes(DescriptorFactory.createClassDescriptor(slashedType))) {
                String name = subtype.getClassName();
                XClass xClass = QuietClasspath.isApplicationClass(name) ? QuietClasspath.find(subtype) : null;
                if (xClass != null && !xClass.isInterface() && !xClass.isAbstract()) {
                    found.add(name);
                }
                if (found.size() > limit) {
                    return List.of();
                }
            }
        } catch (ClassNotFoundException e) {
            // Expected: the type (or one of its hierarchy) is not on the class path; counted, and none known.
            LookupFailures.missingClass();
            return List.of();
        }
        return new ArrayList<>(found);
    }
}
