package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.analysis.ClassData;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Classpath questions SessionGuard asks for its own reasons (is this API variant here? is this type a
 * subtype of that one? is this class the application's?), answered from SpotBugs' analysis cache
 * without telling SpotBugs that a class is missing. A class absent from the classpath is an expected
 * answer here (javax projects lack jakarta, JAX-RS 2.1 lacks the 3.1 builder), not a gap in the user's
 * classpath: SpotBugs' {@code Subtypes2} and {@code AnalysisContext.isApplicationClass} would report it
 * as missing and add noise to the user's report that SpotBugs alone does not produce.
 */
public final class QuietClasspath {
    /** More classes than this in one hierarchy walk are not visited (a guard against odd class graphs). */
    private static final int MAX_CLASSES = 256;

    private QuietClasspath() {
    }

    /** The class, or null when it is not on the analysis classpath (expected, and not reported). */
    public static XClass find(ClassDescriptor type) {
        try {
            return Global.getAnalysisCache().getClassAnalysis(XClass.class, type);
        } catch (CheckedAnalysisException e) {
            // Absent from the classpath: the answer to the question, not an error; counted.
            LookupFailures.missingClass();
            return null;
        }
    }

    /** The class named by its slashed name, or null when it is not on the analysis classpath. */
    public static XClass find(String slashedName) {
        return find(DescriptorFactory.createClassDescriptor(slashedName));
    }

    /**
     * True when the class is on the classpath and its bytes hold the text: a marker of the release there (a system
     * property only a newer release reads). False when it is absent (expected, counted, not reported).
     */
    public static boolean mentions(String slashedName, String text) {
        byte[] data;
        try {
            data = Global.getAnalysisCache().getClassAnalysis(ClassData.class,
                    DescriptorFactory.createClassDescriptor(slashedName)).getData();
        } catch (CheckedAnalysisException e) {
            // Absent from the classpath: the answer to the question, not an error; counted.
            LookupFailures.missingClass();
            return false;
        }
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + wanted.length <= data.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** True when the class is on the classpath and comes from one of the analysed (application) code bases. */
    public static boolean isApplicationClass(String slashedName) {
        return Global.getAnalysisCache().getDatabase(ApplicationClasses.class).contains(slashedName);
    }

    /** True when the class {@code owner} (slashed) declares the method; false when either is absent. */
    public static boolean declaresMethod(String slashedOwner, String name, String descriptor) {
        XClass type = find(slashedOwner);
        return type != null && type.findMethod(name, descriptor, false) != null;
    }

    /**
     * Is {@code slashedType} {@code slashedSupertype} or one of its subtypes? {@link Boolean#TRUE} or
     * {@link Boolean#FALSE} when the classpath answers it; null when it cannot (the type, or one of its
     * supertypes that might lead there, is absent).
     */
    public static Boolean isSubtype(String slashedType, String slashedSupertype) {
        ClassDescriptor target = DescriptorFactory.createClassDescriptor(slashedSupertype);
        Deque<ClassDescriptor> work = new ArrayDeque<>();
        Set<ClassDescriptor> seen = new HashSet<>();
        work.add(DescriptorFactory.createClassDescriptor(slashedType));
        boolean incomplete = false;
        while (!work.isEmpty()) {
            ClassDescriptor type = work.poll();
            if (type.equals(target)) {
                return Boolean.TRUE;
            }
            if (!seen.add(type)) {
                continue;
            }
            if (seen.size() > MAX_CLASSES) {
                return null;
            }
            XClass xclass = find(type);
            if (xclass == null) {
                incomplete = true;
                continue;
            }
            if (xclass.getSuperclassDescriptor() != null) {
                work.add(xclass.getSuperclassDescriptor());
            }
            for (ClassDescriptor implemented : xclass.getInterfaceDescriptorList()) {
                work.add(implemented);
            }
        }
        return incomplete ? null : Boolean.FALSE;
    }
}
