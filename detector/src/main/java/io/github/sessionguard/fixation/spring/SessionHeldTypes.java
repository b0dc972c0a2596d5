package io.github.sessionguard.fixation.spring;

import io.github.sessionguard.flow.ConstantPoolScreen;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.List;
import java.util.function.Consumer;

/**
 * Application types whose instances the application keeps in the HTTP session: a value read back with
 * {@code (WikiSession) session.getAttribute(KEY)} is one object per session (JSPWiki's {@code WikiSession},
 * Roller's {@code RollerSession}, a per-session context map). A login that marks such an object as logged in
 * ({@code wikiSession.setUser(user)}, {@code context.put("user", user)}) authenticates the session as surely as
 * {@code setAttribute} does. Only application types count: a cast to a JDK or servlet type ({@code String},
 * {@code Map}) says nothing about which object is shared.
 */
final class SessionHeldTypes {
    private static final List<String> SESSION_TYPES = List.of("javax/servlet/http/HttpSession", "jakarta/servlet/http/HttpSession");
    private static final List<String> READS = List.of("getAttribute", "getValue");
    private static final List<String> PLATFORM_PREFIXES = List.of("java/", "javax/", "jakarta/", "kotlin/", "scala/");

    private SessionHeldTypes() {
    }

    /** Reports each application type this class casts a session attribute to. */
    static void collect(JavaClass javaClass, Consumer<String> sink) {
        if (!ConstantPoolScreen.mentionsAny(javaClass, SESSION_TYPES)) {
            return;
        }
        ConstantPoolGen cpg = new ConstantPoolGen(javaClass.getConstantPool());
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            for (InstructionHandle handle : new InstructionList(method.getCode().getCode())) {
                String held = castAfterSessionRead(handle, cpg);
                if (held != null) {
                    sink.accept(held);
                }
            }
        }
    }

    private static String castAfterSessionRead(InstructionHandle handle, ConstantPoolGen cpg) {
        if (!(handle.getInstruction() instanceof InvokeInstruction) || handle.getNext() == null
                || !(handle.getNext().getInstruction() instanceof CHECKCAST)) {
            return null;
        }
        InvokeInstruction call = (InvokeInstruction) handle.getInstruction();
        if (!READS.contains(call.getMethodName(cpg))
                || !SESSION_TYPES.contains(call.getReferenceType(cpg).getSignature().replaceAll("^L|;$", ""))) {
            return null;
        }
        Type cast = ((CHECKCAST) handle.getNext().getInstruction()).getType(cpg);
        if (!(cast instanceof ObjectType)) {
            return null;
        }
        String slashed = ((ObjectType) cast).getClassName().replace('.', '/');
        return PLATFORM_PREFIXES.stream().anyMatch(slashed::startsWith) ? null : slashed;
    }
}
