package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.PropertySources;
import io.github.sessionguard.settings.AppProperties;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionList;


/**
 * A boolean handed to a switch that comes from a Spring property injected in the application's code, for detectors
 * that see the argument on SpotBugs' operand stack: a field of the class injected with {@code @Value("${key:true}")},
 * or the plain getter of an application class whose field is that (or is given, only in its constructors, a
 * constructor parameter injected so: {@code FleetProperties(@Value("${fleet.handheld:true}") boolean handheld)}). The
 * value is the one the application's settings give the key, else the placeholder's default; a getter of a bound
 * {@code @ConfigurationProperties} class is read as {@link BoundPropertyDefaults} reads it.
 */
public final class InjectedFlags {

    /** The property a flag is read from, and the value it has: from the settings, or the code's default. */
    public static final class Flag {
        public final String key;
        public final boolean on;
        public final boolean configured;

        Flag(String key, boolean on, boolean configured) {
            this.key = key;
            this.on = on;
            this.configured = configured;
        }
    }

    private InjectedFlags() {
    }

    /** The injected property the stack item's boolean is, or null when it is not known to be one. */
    public static Flag of(OpcodeStack.Item item) {
        XField field = item.getXField();
        if (field != null) {
            return flag(fieldPlaceholder(field));
        }
        XMethod getter = item.getReturnValueOf();
        if (getter == null || getter.isStatic() || !"()Z".equals(getter.getSignature())) {
            return null;
        }
        String owner = getter.getClassDescriptor().getClassName();
        String key = BoundPropertyDefaults.propertyKey(owner, getter.getName(), "()Z");
        if (key != null) {
            String configured = AppProperties.current().value(key);
            Boolean value = configured != null ? booleanText(configured) : BoundPropertyDefaults.flag(owner, getter.getName());
            return value == null ? null : new Flag(key, value, configured != null);
        }
        return flag(getterPlaceholder(owner, getter.getName()));
    }

    private static Flag flag(String[] placeholder) {
        if (placeholder == null) {
            return null;
        }
        String configured = AppProperties.current().placeholderValue(placeholder[0]);
        Boolean value = booleanText(configured != null ? configured : placeholder[1]);
        return value == null ? null : new Flag(placeholder[0], value, configured != null);
    }

    /** {@code @Value("${key:default}")} on the field: its key and default (null for none); else null. */
    private static String[] fieldPlaceholder(XField field) {
        for (String annotation : PropertySources.INJECTION_ANNOTATIONS) {
            AnnotationValue value = field.getAnnotation(DescriptorFactory.createClassDescriptor(annotation));
            if (value != null) {
                Object text = value.getValue("value");
                return placeholder(text == null ? null : text.toString());
            }
        }
        return null;
    }

    /**
     * For {@code return this.field;} of an application class: the placeholder injected into the field, or the one of
     * the constructor parameter every constructor stores in it (no other method of the class writes it); else null.
     */
    private static String[] getterPlaceholder(String slashedOwner, String getter) {
        CallTargets.Target target = CallTargets.resolve(slashedOwner, getter, "()Z");
        if (target == null || target.method() == null || target.method().getCode() == null) {
            return null;
        }
        JavaClass javaClass = target.javaClass();
        ConstantPoolGen cpg = new ConstantPoolGen(javaClass.getConstantPool());
        String field = returnedOwnField(target.method(), cpg);
        Field declared = field == null ? null : declared(javaClass, field);
        if (declared == null || !declared.isPrivate() && !declared.isFinal()) {
            return null;
        }
        String[] onField = annotationPlaceholder(declared.getAnnotationEntries());
        if (onField != null) {
            return onField;
        }
        String injected = ConstructorInjectedFields.injectedText(javaClass.getClassName().replace('.', '/'), field,
                PropertySources.INJECTION_ANNOTATIONS);
        return injected == null ? null : placeholder(injected);
    }

    private static String[] annotationPlaceholder(AnnotationEntry[] annotations) {
        for (AnnotationEntry annotation : annotations) {
            for (String injection : PropertySources.INJECTION_ANNOTATIONS) {
                if (("L" + injection + ";").equals(annotation.getAnnotationType())) {
                    for (ElementValuePair pair : annotation.getElementValuePairs()) {
                        if ("value".equals(pair.getNameString())) {
                            return placeholder(pair.getValue().stringifyValue());
                        }
                    }
                    return null;
                }
            }
        }
        return null;
    }

    /** {@code ${key:default}}: key (trimmed) and default (null when there is none); null for any other text. */
    private static String[] placeholder(String text) {
        String[] keyAndDefault = SpringPropertyText.keyAndDefault(text);
        return keyAndDefault == null ? null : new String[] {keyAndDefault[0].trim(), keyAndDefault[1]};
    }

    private static Field declared(JavaClass javaClass, String name) {
        Field field = FieldStrings.declared(javaClass, name);
        return field == null || field.isStatic() ? null : field;
    }

    /** For {@code return this.field;}, the field's name; else null. */
    private static String returnedOwnField(Method getter, ConstantPoolGen cpg) {
        Instruction[] body = new InstructionList(getter.getCode().getCode()).getInstructions();
        if (body.length != 3 || !(body[0] instanceof ALOAD) || ((ALOAD) body[0]).getIndex() != 0
                || !(body[1] instanceof org.apache.bcel.generic.GETFIELD)
                || !(body[2] instanceof org.apache.bcel.generic.ReturnInstruction)) {
            return null;
        }
        return ((FieldInstruction) body[1]).getFieldName(cpg);
    }

    private static Boolean booleanText(String text) {
        return SpringPropertyText.booleanValue(text);
    }
}
