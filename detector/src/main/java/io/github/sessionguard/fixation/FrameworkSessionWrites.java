package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.fixation.spring.SpringSessionFacts;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.PUTFIELD;

import java.util.HashSet;
import java.util.Set;

/**
 * Session writes that frameworks perform for the application (see {@link FrameworkSessionCatalogue}):
 * <ul>
 * <li>{@code model.addAttribute("user", user)} in a controller whose {@code @SessionAttributes} names "user":
 * Spring MVC copies it into the HTTP session after the handler;</li>
 * <li>{@code userSession.setUser(user)} on a session-scoped bean, and {@code this.user = user} inside one:
 * the bean lives in the HTTP session;</li>
 * <li>{@code session.put("user", user)} on the map field a Struts 2 {@code SessionAware} action keeps from
 * {@code setSession}/{@code withSession}: that map is the HTTP session;</li>
 * <li>{@code session.setUser(user)} and {@code this.user = user} on the application's subclass of a framework's
 * session class (Apache Wicket's {@code Session}), which the framework keeps in the HTTP session.</li>
 * </ul>
 * As for {@code setAttribute}, the name must identify the user and the value must not be null or false.
 */
final class FrameworkSessionWrites {
    private FrameworkSessionWrites() {
    }

    /**
     * The texts whose mention in a constant pool makes a class use a framework's session feature: the
     * catalogue's, and this analysis' session-scoped and session-held classes (complete once the first pass
     * has run, which is before any fixation verdict). Read once per question, or once per analysis by callers
     * that ask per constant.
     */
    static java.util.List<String> frameworkSessionTexts() {
        SpringSessionFacts facts = SpringSessionFacts.current();
        java.util.List<String> texts = new java.util.ArrayList<>(FrameworkSessionCatalogue.SCREEN);
        texts.addAll(facts.sessionScopedClasses());
        texts.addAll(facts.sessionHeldClasses());
        texts.addAll(facts.frameworkSessionClasses().keySet());
        return texts;
    }

