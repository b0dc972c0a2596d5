package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.ConstantValue;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.PUTSTATIC;

/**
 * The text of a session attribute name that the constant dataflow does not know: a class literal (a name
 * given as a class), a constant returned by
 * a trivial static getter ({@code SessionKeys.user()}), or a {@code static} field that is not
 * {@code final} but is assigned once, in its class's static initialiser, and never again in that class.
 */
final class AttributeNames {
    /** How a class given as the name is shown: {@code User.class}. */
    private static final String CLASS_SUFFIX = ".class";

    private AttributeNames() {
    }

    /** The text a name is judged by: a class given as the name by the class's simple name ({@code User}). */
    static String judged(String name) {
        return name != null && name.endsWith(CLASS_SUFFIX) ? name.substring(0, name.length() - CLASS_SUFFIX.length())
                : name;
    }

    /** The attribute name a call's argument holds: its constant, else {@link #resolve}d from where it came from. */
    static String of(io.github.sessionguard.flow.CallAt call, int argument, ValueOrigins origins, ConstantPoolGen cpg)
            throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
        String constant = call.stringArgument(argument);
        return constant != null ? constant : resolve(call.argument(argument), origins, cpg);
    }

    static String resolve(ValueNumber name, ValueOrigins origins, ConstantPoolGen cpg) {
        Location producer = origins.producer(name);
        if (producer == null) {
            return null;
        }
        Instruction instruction = producer.getHandle().getInstruction();
        if (instruction instanceof LDC && ((LDC) instruction).getValue(cpg) instanceof ObjectType) {
            // A class as the name (Vaadin's setAttribute(User.class, user)): shown as the user wrote it.
            String type = ((ObjectType) ((LDC) instruction).getValue(cpg)).getClassName();
            return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1) + CLASS_SUFFIX;
        }
        if (instruction instanceof GETSTATIC) {
            GETSTATIC field = (GETSTATIC) instruction;
            return staticFieldText(field.getClassName(cpg).replace('.', '/'), field.getFieldName(cpg));
        }
        if (instruction instanceof INVOKESTATIC) {
            INVOKESTATIC call = (INVOKESTATIC) instruction;
            if (call.getArgumentTypes(cpg).length == 0 && "()Ljava/lang/String;".equals(call.getSignature(cpg))) {
                return getterText(call.getClassName(cpg).replace('.', '/'), call.getMethodName(cpg));
            }
        }
        return null;
    }

    /** {@code static String user() { return "currentMember"; }}, or a getter returning such a field. */
    private static String getterText(String owner, String name) {
        CallTargets.Target target = CallTargets.resolve(owner, name, "()Ljava/lang/String;");
        if (target == null || target.method() == null) {
            return null;
        }
        ConstantPoolGen cpg = new ConstantPoolGen(target.javaClass().getConstantPool());
        InstructionHandle[] body = new InstructionList(target.method().getCode().getCode()).getInstructionHandles();
        if (body.length != 2 || !(body[1].getInstruction() instanceof ARETURN)) {
            return null;
        }
        Instruction load = body[0].getInstruction();
        if (load instanceof LDC && ((LDC) load).getValue(cpg) instanceof String) {
            return (String) ((LDC) load).getValue(cpg);
        }
        if (load instanceof GETSTATIC) {
            GETSTATIC field = (GETSTATIC) load;
            return staticFieldText(field.getClassName(cpg).replace('.', '/'), field.getFieldName(cpg));
        }
        return null;
    }

    /** A static String field's text: its constant value, or its one assignment in {@code <clinit>}. */
    private static String staticFieldText(String owner, String fieldName) {
        // Asked quietly (SpotBugs' own question reports an absent owner as a missing class), and with the
        // same answer as every other "is this the application's?" of the analysis (ApplicationClasses).
        if (!QuietClasspath.isApplicationClass(owner)) {
            return null;
        }
        ClassDescriptor descriptor = DescriptorFactory.createClassDescriptor(owner);
        JavaClass javaClass;
        try {
            javaClass = Global.getAnalysisCache().getClassAnalysis(JavaClass.class, descriptor);
        } catch (CheckedAnalysisException e) {
            // An application class SpotBugs cannot read: the name stays unknown (counted if missing, else reported).
            LookupFailures.failed(e, "the constants of " + owner);
            return null;
        }
        for (Field field : javaClass.getFields()) {
            if (field.getName().equals(fieldName) && field.isStatic() && field.getConstantValue() != null) {
                ConstantValue value = field.getConstantValue();
                String text = value.toString();
                return text.length() >= 2 && text.startsWith("\"") ? text.substring(1, text.length() - 1) : null;
            }
        }
        ConstantPoolGen cpg = new ConstantPoolGen(javaClass.getConstantPool());
        String assigned = null;
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            Instruction previous = null;
            for (Instruction instruction : new InstructionList(method.getCode().getCode()).getInstructions()) {
                if (instruction instanceof PUTSTATIC && ((PUTSTATIC) instruction).getFieldName(cpg).equals(fieldName)
                        && ((PUTSTATIC) instruction).getClassName(cpg).replace('.', '/').equals(owner)) {
                    boolean initialiser = "<clinit>".equals(method.getName());
                    if (!initialiser || assigned != null || !(previous instanceof LDC)
                            || !(((LDC) previous).getValue(cpg) instanceof String)) {
                        return null;
                    }
                    assigned = (String) ((LDC) previous).getValue(cpg);
                }
                previous = instruction;
            }
        }
        return assigned;
    }
}
