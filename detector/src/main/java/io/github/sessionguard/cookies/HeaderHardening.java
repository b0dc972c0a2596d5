package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.FieldStrings;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.MethodCalls;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.RawInstructions;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantFieldref;
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
 * ({@code if (!lower.contains("; secure")) sb.append("; Secure")}). Read from the bytes: the usual form appends each
 * attribute the value lacks, so an appended text that names an attribute is taken to add it, unless the code asks
 * something else first (the cookie's own flag, the request's scheme, the cookie's name) or only removes texts.
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
        List<String> loaded = new ArrayList<>();
        if (!readTexts(target.javaClass(), target.method(), texts, loaded, new HashSet<>(), 0)) {
            // The override itself asks the cookie's flags, the request or the text's start: what it adds depends on them.
            return flags;
        }
        // A "None" among the texts the code loads may be the SameSite it writes on some path
        // (append(crossSite ? "None" : "Lax")): then it adds no protective SameSite.
        boolean mayWriteNone = loaded.stream().anyMatch(CookiePolicyCatalogue::isNone);
        for (CookieFlag flag : CookieFlag.values()) {
            if (!(flag == CookieFlag.SAME_SITE && mayWriteNone) && CookiePolicyCatalogue.addsAttribute(flag, texts)) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /**
     * A field's values as one appended part: the first when every value hardens alike ("Lax" or "Strict"); a "None"
     * among them goes to the loaded texts (the SameSite then written on some path), and the part is unknown.
     */
    private static String oneValue(Set<String> values, List<String> loadedTexts) {
        values.stream().filter(CookiePolicyCatalogue::isNone).forEach(loadedTexts::add);
        return CookiePolicyCatalogue.hardeningSameSite(values);
    }

    /** Ends a chain of constant appends: two or more parts add their joined text too. */
    private static void endChain(StringBuilder chain, int[] parts, List<String> appended) {
        if (parts[0] > 1) {
            appended.add(chain.toString());
        }
        chain.setLength(0);
        parts[0] = 0;
    }

    /**
     * Adds the string constants the method, and the application methods it calls a bounded depth down, append
     * ({@code sb.append("; Secure")}, {@code value.concat("; HttpOnly")}: a text only compared, logged or replaced is
     * no attribute added), from each method that appends unconditionally: one that asks what makes an addition
     * conditional ({@link CookiePolicyCatalogue#CONDITIONAL_HARDENING_CALLS}: {@code if (cookie.getSecure())
     * sb.append("; Secure")} in a formatter) adds none of its texts; every string constant the code loads goes to
     * {@code loadedTexts}. Answers whether this method is unconditional.
     */
    private static boolean readTexts(JavaClass javaClass, Method method, List<String> texts, List<String> loadedTexts,
            Set<String> seen, int depth) {
        if (method.getCode() == null || !seen.add(javaClass.getClassName() + "." + method.getName() + method.getSignature())) {
            return true;
        }
        ConstantPool pool = javaClass.getConstantPool();
        byte[] code = method.getCode().getCode();
        String[] loaded = {null};
        Character[] pushedChar = {null};
        // A String field read just before an append ("; SameSite=" then this.sameSite): the constants it can hold.
        java.util.concurrent.atomic.AtomicReference<Set<String>> fieldValues =
                new java.util.concurrent.atomic.AtomicReference<>();
        // A chain of appends of constants ("; " + SAME_SITE + '=' + DEFAULT) adds the text they make together.
        StringBuilder chain = new StringBuilder();
        int[] chainParts = {0};
        List<String> appended = new ArrayList<>();
        boolean[] conditional = {false};
        try {
            RawInstructions.walk(code, (offset, opcode, index) -> {
                String text = loaded[0];
                Character character = pushedChar[0];
                Set<String> values = fieldValues.getAndSet(null);
                loaded[0] = null;
                pushedChar[0] = null;
                if ((opcode == Const.LDC || opcode == Const.LDC_W) && index > 0 && index < pool.getLength()) {
                    Constant constant = pool.getConstant(index);
                    if (constant instanceof ConstantString) {
                        loaded[0] = ((ConstantString) constant).getBytes(pool);
                        loadedTexts.add(loaded[0]);
                        return false;
                    }
                } else if (opcode == Const.ALOAD_0 && chainParts[0] > 0) {
                    // The receiver of a field read that may continue the chain (append(this.sameSite)).
                    return false;
                } else if ((opcode == Const.GETFIELD || opcode == Const.GETSTATIC) && index > 0
                        && index < pool.getLength() && pool.getConstant(index) instanceof ConstantFieldref) {
                    fieldValues.set(FieldStrings.current().readBy(pool, (ConstantFieldref) pool.getConstant(index)));
                    return false;
                } else if (opcode == Const.BIPUSH && offset + 1 < code.length) {
                    pushedChar[0] = (char) code[offset + 1];
                    return false;
                } else if (RawInstructions.callsMethodRef(opcode) && index > 0 && index < pool.getLength()
                        && MethodRefs.isMethodRef(pool.getConstant(index))) {
                    ConstantCP reference = (ConstantCP) pool.getConstant(index);
                    String name = MethodRefs.name(pool, reference);
                    conditional[0] |= CookiePolicyCatalogue.CONDITIONAL_HARDENING_CALLS.contains(name);
                    if (CookiePolicyCatalogue.TEXT_APPENDS.contains(name)) {
                        String part = text != null ? text : character != null
                                && MethodRefs.descriptor(pool, reference).startsWith("(C)") ? character.toString()
                                : values != null ? oneValue(values, loadedTexts) : null;
                        if (text != null) {
                            appended.add(text);
                        }
                        if (part != null) {
                            chain.append(part);
                            chainParts[0]++;
                            return false;
                        }
                    }
                }
                endChain(chain, chainParts, appended);
                return false;
            });
            endChain(chain, chainParts, appended);
        } catch (IOException e) {
            // Truncated code, which SpotBugs' own decoding rejects too: no texts read from it; reported.
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                    + javaClass.getClassName() + "." + method.getName(), e);
            return false;
        }
        if (!conditional[0]) {
            texts.addAll(appended);
        }
        if (depth >= MAX_DEPTH) {
            return !conditional[0];
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
                readTexts(callee.javaClass(), callee.method(), texts, loadedTexts, seen, depth + 1);
            }
        }
        return !conditional[0];
    }
}
