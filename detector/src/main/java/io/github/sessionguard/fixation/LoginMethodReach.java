package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.CallReach;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.TextSearch;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the fixation analysis' per-method cost screen ({@link CallReach}) looks for; finer than
 * {@link LoginReach}'s per-class screen and, like it, never changing a result. A method's own analysis can
 * report a login, or show that it fixes the login of a method it calls, only through its calls: it names a
 * session, login or id-change API (by the texts LoginReach screens), or runs an application method that
 * does. A request counts only through its calls that reach the session or log in: reading a parameter
 * cannot authenticate a session.
 */
final class LoginMethodReach implements CallReach.Screen {
    /** This analysis' settings: a call of one of its rotation methods changes the session id. */
    private final UserSettings settings;

    LoginMethodReach(UserSettings settings) {
        this.settings = settings;
    }

    /**
     * The class screen's types without the request type: a mention of the request alone (a cast, a parameter
     * type, a call of one of its other methods) is no login API here, and its calls are judged by name instead.
     */
    private static final List<String> TYPES_BESIDES_REQUEST = LoginCatalogue.relevantTypes().stream()
            .filter(type -> LoginCatalogue.REQUEST_TYPE_PREFIXES.stream().noneMatch(prefix -> prefix.endsWith(type)))
            .collect(java.util.stream.Collectors.toUnmodifiableList());

    /** Names of any-owner login calls, matched whole. */
    private final Set<String> anyOwnerNames = new HashSet<>(LoginReach.ANY_OWNER_NAMES);
    /**
     * Texts matched inside a constant's texts: the types above and the framework session texts. Read at the
     * first question (the fixation pass, after the first pass gathered the session-scoped classes), then kept:
     * the screen asks per constant of every class.
     */
    private TextSearch containedTexts;
    private TextSearch frameworkSessionTexts;

    /**
     * One text of a constant (a call's owner, name or descriptor, a type) names a login API: the class
     * screen's test ({@link LoginReach}), without the request type.
     */
    @Override
    public boolean namesText(String text) {
        if (containedTexts == null) {
            List<String> contained = new java.util.ArrayList<>(TYPES_BESIDES_REQUEST);
            contained.addAll(FrameworkSessionWrites.frameworkSessionTexts());
            containedTexts = TextSearch.of(contained);
        }
        return anyOwnerNames.contains(text) || containedTexts.foundIn(text);
    }

    @Override
    public boolean namesApi(ConstantPool pool, Constant constant) {
        return isRequestSessionCall(pool, constant) || isSessionMapField(pool, constant)
                || isConfiguredRotation(pool, constant);
    }

    /** A call of one of the settings' id-changing methods (an in-house session library's renewal). */
    private boolean isConfiguredRotation(ConstantPool pool, Constant constant) {
        if (!settings.hasRotationMethods() || !MethodRefs.isMethodRef(constant)) {
            return false;
        }
        ConstantCP reference = (ConstantCP) constant;
        return settings.isRotationMethod(MethodRefs.owner(pool, reference), MethodRefs.name(pool, reference));
    }

    /**
     * A class that uses a framework's session feature counts whole, as the class-level screen decides: a
     * session-scoped bean's own field writes, a controller's model under {@code @SessionAttributes}, name
     * no API in the method itself.
     */
    @Override
    public boolean wholeClass(JavaClass javaClass) {
        if (frameworkSessionTexts == null) {
            // FrameworkSessionWrites' texts, read at the first question (the fixation pass), then kept.
            frameworkSessionTexts = TextSearch.of(FrameworkSessionWrites.frameworkSessionTexts());
        }
        return io.github.sessionguard.flow.ConstantPoolScreen.mentionsAny(javaClass, frameworkSessionTexts);
    }

    /**
     * A method handed a {@code Map} in a class that puts into maps: its put may go into a framework's session map its
     * caller hands it (a lambda given the Struts 2 {@code ActionContext.getSession()} map it captured), a write that
     * only the caller's call names an API for (see {@link SessionWrite#mapParameter()}).
     */
    @Override
    public boolean namesInMethod(JavaClass javaClass, org.apache.bcel.classfile.Method method) {
        boolean mapParameter = false;
        for (org.apache.bcel.generic.Type type : method.getArgumentTypes()) {
            mapParameter |= type instanceof org.apache.bcel.generic.ObjectType
                    && "java.util.Map".equals(((org.apache.bcel.generic.ObjectType) type).getClassName());
        }
        if (!mapParameter) {
            return false;
        }
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (constant != null && MethodRefs.isMethodRef(constant)) {
                ConstantCP reference = (ConstantCP) constant;
                if (LoginCatalogue.any(LoginCatalogue.MAP_WRITES, MethodRefs.owner(pool, reference),
                        MethodRefs.name(pool, reference), MethodRefs.descriptor(pool, reference))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A request's call that reaches its session or logs in. */
    private static boolean isRequestSessionCall(ConstantPool pool, Constant constant) {
        if (!MethodRefs.isMethodRef(constant)) {
            return false;
        }
        ConstantCP reference = (ConstantCP) constant;
        // The name first: it rules out almost every call without reading the owner.
        if (!LoginCatalogue.REQUEST_SESSION_CALL_NAMES.contains(MethodRefs.name(pool, reference))) {
            return false;
        }
        String owner = MethodRefs.owner(pool, reference);
        return LoginCatalogue.REQUEST_TYPE_PREFIXES.stream().anyMatch(owner::startsWith);
    }

    /** A Struts 2 action's session map, kept in a field (its writes are session writes). */
    private static boolean isSessionMapField(ConstantPool pool, Constant constant) {
        if (constant.getTag() != Const.CONSTANT_Fieldref) {
            return false;
        }
        ConstantCP field = (ConstantCP) constant;
        ConstantNameAndType nameAndType = pool.getConstant(field.getNameAndTypeIndex(), Const.CONSTANT_NameAndType,
                ConstantNameAndType.class);
        return FrameworkSessionCatalogue.MAP_SIGNATURE.equals(nameAndType.getSignature(pool))
                && FrameworkSessionWrites.isSessionMapField(field.getClass(pool).replace('.', '/'),
                        nameAndType.getName(pool), nameAndType.getSignature(pool));
    }
}
