package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TextSearch;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InstructionHandle;

import java.util.List;
import java.util.Set;

/**
 * Spring Security WebFlux logins by {@code ServerSecurityContextRepository.save(exchange, context)}, judged
 * by the repository that runs: {@code WebSessionServerSecurityContextRepository} changes the WebSession's id
 * on every save (its source, 5.x to 7.x: {@code .flatMap(WebSession::changeSessionId)}), so the save is a
 * login with a new id; an application repository that keeps the context in the WebSession without naming
 * {@code changeSessionId} is a login with the old id. The repository is known from the receiver's static
 * type, or, for a field of the handler, from the objects its methods (constructors, setters) store there. An
 * injected bean (a constructor or setter argument, or a field no code of the handler stores) is judged by the
 * field's declared type: a class is itself; an interface is the application's implementations of it (at most
 * 8; none, or more, decides nothing). A save whose Mono is dropped does nothing.
 */
final class ReactiveContextSaves {
    /** A repository that changes the id names the call (any letter case: a constant, a method reference). */
    private static final TextSearch CHANGE_SESSION_ID = TextSearch.ignoringCase(
            java.util.List.of(FrameworkSessionCatalogue.CHANGE_SESSION_ID));

    enum Meaning { NONE, LOGIN, LOGIN_WITH_NEW_ID }

    private ReactiveContextSaves() {
    }

    static Meaning of(ClassContext classContext, Method method, CallAt call, Location location, ValueOrigins origins)
            throws DataflowAnalysisException {
        if (!FrameworkSessionCatalogue.REACTIVE_CONTEXT_SAVE.matches(call.owner(), call.name(), call.descriptor())
                || FrameworkSessionWrites.isDroppedReactiveRotation(call.descriptor(), location.getHandle())) {
            return Meaning.NONE;
        }
        Set<String> repositories = ReceiverClasses.of(classContext, method, call, location, origins);
        if (repositories.isEmpty()) {
            return Meaning.NONE;
        }
        boolean allRotate = true;
        for (String repository : repositories) {
            if (repository.equals(FrameworkSessionCatalogue.NO_OP_CONTEXT_REPOSITORY)) {
                allRotate = false;
            } else if (!rotates(repository)) {
                return Meaning.LOGIN;
            }
        }
        return allRotate ? Meaning.LOGIN_WITH_NEW_ID : Meaning.NONE;
    }

    /** {@code WebSession::changeSessionId} as a method reference (composed into a chain with flatMap/then). */
    static boolean isChangeSessionIdReference(JavaClass javaClass, ConstantPoolGen cpg, InstructionHandle handle) {
        if (!(handle.getInstruction() instanceof INVOKEDYNAMIC)) {
            return false;
        }
        for (MethodHandleTargets.Target target : MethodHandleTargets.of(javaClass,
                cpg.getConstant(((INVOKEDYNAMIC) handle.getInstruction()).getIndex()))) {
            if (FrameworkSessionCatalogue.CHANGE_SESSION_ID.equals(target.name())
                    && TypeChecks.isKnownSubtype(target.owner(), FrameworkSessionCatalogue.WEB_SESSION)) {
                return true;
            }
        }
        return false;
    }

    private static boolean rotates(String repository) {
        if (TypeChecks.isKnownSubtype(repository, FrameworkSessionCatalogue.ROTATING_CONTEXT_REPOSITORY)) {
            return true;
        }
        // An application repository: the id changes only where its code names changeSessionId.
        XClass type = QuietClasspath.find(repository);
        if (type == null) {
            return true; // nothing known: no evidence of a login with the old id
        }
        try {
            JavaClass javaClass = edu.umd.cs.findbugs.classfile.Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    edu.umd.cs.findbugs.classfile.DescriptorFactory.createClassDescriptor(repository));
            return ConstantPoolScreen.mentionsAny(javaClass, CHANGE_SESSION_ID);
        } catch (CheckedAnalysisException e) {
            LookupFailures.failed(e, "the repository " + repository);
            return true;
        }
    }
}
