package io.github.sessionguard.flow;

import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.Type;

import java.util.List;

/**
 * The injection a field receives through its class's constructors: {@code this.secure = secure} where the parameter is
 * {@code @Value("${bff.cookies.secure:true}") boolean secure} (Spring's constructor injection). A field written only by
 * its class's constructors (a final one, or a private one no other method of the class writes) holds what that
 * annotation injects when every one of their writes copies a parameter carrying the same injection annotation, as a
 * field annotated itself would.
 */
public final class ConstructorInjectedFields {
    private ConstructorInjectedFields() {
    }

    /**
     * The value ({@code "${key:default}"}) of the injection annotation (one of {@code annotations}, slashed) on the
     * constructor parameter every write of the field {@code slashedOwner.name} copies; null when the field is neither
     * final nor private, a method other than a constructor writes it, a constructor writes it otherwise (a constant, a
     * computed value), or the parameters' annotations differ.
     */
    public static String injectedText(String slashedOwner, String name, List<String> annotations) {
        JavaClass javaClass = javaClass(slashedOwner);
        Field field = javaClass == null ? null : declared(javaClass, name);
        if (field == null || !field.isFinal() && !field.isPrivate() || field.isStatic()) {
            return null;
        }
        ConstantPoolGen cpg = new ConstantPoolGen(javaClass.getConstantPool());
        String agreed = null;
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            boolean constructor = "<init>".equals(method.getName());
            Instruction[] code = new InstructionList(method.getCode().getCode()).getInstructions();
            for (int i = 0; i < code.length; i++) {
                if (!(code[i] instanceof PUTFIELD) || !name.equals(((PUTFIELD) code[i]).getFieldName(cpg))
                        || !slashedOwner.equals(((PUTFIELD) code[i]).getClassName(cpg).replace('.', '/'))) {
                    continue;
                }
                // Only "this.field = parameter" (aload_0, a parameter's load, putfield), as javac writes it.
                String text = constructor && i >= 2 && isThis(code[i - 2])
                        ? parameterInjection(method, code[i - 1], annotations) : null;
                if (text == null || agreed != null && !agreed.equals(text)) {
                    return null;
                }
                agreed = text;
            }
        }
        return agreed;
    }

    /** For a load of a constructor parameter, the value of its injection annotation; null when it has none. */
    private static String parameterInjection(Method constructor, Instruction load, List<String> annotations) {
        if (!(load instanceof LoadInstruction) || load instanceof ALOAD && ((ALOAD) load).getIndex() == 0) {
            return null;
        }
        int slot = ((LoadInstruction) load).getIndex();
        Type[] parameters = constructor.getArgumentTypes();
        ParameterAnnotationEntry[] entries = constructor.getParameterAnnotationEntries();
        int next = 1;
        for (int i = 0; i < parameters.length; i++) {
            if (next == slot) {
                return i < entries.length ? annotationValue(entries[i].getAnnotationEntries(), annotations) : null;
            }
            next += parameters[i].getSize();
        }
        return null;
    }

    private static String annotationValue(AnnotationEntry[] entries, List<String> annotations) {
        for (AnnotationEntry annotation : entries) {
            String type = annotation.getAnnotationType();
            String slashed = type.startsWith("L") && type.endsWith(";") ? type.substring(1, type.length() - 1) : type;
            if (!annotations.contains(slashed)) {
                continue;
            }
            for (ElementValuePair pair : annotation.getElementValuePairs()) {
                if ("value".equals(pair.getNameString())) {
                    return pair.getValue().stringifyValue();
                }
            }
        }
        return null;
    }

    private static boolean isThis(Instruction instruction) {
        return instruction instanceof ALOAD && ((ALOAD) instruction).getIndex() == 0;
    }

    private static Field declared(JavaClass javaClass, String name) {
        return FieldStrings.declared(javaClass, name);
    }

    private static JavaClass javaClass(String slashed) {
        return QuietClasspath.isApplicationClass(slashed) ? FieldStrings.javaClass(slashed) : null;
    }
}
