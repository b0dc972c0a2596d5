package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumberAnalysis;
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
        if (!ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), LoginCatalogue.relevantTypes())
                && !FrameworkSessionWrites.mentionsFrameworkSession(classContext.getJavaClass())) {
            boolean checks = checksCredentialsByName(classContext, method, summaries.settings());
            return new LoginMethodResult(new LoginSummary(false, checks, Set.of(), Set.of(), false, false, Set.of()),
                    Set.of());
        }
        CFG cfg = classContext.getCFG(method);
        LoginCallMeaning meaning = new LoginCallMeaning(classContext, method, descriptor, summaries,
                !ShiroProtection.loginStopsOldSession());
        meaning.survey(cfg);
        meaning.countSpringLogins(!LoginHandlers.isPerRequestComponent(classContext.getJavaClass()));
        boolean containerLogin = LoginHandlers.implementsContainerLogin(classContext.getJavaClass(), method);
        meaning.countContainerLogins(!containerLogin);

        LoginFlowAnalysis analysis = new LoginFlowAnalysis(classContext.getDepthFirstSearch(method), meaning);
        new Dataflow<>(cfg, analysis).execute();
        PathsOut paths = new PathsOut(classContext, method, descriptor, meaning, analysis);
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            paths.visit(it.next());
        }

        boolean credentials = meaning.checksCredentials();
        boolean loginPath = credentials || LoginHandlers.isLoginHandler(classContext.getJavaClass(), method, summaries.settings())
                || paths.pending.stream().anyMatch(e -> e.kind() == LoginEventKind.SHIRO || e.kind() == LoginEventKind.CONTAINER);
        LoginSummary summary = new LoginSummary(paths.anyReturn && paths.rotatesOnEveryPath, credentials,
                loginPath ? Set.of() : paths.pending, loginPath ? paths.pending : Set.of(), loginPath, containerLogin,
                paths.identityWrittenToParameters);
        return new LoginMethodResult(summary, paths.reused);
    }

    /** What the paths carry to the method's normal exits, and the writes to invalidated sessions on them. */
    private static final class PathsOut {
        private final MethodDescriptor descriptor;
        private final LoginCallMeaning meaning;
        private final LoginFlowAnalysis analysis;
        private final ValueNumberAnalysis values;
        private final int parameterCount;
        final Set<LoginEvent> pending = new HashSet<>();
        final Set<LoginEvent> reused = new HashSet<>();
        final Set<Integer> identityWrittenToParameters = new HashSet<>();
        boolean anyReturn;
        boolean rotatesOnEveryPath = true;

        PathsOut(ClassContext classContext, Method method, MethodDescriptor descriptor, LoginCallMeaning meaning,
                LoginFlowAnalysis analysis) throws CheckedAnalysisException {
            this.descriptor = descriptor;
            this.meaning = meaning;
            this.analysis = analysis;
            this.values = classContext.getValueNumberDataflow(method).getAnalysis();
            this.parameterCount = method.getArgumentTypes().length;
        }

        void visit(Location location) throws DataflowAnalysisException {
            LoginFacts fact = analysis.getFactAtLocation(location);
            if (fact.isTop()) {
                return;
            }
            if (location.getHandle().getInstruction() instanceof ReturnInstruction) {
                anyReturn = true;
                rotatesOnEveryPath &= !fact.isUnrotated();
                pending.addAll(fact.pending());
                return;
            }
            CallAt call = meaning.callAt(location);
            if (call == null) {
                return;
            }
            Site site = new Site(descriptor, location.getHandle().getPosition());
            if (meaning.isIdentityWrite(call, location)) {
                int session = call.receiver().getNumber();
                checkWrite(fact, session, meaning.event(call, site, location));
                return;
            }
            LoginSummary callee = meaning.calleeSummary(call, location);
            if (callee == null) {
                return;
            }
            for (int parameter : callee.identityWrittenToParameters()) {
                int session = call.argument(parameter).getNumber();
                checkWrite(fact, session, new LoginEvent(site, LoginEventKind.SESSION_ATTRIBUTE,
                        "the user written by " + call.name() + "()"));
            }
        }

        private void checkWrite(LoginFacts fact, int session, LoginEvent write) {
            if (fact.isInvalidated(session, meaning.requestOf(session))) {
                reused.add(write);
            }
            for (int parameter = 0; parameter < parameterCount; parameter++) {
                if (values.getEntryValueForParameter(parameter).getNumber() == session) {
                    identityWrittenToParameters.add(parameter);
                }
            }
        }
    }

    /** For classes that touch no session API: only the names of what they call can reveal a credential check. */
    private static boolean checksCredentialsByName(ClassContext classContext, Method method, UserSettings settings) {
        if (method.getCode() == null) {
            return false;
        }
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        for (InstructionHandle handle : classContext.getMethodGen(method).getInstructionList()) {
            if (handle.getInstruction() instanceof InvokeInstruction) {
                InvokeInstruction invoke = (InvokeInstruction) handle.getInstruction();
                String owner = CallAt.ownerOf(invoke, cpg);
                String name = invoke.getMethodName(cpg);
                if (LoginCatalogue.isCredentialCheck(owner, name, invoke.getSignature(cpg), settings)) {
                    return true;
                }
            }
        }
        return false;
    }
}
