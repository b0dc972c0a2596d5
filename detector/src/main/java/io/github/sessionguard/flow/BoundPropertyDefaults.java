package io.github.sessionguard.flow;

import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.ICONST;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.ReturnInstruction;

/**
 * The in-code default of a property Spring Boot binds onto a {@code @ConfigurationProperties} class: what its field
 * holds when no deployment sets the property ({@code private boolean secure;} is false, {@code private String
 * sameSite = "Lax";} is "Lax"), read through the class's plain getter ({@code props.isSecure()}). As for an
 * {@code @Value("${app.cookie.secure:false}")} default, the code's default is what runs unless configured. A record's
 * component has the default its {@code @DefaultValue} gives it ({@code @DefaultValue("true") boolean secure}).
 * The same holds for a plain settings object of the application's whose field only its constructors write (its setters,
 * if any, called nowhere in the application: see {@link FieldStrings#writtenOnlyAtConstruction}).
 */
public final class BoundPropertyDefaults {
    private static final String DEFAULT_VALUE = "Lorg/springframework/boot/context/properties/bind/DefaultValue;";
    private static final String CONFIGURATION_PROPERTIES =
            "Lorg/springframework/boot/context/properties/ConfigurationProperties;";

    private BoundPropertyDefaults() {
    }

    /** The default of a boolean property read by {@code owner.getter()}: TRUE, FALSE, or null when unknown. */
    public static Boolean flag(String slashedOwner, String getter) {
        Object value = initialValue(slashedOwner, getter, "()Z");
        return value instanceof Integer ? Boolean.valueOf((Integer) value != 0) : null;
    }

    /** The default text of a String property read by {@code owner.getter()}, or null when unknown or unset. */
    public static String text(String slashedOwner, String getter) {
        Object value = initialValue(slashedOwner, getter, "()Ljava/lang/String;");
        return value instanceof String ? (String) value : null;
    }

    /**
     * The property the getter reads, as Boot binds it: the class's {@code @ConfigurationProperties} prefix, a dot, and
     * the bean property's name ({@code app.auth.cookie.httpOnly}, which relaxed binding matches to {@code http-only});
     * null for a getter of any other class.
     */
    public static String propertyKey(String slashedOwner, String getter, String descriptor) {
        CallTargets.Target target = CallTargets.resolve(slashedOwner, getter, descriptor);
        if (target == null || target.method() == null || target.method().getCode() == null) {
            return null;
        }
        String prefix = prefixOf(target.javaClass());
        String property = prefix == null ? null : propertyName(target.javaClass(), getter);
        return property == null ? null : prefix.isEmpty() ? property : prefix + "." + property;
    }

    /** The bound property a getter reads: a record's component ({@code secure()}), a bean's {@code isSecure()}. */
    private static String propertyName(JavaClass javaClass, String getter) {
        if ("java.lang.Record".equals(javaClass.getSuperclassName())) {
            return getter;
        }
        String bare = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2) : "";
        return bare.isEmpty() ? null : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    /** The {@code @ConfigurationProperties} prefix ({@code prefix} or {@code value}; "" for none), or null. */
    private static String prefixOf(JavaClass javaClass) {
        for (AnnotationEntry annotation : javaClass.getAnnotationEntries()) {
            if (CONFIGURATION_PROPERTIES.equals(annotation.getAnnotationType())) {
                for (org.apache.bcel.classfile.ElementValuePair pair : annotation.getElementValuePairs()) {
                    if ("prefix".equals(pair.getNameString()) || "value".equals(pair.getNameString())) {
                        return pair.getValue().stringifyValue();
                    }
                }
                return "";
            }
        }
        return null;
    }

