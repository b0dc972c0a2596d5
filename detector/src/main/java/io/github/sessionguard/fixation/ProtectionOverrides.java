package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.sessionguard.catalogue.ProtectionOverride;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.RawInstructions;
import io.github.sessionguard.flow.TypeChecks;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * Overrides of a framework's id-changing method whose body changes no id (see {@link ProtectionOverride}): Wicket's
 * {@code Session.changeSessionId()} kept as a log line "for sticky sessions", so the sign-in form's {@code
 * Session.get().changeSessionId()} after {@code signIn} keeps the planted id. The override is where the protection is
 * switched off, so it is the finding, once, whatever logins rely on it.
 */
final class ProtectionOverrides {
    private ProtectionOverrides() {
    }

    /** Hands each override of the class that changes no id, with its catalogue row. */
    static void find(JavaClass javaClass, BiConsumer<Method, ProtectionOverride> sink) {
        String slashed = javaClass.getClassName().replace('.', '/');
        for (ProtectionOverride row : ProtectionOverride.ALL) {
            if (slashed.startsWith(row.vendorPackage())) {
                continue; // the framework's own subclasses are its API, not the application's choice
            }
            for (Method method : javaClass.getMethods()) {
                if (method.getCode() != null && !method.isStatic() && row.overriddenBy(method.getName(), method.getSignature())
                        && TypeChecks.isKnownSubtype(slashed, row.frameworkType())
                        && !callsAny(javaClass, method, row)) {
                    sink.accept(method, row);
                }
            }
        }
    }

    /** Does the body call a method with one of the row's renewing names (its super method among them)? */
    private static boolean callsAny(JavaClass javaClass, Method method, ProtectionOverride row) {
        ConstantPool pool = javaClass.getConstantPool();
        try {
            return RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) ->
                    RawInstructions.callsMethodRef(opcode) && index > 0 && MethodRefs.isMethodRef(pool.getConstant(index))
                            && row.renewingCalls().contains(MethodRefs.name(pool, (ConstantCP) pool.getConstant(index))));
        } catch (IOException e) {
            // Unreadable code, which SpotBugs' own decoding rejects too: not reported as an override that changes nothing.
            AnalysisContext.logError("SessionGuard could not read the code of " + javaClass.getClassName() + "."
                    + method.getName(), e);
            return true;
        }
    }
}
