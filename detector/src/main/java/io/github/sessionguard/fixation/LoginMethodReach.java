package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.CallReach;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.List;

/**
 * What the fixation analysis' per-method cost screen ({@link CallReach}) looks for; finer than
 * {@link LoginReach}'s per-class screen and, like it, never changing a result. A method's own analysis can
 * report a login, or show that it fixes the login of a method it calls, only through its calls: it names a
 * session, login or id-change API (by the texts LoginReach screens), or runs an application method that
 * does. A request counts only through its calls that reach the session or log in: reading a parameter
 * cannot authenticate a session.
 */
final class LoginMethodReach implements CallReach.Screen {
    @Override
    public boolean namesApi(List<String> texts) {
        return LoginReach.namesLoginApi(texts);
    }

    @Override
    public boolean namesApi(ConstantPool pool, Constant constant) {
        return isRequestSessionCall(pool, constant) || isSessionMapField(pool, constant);
    }

    /**
     * A class that uses a framework's session feature counts whole, as the class-level screen decides: a
     * session-scoped bean's own field writes, a controller's model under {@code @SessionAttributes}, name
     * no API in the method itself.
     */
    @Override
    public boolean wholeClass(JavaClass javaClass) {
        return FrameworkSessionWrites.mentionsFrameworkSession(javaClass);
    }

    /** A request's call that reaches its session or logs in. */
    private static boolean isRequestSessionCall(ConstantPool pool, Constant constant) {
        // Method references only (an invokedynamic entry is a ConstantCP too, but names no class).
        if (constant.getTag() != Const.CONSTANT_Methodref && constant.getTag() != Const.CONSTANT_InterfaceMethodref) {
            return false;
        }
        ConstantCP reference = (ConstantCP) constant;
        String owner = reference.getClass(pool).replace('.', '/');
        ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex(), Const.CONSTANT_NameAndType,
                ConstantNameAndType.class);
        return LoginCatalogue.REQUEST_TYPE_PREFIXES.stream().anyMatch(owner::startsWith)
                && LoginCatalogue.REQUEST_SESSION_CALL_NAMES.contains(nameAndType.getName(pool));
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
