package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.MethodCalls;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.RawInstructions;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantString;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which cookie attributes a servlet response wrapper adds to the Set-Cookie text it passes on: the wrapper's own
 * {@code addHeader}/{@code setHeader} (or an {@code addCookie} that writes the cookie as a header) calls the
 * wrapped response's header method, and its code, or the application code it calls, appends the attribute's text
 * ({@code if (!lower.contains("; secure")) sb.append("; Secure")}). Read from the bytes, texts only: the usual
 * form appends each attribute the value lacks, so a text that names an attribute is taken to add it.
 */
final class HeaderHardening {
    /** How deep the application methods a wrapper method calls are read (harden(format(cookie))). */
    private static final int MAX_DEPTH = 2;

    private HeaderHardening() {
    }

    /**
     * The flags both header methods of the wrapper add to every Set-Cookie value (a header set with the method
     * the wrapper leaves alone would pass unchanged); empty when the wrapper overrides neither.
     */
    static Set<CookieFlag> headerFlags(String wrapper) {
        Set<CookieFlag> flags = null;
        for (String name : CookiePolicyCatalogue.WRAPPER_HEADER_METHODS) {
            Set<CookieFlag> added = addedBy(wrapper, name, CookiePolicyCatalogue.WRAPPER_HEADER_DESCRIPTOR);
            if (flags == null) {
                flags = added;
            } else {
                flags.retainAll(added);
            }
        }
        return flags == null ? EnumSet.noneOf(CookieFlag.class) : flags;
    }

    /** The flags the wrapper's method adds to the header text it passes on, when it passes a header on at all. */
    static Set<CookieFlag> addedBy(String wrapper, String name, String descriptor) {
        Set<CookieFlag> flags = EnumSet.noneOf(CookieFlag.class);
        CallTargets.Target target = CallTargets.resolve(wrapper, name, descriptor);
        if (target == null || target.method() == null
                || !MethodCalls.callsItself(target.javaClass(), target.method(), (owner, callee, calleeDescriptor) ->
                        CookiePolicyCatalogue.WRAPPER_HEADER_METHODS.contains(callee)
                                && CookiePolicyCatalogue.WRAPPER_HEADER_DESCRIPTOR.equals(calleeDescriptor))) {
            return flags;
        }
        List<String> texts = new ArrayList<>();
        readTexts(target.javaClass(), target.method(), texts, new HashSet<>(), 0);
        for (CookieFlag flag : CookieFlag.values()) {
            if (CookiePolicyCatalogue.addsAttribute(flag, texts)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** The string constants of the method and of the application methods it calls, a bounded depth down. */
    private static void readTexts(JavaClass javaClass, Method method, List<String> texts, Set<String> seen, int depth) {
        if (method.getCode() == null || !seen.add(javaClass.getClassName() + "." + method.getName() + method.getSignature())) {
            return;
        }
        ConstantPool pool = javaClass.getConstantPool();
        try {
            RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                if ((opcode == Const.LDC || opcode == Const.LDC_W) && index > 0 && index < pool.getLength()) {
                    Constant constant = pool.getConstant(index);
                    if (constant instanceof ConstantString) {
                        texts.add(((ConstantString) constant).getBytes(pool));
                    }
                }
                return false;
            });
        } catch (IOException e) {
            // Truncated code, which SpotBugs' own decoding rejects too: no texts read from it; reported.
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                    + javaClass.getClassName() + "." + method.getName(), e);
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        List<CallTargets.Target> callees = new ArrayList<>();
        MethodCalls.callsItself(javaClass, method, (owner, name, descriptor) -> {
            if (QuietClasspath.isApplicationClass(owner)) {
                CallTargets.Target callee = CallTargets.resolve(owner, name, descriptor);
                if (callee != null) {
                    callees.add(callee);
                }
            }
            return false;
        });
        for (CallTargets.Target callee : callees) {
            if (callee.method() != null) {
                readTexts(callee.javaClass(), callee.method(), texts, seen, depth + 1);
            }
        }
    }
}
