package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.type.TypeFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.Type;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a call in one method means for its login paths: an id change, an authentication, a
 * credential check, or a call of an application method (or lambda body) whose summary says which of
 * these it does. {@link #survey} reads the whole method once before the dataflow runs.
 */
final class LoginCallMeaning {
    private final ClassContext classContext;
    private final Method method;
    private final ConstantPoolGen cpg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final MethodDescriptor descriptor;
    private final LoginSummaries summaries;
    private final boolean shiroLoginsCount;

    private final Map<Integer, Integer> requestOfSession = new HashMap<>();
    private final Set<Integer> maybeAbsentSessions = new HashSet<>();
    private final Set<Integer> sessionMaps = new HashSet<>();
    private boolean checksCredentials;
    private boolean readsCredentialParameter;
    private boolean springLoginsCount = true;
    private boolean containerLoginsCount = true;

    LoginCallMeaning(ClassContext classContext, Method method, MethodDescriptor descriptor, LoginSummaries summaries,
            boolean shiroLoginsCount) throws CheckedAnalysisException {
        this.classContext = classContext;
        this.method = method;
        this.cpg = classContext.getConstantPoolGen();
        this.vna = classContext.getValueNumberDataflow(method);
        this.constants = classContext.getConstantDataflow(method);
        this.descriptor = descriptor;
        this.summaries = summaries;
        this.shiroLoginsCount = shiroLoginsCount;
    }

    /** Reads every call once: credential checks, and which values are which request's session. */
    void survey(CFG cfg) throws DataflowAnalysisException {
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            CallAt call = callAt(location);
            if (call == null) {
                if (FrameworkSessionWrites.loadsSessionMapField(location.getHandle().getInstruction(), cpg)) {
                    sessionMaps.add(result(location).getNumber());
                }
                continue;
            }
            checksCredentials |= checksCredentials(call);
            if (LoginCatalogue.any(LoginCatalogue.SESSION_MAP_GETTERS, call.owner(), call.name(), call.descriptor())) {
                sessionMaps.add(result(location).getNumber());
            }
            if (LoginCatalogue.any(LoginCatalogue.SESSION_GETTERS, call.owner(), call.name(), call.descriptor())
                    || LoginCatalogue.any(LoginCatalogue.SESSION_IF_EXISTS, call.owner(), call.name(), call.descriptor())) {
                int session = result(location).getNumber();
                requestOfSession.put(session, call.receiver().getNumber());
                if (call.argumentCount() == 1 && isFalse(call, 0)) {
                    maybeAbsentSessions.add(session);
                }
            }
        }
    }

    boolean checksCredentials() {
        return checksCredentials;
    }

    /**
     * Spring Security's setAuthentication/setContext/saveContext in a component that runs on every
     * request rebuild a per-request context (bearer tokens, API keys) unless it reads a login form.
     */
    void countSpringLogins(boolean count) {
        springLoginsCount = count || readsCredentialParameter;
    }

    /** A request wrapper's login() delegating to the wrapped request's is no login of its own. */
    void countContainerLogins(boolean count) {
        containerLoginsCount = count;
    }

    CallAt callAt(Location location) throws DataflowAnalysisException {
        if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return null;
        }
        return CallAt.of((InvokeInstruction) location.getHandle().getInstruction(), cpg, location, vna, constants);
    }

    void apply(Location location, LoginFacts fact) throws DataflowAnalysisException {
        CallAt call = callAt(location);
        if (call == null) {
            LoginEvent field = FrameworkSessionWrites.fieldEvent(classContext, location.getHandle(), descriptor, summaries.settings());
            if (field != null) {
                fact.authenticate(field);
            }
            return;
        }
        if (isRotation(call, location)) {
            if (call.name().equals("invalidate") && !sessionMaps.contains(call.receiver().getNumber())) {
                int session = call.receiver().getNumber();
                fact.invalidate(session, requestOfSession.get(session));
            } else {
                fact.rotate();
            }
            return;
        }
        Site site = new Site(descriptor, location.getHandle().getPosition());
        LoginEvent event = event(call, site, location);
        if (event != null) {
            if (event.kind() == LoginEventKind.CONTAINER) {
                fact.containerLogin(event);
            } else {
                fact.authenticate(event);
            }
            return;
        }
        if (LoginCatalogue.any(LoginCatalogue.SESSION_GETTERS, call.owner(), call.name(), call.descriptor())) {
            fact.sessionObtained(result(location).getNumber(), call.receiver().getNumber());
            return;
        }
        LoginSummary callee = calleeSummary(call, location);
        if (callee != null) {
            for (LoginEvent inner : callee.exported()) {
                fact.authenticate(inner.calledFrom(site, call.name()));
            }
            if (callee.rotatesOnEveryPath()) {
                fact.rotate();
            }
        }
    }

    /** On the branch where {@code getSession(false)} returned null there was no session to fix. */
    boolean meansNoSession(Edge edge) throws DataflowAnalysisException {
        BasicBlock source = edge.getSource();
        InstructionHandle last = source.getLastInstruction();
        if (last == null || maybeAbsentSessions.isEmpty()) {
            return false;
        }
        short opcode = last.getInstruction().getOpcode();
        boolean nullEdge = (opcode == Const.IFNULL && edge.getType() == EdgeTypes.IFCMP_EDGE)
                || (opcode == Const.IFNONNULL && edge.getType() == EdgeTypes.FALL_THROUGH_EDGE);
        if (!nullEdge) {
            return false;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, source));
        return frame.isValid() && maybeAbsentSessions.contains(frame.getTopValue().getNumber());
    }

    private boolean isRotation(CallAt call, Location location) throws DataflowAnalysisException {
        if (!LoginCatalogue.any(LoginCatalogue.ROTATIONS, call.owner(), call.name(), call.descriptor())) {
            return summaries.settings().isRotationMethod(call.owner(), call.name());
        }
        if (LoginCatalogue.NON_ROTATING_STRATEGIES.contains(call.owner())
                || FrameworkSessionWrites.isDroppedReactiveRotation(call.descriptor(), location.getHandle())) {
            return false;
        }
        // A strategy made in this method is known exactly, even behind an interface-typed variable.
        return !call.name().equals("onAuthentication")
                || !LoginCatalogue.NON_ROTATING_STRATEGIES.contains(receiverType(location));
    }

    /** The receiver's type as SpotBugs' type analysis knows it: exact for an object made in this method. */
    private String receiverType(Location location) {
        try {
            TypeFrame types = classContext.getTypeDataflow(method).getFactAtLocation(location);
            if (!types.isValid()) {
                return null;
            }
            Type type = types.getInstance(location.getHandle().getInstruction(), cpg);
            return type.getSignature().replaceAll("^L|;$", "");
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read the receiver types of " + descriptor + ": " + e, e);
            return null;
        }
    }

    /** The authentication this call performs, or null. */
    LoginEvent event(CallAt call, Site site, Location location) throws DataflowAnalysisException {
        String owner = call.owner();
        String name = call.name();
        String callDescriptor = call.descriptor();
        if (isIdentityWrite(call, location)) {
            boolean map = sessionMaps.contains(call.receiver().getNumber());
            return new LoginEvent(site, map ? LoginEventKind.SESSION_MAP : LoginEventKind.SESSION_ATTRIBUTE,
                    (map ? "session map key \"" : "session attribute \"") + call.stringArgument(0) + "\"");
        }
        if (springLoginsCount && LoginCatalogue.any(LoginCatalogue.SPRING_LOGINS, owner, name, callDescriptor)
                && SpringHolderLogins.reachSession(name)) {
            return new LoginEvent(site, LoginEventKind.SPRING_SECURITY, "Spring Security " + simpleName(owner) + "." + name);
        }
        if (shiroLoginsCount && LoginCatalogue.any(LoginCatalogue.SHIRO_LOGINS, owner, name, callDescriptor)) {
            return new LoginEvent(site, LoginEventKind.SHIRO, "Shiro Subject.login");
        }
        if (containerLoginsCount && LoginCatalogue.any(LoginCatalogue.CONTAINER_LOGINS, owner, name, callDescriptor)) {
            LoginEvent wrapped = SpringWrappedRequestLogin.event(classContext.getJavaClass(), method, owner, site);
            if (wrapped != null) {
                return wrapped;
            }
            return new LoginEvent(site, LoginEventKind.CONTAINER, "container login " + simpleName(owner) + "." + name);
        }
        return FrameworkSessionWrites.event(classContext, call, site, location.getHandle(), summaries.settings());
    }

    /**
     * {@code session.setAttribute("user", ...)}: a constant name that identifies the user, and a value
     * that is not {@code null} or {@code Boolean.FALSE} (logout code clears the same attributes).
     */
    boolean isIdentityWrite(CallAt call, Location location) throws DataflowAnalysisException {
        boolean write = LoginCatalogue.any(LoginCatalogue.SESSION_WRITES, call.owner(), call.name(), call.descriptor())
                || (LoginCatalogue.any(LoginCatalogue.MAP_WRITES, call.owner(), call.name(), call.descriptor())
                        && sessionMaps.contains(call.receiver().getNumber()));
        return write && LoginCatalogue.isIdentityAttribute(call.stringArgument(0), summaries.settings())
                && !clearsValue(location.getHandle().getPrev());
    }

    private boolean clearsValue(InstructionHandle previous) {
        if (previous == null) {
            return false;
        }
        Instruction value = previous.getInstruction();
        if (value.getOpcode() == Const.ACONST_NULL) {
            return true;
        }
        if (value instanceof GETSTATIC) {
            GETSTATIC field = (GETSTATIC) value;
            return "java.lang.Boolean".equals(field.getClassName(cpg)) && "FALSE".equals(field.getFieldName(cpg));
        }
        if (value instanceof INVOKESTATIC && previous.getPrev() != null) {
            INVOKESTATIC call = (INVOKESTATIC) value;
            return "java.lang.Boolean".equals(call.getClassName(cpg)) && "valueOf".equals(call.getMethodName(cpg))
                    && previous.getPrev().getInstruction().getOpcode() == Const.ICONST_0;
        }
        return false;
    }

    /** The request a session value was obtained from in this method, or null. */
    Integer requestOf(int session) {
        return requestOfSession.get(session);
    }

    /** Does this call verify a credential (or lead to code that does)? */
    private boolean checksCredentials(CallAt call) throws DataflowAnalysisException {
        String owner = call.owner();
        String name = call.name();
        String callDescriptor = call.descriptor();
        if (LoginCatalogue.isCredentialCheck(owner, name, callDescriptor, summaries.settings())) {
            return true;
        }
        if (LoginCatalogue.any(LoginCatalogue.PARAMETER_READS, owner, name, callDescriptor)) {
            String parameter = call.stringArgument(0);
            boolean password = parameter != null
                    && LoginCatalogue.CREDENTIAL_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT));
            readsCredentialParameter |= password;
            return password;
        }
        if (LoginCatalogue.managesPasswords(name)) {
            return false;
        }
        LoginSummary callee = summaries.of(call.owner(), call.name(), call.descriptor());
        return callee != null && callee.checksCredentials();
    }

    /** The summary of an application method this call runs: its target, or a lambda's body. */
    LoginSummary calleeSummary(CallAt call, Location location) {
        Instruction instruction = location.getHandle().getInstruction();
        if (!(instruction instanceof INVOKEDYNAMIC)) {
            return summaries.of(call.owner(), call.name(), call.descriptor());
        }
        for (MethodHandleTargets.Target target : MethodHandleTargets.of(classContext.getJavaClass(),
                cpg.getConstant(((INVOKEDYNAMIC) instruction).getIndex()))) {
            LoginSummary body = summaries.of(target.owner(), target.name(), target.descriptor());
            if (body != null) {
                return body;
            }
        }
        return null;
    }

    private ValueNumber result(Location location) throws DataflowAnalysisException {
        return vna.getFactAfterLocation(location).getTopValue();
    }

    private static boolean isFalse(CallAt call, int argument) throws DataflowAnalysisException {
        edu.umd.cs.findbugs.ba.constant.Constant value = call.constantArgument(argument);
        return value.isConstantInteger() && value.getConstantInt() == 0;
    }

    private static String simpleName(String slashed) {
        return slashed.substring(slashed.lastIndexOf('/') + 1);
    }
}
