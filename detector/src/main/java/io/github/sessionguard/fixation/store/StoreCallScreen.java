package io.github.sessionguard.fixation.store;

import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.SessionStoreCatalogue;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.InvokeBytes;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.RawInstructions;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;

import java.io.IOException;

/**
 * {@link SessionStoreFixationDetector}'s cost screen, which must never change a result. Following a method's
 * operand stack can yield something only in two ways:
 * <ul>
 * <li>a store site: a call that writes a store ({@link #mayWriteStore}, the calls {@code storeWritten}
 * accepts, and application methods that write one themselves, asked only in a class that can bring the id in) with a value carrying the presented id, which only a presented-id call
 * ({@link SessionStoreCatalogue#isPresentedId}, or an application helper that returns one: asked only in a class
 * that writes a store) or a cookie-value parameter of the same method brings in (every other mark is derived from
 * one of these, and marks do not cross methods otherwise);</li>
 * <li>the callees of a login, recorded only when the method calls a credential check
 * ({@link LoginCatalogue#isCredentialCheck}).</li>
 * </ul>
 * So a method is followed only when it calls a credential check (or, in a class that calls one, hands a function
 * to an {@code Optional}'s or a {@code Stream}'s {@code filter}: the check may be in the lambda), or calls a store
 * write and has a presented-id call or a cookie-value parameter, or has a presented-id call and a request attribute
 * write (a filter handing the id to a handler's {@code @RequestAttribute}: the detector notes the attribute's
 * name). Calls are judged once per constant-pool entry of the class (as the detector reads them: the raw slashed owner, name and
 * descriptor), and a method's code is only searched for invoke instructions naming a judged entry.
 */
final class StoreCallScreen {
    private static final int PRESENTED_ID = 1;
    private static final int CREDENTIAL_CHECK = 2;
    private static final int STORE_WRITE = 4;
    /** {@code request.setAttribute(name, value)}: with a presented id, what a handler's {@code @RequestAttribute} binds. */
    private static final int ATTRIBUTE_WRITE = 8;

    /** Per constant-pool entry of the class: the kinds of call above it is (0: none). */
    private final int[] kinds;
    /** Entries with any kind, for the raw-byte pre-filter. */
    private final boolean[] anyKind;
    private final int classKinds;

    private StoreCallScreen(int[] kinds, boolean[] anyKind, int classKinds) {
        this.kinds = kinds;
        this.anyKind = anyKind;
        this.classKinds = classKinds;
    }

    /** An application method that returns the presented id (the detector's question, cached there). */
    @FunctionalInterface
    interface PresentedIdHelper {
        boolean returnsPresentedId(String owner, String name, String descriptor);
    }

    /** An application method that writes a store itself (the detector's question, cached there). */
    @FunctionalInterface
    interface StoreHelper {
        boolean writesStore(String owner, String name, String descriptor);
    }

    static StoreCallScreen of(JavaClass javaClass, UserSettings settings, PresentedIdHelper helpers,
            StoreHelper storeHelpers) {
        ConstantPool pool = javaClass.getConstantPool();
        Constant[] constants = pool.getConstantPool();
        int[] kinds = new int[constants.length];
        boolean[] anyKind = new boolean[constants.length];
        int classKinds = 0;
        for (int index = 1; index < constants.length; index++) {
            Constant constant = constants[index];
            if (!MethodRefs.isMethodRef(constant)) {
                continue;
            }
            ConstantCP reference = (ConstantCP) constant;
            String ownerName = MethodRefs.owner(pool, reference);
            String name = MethodRefs.name(pool, reference);
            String descriptor = MethodRefs.descriptor(pool, reference);
            int kind = 0;
            // (a request attribute read may bring in an id a filter stored under its name: the detector decides at the end)
            if (SessionStoreCatalogue.isPresentedId(ownerName, name, descriptor)
                    || SessionStoreCatalogue.isHeaderRead(ownerName, name, descriptor)
                    || SessionStoreCatalogue.isRequestAttributeRead(ownerName, name, descriptor)) {
                kind |= PRESENTED_ID;
            }
            if (LoginCatalogue.isCredentialCheck(ownerName, name, descriptor, settings)) {
                kind |= CREDENTIAL_CHECK;
            }
            if (mayWriteStore(ownerName, name)) {
                kind |= STORE_WRITE;
            }
            if (SessionStoreCatalogue.isRequestAttributeWrite(ownerName, name, descriptor)) {
                kind |= ATTRIBUTE_WRITE;
            }
            kinds[index] = kind;
            anyKind[index] = kind != 0;
            classKinds |= kind;
        }
        if ((classKinds & CREDENTIAL_CHECK) != 0) {
            // A credential check in a lambda's body: the method that hands the lambda to a filter
            // (found.filter(a -> verify(password, a.hash()))) is the one that checks (the detector reads the lambda).
            for (int index = 1; index < constants.length; index++) {
                ConstantCP reference = MethodRefs.isMethodRef(constants[index]) ? (ConstantCP) constants[index] : null;
                if (reference != null && LoginCatalogue.isPredicateFilter(MethodRefs.owner(pool, reference),
                        MethodRefs.name(pool, reference))) {
                    kinds[index] |= CREDENTIAL_CHECK;
                    anyKind[index] = true;
                }
            }
        }
        // A filter handing a cookie read by an application helper to a request attribute needs the helper known too.
        if ((classKinds & (STORE_WRITE | ATTRIBUTE_WRITE)) != 0) {
            for (int index = 1; index < constants.length; index++) {
                if (kinds[index] == 0 && MethodRefs.isMethodRef(constants[index])) {
                    ConstantCP reference = (ConstantCP) constants[index];
                    if (helpers.returnsPresentedId(MethodRefs.owner(pool, reference), MethodRefs.name(pool, reference),
                            MethodRefs.descriptor(pool, reference))) {
                        kinds[index] = PRESENTED_ID;
                        anyKind[index] = true;
                        classKinds |= PRESENTED_ID;
                    }
                }
            }
        }
        if ((classKinds & PRESENTED_ID) != 0 || hasCookieParameter(javaClass)) {
            // An application method handed the id may write the store itself (storeWrittenBy): asked only in a
            // class that can bring the id in.
            for (int index = 1; index < constants.length; index++) {
                if ((kinds[index] & STORE_WRITE) == 0 && MethodRefs.isMethodRef(constants[index])) {
                    ConstantCP reference = (ConstantCP) constants[index];
                    String ownerName = MethodRefs.owner(pool, reference);
                    String descriptor = MethodRefs.descriptor(pool, reference);
                    if (!SessionStoreCatalogue.isLibrary(ownerName) && !descriptor.startsWith("()")
                            && storeHelpers.writesStore(ownerName, MethodRefs.name(pool, reference), descriptor)) {
                        kinds[index] |= STORE_WRITE;
                        anyKind[index] = true;
                        classKinds |= STORE_WRITE;
                    }
                }
            }
        }
        return new StoreCallScreen(kinds, anyKind, classKinds);
    }

