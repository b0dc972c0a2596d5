package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Computes one method's {@link LoginMethodResult}: its credential checks, its paths, its verdict. */
final class LoginMethodAnalyzer {
    private final LoginSummaries summaries;

    LoginMethodAnalyzer(LoginSummaries summaries) {
        this.summaries = summaries;
    }

    LoginMethodResult analyze(ClassContext classContext, Method method, MethodDescriptor descriptor)
            throws CheckedAnalysisException {
        if (!ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), LoginCatalogue.relevantTypes())) {
            boolean checks = checksCredentialsByName(classContext, method);
            return new LoginMethodResult(new LoginSummary(false, checks, Set.of(), Set.of(), false, false), Set.of());
        }
        CFG cfg = classContext.getCFG(method);
        LoginCallMeaning meaning = new LoginCallMeaning(classContext.getConstantPoolGen(),
                classContext.getValueNumberDataflow(method), classContext.getConstantDataflow(method), descriptor,
                summaries, !ShiroProtection.loginStopsOldSession());

        boolean credentials = false;
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext() && !credentials;) {
            CallAt call = meaning.callAt(it.next());
            credentials = call != null && meaning.checksCredentials(call);
        }
        meaning.countSpringLogins(credentials && !LoginHandlers.isFilter(classContext.getJavaClass()));
        boolean containerLogin = LoginHandlers.implementsContainerLogin(classContext.getJavaClass(), method);
        meaning.countContainerLogins(!containerLogin);

        LoginFlowAnalysis analysis = new LoginFlowAnalysis(classContext.getDepthFirstSearch(method), meaning);
        new Dataflow<>(cfg, analysis).execute();

        Set<LoginEvent> pending = new HashSet<>();
        Set<LoginEvent> reused = new HashSet<>();
        boolean anyReturn = false;
        boolean rotatesOnEveryPath = true;
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            LoginFacts fact = analysis.getFactAtLocation(location);
            if (fact.isTop()) {
                continue;
            }
            Instruction instruction = location.getHandle().getInstruction();
            if (instruction instanceof ReturnInstruction) {
                anyReturn = true;
                rotatesOnEveryPath &= !fact.isUnrotated();
                pending.addAll(fact.pending());
            } else if (instruction instanceof InvokeInstruction) {
                CallAt call = meaning.callAt(location);
                if (call != null && meaning.isIdentityWrite(call) && fact.isInvalidated(call.receiver().getNumber())) {
                    reused.add(meaning.event(call, new Site(descriptor, location.getHandle().getPosition())));
                }
            }
        }

        boolean loginPath = credentials || LoginHandlers.isLoginHandler(classContext.getJavaClass(), method)
                || pending.stream().anyMatch(e -> e.kind() != LoginEventKind.SESSION_ATTRIBUTE);
        LoginSummary summary = new LoginSummary(anyReturn && rotatesOnEveryPath, credentials,
                loginPath ? Set.of() : pending, loginPath ? pending : Set.of(), loginPath, containerLogin);
        return new LoginMethodResult(summary, reused);
    }

    /** For classes that touch no session API: only the names of what they call can reveal a credential check. */
    private static boolean checksCredentialsByName(ClassContext classContext, Method method) {
        if (method.getCode() == null) {
            return false;
        }
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        for (InstructionHandle handle : classContext.getMethodGen(method).getInstructionList()) {
            if (handle.getInstruction() instanceof InvokeInstruction) {
                InvokeInstruction invoke = (InvokeInstruction) handle.getInstruction();
                String owner = invoke.getClassName(cpg).replace('.', '/');
                String name = invoke.getMethodName(cpg);
                if (LoginCatalogue.any(LoginCatalogue.CREDENTIAL_CHECKS, owner, name, invoke.getSignature(cpg))
                        || LoginCatalogue.isCredentialCheckName(name)
                        || UserSettings.current().isLoginMethod(owner, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
