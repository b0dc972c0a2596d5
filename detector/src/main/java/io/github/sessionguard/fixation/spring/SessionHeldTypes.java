package io.github.sessionguard.fixation.spring;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import io.github.sessionguard.flow.InvokeBytes;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.RawInstructions;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
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

    /**
     * Reports each application type this class casts a session attribute to. Cost: the constant pool says
     * which entries are a session's attribute read; only a class with one has its code decoded, and then
     * instruction by instruction without building an instruction list.
     */
    static void collect(JavaClass javaClass, Consumer<String> sink) {
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] reads = sessionReads(pool);
        if (reads == null) {
            return;
        }
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null || !InvokeBytes.mayInvokeThenCast(method.getCode().getCode(), reads)) {
                continue;
            }
            // Was the instruction before this one a session read?
            boolean[] afterRead = {false};
            try {
                RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                    if (afterRead[0] && opcode == Const.CHECKCAST) {
                        String held = heldType(pool, index);
                        if (held != null) {
                            sink.accept(held);
                        }
                    }
                    afterRead[0] = RawInstructions.callsMethodRef(opcode) && isIndexIn(reads, index);
                    return false;
                });
            } catch (IOException e) {
                // Truncated code, which SpotBugs' own decoding rejects too: this method casts nothing we can read.
                AnalysisContext.logError("SessionGuard could not read the code of " + javaClass.getClassName() + "."
                        + method.getName(), e);
            }
        }
    }

    /** Per constant-pool entry: a method reference to a session's getAttribute/getValue; null when there is none. */
    private static boolean[] sessionReads(ConstantPool pool) {
        Constant[] constants = pool.getConstantPool();
        boolean[] reads = null;
        for (int index = 1; index < constants.length; index++) {
            Constant constant = constants[index];
            if (!MethodRefs.isMethodRef(constant)) {
                continue;
            }
            ConstantCP reference = (ConstantCP) constant;
            if (READS.contains(MethodRefs.name(pool, reference))
                    && SESSION_TYPES.contains(MethodRefs.owner(pool, reference))) {
                if (reads == null) {
                    reads = new boolean[constants.length];
                }
                reads[index] = true;
            }
        }
        return reads;
    }

    private static boolean isIndexIn(boolean[] marked, int index) {
        return index > 0 && index < marked.length && marked[index];
    }

    /** The application type a cast names, or null for an array or a platform type. */
    private static String heldType(ConstantPool pool, int classIndex) {
        String name = pool.getConstantString(classIndex, Const.CONSTANT_Class);
        if (name.startsWith("[")) {
            return null;
        }
        String slashed = name.replace('.', '/');
        for (String prefix : PLATFORM_PREFIXES) {
            if (slashed.startsWith(prefix)) {
                return null;
            }
        }
        return slashed;
    }
}
