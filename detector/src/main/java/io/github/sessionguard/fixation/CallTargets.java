package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.Global;

/**
 * The application class whose code a call runs: the declaring class up the superclass chain, or,
 * for an interface or abstract method, its one application implementation. Calls with several
 * possible bodies get none: a summary of the wrong body would be a guess.
 */
final class CallTargets {
    private CallTargets() {
    }

    static ClassDescriptor implementation(AnalysisContext context, ClassDescriptor owner, String name, String descriptor) {
        try {
            for (ClassDescriptor type = owner; type != null && context.isApplicationClass(type);) {
                XClass xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class, type);
                XMethod declared = findMethod(xClass, name, descriptor);
                if (declared != null) {
                    return declared.isAbstract() ? uniqueImplementation(context, owner, name, descriptor) : type;
                }
                if (xClass.isInterface()) {
                    return uniqueImplementation(context, owner, name, descriptor);
                }
                type = xClass.getSuperclassDescriptor();
            }
        } catch (CheckedAnalysisException | ClassNotFoundException e) {
            return null;
        }
        return null;
    }

    private static ClassDescriptor uniqueImplementation(AnalysisContext context, ClassDescriptor owner, String name,
            String descriptor) throws ClassNotFoundException, CheckedAnalysisException {
        ClassDescriptor found = null;
        for (ClassDescriptor subtype : context.getSubtypes2().getSubtypes(owner)) {
            if (subtype.equals(owner) || !context.isApplicationClass(subtype)) {
                continue;
            }
            XMethod method = findMethod(Global.getAnalysisCache().getClassAnalysis(XClass.class, subtype), name, descriptor);
            if (method != null && !method.isAbstract()) {
                if (found != null) {
                    return null;
                }
                found = subtype;
            }
        }
        return found;
    }

    private static XMethod findMethod(XClass xClass, String name, String descriptor) {
        for (XMethod method : xClass.getXMethods()) {
            if (method.getName().equals(name) && method.getSignature().equals(descriptor)) {
                return method;
            }
        }
        return null;
    }
}
