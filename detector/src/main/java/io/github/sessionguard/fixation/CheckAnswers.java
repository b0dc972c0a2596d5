package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.ba.generic.GenericObjectType;
import edu.umd.cs.findbugs.ba.generic.GenericSignatureParser;
import edu.umd.cs.findbugs.ba.generic.GenericUtilities;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.LookupFailures;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.ReferenceType;
import org.apache.bcel.generic.Type;

/**
 * What a credential check or a user lookup answers, by its type: the user (an application type, an {@code Optional}
 * of one, read from the callee's generic signature), a check's outcome, or nothing that identifies anyone (a
 * collection of validation errors). {@link CredentialFlow} asks at each call it reads.
 */
final class CheckAnswers {
    private CheckAnswers() {
    }

    /**
     * Is what a check or lookup returns the user? An object (a user, an assertion, a token, an
     * {@code Optional}) is; a collection or map (validation errors) is not; a string or number only when the
     * call's name says it is a user's ({@code findUsernameByToken}, {@code userIdFor}) or a login's (or a new key:
     * {@code CredentialFlow.isNewKey}).
     */
    static boolean resultIsIdentity(String name, Type returnType) {
        if (returnType instanceof ObjectType) {
            String type = ((ObjectType) returnType).getClassName();
            // A collection is no user (validation errors); an Optional, or a future of the answer, carries one.
            if (type.startsWith("java.util.") && !type.equals("java.util.Optional")
                    && !type.equals("java.util.concurrent.CompletableFuture")
                    && !type.equals("java.util.concurrent.CompletionStage")) {
                return false;
            }
            if (!type.equals("java.lang.String") && !type.startsWith("java.lang.")) {
                return true;
            }
        } else if (returnType != Type.LONG && returnType != Type.INT) {
            return false;
        }
        return LoginCatalogue.namesIdentity(name) || LoginCatalogue.isLoginMethodName(name)
                || LoginCatalogue.isSecretName(name);
    }

    /**
     * Does the call return a user type ({@link LoginCatalogue#isUserType}), directly or in an {@code Optional}
     * (read from the callee's generic signature, when the class is on the classpath)?
     */
    static boolean returnsUser(CallAt call, ObjectType returnType) {
        String type = returnType.getClassName();
        if (type.equals("java.lang.Object")) {
            return LoginCatalogue.namesUserLookup(call.name());
        }
        if (!type.equals("java.util.Optional")) {
            return LoginCatalogue.isUserType(type);
        }
        String element = optionalElement(call);
        return element != null && LoginCatalogue.isUserType(element);
    }

    /**
     * The class an {@code Optional} the call answers holds ({@code Optional<Account>}: {@code Account}, dotted), read
     * from the callee's generic signature by SpotBugs' parser, or null (not on the classpath, no generic signature, a
     * type variable or wildcard).
     */
    private static String optionalElement(CallAt call) {
        XMethod callee = XFactory.createXMethod(call.owner().replace('/', '.'), call.name(), call.descriptor(),
                !call.hasReceiver());
        String generic = callee.getSourceSignature();
        if (generic == null) {
            return null;
        }
        Type returned = GenericUtilities.getType(new GenericSignatureParser(generic).getReturnTypeSignature());
        if (!(returned instanceof GenericObjectType) || ((GenericObjectType) returned).getNumParameters() != 1
                || !((GenericObjectType) returned).getClassName().equals(LoginCatalogue.OPTIONAL_TYPE.replace('/', '.'))) {
            return null;
        }
        ReferenceType element = ((GenericObjectType) returned).getParameterAt(0);
        GenericUtilities.TypeCategory category = GenericUtilities.getTypeCategory(element);
        return category == GenericUtilities.TypeCategory.PLAIN_OBJECT_TYPE
                || category == GenericUtilities.TypeCategory.PARAMETERIZED ? ((ObjectType) element).getClassName() : null;
    }

    /** At most this many methods of a verification's class are asked whether they check a password. */
    private static final int MAX_SIBLING_CHECKS = 16;

    /**
     * Does a verification answer a user: a type whose name says so ({@link LoginCatalogue#isUserType}), directly or in
     * an {@code Optional}, or the type that a password check of the same class answers? The name list cannot know an
     * application's words for its users ({@code Adjuster}, {@code Brewer}, {@code Agent}); the class that verifies a
     * broker's assertion and, beside it, a password ({@code verifyPassword(login, password)} answering
     * {@code Optional<Adjuster>}) says by its bytecode that what both answer is who logs in.
     */
    static boolean answersUser(CallAt call, ObjectType returnType, LoginSummaries summaries) {
        String answered = returnType.getClassName();
        boolean optional = answered.equals(LoginCatalogue.OPTIONAL_TYPE.replace('/', '.'));
        if (optional) {
            answered = optionalElement(call);
            if (answered == null) {
                return false;
            }
        }
        if (LoginCatalogue.isUserType(answered)) {
            return true;
        }
        if (answered.startsWith("java.") || LoginCatalogue.isJdk(answered.replace('.', '/'))) {
            return false;
        }
        // Siblings are compared by their generic return (Optional<Adjuster>), erased for any other type.
        String returned = optional ? "Ljava/util/Optional<L" + answered.replace('.', '/') + ";>;" : returnType.getSignature();
        return summaries.fact("checks-and-answers " + call.owner() + ' ' + returned,
                () -> siblingChecksAndAnswers(call, returned, summaries));
    }

    /** The return part of a method's (generic) signature, by SpotBugs' parser, without the generic throws clause. */
    private static String returnedSignature(String signature) {
        String returned = new GenericSignatureParser(signature).getReturnTypeSignature();
        int thrown = returned.indexOf('^'); // the parser leaves "^Ljava/io/IOException;" on the return type
        return thrown < 0 ? returned : returned.substring(0, thrown);
    }

    /**
     * Does another method of the call's class, answering the same (generic) type, check a credential (by the
     * catalogue, as a call of it would count: {@code verifyPassword}; or its summary says so: a password compared
     * with a stored one)? Password management ({@code changePassword})
     * is no such check.
     */
    private static boolean siblingChecksAndAnswers(CallAt call, String returned, LoginSummaries summaries) {
        XClass owner;
        try {
            owner = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(call.owner()));
        } catch (CheckedAnalysisException e) {
            // A class the classpath cannot give (counted when missing, else reported): nothing to learn from it.
            LookupFailures.failed(e, "the methods of " + call.owner());
            return false;
        }
        int asked = 0;
        for (XMethod sibling : owner.getXMethods()) {
            if (sibling.getName().equals(call.name()) || sibling.getName().startsWith("<") || sibling.isSynthetic()
                    || LoginCatalogue.managesPasswords(sibling.getName())) {
                continue;
            }
            String siblingReturn = returnedSignature(sibling.getSourceSignature() != null
                    ? sibling.getSourceSignature() : sibling.getSignature());
            if (!returned.equals(siblingReturn) || asked++ >= MAX_SIBLING_CHECKS) {
                continue;
            }
            if (LoginCatalogue.isCredentialCheck(call.owner(), sibling.getName(), sibling.getSignature(),
                    summaries.settings())) {
                return true; // verifyPassword(login, password), authenticate(...): a check by its name, as at a call
            }
            LoginSummary summary = summaries.of(call.owner(), sibling.getName(), sibling.getSignature());
            if (summary != null && summary.checksCredentials()) {
                return true;
            }
        }
        return false;
    }
}
