package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;

import java.util.List;

/** Class-hierarchy questions answered from the analysis classpath. */
public final class TypeChecks {
    private TypeChecks() {
    }

    /**
     * True when {@code slashedType} is one of the supertypes or a subtype of one. A type missing from the
     * classpath counts as a subtype: a call on it that names the right method is most likely the real one.
     */
    public static boolean isSubtypeOfAny(String slashedType, List<String> slashedSupertypes) {
        if (slashedSupertypes.contains(slashedType)) {
            return true;
        }
        for (String supertype : slashedSupertypes) {
            try {
                if (AnalysisContext.currentAnalysisContext().getSubtypes2().isSubtype(
                        DescriptorFactory.createClassDescriptor(slashedType),
                        DescriptorFactory.createClassDescriptor(supertype))) {
                    return true;
                }
            } catch (ClassNotFoundException e) {
                // Expected: the type is not on the class path; counted, and answered as documented above.
                LookupFailures.missingClass();
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code slashedType} is {@code slashedSupertype} or one of its subtypes, as far as the
     * classpath shows: a missing class is reported to SpotBugs and answers false.
     */
    public static boolean isKnownSubtype(String slashedType, String slashedSupertype) {
        try {
            return AnalysisContext.currentAnalysisContext().getSubtypes2().isSubtype(
                    DescriptorFactory.createClassDescriptor(slashedType),
                    DescriptorFactory.createClassDescriptor(slashedSupertype));
        } catch (ClassNotFoundException e) {
            AnalysisContext.reportMissingClass(e);
            return false;
        }
    }
}
