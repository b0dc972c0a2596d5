package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.CallReach;
import io.github.sessionguard.flow.MethodRefs;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.ArrayElementValue;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantString;
import org.apache.bcel.classfile.ElementValue;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.Locale;

/**
 * The second half of the login summaries' cost screen ({@link CallReach}): can a method's
 * {@link CredentialFlow} find anything, a checked credential, a returned user, a returned secret or a returned hash? A
 * method that reaches no session API ({@link LoginMethodReach}) matters to its callers only through those
 * three facts, and {@link CredentialFlow} derives every one of them from a root in the method itself or
 * from a callee's facts. The roots, each over-approximated here from the bytecode alone:
 * <ul>
 * <li>a secret's name: a parameter's (its local variable name, an annotation value on it, or an application
 * type carrying a secret field), a field read, a getter called, a string read by name from a request, a
 * form or a map ({@link LoginCatalogue#isSecretName}, {@link LoginCatalogue#CREDENTIAL_PARAMETERS});</li>
 * <li>a credential check by the catalogue or the settings ({@link LoginCatalogue#isCredentialCheck});</li>
 * <li>a cookie's value (a remember-me cookie is a secret);</li>
 * <li>a one-way hash ({@link LoginCatalogue#ONE_WAY_HASHES}: a helper returning one is a password's other form);</li>
 * <li>a call named like a verification that returns a user type (the lookup a request value turns into a
 * check);</li>
 * <li>a take out of a JDK map (a one-time key redeemed), an authentication made authenticated
 * ({@link LoginCatalogue#AUTHENTICATED_TOKENS}), the client certificate's request attribute.</li>
 * </ul>
 * A method with none of them, calling no application method that has one (however deep), gets the empty
 * summary without its analyses being built: the answer its full analysis would give.
 */
final class CredentialReach implements CallReach.Screen {
    private final LoginSummaries summaries;

    CredentialReach(LoginSummaries summaries) {
        this.summaries = summaries;
    }

    /** A constant's texts alone say nothing here: what counts is what the constant is (below). */
    @Override
    public boolean namesText(String text) {
        return false;
    }

    @Override
    public boolean namesApi(ConstantPool pool, Constant constant) {
        switch (constant.getTag()) {
            case Const.CONSTANT_String:
                return namesSecret(((ConstantString) constant).getBytes(pool));
            case Const.CONSTANT_Fieldref:
                return LoginCatalogue.isSecretName(MethodRefs.name(pool, (ConstantCP) constant));
            case Const.CONSTANT_Methodref:
            case Const.CONSTANT_InterfaceMethodref:
                ConstantCP reference = (ConstantCP) constant;
                return namesCall(MethodRefs.owner(pool, reference), MethodRefs.name(pool, reference),
                        MethodRefs.descriptor(pool, reference));
            case Const.CONSTANT_MethodHandle:
                Constant target = pool.getConstant(((ConstantMethodHandle) constant).getReferenceIndex());
                return target != null && MethodRefs.isMethodRef(target) && namesApi(pool, target);
            default:
                return false;
        }
    }

    @Override
    public boolean namesCall(String owner, String name, String descriptor) {
        // A getter named like a secret (form.getPassword()), a check, a cookie's value, or a verification
        // returning a user (sso.loginCheck(ticket)).
        return LoginCatalogue.isSecretName(name)
                || LoginCatalogue.isCredentialCheck(owner, name, descriptor, summaries.settings())
                || LoginCatalogue.any(LoginCatalogue.COOKIE_VALUE_READS, owner, name, descriptor)
                || LoginCatalogue.any(LoginCatalogue.ONE_WAY_HASHES, owner, name, descriptor)
                || isVerificationReturningUser(owner, name, descriptor)
                // a one-time key taken out of a store, an authentication the application makes authenticated
                || LoginCatalogue.isMapTake(owner, name, descriptor)
                || LoginCatalogue.any(LoginCatalogue.AUTHENTICATED_TOKENS, owner, name, descriptor);
    }

    private static boolean isVerificationReturningUser(String owner, String name, String descriptor) {
        if (LoginCatalogue.isJdk(owner) || !LoginCatalogue.mayLookUpUser(owner, name)
                || !LoginCatalogue.namesVerification(name)) {
            return false;
        }
        Type returned = Type.getReturnType(descriptor);
        if (!(returned instanceof ObjectType)) {
            return false;
        }
        // A user by its type's name, or (over-approximated here) in an Optional or of an application type, which
        // CredentialFlow takes for a user when a password check of the same class answers it.
        String type = ((ObjectType) returned).getClassName();
        return LoginCatalogue.isUserType(type) || type.equals("java.util.Optional")
                || !LoginCatalogue.isJdk(type.replace('.', '/'));
    }

    /** The method's parameters: their names, the values of annotations on them, and their types. */
    @Override
    public boolean namesInMethod(JavaClass javaClass, Method method) {
        LocalVariableTable variables = method.getLocalVariableTable();
        if (variables != null) {
            for (LocalVariable variable : variables.getLocalVariableTable()) {
                if (LoginCatalogue.isSecretName(variable.getName())) {
                    return true;
                }
            }
        }
        for (ParameterAnnotationEntry parameter : method.getParameterAnnotationEntries()) {
            for (AnnotationEntry annotation : parameter.getAnnotationEntries()) {
                for (ElementValuePair pair : annotation.getElementValuePairs()) {
                    if (namesSecret(pair.getValue())) {
                        return true;
                    }
                }
            }
        }
        for (Type type : method.getArgumentTypes()) {
            if (type instanceof ObjectType) {
                if (summaries.isSecretCarrier(((ObjectType) type).getClassName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean namesSecret(ElementValue value) {
        if (value instanceof ArrayElementValue) {
            for (ElementValue element : ((ArrayElementValue) value).getElementValuesArray()) {
                if (namesSecret(element)) {
                    return true;
                }
            }
            return false;
        }
        return namesSecret(value.stringifyValue());
    }

    /** A text read as a secret's name: by CredentialFlow's test, or as a password parameter's. */
    private static boolean namesSecret(String text) {
        return LoginCatalogue.isSecretName(text)
                || LoginCatalogue.CREDENTIAL_PARAMETERS.contains(text.toLowerCase(Locale.ROOT))
                || LoginCatalogue.CLIENT_CERTIFICATE_ATTRIBUTES.contains(text);
    }
}