    /** The authentication this call performs through a framework's session feature, or null. */
    static LoginEvent event(ClassContext classContext, CallAt call, Site site, InstructionHandle handle,
            UserSettings settings) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
        if (LoginCatalogue.any(FrameworkSessionCatalogue.MODEL_WRITES, call.owner(), call.name(), call.descriptor())
                && call.argumentCount() == 2) {
            String name = call.stringArgument(0);
            if (name != null && LoginCatalogue.isIdentityAttribute(name, settings) && !clearsValue(handle)
                    && sessionAttributeNames(classContext.getJavaClass()).contains(name)) {
                return new LoginEvent(site, LoginEventKind.SESSION_ATTRIBUTE,
                        "model attribute \"" + name + "\" (kept in the session by @SessionAttributes)");
            }
            return null;
        }
        if (call.hasReceiver() && call.argumentCount() == 1 && isSessionScoped(call.owner())
                && call.name().startsWith("set") && LoginCatalogue.isIdentityAttribute(call.name().substring(3), settings)
                && !clearsValue(handle)) {
            return new LoginEvent(site, heldKind(call.owner()), sessionObject(call.owner()) + " "
                    + simpleName(call.owner()) + "." + call.name() + "()");
        }
        return null;
    }

    /** {@code this.user = user} in a session-scoped bean, or null. */
    static LoginEvent fieldEvent(ClassContext classContext, InstructionHandle handle, MethodDescriptor method,
            UserSettings settings) {
        Instruction instruction = handle.getInstruction();
        if (!(instruction instanceof PUTFIELD)) {
            return null;
        }
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        PUTFIELD store = (PUTFIELD) instruction;
        String owner = store.getClassName(cpg).replace('.', '/');
        String self = classContext.getJavaClass().getClassName().replace('.', '/');
        if (!owner.equals(self) || !LoginCatalogue.isIdentityAttribute(store.getFieldName(cpg), settings)
                || clearsValue(handle)) {
            return null;
        }
        String annotation = sessionFieldAnnotation(classContext.getJavaClass(), store.getFieldName(cpg));
        if (annotation != null) {
            // Tapestry's annotations: the field is kept in the servlet session through Tapestry's own session.
            return new LoginEvent(new Site(method, handle.getPosition()), LoginEventKind.TAPESTRY_SESSION, "@"
                    + simpleName(annotation) + " field \"" + store.getFieldName(cpg) + "\" of " + simpleName(self));
        }
        if (!isSessionScoped(self)) {
            return null;
        }
        return new LoginEvent(new Site(method, handle.getPosition()), heldKind(self), "field \""
                + store.getFieldName(cpg) + "\" of the " + sessionObject(self) + " " + simpleName(self));
    }

    /** The session annotation ({@link FrameworkSessionCatalogue#SESSION_FIELD_ANNOTATIONS}) on the class's field, or null. */
    private static String sessionFieldAnnotation(org.apache.bcel.classfile.JavaClass javaClass, String fieldName) {
        for (org.apache.bcel.classfile.Field field : javaClass.getFields()) {
            if (!field.getName().equals(fieldName)) {
                continue;
            }
            for (org.apache.bcel.classfile.AnnotationEntry entry : field.getAnnotationEntries()) {
                String type = entry.getAnnotationType().replaceAll("^L|;$", "");
                if (FrameworkSessionCatalogue.SESSION_FIELD_ANNOTATIONS.contains(type)) {
                    return type;
                }
            }
        }
        return null;
    }

    /**
     * A reactive id change ({@code WebSession.changeSessionId()}, Ratpack's {@code session.terminate()}) whose Mono or
     * Operation is dropped on the spot: nothing subscribes to it, so the id never changes. Composed ({@code then}, {@code flatMap}, returned) it counts.
     */
    static boolean isDroppedReactiveRotation(String descriptor, InstructionHandle handle) {
        if (!descriptor.endsWith(FrameworkSessionCatalogue.MONO_RESULT)
                && !descriptor.endsWith(FrameworkSessionCatalogue.OPERATION_RESULT)) {
            return false;
        }
        InstructionHandle next = handle.getNext();
        return next != null && next.getInstruction().getOpcode() == Const.POP;
    }

    /** A load of the Struts 2 session map a {@code SessionAware} action keeps in a field. */
    static boolean loadsSessionMapField(Instruction instruction, ConstantPoolGen cpg) {
        if (!(instruction instanceof GETFIELD)) {
            return false;
        }
        GETFIELD load = (GETFIELD) instruction;
        return isSessionMapField(load.getClassName(cpg).replace('.', '/'), load.getFieldName(cpg),
                load.getSignature(cpg));
    }

    /** The field (slashed owner, name, descriptor) holds the Struts 2 session map of a {@code SessionAware} action. */
    static boolean isSessionMapField(String owner, String name, String descriptor) {
        return FrameworkSessionCatalogue.MAP_SIGNATURE.equals(descriptor) && isSessionAware(owner)
                && storesSessionInto(owner, name);
    }

    /** Some setSession/withSession(Map) of the class or a superclass stores its argument in the named field. */
    private static boolean storesSessionInto(String slashedClass, String field) {
        String current = slashedClass;
        for (int depth = 0; current != null && depth < 10; depth++) {
            try {
                ClassDescriptor descriptor = DescriptorFactory.createClassDescriptor(current);
                JavaClass javaClass = Global.getAnalysisCache().getClassAnalysis(JavaClass.class, descriptor);
                ConstantPoolGen cpg = new ConstantPoolGen(javaClass.getConstantPool());
                for (Method method : javaClass.getMethods()) {
                    if (FrameworkSessionCatalogue.SESSION_AWARE_SETTERS.contains(method.getName())
                            && method.getSignature().startsWith("(" + FrameworkSessionCatalogue.MAP_SIGNATURE + ")")
                            && method.getCode() != null && storesField(method, cpg, field)) {
                        return true;
                    }
                }
                XClass xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class, descriptor);
                current = xClass.getSuperclassDescriptor() == null ? null
                        : xClass.getSuperclassDescriptor().getClassName();
            } catch (CheckedAnalysisException e) {
                // A class of the hierarchy is not on the classpath (counted; any other failure reported): no
                // evidence that the field is the session.
                LookupFailures.failed(e, "the hierarchy of " + current);
                return false;
            }
        }
        return false;
    }

    private static boolean storesField(Method method, ConstantPoolGen cpg, String field) {
        for (InstructionHandle handle : new InstructionList(method.getCode().getCode())) {
            if (handle.getInstruction() instanceof PUTFIELD
                    && ((PUTFIELD) handle.getInstruction()).getFieldName(cpg).equals(field)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A model write that {@code @SessionAttributes} keeps in the session, judged by data flow: the value is
     * the identity a credential check established, and the class's annotation lists its name, or its type
     * ({@code types = Member.class}: Spring MVC keeps every model attribute whose class is listed, whatever
     * its name, {@code model.addAttribute(member)} included). Identity names are handled by {@link #event}.
     *
     * @param valueTypes the static type of the written value (slashed), or null when unknown
     */
    static LoginEvent checkedModelWrite(ClassContext classContext, CallAt call, Site site, boolean identityValue,
            java.util.function.Supplier<String> valueTypes) {
        if (!identityValue || call.argumentCount() < 1 || call.argumentCount() > 2
                || !LoginCatalogue.any(FrameworkSessionCatalogue.MODEL_WRITES, call.owner(), call.name(), call.descriptor())) {
            return null;
        }
        if (call.argumentCount() == 2) {
            String name;
            try {
                name = call.stringArgument(0);
            } catch (edu.umd.cs.findbugs.ba.DataflowAnalysisException e) {
                LookupFailures.typeUnknown(); // an inconsistent frame (counted): the type may still decide
                name = null;
            }
            if (name != null && sessionAttributeNames(classContext.getJavaClass()).contains(name)) {
                return new LoginEvent(site, LoginEventKind.SESSION_ATTRIBUTE,
                        "model attribute \"" + name + "\" (kept in the session by @SessionAttributes)");
            }
        }
        Set<String> listed = sessionAttributeTypes(classContext.getJavaClass());
        String valueType = listed.isEmpty() ? null : valueTypes.get();
        if (valueType != null && listed.contains(valueType)) {
            return new LoginEvent(site, LoginEventKind.SESSION_ATTRIBUTE, "model attribute of type "
                    + simpleName(valueType) + " (kept in the session by @SessionAttributes(types = "
                    + simpleName(valueType) + ".class))");
        }
        return null;
    }

    /** Types listed by the class's (inherited) {@code @SessionAttributes(types = ...)}, slashed. */
    private static Set<String> sessionAttributeTypes(JavaClass javaClass) {
        Set<String> types = new HashSet<>();
        for (Object value : sessionAttributesValues(javaClass, "types")) {
            // SpotBugs keeps a class literal as ASM's Type, whose text is its descriptor (Lcom/x/Member;).
            String text = String.valueOf(value);
            types.add(text.startsWith("L") && text.endsWith(";") ? text.substring(1, text.length() - 1) : text);
        }
        return types;
    }

    private static java.util.List<Object> sessionAttributesValues(JavaClass javaClass, String member) {
        java.util.List<Object> values = new java.util.ArrayList<>();
        String current = javaClass.getClassName().replace('.', '/');
        for (int depth = 0; current != null && depth < 10; depth++) {
            XClass xClass = io.github.sessionguard.flow.QuietClasspath.find(current);
            if (xClass == null) {
                return values; // a superclass outside the classpath lists nothing we can read
            }
            AnnotationValue annotation = xClass.getAnnotation(
                    DescriptorFactory.createClassDescriptor(FrameworkSessionCatalogue.SESSION_ATTRIBUTES));
            if (annotation != null) {
                Object value = annotation.getValue(member);
                if (value instanceof Object[]) {
                    values.addAll(java.util.Arrays.asList((Object[]) value));
                } else if (value != null) {
                    values.add(value);
                }
            }
            current = xClass.getSuperclassDescriptor() == null ? null : xClass.getSuperclassDescriptor().getClassName();
        }
        return values;
    }

    /** Names listed by the class's (inherited) {@code @SessionAttributes}, value and names. */
    private static Set<String> sessionAttributeNames(JavaClass javaClass) {
        Set<String> names = new HashSet<>();
        String current = javaClass.getClassName().replace('.', '/');
        for (int depth = 0; current != null && depth < 10; depth++) {
            try {
                XClass xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                        DescriptorFactory.createClassDescriptor(current));
                AnnotationValue annotation = xClass.getAnnotation(
                        DescriptorFactory.createClassDescriptor(FrameworkSessionCatalogue.SESSION_ATTRIBUTES));
                if (annotation != null) {
                    addStrings(annotation.getValue("value"), names);
                    addStrings(annotation.getValue("names"), names);
                }
                current = xClass.getSuperclassDescriptor() == null ? null
                        : xClass.getSuperclassDescriptor().getClassName();
            } catch (CheckedAnalysisException e) {
                AnalysisContext.logError("SessionGuard could not read the @SessionAttributes of " + current, e);
                return names;
            }
        }
        return names;
    }

    private static void addStrings(Object value, Set<String> into) {
        if (value instanceof Object[]) {
            for (Object element : (Object[]) value) {
                addStrings(element, into);
            }
        } else if (value instanceof String) {
            into.add((String) value);
        }
    }

    /**
     * Instances of this application class are kept as HTTP session attributes (see SessionHeldTypes), or it
     * subclasses a framework's session class, which the framework keeps there.
     */
    static boolean isSessionHeld(String slashed) {
        SpringSessionFacts facts = SpringSessionFacts.current();
        return facts.sessionHeldClasses().contains(slashed) || facts.frameworkSessionClasses().containsKey(slashed);
    }

    /**
     * {@code userSession.isSignedIn()}, {@code getAccount()}: a getter of an identity-named property of a session-scoped
     * bean (or a framework's session), which answers the session's user.
     */
    static boolean isIdentityGetterOfSessionBean(String owner, String name, UserSettings settings) {
        String property = name.startsWith("get") ? name.substring(3) : name.startsWith("is") ? name.substring(2) : null;
        return property != null && !property.isEmpty() && LoginCatalogue.isIdentityAttribute(property, settings)
                && isSessionScoped(owner);
    }

    /** A session-scoped bean, or a framework's session: its identity-named fields and setters are session writes. */
    private static boolean isSessionScoped(String slashed) {
        SpringSessionFacts facts = SpringSessionFacts.current();
        return facts.sessionScopedClasses().contains(slashed) || facts.frameworkSessionClasses().containsKey(slashed);
    }

    /** The session API a write into an object of this class reaches: a framework's session, or the servlet session. */
    static LoginEventKind heldKind(String slashed) {
        return SpringSessionFacts.current().frameworkSessionClasses().getOrDefault(slashed, LoginEventKind.SESSION_ATTRIBUTE);
    }

    /** What the finding calls a write {@code call} ("setUser()") into an object of this class kept in the session. */
    static String heldWrite(String slashed, String call) {
        String write = simpleName(slashed) + "." + call;
        return heldKind(slashed) == LoginEventKind.WICKET_SESSION ? "Wicket session " + write
                : write + " on the object kept in the session";
    }

    /** What the finding calls an object of this class that lives in the session. */
    private static String sessionObject(String slashed) {
        return heldKind(slashed) == LoginEventKind.WICKET_SESSION ? "Wicket session" : "session-scoped bean";
    }

    /** The stored value is {@code null} or {@code false} (logout code clears the same fields). */
    static boolean clearsValue(InstructionHandle handle) {
        InstructionHandle previous = handle.getPrev();
        if (previous == null) {
            return false;
        }
        short opcode = previous.getInstruction().getOpcode();
        return opcode == Const.ACONST_NULL || opcode == Const.ICONST_0;
    }

    static String simpleName(String slashed) {
        return slashed.substring(slashed.lastIndexOf('/') + 1).replace('$', '.');
    }

    /** Subtype as far as the classpath shows; an incomplete hierarchy is no evidence of a Struts action. */
    private static boolean isSessionAware(String slashed) {
        for (String type : FrameworkSessionCatalogue.SESSION_AWARE) {
            try {
                if (AnalysisContext.currentAnalysisContext().getSubtypes2().isSubtype(
                        DescriptorFactory.createClassDescriptor(slashed), DescriptorFactory.createClassDescriptor(type))) {
                    return true;
                }
            } catch (ClassNotFoundException e) {
                // Expected: a type of the hierarchy is not on the class path; counted, and not a Struts action.
                LookupFailures.missingClass();
                return false;
            }
        }
        return false;
    }
}
