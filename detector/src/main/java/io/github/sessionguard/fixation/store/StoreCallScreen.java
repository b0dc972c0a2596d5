package io.github.sessionguard.fixation.store;

import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.SessionStoreCatalogue;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.InvokeBytes;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantClass;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.util.ByteSequence;

import java.io.IOException;

/**
 * {@link SessionStoreFixationDetector}'s cost screen, which must never change a result. Following a method's
 * operand stack can yield something only when the method starts with a marked value or makes one:
 * <ul>
 * <li>a store site needs a value carrying the presented id, which only a presented-id call
 * ({@link SessionStoreCatalogue#isPresentedId}) or a cookie-value parameter brings in (every other mark is
 * derived from one of these);</li>
 * <li>without a site, the only thing a method's visit records is its callees, and only when it calls a
 * credential check ({@link LoginCatalogue#isCredentialCheck}).</li>
 * </ul>
 * So a method whose code names neither kind of call and has no cookie-value parameter is not followed. The
 * calls are judged once per constant-pool entry of the class (as the detector reads them: the raw slashed
 * owner, name and descriptor), and a method's code is only searched for invoke instructions naming one.
 */
final class StoreCallScreen {
    /** Per constant-pool entry of the class: a call the detector acts on without a marked value. */
    private final boolean[] triggers;
    private final boolean anyTrigger;

    private StoreCallScreen(boolean[] triggers, boolean anyTrigger) {
        this.triggers = triggers;
        this.anyTrigger = anyTrigger;
    }

    static StoreCallScreen of(JavaClass javaClass, UserSettings settings) {
        ConstantPool pool = javaClass.getConstantPool();
        Constant[] constants = pool.getConstantPool();
        boolean[] triggers = new boolean[constants.length];
        boolean any = false;
        for (int index = 1; index < constants.length; index++) {
            Constant constant = constants[index];
            if (constant == null || (constant.getTag() != Const.CONSTANT_Methodref
                    && constant.getTag() != Const.CONSTANT_InterfaceMethodref)) {
                continue;
            }
            ConstantCP reference = (ConstantCP) constant;
            ConstantClass owner = (ConstantClass) constants[reference.getClassIndex()];
            ConstantNameAndType nameAndType = (ConstantNameAndType) constants[reference.getNameAndTypeIndex()];
            String ownerName = pool.getConstantUtf8(owner.getNameIndex()).getBytes();
            String name = pool.getConstantUtf8(nameAndType.getNameIndex()).getBytes();
            String descriptor = pool.getConstantUtf8(nameAndType.getSignatureIndex()).getBytes();
            if (SessionStoreCatalogue.isPresentedId(ownerName, name, descriptor)
                    || LoginCatalogue.isCredentialCheck(ownerName, name, descriptor, settings)) {
                triggers[index] = true;
                any = true;
            }
        }
        return new StoreCallScreen(triggers, any);
    }

    /** Can following any method of the class yield a site or a login's callees? */
    boolean classMayMatter(JavaClass javaClass) {
        if (anyTrigger) {
            return true;
        }
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() != null && hasCookieParameter(method)) {
                return true;
            }
        }
        return false;
    }

    /** Can following this method yield a site or a login's callees? */
    boolean methodMayMatter(Method method, Code code) {
        return hasCookieParameter(method) || (anyTrigger && callsTrigger(code));
    }

    private boolean callsTrigger(Code code) {
        if (!InvokeBytes.mayInvoke(code.getCode(), triggers)) {
            return false;
        }
        try (ByteSequence bytes = new ByteSequence(code.getCode())) {
            while (bytes.available() > 0) {
                Instruction instruction = Instruction.readInstruction(bytes);
                if (instruction instanceof InvokeInstruction) {
                    int index = ((InvokeInstruction) instruction).getIndex();
                    if (index > 0 && index < triggers.length && triggers[index]) {
                        return true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Bytecode this reader cannot decode is not screened: the method is followed, as without the screen.
            return true;
        }
        return false;
    }

    private static boolean hasCookieParameter(Method method) {
        ParameterAnnotationEntry[] parameters = method.getParameterAnnotationEntries();
        if (parameters == null) {
            return false;
        }
        for (ParameterAnnotationEntry parameter : parameters) {
            for (org.apache.bcel.classfile.AnnotationEntry annotation : parameter.getAnnotationEntries()) {
                if (SessionStoreCatalogue.COOKIE_PARAMETERS.contains(annotation.getAnnotationType())) {
                    return true;
                }
            }
        }
        return false;
    }
}
