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
 * {@code @Value("${app.cookie.secure:false}")} default, the code's default is what runs unless configured.
 */
public final class BoundPropertyDefaults {
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
     * The constant every constructor gives the field the getter returns: an Integer for int-like constants, a
     * String; 0 for a boolean no constructor assigns (Java's default); null when unknown.
     */
    private static Object initialValue(String slashedOwner, String getter, String descriptor) {
        CallTargets.Target target = CallTargets.resolve(slashedOwner, getter, descriptor);
        if (target == null || target.method() == null || target.method().getCode() == null
                || !isBoundProperties(target.javaClass())) {
            return null;
        }
        ConstantPoolGen cpg = new ConstantPoolGen(target.javaClass().getConstantPool());
        String field = returnedOwnField(target.method(), cpg);
        if (field == null) {
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