    /**
     * The constant every constructor gives the field the getter returns: an Integer for int-like constants, a
     * String; 0 for a boolean no constructor assigns (Java's default); null when unknown.
     */
    private static Object initialValue(String slashedOwner, String getter, String descriptor) {
        CallTargets.Target target = CallTargets.resolve(slashedOwner, getter, descriptor);
        if (target == null || target.method() == null || target.method().getCode() == null) {
            return null;
        }
        ConstantPoolGen cpg = new ConstantPoolGen(target.javaClass().getConstantPool());
        String field = returnedOwnField(target.method(), cpg);
        if (field == null || !isBoundProperties(target.javaClass()) && !FieldStrings.current()
                .writtenOnlyAtConstruction(target.javaClass().getClassName().replace('.', '/'), field)) {
            // Neither a bound class's default nor a settings object of the application's that only its
            // constructors write (its setters uncalled): the value is known only at run time.
            return null;
        }
        Object agreed = null;
        boolean assigned = false;
        for (Method method : target.javaClass().getMethods()) {
            if (!"<init>".equals(method.getName()) || method.getCode() == null) {
                continue;
            }
            Instruction[] code = new InstructionList(method.getCode().getCode()).getInstructions();
            for (int i = 0; i < code.length; i++) {
                if (code[i] instanceof PUTFIELD && ((PUTFIELD) code[i]).getFieldName(cpg).equals(field)) {
                    // Only "this.field = constant" (aload_0, the constant, putfield): a conditional initialiser
                    // (secure = System.getenv("DEV") == null) ends in a constant too, after a branch.
                    Object value = i >= 2 && isThis(code[i - 2]) ? constantOf(code[i - 1], cpg) : null;
                    if (value == null && i >= 2 && isThis(code[i - 2])) {
                        // A record's canonical constructor (this.secure = secure): the parameter's @DefaultValue.
                        value = parameterDefault(method, code[i - 1]);
                    }
                    if (value == null || assigned && !value.equals(agreed)) {
                        return null;
                    }
                    agreed = value;
                    assigned = true;
                }
            }
        }
        if (!assigned) {
            return "()Z".equals(descriptor) ? Integer.valueOf(0) : null;
        }
        return agreed;
    }

    /**
     * For a load of a constructor parameter, the text of its {@code @DefaultValue} as the constant it stands for (an
     * Integer for a boolean, a String), or null when it has none.
     */
    private static Object parameterDefault(Method constructor, Instruction load) {
        if (!(load instanceof org.apache.bcel.generic.LoadInstruction)) {
            return null;
        }
        int slot = ((org.apache.bcel.generic.LoadInstruction) load).getIndex();
        org.apache.bcel.generic.Type[] parameters = constructor.getArgumentTypes();
        org.apache.bcel.classfile.ParameterAnnotationEntry[] annotations = constructor.getParameterAnnotationEntries();
        int next = 1;
        for (int i = 0; i < parameters.length; i++) {
            if (next == slot && i < annotations.length) {
                for (AnnotationEntry annotation : annotations[i].getAnnotationEntries()) {
                    if (DEFAULT_VALUE.equals(annotation.getAnnotationType())) {
                        return defaultConstant(annotation, parameters[i]);
                    }
                }
                return null;
            }
            next += parameters[i].getSize();
        }
        return null;
    }

    private static Object defaultConstant(AnnotationEntry annotation, org.apache.bcel.generic.Type type) {
        for (org.apache.bcel.classfile.ElementValuePair pair : annotation.getElementValuePairs()) {
            if ("value".equals(pair.getNameString())) {
                String text = pair.getValue().stringifyValue();
                text = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
                if (type == org.apache.bcel.generic.Type.BOOLEAN) {
                    return "true".equalsIgnoreCase(text.trim()) ? Integer.valueOf(1)
                            : "false".equalsIgnoreCase(text.trim()) ? Integer.valueOf(0) : null;
                }
                return text;
            }
        }
        return null;
    }

    private static boolean isThis(Instruction instruction) {
        return instruction instanceof org.apache.bcel.generic.ALOAD && ((org.apache.bcel.generic.ALOAD) instruction).getIndex() == 0;
    }

    private static boolean isBoundProperties(JavaClass javaClass) {
        for (AnnotationEntry annotation : javaClass.getAnnotationEntries()) {
            if (CONFIGURATION_PROPERTIES.equals(annotation.getAnnotationType())) {
                return true;
            }
        }
        return false;
    }

    /** For {@code return this.field;}, the field's name; else null. */
    private static String returnedOwnField(Method getter, ConstantPoolGen cpg) {
        InstructionHandle[] body = new InstructionList(getter.getCode().getCode()).getInstructionHandles();
        if (body.length != 3 || !(body[1].getInstruction() instanceof GETFIELD)
                || !(body[2].getInstruction() instanceof ReturnInstruction)) {
            return null;
        }
        return ((FieldInstruction) body[1].getInstruction()).getFieldName(cpg);
    }

    private static Object constantOf(Instruction instruction, ConstantPoolGen cpg) {
        if (instruction instanceof ICONST) {
            return ((ICONST) instruction).getValue().intValue();
        }
        if (instruction instanceof LDC && ((LDC) instruction).getValue(cpg) instanceof String) {
            return ((LDC) instruction).getValue(cpg);
        }
        return null;
    }
}