    /**
     * Does the class call a credential check ({@link LoginCatalogue#isCredentialCheck}, also one known by its name
     * alone: {@code accounts.login(tag, password)})? Such a class may read the presented id through an application
     * helper ({@code LobbyCookies.read(request)}) and name none of the types the detector's first screen looks for.
     */
    static boolean callsCredentialCheck(JavaClass javaClass, UserSettings settings) {
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (MethodRefs.isMethodRef(constant) && LoginCatalogue.isCredentialCheck(MethodRefs.owner(pool, (ConstantCP) constant),
                    MethodRefs.name(pool, (ConstantCP) constant), MethodRefs.descriptor(pool, (ConstantCP) constant), settings)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCookieParameter(JavaClass javaClass) {
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() != null && hasCookieParameter(method)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The owners and names {@code SessionStoreFixationDetector.storeWritten} can accept (it also needs an
     * instance call with arguments and a marked value; those are not needed here).
     */
    private static boolean mayWriteStore(String owner, String name) {
        return (SessionStoreCatalogue.JDBC_STATEMENTS.contains(owner) && SessionStoreCatalogue.JDBC_SETTERS.contains(name))
                || (SessionStoreCatalogue.MAP_TYPES.contains(owner) && SessionStoreCatalogue.MAP_WRITES.contains(name))
                || SessionStoreCatalogue.isRedisWrite(owner, name)
                || SessionStoreCatalogue.isHandleWrite(owner, name)
                || (SessionStoreCatalogue.ENTITY_WRITES.contains(name) && !owner.startsWith("java/"))
                || SessionStoreCatalogue.isRegistryWrite(owner, name);
    }

    /** Can following any method of the class yield a site or a login's callees? */
    boolean classMayMatter(JavaClass javaClass) {
        if ((classKinds & CREDENTIAL_CHECK) != 0 || presentedToAttribute(classKinds)) {
            return true;
        }
        if ((classKinds & STORE_WRITE) == 0) {
            return false;
        }
        return (classKinds & PRESENTED_ID) != 0 || hasCookieParameter(javaClass);
    }

    /** Can following this method yield a site or a login's callees? */
    boolean methodMayMatter(Method method, Code code) {
        int called = kindsCalled(code);
        if ((called & CREDENTIAL_CHECK) != 0 || presentedToAttribute(called)) {
            return true;
        }
        return (called & STORE_WRITE) != 0 && ((called & PRESENTED_ID) != 0 || hasCookieParameter(method));
    }

    /** A presented-id call and a request attribute write: the id may be handed to a handler's {@code @RequestAttribute}. */
    private static boolean presentedToAttribute(int kinds) {
        return (kinds & PRESENTED_ID) != 0 && (kinds & ATTRIBUTE_WRITE) != 0;
    }

    /** The kinds of the calls the code makes. */
    private int kindsCalled(Code code) {
        if (classKinds == 0 || !InvokeBytes.mayInvoke(code.getCode(), anyKind)) {
            return 0;
        }
        int[] called = {0};
        try {
            RawInstructions.walk(code.getCode(), (offset, opcode, index) -> {
                // Only method references have a kind, so invokedynamic, which the detector reads too, adds none.
                if (index > 0 && index < kinds.length && RawInstructions.callsMethodRef(opcode)) {
                    called[0] |= kinds[index];
                }
                return false;
            });
        } catch (IOException e) {
            // Bytecode this reader cannot decode is not screened: the method is followed, as without the screen.
            return PRESENTED_ID | CREDENTIAL_CHECK | STORE_WRITE;
        }
        return called[0];
    }

    private static boolean hasCookieParameter(Method method) {
        ParameterAnnotationEntry[] parameters = method.getParameterAnnotationEntries();
        if (parameters == null) {
            return false;
        }
        for (ParameterAnnotationEntry parameter : parameters) {
            for (org.apache.bcel.classfile.AnnotationEntry annotation : parameter.getAnnotationEntries()) {
                if (SessionStoreCatalogue.COOKIE_PARAMETERS.contains(annotation.getAnnotationType())
                        || SessionStoreFixationDetector.namesSessionHeader(annotation)
                        || SessionStoreCatalogue.REQUEST_ATTRIBUTE_PARAMETERS.contains(annotation.getAnnotationType())) {
                    return true;
                }
            }
        }
        return false;
    }
}
