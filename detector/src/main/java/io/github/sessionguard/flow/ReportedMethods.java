package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The method a finding is shown in. A lambda's body is compiled to a synthetic method ({@code lambda$filterChain$2})
 * but written inside the method that creates it: the finding names that method, as the user reads the source (its
 * line stays the lambda's own). Found from the bytecode (the invokedynamic whose method handle targets the lambda),
 * not from the name javac gives it; a lambda inside a lambda is followed out, a few levels at most.
 */
public final class ReportedMethods {
    private static final int MAX_NESTING = 8;

    private ReportedMethods() {
    }

    /** {@code bug.addClassAndMethod} for the method the user wrote the reported code in. */
    public static BugInstance addClassAndMethod(BugInstance bug, MethodDescriptor method) {
        return bug.addClassAndMethod(enclosing(method));
    }

    /** The method that creates this lambda (or the method itself when it is none). */
    public static MethodDescriptor enclosing(MethodDescriptor method) {
        MethodDescriptor current = method;
        for (int i = 0; i < MAX_NESTING && current.getName().contains("lambda$"); i++) {
            MethodDescriptor creator = creatorOf(current);
            if (creator == null) {
                break;
            }
            current = creator;
        }
        return current;
    }

    private static MethodDescriptor creatorOf(MethodDescriptor lambda) {
        JavaClass javaClass;
        try {
            javaClass = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptor(lambda.getSlashedClassName()));
        } catch (CheckedAnalysisException e) {
            // The class being reported on is analysed: it can be read. If not, the lambda itself is named.
            LookupFailures.failed(e, "the class of " + lambda);
            return null;
        }
        String owner = lambda.getSlashedClassName();
        for (Method method : javaClass.getMethods()) {
            // $deserializeLambda$ names every serializable lambda of the class too: it creates none.
            if (method.getName().equals(lambda.getName()) || method.getName().equals("$deserializeLambda$")) {
                continue;
            }
            // A method reference to the lambda's body in an invokedynamic is its creation (javac never calls one).
            if (MethodCalls.callsItself(javaClass, method, (callOwner, name, descriptor) -> callOwner.equals(owner)
                    && name.equals(lambda.getName()) && descriptor.equals(lambda.getSignature()))) {
                return DescriptorFactory.instance().getMethodDescriptor(owner, method.getName(), method.getSignature(),
                        method.isStatic());
            }
        }
        return null;
    }
}
