package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.type.TypeFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.AsyncCarriers;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.catalogue.LoginComponent;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.SessionWriteApi;
import io.github.sessionguard.flow.BranchConditions;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.TypeTestBranches;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.ValueOrigins;
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
    /** Positions of the invokedynamic instructions that make route handlers (see noteFunctionArguments). */
    private final Set<Integer> routeHandlers = new HashSet<>();
    /**
     * For each invokedynamic (by pc) whose function is chained on a carrier ({@code found.map(member -> ...)}), the
     * carrier: the function is handed its element (see noteFunctionArguments).
     */
    private final Map<Integer, ValueNumber> chainedOn = new HashMap<>();
    /** Results of {@code request.isRequestedSessionIdValid()}: their false side has no presented session. */
    private final Set<Integer> requestedIdValidity = new HashSet<>();
    /** Results of {@code session.isNew()}: their true side has no presented session. */
    private final Set<Integer> newSessionTests = new HashSet<>();
    private final Set<Integer> sessionMaps = new HashSet<>();
    /** Spring Security contexts this method gives an authentication: context, and the authentication given. */
    private final Map<Integer, Set<Integer>> contextAuthentications = new HashMap<>();
    /** Authentications this method makes already authenticated ({@link LoginCatalogue#AUTHENTICATED_TOKENS}). */
    private final Set<Integer> authenticatedTokens = new HashSet<>();
    private boolean savesAuthenticatedContext;
    /** The attributes (constant names) the method removes from the session, on any path. */
    private final Set<String> removedAttributes = new java.util.TreeSet<>();
    /** The pending users this method promotes (see {@link #promotedPendingUser}). */
    private final Set<String> promotedPendingUsers = new java.util.TreeSet<>();
    /** Each instruction's updates of the path fact, by pc, for a fact that is (or is not) checked. */
    private final Map<Integer, RecordedUpdates> recordedChecked = new HashMap<>();
    private final Map<Integer, RecordedUpdates> recordedUnchecked = new HashMap<>();
    private ValueOrigins origins;
    /** Subjects this method builds without a session (see {@link ShiroSubjects}); made by {@link #survey}. */
    private ShiroSubjects shiroSubjects;
    private boolean checksCredentials;
    /** Whether the method takes a session out of a request its callers hand it (see {@link #sessionFromHandedRequest}). */
    private boolean sessionFromHandedRequest;
    private boolean readsCredentialParameter;
    /** Whether Spring logins count here (see countSpringLogins): decided at the first Spring login met. */
    private Boolean springLoginsCount;
    private java.util.function.BooleanSupplier perRequestComponent;
    private boolean containerLoginsCount = true;
    /** The boolean parameter's value the paths are read under (see {@link #assume}). */
    private AssumedFlag assumed = AssumedFlag.NONE;
    /** Whether some path may change the id (see {@link #mayRotate}). */
    private boolean mayRotate;
    private final CredentialFlow flow;
    /** See {@link #requiresLoggedInUser()}: a session-scoped bean's identity getter is called. */
    private boolean readsSessionBeanUser;
    private final io.github.sessionguard.flow.TypeTestBranches typeTests;

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
        this.flow = new CredentialFlow(classContext, method, vna, constants, summaries);
        this.typeTests = new io.github.sessionguard.flow.TypeTestBranches(classContext, method);
    }

    /** A value a clock answered ({@link LoginCatalogue#CLOCK_READS}), or its boxed form: a time stamp. */
    private boolean isClockReading(ValueNumber value) throws DataflowAnalysisException {
        InvokeInstruction producer = value == null ? null : origins.producingCall(value);
        if (producer instanceof INVOKESTATIC && "valueOf".equals(producer.getMethodName(cpg))
                && producer.getClassName(cpg).startsWith("java.lang.")) {
            ValueNumber unboxed = origins.lastArgumentOfProducingCall(value);
            producer = unboxed == null ? null : origins.producingCall(unboxed);
        }
        return producer != null && !(producer instanceof INVOKEDYNAMIC) && LoginCatalogue.any(LoginCatalogue.CLOCK_READS,
                producer.getClassName(cpg).replace('.', '/'), producer.getMethodName(cpg), producer.getSignature(cpg));
    }

    /**
     * The method requires a logged-in user: it reads the session's user ({@code session.getAttribute("user")}, the
     * container's principal) or asks a session-scoped bean about it ({@code userSession.isSignedIn()},
     * {@code getAccount()}). What it records with a clock reading is then a re-check of that user (see
     * {@link LoginEvent#isTimeStamp()}).
     */
    boolean requiresLoggedInUser() throws DataflowAnalysisException {
        return readsSessionBeanUser || flow.readsLoggedInUser();
    }

    /** Reads every call once: credential checks, and which values are which request's session. */
    void survey(CFG cfg) throws DataflowAnalysisException {
        flow.compute(cfg);
        origins = flow.origins();
        shiroSubjects = new ShiroSubjects(cfg, vna, origins, this::callAt);
        checksCredentials |= flow.checksCredentials();
        noteFunctionArguments(cfg);
        noteSessionParameters();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            CallAt call = callAt(location);
            if (call == null) {
                if (FrameworkSessionWrites.loadsSessionMapField(location.getHandle().getInstruction(), cpg)) {
                    sessionMaps.add(result(location).getNumber());
                }
                continue;
            }
            checksCredentials |= checksCredentials(call, location);
            if (LoginCatalogue.any(LoginCatalogue.SESSION_REMOVES, call.owner(), call.name(), call.descriptor())) {
                String removed = attributeName(call, 0);
                if (removed != null) {
                    removedAttributes.add(removed);
                }
            }
            readsSessionBeanUser |= call.hasReceiver() && call.argumentCount() == 0
                    && FrameworkSessionWrites.isIdentityGetterOfSessionBean(call.owner(), call.name(), summaries.settings());
            if (LoginCatalogue.any(LoginCatalogue.SESSION_MAP_GETTERS, call.owner(), call.name(), call.descriptor())) {
                sessionMaps.add(result(location).getNumber());
            }
            if (LoginCatalogue.any(LoginCatalogue.SPRING_LOGINS, call.owner(), call.name(), call.descriptor())
                    && call.name().equals("setAuthentication") && call.argumentCount() == 1) {
                contextAuthentications.computeIfAbsent(call.receiver().getNumber(), context -> new HashSet<>())
                        .add(call.argument(0).getNumber());
            }
            if (LoginCatalogue.any(LoginCatalogue.AUTHENTICATED_TOKENS, call.owner(), call.name(), call.descriptor())) {
                authenticatedTokens.add((call.name().equals("<init>") ? call.receiver() : result(location)).getNumber());
            }
            if (LoginCatalogue.REQUESTED_ID_VALID.matches(call.owner(), call.name(), call.descriptor())) {
                requestedIdValidity.add(result(location).getNumber());
            }
            if (LoginCatalogue.any(LoginCatalogue.SESSION_IS_NEW, call.owner(), call.name(), call.descriptor())) {
                newSessionTests.add(result(location).getNumber());
            }
            if (LoginCatalogue.any(LoginCatalogue.SESSION_GETTERS, call.owner(), call.name(), call.descriptor())
                    || LoginCatalogue.any(LoginCatalogue.SESSION_IF_EXISTS, call.owner(), call.name(), call.descriptor())) {
                int session = result(location).getNumber();
                requestOfSession.put(session, call.receiver().getNumber());
                sessionFromHandedRequest |= isParameter(call.receiver());
                if (call.argumentCount() == 1 && isFalse(call, 0)) {
                    maybeAbsentSessions.add(session);
                }
            } else if (LoginCatalogue.any(LoginCatalogue.SESSION_OR_NULL, call.owner(), call.name(), call.descriptor())) {
                maybeAbsentSessions.add(result(location).getNumber());
            }
        }
    }

    /** Is this value, as the method starts, one of its parameters (not {@code this})? */
    private boolean isParameter(ValueNumber value) {
        for (int i = 0; i < method.getArgumentTypes().length; i++) {
            if (vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Does the method take a session out of a request its callers hand it ({@code request.getSession()} on a
     * parameter)? Then the method, not its callers, decides which session holds what it writes: it is where the id
     * change belongs (see {@link LoginResponsibility}). A method handed the session itself, or reaching it through a
     * field (a session-scoped bean, an injected session, a framework context), leaves that choice to its callers.
     */
    boolean sessionFromHandedRequest() {
        return sessionFromHandedRequest;
    }

    /** A session handed in as a parameter may be null, as {@code getSession(false)}'s answer may (see meansNoSession). */
    private void noteSessionParameters() {
        org.apache.bcel.generic.Type[] parameters = method.getArgumentTypes();
        for (int i = 0; i < parameters.length; i++) {
            if (LoginCatalogue.SESSION_PARAMETER_TYPES.contains(parameters[i].getSignature())) {
                maybeAbsentSessions.add(vna.getAnalysis().getEntryValueForParameter(i).getNumber());
            }
        }
    }

    boolean checksCredentials() {
        return checksCredentials;
    }

    CredentialFlow flow() {
        return flow;
    }

    /** See {@link CredentialFlow#checkOutcome}. */
    Boolean checkOutcome(Edge edge) throws DataflowAnalysisException {
        return flow.checkOutcome(edge);
    }

    boolean isVerifyingCall(int pc) {
        return flow.isVerifyingCall(pc);
    }

    /**
     * The instruction is an id change that throws only when the request has no live session ({@code
     * request.changeSessionId()}, {@code session.invalidate()}), read from it alone.
     */
    boolean throwsOnlyWithoutSession(InstructionHandle handle) {
        if (!(handle.getInstruction() instanceof InvokeInstruction)) {
            return false;
        }
        InvokeInstruction invoke = (InvokeInstruction) handle.getInstruction();
        String owner = invoke.getReferenceType(cpg).getSignature();
        owner = owner.startsWith("L") ? owner.substring(1, owner.length() - 1) : owner;
        return LoginCatalogue.any(LoginCatalogue.NO_SESSION_THROWERS, owner, invoke.getMethodName(cpg),
                invoke.getSignature(cpg));
    }

    /**
     * Spring Security's setAuthentication/setContext/saveContext in a component that runs on every
     * request rebuild a per-request context (bearer tokens, API keys) unless it reads a login form.
     * Whether the class is such a component is asked only when a Spring login is met (cost: it is a
     * question about the class's supertypes).
     */
    void countSpringLogins(java.util.function.BooleanSupplier perRequestComponent) {
        this.perRequestComponent = perRequestComponent;
    }

    private boolean springLoginsCount() {
        if (springLoginsCount == null) {
            springLoginsCount = perRequestComponent == null || readsCredentialParameter
                    || !perRequestComponent.getAsBoolean();
        }
        return springLoginsCount;
    }

    /** A request wrapper's login() delegating to the wrapped request's is no login of its own. */
    void countContainerLogins(boolean count) {
        containerLoginsCount = count;
    }

    CallAt callAt(Location location) throws DataflowAnalysisException {
        if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return null;
        }
        return flow.callAt((InvokeInstruction) location.getHandle().getInstruction(), location);
    }

    /**
     * {@link #apply} to the fact, with each instruction's updates decided once per answer of
     * {@link LoginFacts#isChecked()} (see RecordedUpdates) and replayed at every later transfer.
     */
    void applyRecorded(Location location, LoginFacts fact) throws DataflowAnalysisException {
        Map<Integer, RecordedUpdates> recorded = fact.isChecked() ? recordedChecked : recordedUnchecked;
        int pc = location.getHandle().getPosition();
        RecordedUpdates updates = recorded.get(pc);
        if (updates == null) {
            updates = new RecordedUpdates(fact.isChecked());
            apply(location, updates);
            recorded.put(pc, updates);
        }
        updates.replay(fact);
    }

    void apply(Location location, LoginFactUpdates fact) throws DataflowAnalysisException {
        CallAt call = callAt(location);
        if (call == null) {
            LoginEvent field = FrameworkSessionWrites.fieldEvent(classContext, location.getHandle(), descriptor, summaries.settings());
            if (field != null) {
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                boolean clock = frame.isValid() && frame.getStackDepth() > 0 && isClockReading(frame.getTopValue());
                fact.authenticate(clock ? field.asTimeStamp() : field);
            }
            return;
        }
        ReactiveContextSaves.Meaning reactiveSave = ReactiveContextSaves.of(classContext, method, call, location, origins);
        if (reactiveSave == ReactiveContextSaves.Meaning.LOGIN_WITH_NEW_ID
                || ReactiveContextSaves.isChangeSessionIdReference(classContext.getJavaClass(), cpg, location.getHandle())) {
            // WebSessionServerSecurityContextRepository.save, or WebSession::changeSessionId composed in a chain.
            mayRotate = true;
            fact.rotate();
            return;
        }
        if (reactiveSave == ReactiveContextSaves.Meaning.LOGIN && springLoginsCount()) {
            fact.authenticate(new LoginEvent(new Site(descriptor, location.getHandle().getPosition()),
                    LoginEventKind.REACTIVE_SECURITY_CONTEXT, "Spring Security WebFlux context saved by "
                            + call.name() + "() of a repository that keeps the WebSession's id"));
            return;
        }
        if (isRotation(call, location) || shiroLoginStopsSession(call)) {
            mayRotate = true;
            if (call.name().equals("invalidate") && !sessionMaps.contains(call.receiver().getNumber())) {
                int session = call.receiver().getNumber();
                fact.invalidate(session, requestOfSession.get(session));
            } else {
                fact.rotate();
            }
            return;
        }
        if (shiroLoginOfSubjectWithoutSession(call)) {
            // No session before this login, so no id a browser could have planted: the user goes into the session Shiro
            // makes for the subject afterwards, under a new id. What follows on the path is as safe as after an id
            // change (as on the side where getSession(false) answered null: see meansNoSession).
            mayRotate = true;
            fact.rotate();
            return;
        }
        Site site = new Site(descriptor, location.getHandle().getPosition());
        LoginEvent event = event(call, site, location, fact);
        if (event != null) {
            if (event.kind() == LoginEventKind.CONTAINER) {
                fact.containerLogin(event);
            } else {
                // The value a write stores comes last (setAttribute(name, value), a bean's setter).
                boolean clock = call.argumentCount() > 0 && isClockReading(call.argument(call.argumentCount() - 1));
                fact.authenticate(clock ? event.asTimeStamp() : event);
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
            // A called login method's own unfixed logins: its report stands unless callers fix them (an id
            // change after the call); see LoginResponsibility.
            for (LoginEvent inner : callee.reported()) {
                fact.authenticate(inner.inheritedAt(site, call.name()));
            }
            for (SessionWrite write : callee.sessionWrites()) {
                LoginEvent facadeWrite = facadeWriteEvent(call, location, write, site, fact);
                if (facadeWrite != null) {
                    fact.authenticate(facadeWrite);
                    // A callee whose own guarded id change leaves this write unfixed answers for it (see
                    // HelperOwnedWrites): its event, inherited here, lets a caller's id change after the call fix
                    // it, and covers this call's own event when the callee reports it (LoginResponsibility).
                    LoginEvent guarded = callee.ownedWrites().get(write);
                    if (guarded != null) {
                        fact.authenticate(guarded.inheritedAt(site, call.name()));
                    }
                }
            }
            if (callee.rotatesOnEveryPath() && LoginCatalogue.mentionsLogout(call.name())) {
                // A logout ends what was logged in before it on this path; it fixes no callee's login.
                mayRotate = true;
                fact.endSession();
            } else if (callee.rotatesOnEveryPath() || flagsRotate(callee, call)) {
                mayRotate = true;
                fact.rotate();
            }
        }
    }

    /** Does this call pass a constant that makes the callee change the id on every path (see LoginSummary)? */
    private boolean flagsRotate(LoginSummary callee, CallAt call) throws DataflowAnalysisException {
        for (Map.Entry<Integer, Boolean> flag : callee.flagRotations().entrySet()) {
            mayRotate = true;
            if (flag.getKey() < call.argumentCount()
                    && flag.getValue().equals(assumed.argument(call, flag.getKey(), vna))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the paths again under {@code flag}. The updates recorded per instruction depend on it, so they are
     * recorded again.
     */
    void assume(AssumedFlag flag) {
        assumed = flag;
        recordedChecked.clear();
        recordedUnchecked.clear();
    }

    /**
     * Whether the paths read so far met an id change, or a callee a flag makes change it: without one no value of a
     * flag can make every path change the id (cost only: {@link FlagRotations} tries no flag then).
     */
    boolean mayRotate() {
        return mayRotate;
    }

    /** A session-facade call's write, with this call's name and value: a login write like a direct one. */
    LoginEvent facadeWriteEvent(CallAt call, Location location, SessionWrite write, Site site, LoginFactUpdates fact)
            throws DataflowAnalysisException {
        if (write.mapParameter() != SessionWrite.NO_MAP && !isSessionMap(passedTo(call, location, write.mapParameter()))) {
            return null; // the callee's map is no session map here (or this method's parameter: judged by its callers)
        }
        ValueNumber value = passedTo(call, location, write.valueParameter());
        if (value == null || write.nameParameter() >= 0 && passedTo(call, location, write.nameParameter()) == null) {
            return null;
        }
        String name = write.nameParameter() < 0 ? write.constantName() : passedName(call, location, write.nameParameter());
        if (origins.isNullLiteral(value) || isFalse(value)) {
            return null;
        }
        return writeEvent(site, write.kind(), name, value, fact, " (written by " + writerName(call, location) + ")");
    }

    /** How a facade write's method is named: the called method, a method reference's target, or a lambda. */
    private String writerName(CallAt call, Location location) {
        MethodHandleTargets.Target target = lambdaTarget(location);
        if (target == null) {
            return call.name() + "()";
        }
        return target.name().startsWith("lambda$") ? "a lambda" : target.name() + "()";
    }

    /**
     * The failing side of an always-true {@code instanceof}: no path runs there (see TypeTestBranches); also a
     * framework session map tested against the class it always is ({@link LoginCatalogue#SESSION_MAP_CLASSES}).
     */
    boolean cannotRun(Edge edge) throws DataflowAnalysisException {
        return typeTests.cannotRun(edge, vna, origins) || isSessionMapTypeTestFailure(edge)
                || assumed.contradicts(edge, vna);
    }

    private boolean isSessionMapTypeTestFailure(Edge edge) throws DataflowAnalysisException {
        InstructionHandle test = sessionMaps.isEmpty() ? null : TypeTestBranches.failedInstanceOf(edge);
        if (test == null || !LoginCatalogue.SESSION_MAP_CLASSES.contains(TypeTestBranches.testedType(test, cpg))) {
            return false;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(test, edge.getSource()));
        return frame.isValid() && frame.getStackDepth() > 0 && sessionMaps.contains(frame.getTopValue().getNumber());
    }

    /**
     * On the branch where {@code getSession(false)} (or Undertow's {@code getSession(exchange, config)}) returned null,
     * or a session handed in as a parameter is null, or {@code request.isRequestedSessionIdValid()} was
     * false, or {@code session.isNew()} true, there was no presented session to fix: the session the login gets is
     * new, with the container's id.
     */
    boolean meansNoSession(Edge edge) throws DataflowAnalysisException {
        boolean absent = !maybeAbsentSessions.isEmpty() && BranchConditions.isSideWhere(edge, Const.IFNULL, Const.IFNONNULL);
        boolean invalid = !requestedIdValidity.isEmpty() && BranchConditions.isSideWhere(edge, Const.IFEQ, Const.IFNE);
        boolean fresh = !newSessionTests.isEmpty() && BranchConditions.isSideWhere(edge, Const.IFNE, Const.IFEQ);
        if (!absent && !invalid && !fresh) {
            return false;
        }
        BasicBlock source = edge.getSource();
        InstructionHandle last = source.getLastInstruction();
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, source));
        return frame.isValid() && (absent ? maybeAbsentSessions : invalid ? requestedIdValidity : newSessionTests)
                .contains(frame.getTopValue().getNumber());
    }

    /**
     * Where the Shiro on the classpath stops the old session inside {@code Subject.login} itself (see
     * {@link ShiroProtection}), the login is an id change for what the method stores in the session next.
     */
    private boolean shiroLoginStopsSession(CallAt call) {
        return !shiroLoginsCount && LoginCatalogue.any(LoginCatalogue.SHIRO_LOGINS, call.owner(), call.name(), call.descriptor());
    }

    /** {@code subject.login(token)} on a subject this method built with no session (see {@link ShiroSubjects}). */
    private boolean shiroLoginOfSubjectWithoutSession(CallAt call) throws DataflowAnalysisException {
        return shiroLoginsCount && call.hasReceiver()
                && LoginCatalogue.SHIRO_SUBJECT_LOGIN.matches(call.owner(), call.name(), call.descriptor())
                && shiroSubjects.builtWithoutSession(call.receiver());
    }

    /**
     * Shiro's {@code executeLogin} in a filter whose class overrides {@code onLoginSuccess} (which that login calls
     * right after {@code Subject.login}) with an id change on every path: the login ends in a new id.
     */
    private boolean shiroFilterHookChangesId(CallAt call) {
        if (!call.name().equals("executeLogin") || !call.descriptor().endsWith(")Z")
                || !LoginCatalogue.any(LoginCatalogue.SHIRO_LOGINS, call.owner(), call.name(), call.descriptor())) {
            return false;
        }
        LoginSummary hook = summaries.of(slashed(classContext.getJavaClass().getClassName()),
                LoginCatalogue.SHIRO_SUCCESS_HOOK, LoginCatalogue.shiroSuccessHookDescriptor(call.descriptor()));
        return hook != null && hook.rotatesOnEveryPath();
    }

    /**
     * Wicket's {@code signIn(username, password)} from a release that changes the id itself (WicketProtection): an
     * id change on its success branch, and no login.
     */
    private boolean wicketSignInChangesId(CallAt call) {
        return call.name().equals("signIn")
                && LoginCatalogue.WICKET_CHECKED_SIGN_IN.matches(call.owner(), call.name(), call.descriptor())
                && summaries.wicketSignInChangesId() && LoginCatalogue.WICKET_CHECKED_SIGN_IN.matchesReceiver(call.owner());
    }

    private boolean isRotation(CallAt call, Location location) throws DataflowAnalysisException {
        if (wicketSignInChangesId(call) || shiroFilterHookChangesId(call)) {
            return true;
        }
        if (!LoginCatalogue.any(LoginCatalogue.ROTATIONS, call.owner(), call.name(), call.descriptor())) {
            return summaries.settings().isRotationMethod(call.owner(), call.name());
        }
        if (LoginCatalogue.NON_ROTATING_STRATEGIES.contains(call.owner())
                || FrameworkSessionWrites.isDroppedReactiveRotation(call.descriptor(), location.getHandle())) {
            return false;
        }
        // A strategy made in this method is known exactly, even behind an interface-typed variable; a
        // receiver of unknown type (no type frame here) is taken at its word. Set.of(...) rejects null.
        if (!call.name().equals("onAuthentication")) {
            return true;
        }
        String type = receiverType(location);
        return type == null || !LoginCatalogue.NON_ROTATING_STRATEGIES.contains(type);
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
        } catch (DataflowAnalysisException e) {
            // The type frame at this call is inconsistent with it: the receiver's type is unknown, and an
            // unknown receiver is taken at its word (see isRotation). Counted, not an error of the analysis.
            LookupFailures.typeUnknown();
            return null;
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read the receiver types of " + descriptor + ": " + e, e);
            return null;
        }
    }

    /**
     * {@code repository.saveContext(...)} on a repository the handler made (or was given) that keeps the context in
     * the request only ({@code new RequestAttributeSecurityContextRepository()}): no session is written.
     */
    private boolean savesToRequestOnly(CallAt call, Location location) throws DataflowAnalysisException {
        if (!SpringSessionCatalogue.SAVE_CONTEXT.equals(call.name()) || !call.hasReceiver()) {
            return false;
        }
        Set<String> repositories = ReceiverClasses.of(classContext, method, call, location, origins);
        return !repositories.isEmpty() && SpringSessionCatalogue.REQUEST_ONLY_REPOSITORIES.containsAll(repositories);
    }

    /**
     * {@code repository.saveContext(...)} on a repository that is known to keep the context in the HTTP session
     * ({@code new HttpSessionSecurityContextRepository()}, or a subclass): the component keeps the login in the
     * session on purpose, so the next request is signed in by the session alone, even where the component runs on
     * every request (a filter trusting a proxy's header). A repository of unknown class is not.
     */
    private boolean savesToSessionRepository(CallAt call, Location location) throws DataflowAnalysisException {
        if (!SpringSessionCatalogue.SAVE_CONTEXT.equals(call.name()) || !call.hasReceiver()) {
            return false;
        }
        Set<String> repositories = ReceiverClasses.of(classContext, method, call, location, origins);
        return !repositories.isEmpty() && repositories.stream().allMatch(repository ->
                SpringSessionCatalogue.SESSION_REPOSITORY.equals(repository)
                        || Boolean.TRUE.equals(QuietClasspath.isSubtype(repository, SpringSessionCatalogue.SESSION_REPOSITORY)));
    }

    /** The authentication this call performs, or null; {@code fact} is the path state before it. */
    LoginEvent event(CallAt call, Site site, Location location, LoginFactUpdates fact) throws DataflowAnalysisException {
        String owner = call.owner();
        String name = call.name();
        String callDescriptor = call.descriptor();
        LoginEvent write = sessionWriteEvent(call, site, location, fact);
        if (write == null) {
            write = sessionHeldWriteEvent(call, site, fact);
        }
        if (write != null) {
            return write;
        }
        if (LoginCatalogue.any(LoginCatalogue.SPRING_LOGINS, owner, name, callDescriptor)
                && (springLoginsCount() || savesToSessionRepository(call, location))
                && SpringHolderLogins.reachSession(name) && !savesToRequestOnly(call, location)) {
            return new LoginEvent(site, LoginEventKind.SPRING_SECURITY, "Spring Security " + simpleName(owner) + "." + name);
        }
        LoginEvent component = loginComponentEvent(call, site);
        if (component != null) {
            return component;
        }
        if (name.equals("signIn") && !wicketSignInChangesId(call)
                && LoginCatalogue.isApplicationWicketSignIn(slashed(classContext.getJavaClass().getClassName()), owner, name,
                        callDescriptor) && !FrameworkSessionWrites.clearsValue(location.getHandle())) {
            // signIn(false) signs out.
            return new LoginEvent(site, LoginEventKind.WICKET_SIGN_IN, "Wicket sign-in " + simpleName(owner) + "." + name);
        }
        if (shiroLoginsCount && LoginCatalogue.any(LoginCatalogue.SHIRO_LOGINS, owner, name, callDescriptor)) {
            return new LoginEvent(site, LoginEventKind.SHIRO, "Shiro Subject.login");
        }
        if (containerLoginsCount && LoginCatalogue.any(LoginCatalogue.CONTAINER_LOGINS, owner, name, callDescriptor)) {
            LoginEvent wrapped = SpringWrappedRequestLogin.event(classContext.getJavaClass(), method, owner, site);
            if (wrapped != null) {
                return wrapped;
            }
            if (LoginCatalogue.SECURITY_CONTEXT_AUTHENTICATE.matches(owner, name, callDescriptor)) {
                // The application's own mechanisms may answer for it (LoginEvent#isSecurityContextAuthenticate).
                return LoginEvent.securityContextAuthenticate(site, "container login " + simpleName(owner) + "." + name);
            }
            return new LoginEvent(site, LoginEventKind.CONTAINER, "container login " + simpleName(owner) + "." + name);
        }
        LoginEvent framework = FrameworkSessionWrites.event(classContext, call, site, location.getHandle(),
                summaries.settings());
        if (framework != null || call.argumentCount() == 0) {
            return framework;
        }
        return FrameworkSessionWrites.checkedModelWrite(classContext, call, site,
                isCheckedIdentity(call.argument(call.argumentCount() - 1), fact), () -> topOfStackType(location));
    }

    /**
     * A framework login component created here (see {@link LoginComponent}): it logs the user in for the
     * application and keeps the id, unless the component's class overrides the row's hook with an id change on
     * every path, or this method switches its session login off ({@code filter.setUseSession(false)}).
     */
    private LoginEvent loginComponentEvent(CallAt call, Site site) throws DataflowAnalysisException {
        if (!call.name().equals("<init>")) {
            return null;
        }
        String owner = call.owner();
        LoginComponent component = LoginComponent.created(owner, call.name(), call.descriptor());
        if (component == null || component.isFrameworkInternal(slashed(classContext.getJavaClass().getClassName()))
                || (component.kind() == LoginEventKind.WICKET_SIGN_IN_PANEL && summaries.wicketSignInChangesId())) {
            // Wicket's sign-in components sign in through signIn(username, password).
            return null;
        }
        boolean ownSuperCall = method.getName().equals("<init>")
                && (owner.equals(slashed(classContext.getJavaClass().getClassName()))
                        || owner.equals(slashed(classContext.getJavaClass().getSuperclassName())));
        if (ownSuperCall && component.builtBySubclasses()) {
            return null;
        }
        if (component.hookName() != null && summaries.of(owner, component.hookName(), component.hookDescriptor()) != null) {
            // The application's class overrides the hook: the override is the login's place (LoginMethodAnalyzer),
            // reported there unless it changes the id.
            return null;
        }
        if (component.sessionOff() != null && callsWith(component.sessionOff(), Const.ICONST_0)
                && (component.keepsCodeSettings() == null || callsWith(component.keepsCodeSettings(), Const.ICONST_1))) {
            return null;
        }
        return new LoginEvent(site, component.kind(), component.what());
    }

    /** Does this method call the boolean {@code setter} with this constant ({@code ICONST_0}: false) on anything? */
    private boolean callsWith(String setter, short constant) {
        org.apache.bcel.generic.MethodGen gen = classContext.getMethodGen(method);
        if (gen == null) {
            return false;
        }
        for (InstructionHandle handle = gen.getInstructionList().getStart(); handle != null; handle = handle.getNext()) {
            if (handle.getInstruction() instanceof InvokeInstruction
                    && setter.equals(((InvokeInstruction) handle.getInstruction()).getMethodName(cpg))
                    && "(Z)V".equals(((InvokeInstruction) handle.getInstruction()).getSignature(cpg))
                    && handle.getPrev() != null && handle.getPrev().getInstruction().getOpcode() == constant) {
                return true;
            }
        }
        return false;
    }

    private static String slashed(String dotted) {
        return dotted.replace('.', '/');
    }

    /** The static type of the value on top of the stack before this instruction (a call's last argument). */
    private String topOfStackType(Location location) {
        try {
            TypeFrame types = classContext.getTypeDataflow(method).getFactAtLocation(location);
            if (!types.isValid() || types.getStackDepth() == 0) {
                return null;
            }
            Type type = types.getTopValue();
            return type instanceof org.apache.bcel.generic.ObjectType
                    ? ((org.apache.bcel.generic.ObjectType) type).getClassName().replace('.', '/') : null;
        } catch (DataflowAnalysisException e) {
            LookupFailures.typeUnknown(); // an inconsistent frame: the type is unknown (counted)
            return null;
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read the value types of " + descriptor + ": " + e, e);
            return null;
        }
    }

    /** A put into a framework's session map ({@code webSession.getAttributes().put(...)}, JSF's, Struts'). */
    boolean isSessionMapWrite(CallAt call) throws DataflowAnalysisException {
        return call.hasReceiver() && sessionMaps.contains(call.receiver().getNumber())
                && LoginCatalogue.any(LoginCatalogue.MAP_WRITES, call.owner(), call.name(), call.descriptor());
    }

    /** Is the value a framework's session map (JSF's, Struts', WebFlux's attributes)? */
    boolean isSessionMap(ValueNumber value) {
        return value != null && sessionMaps.contains(value.getNumber());
    }

    /** A put into a {@code Map} (whatever map it is). */
    boolean isMapWrite(CallAt call) {
        return call.hasReceiver() && LoginCatalogue.any(LoginCatalogue.MAP_WRITES, call.owner(), call.name(), call.descriptor());
    }

    /** Is this call a write to the session (an attribute, or a key of a framework's session map)? */
    boolean isSessionWrite(CallAt call) throws DataflowAnalysisException {
        return LoginCatalogue.any(LoginCatalogue.SESSION_WRITES, call.owner(), call.name(), call.descriptor())
                || helperWrite(call) != null
                || (LoginCatalogue.any(LoginCatalogue.MAP_WRITES, call.owner(), call.name(), call.descriptor())
                        && sessionMaps.contains(call.receiver().getNumber()));
    }

    /**
     * A session write that authenticates the session: an identity name ({@code "user"}), a value that
     * carries the identity a credential check established (whatever the name), or a constant marker
     * ({@code Boolean.TRUE}) written where every path has passed a credential check. A write of
     * {@code null} or {@code Boolean.FALSE} clears (logout code clears the same attributes).
     */
    LoginEvent sessionWriteEvent(CallAt call, Site site, Location location, LoginFactUpdates fact)
            throws DataflowAnalysisException {
        SessionWriteApi helper = helperWrite(call);
        if (helper != null) {
            ValueNumber value = call.argument(helper.valueArgument());
            if (origins.isNullLiteral(value) || isFalse(value)) {
                return null;
            }
            return writeEvent(site, helper.kind(), attributeName(call, helper.nameArgument()), value, fact, "");
        }
        if (!isSessionWrite(call) || clearsValue(location.getHandle().getPrev())) {
            return null;
        }
        boolean map = sessionMaps.contains(call.receiver().getNumber());
        if (!map && writesAuthenticatedContext(call)) {
            savesAuthenticatedContext = true;
            return new LoginEvent(site, LoginEventKind.SPRING_SECURITY,
                    "Spring Security context stored under " + SpringSessionCatalogue.SESSION_CONTEXT_KEY);
        }
        return writeEvent(site, map ? LoginEventKind.SESSION_MAP : LoginEventKind.SESSION_ATTRIBUTE,
                attributeName(call, 0), call.argument(1), fact, "");
    }

    /**
     * {@code session.setAttribute(SPRING_SECURITY_CONTEXT_KEY, context)} of a context this method authenticated: the
     * application saves the login in the session itself, as HttpSessionSecurityContextRepository would, so even a
     * per-request component's login (see countSpringLogins) lasts, and no Spring strategy runs for it (Spring's
     * SessionManagementFilter finds the context already saved). Where Spring logins count the login call itself is
     * the event.
     */
    private boolean writesAuthenticatedContext(CallAt call) throws DataflowAnalysisException {
        if (contextAuthentications.isEmpty() || !SpringSessionCatalogue.SESSION_CONTEXT_KEY.equals(attributeName(call, 0))) {
            return false;
        }
        Set<Integer> given = contextAuthentications.getOrDefault(call.argument(1).getNumber(), Set.of());
        return given.stream().anyMatch(authenticatedTokens::contains) && !springLoginsCount();
    }

    /**
     * Does this method store, in the session itself, a Spring Security context holding an authentication it made
     * authenticated (see {@link #writesAuthenticatedContext})? Such a write is a login by itself: the method vouches
     * for the user, whoever it is (the container's user of an SSO hand-off too), and no Spring strategy runs for it.
     */
    boolean savesAuthenticatedContext() {
        return savesAuthenticatedContext;
    }

    /**
     * {@code wikiSession.setUser(user)} or {@code context.put("user", user)} on an object the application keeps
     * as a session attribute (see {@code SessionHeldTypes}), on a path where a credential check passed: the
     * object is shared by everyone who presents the session id, so marking it logged in authenticates the
     * session. Judged like {@code setAttribute} (identity name, checked identity, or success marker).
     */
    private LoginEvent sessionHeldWriteEvent(CallAt call, Site site, LoginFactUpdates fact) throws DataflowAnalysisException {
        if (fact == null || !fact.isChecked() || !call.hasReceiver()
                || !FrameworkSessionWrites.isSessionHeld(call.owner())
                // an object this method creates (new Account(...)) is in no session until it is stored there
                || origins.newClass(call.receiver()) != null) {
            return null;
        }
        String name;
        ValueNumber value;
        if (call.name().equals("put") && call.argumentCount() == 2) {
            name = attributeName(call, 0);
            value = call.argument(1);
        } else if (call.name().startsWith("set") && call.name().length() > 3 && call.argumentCount() == 1) {
            name = call.name().substring(3);
            value = call.argument(0);
        } else {
            return null;
        }
        if (origins.isNullLiteral(value) || isFalse(value)) {
            return null;
        }
        // Data flow only (no name rule): a logged-in user's own object is also read from the session and
        // changed after a re-check of the password (profile or e-mail change); that is no login.
        LoginEventKind kind = FrameworkSessionWrites.heldKind(call.owner());
        LoginEvent event = writeEvent(site, kind, null, value, fact, "");
        return event == null ? null : new LoginEvent(site, kind, FrameworkSessionWrites.heldWrite(call.owner(),
                call.name() + (call.name().equals("put") && name != null ? "(\"" + name + "\", ...)" : "()")),
                event.isMarkerOnly());
    }

    /**
     * A session write through a framework helper (Spring's {@code WebUtils} or session-scoped request
     * attributes, a Shiro {@code Session}), or null. A request-attributes write counts only with the
     * session scope.
     */
    SessionWriteApi helperWrite(CallAt call) throws DataflowAnalysisException {
        SessionWriteApi row = SessionWriteApi.find(call.owner(), call.name(), call.descriptor());
        if (row != null && call.hasReceiver() && isNewSession(call.receiver())) {
            return null;
        }
        if (row == null || row.scopeArgument() == SessionWriteApi.ANY) {
            return row;
        }
        edu.umd.cs.findbugs.ba.constant.Constant scope = call.constantArgument(row.scopeArgument());
        return scope.isConstantInteger() && scope.getConstantInt() == row.scopeValue() ? row : null;
    }

    /** A session this method made under a fresh id ({@link SessionWriteApi#NEW_SESSIONS}), not the presented one. */
    private boolean isNewSession(ValueNumber session) {
        InvokeInstruction maker = origins.producingCall(session);
        return maker != null && !(maker instanceof INVOKEDYNAMIC) && LoginCatalogue.any(SessionWriteApi.NEW_SESSIONS,
                maker.getClassName(cpg).replace('.', '/'), maker.getMethodName(cpg), maker.getSignature(cpg));
    }

    private LoginEvent writeEvent(Site site, LoginEventKind kind, String name, ValueNumber value, LoginFactUpdates fact,
            String how) throws DataflowAnalysisException {
        // A class given as the name (User.class) is judged by its simple name too; a setting may name either.
        boolean identityName = LoginCatalogue.isIdentityAttribute(name, summaries.settings())
                || LoginCatalogue.isIdentityAttribute(AttributeNames.judged(name), summaries.settings());
        // Code that changes or resets a password re-checks the old one: what it writes next is no login; unless
        // the user came from a lookup by the request's secret alone (a reset link's token, then an auto-login).
        boolean dataFlowLogin = !LoginCatalogue.managesPasswords(method.getName()) || flow.identifiesByRequest();
        boolean identityValue = dataFlowLogin && isCheckedIdentity(value, fact);
        boolean marker = dataFlowLogin && !identityName && !identityValue && fact != null && fact.isChecked()
                && flow.isTrueMarker(value);
        String promoted = identityName || identityValue || marker ? null : promotedPendingUser(name, value, fact);
        if (!identityName && !identityValue && !marker && promoted == null || flow.isReadBack(name, value)) {
            return null;
        }
        if (promoted != null) {
            promotedPendingUsers.add(promoted);
        }
        String noun = kind.noun();
        String what = name == null ? noun + " with a name computed at run time" : noun + " \"" + name + "\"";
        return LoginEvent.attributeWrite(site, kind, what + how, marker, name);
    }

    /**
     * A two-step login's second step promoting the pending user: on a path where its own check passed (the one-time
     * code), it stores under another name what the session held under an attribute it removes ({@code customer =
     * session.getAttribute(PENDING_CUSTOMER)}, {@code removeAttribute(PENDING_CUSTOMER)}, {@code
     * setAttribute(CUSTOMER, customer)}): that write is the login, whatever the name. Answers the pending attribute, or
     * null. (A step-up check that copies the user it keeps removes nothing.)
     */
    private String promotedPendingUser(String name, ValueNumber value, LoginFactUpdates fact)
            throws DataflowAnalysisException {
        if (fact == null || !fact.isChecked() || name == null || removedAttributes.isEmpty()) {
            return null;
        }
        String source = flow.onlyAttributeBehind(value);
        return source != null && !source.equals(name) && removedAttributes.contains(source) ? source : null;
    }

    /** The pending-user attributes this method promoted to a login (see {@link #promotedPendingUser}). */
    Set<String> promotedPendingUsers() {
        return promotedPendingUsers;
    }

    /**
     * The user a check produced, or, on a path where a check passed, the name it was asked about (or an object
     * built from that name): what a login stores, whatever it is called.
     */
    private boolean isCheckedIdentity(ValueNumber value, LoginFactUpdates fact) {
        return flow.isIdentity(value) || (fact != null && fact.isChecked() && flow.isCheckedName(value));
    }

    /** For {@code GSON.toJson(vo)} (a serializing call, see LoginCatalogue), the object serialized; else null. */
    ValueNumber serializedObject(ValueNumber value) throws DataflowAnalysisException {
        InvokeInstruction call = origins.producingCall(value);
        return call != null && !(call instanceof INVOKEDYNAMIC) && call.getArgumentTypes(cpg).length == 1
                && LoginCatalogue.SERIALIZING_CALLS.contains(call.getMethodName(cpg))
                ? origins.lastArgumentOfProducingCall(value) : null;
    }

    /**
     * The values a value is made of, one step back (see {@link ValueOrigins#partsOf}), through identity getters and
     * fields only ({@code member.id}, {@code user.getUsername()}): {@code member.getLocale()} is no part of the user.
     */
    java.util.List<ValueNumber> identityPartsOf(ValueNumber value) throws DataflowAnalysisException {
        // A tuple's member too: the user a zip paired with the session (pair.getT1().id()).
        return origins.partsOf(value, name -> LoginCatalogue.isIdentityGetter(name)
                || AsyncCarriers.isTupleElementRead(name));
    }

    /** The attribute name an argument holds: a constant, a trivial constant getter, a once-assigned static. */
    String attributeName(CallAt call, int argument) throws DataflowAnalysisException {
        // A write without a name (Ratpack's session.set(value), kept under the value's class) names nothing.
        return argument < 0 ? null : AttributeNames.of(call, argument, origins, cpg);
    }

    private boolean isFalse(ValueNumber value) {
        String field = origins.staticFieldName(value, "java/lang/Boolean");
        return "FALSE".equals(field);
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
    private boolean checksCredentials(CallAt call, Location location) throws DataflowAnalysisException {
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
            // A PIN or one-time code typed into the form is a login form's as a password is (a badge and PIN
            // sign-on): the component reading it logs a person in, it does not rebuild a per-request token's context.
            readsCredentialParameter |= password || parameter != null
                    && LoginCatalogue.TYPED_SECRET_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT));
            return password;
        }
        if (LoginCatalogue.managesPasswords(name)) {
            return false;
        }
        // A lambda body counts as a called method (a reactive chain checks the password in a flatMap).
        LoginSummary callee = calleeSummary(call, location);
        return callee != null && callee.checksCredentials();
    }

    /**
     * Lambdas and method references made here and handed to a call, in one walk over the calls:
     * <ul>
     * <li>to a route, a call with a path argument ({@code app.post("/login", this::login)},
     * {@code router.post("/login").handler(...)}): the framework runs each for a request of its own, so none is a
     * callee of the method that registers them (the logout route registered next does not change the login route's
     * session id);</li>
     * <li>to a call on a carrier ({@code future.thenApply(...)}, {@code mono.map(...)}, {@code optional.map(...)}; see
     * {@link AsyncCarriers}): the first value each is handed is the carrier's element, so what a body does with that
     * parameter is done with what the carrier carries (the checked user, when the carrier is a credential check's
     * answer; see {@link #chainedOn}).</li>
     * </ul>
     */
    private void noteFunctionArguments(CFG cfg) throws DataflowAnalysisException {
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (location.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
                continue;
            }
            CallAt call = callAt(location);
            if (call == null) {
                continue;
            }
            boolean route = takesRoutePath(call) || takesRoutePredicate(call)
                    || (call.hasReceiver() && madeByRouteCall(call.receiver()));
            boolean chained = call.hasReceiver() && AsyncCarriers.feedsElement(call.owner(), call.name());
            if (!route && !chained) {
                continue;
            }
            for (int i = 0; i < call.argumentCount(); i++) {
                Location producer = origins.producer(call.argument(i));
                if (producer == null || !(producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC)) {
                    continue;
                }
                int position = producer.getHandle().getPosition();
                if (route) {
                    routeHandlers.add(position);
                }
                if (chained) {
                    chainedOn.putIfAbsent(position, call.receiver());
                }
            }
        }
    }

    /**
     * The value the callee's parameter {@code parameter} receives at this call: its argument; for a lambda body or
     * method reference made here, what it captured, or the element of the carrier it is chained on (see
     * {@link LambdaParameters}); null when unknown here.
     */
    ValueNumber passedTo(CallAt call, Location location, int parameter) throws DataflowAnalysisException {
        int source = sourceOf(call, location, parameter);
        if (source >= 0) {
            return source < call.argumentCount() ? call.argument(source) : null;
        }
        return source == LambdaParameters.FIRST_HANDED ? chainedOn.get(location.getHandle().getPosition()) : null;
    }

    /** The attribute name the callee's parameter receives at this call (see {@link #passedTo}), or null. */
    String passedName(CallAt call, Location location, int parameter) throws DataflowAnalysisException {
        int source = sourceOf(call, location, parameter);
        return source >= 0 && source < call.argumentCount() ? attributeName(call, source) : null;
    }

    private int sourceOf(CallAt call, Location location, int parameter) {
        MethodHandleTargets.Target target = lambdaTarget(location);
        if (target == null) {
            // A plain call (or a function whose body is no application method): the arguments in order.
            return location.getHandle().getInstruction() instanceof INVOKEDYNAMIC ? LambdaParameters.LATER_HANDED
                    : parameter;
        }
        return LambdaParameters.sourceOf(target, call.argumentCount(), parameter);
    }

    /** The application method an invokedynamic here makes a function of (the one calleeSummary reads), or null. */
    private MethodHandleTargets.Target lambdaTarget(Location location) {
        Instruction instruction = location.getHandle().getInstruction();
        if (!(instruction instanceof INVOKEDYNAMIC)) {
            return null;
        }
        for (MethodHandleTargets.Target target : MethodHandleTargets.of(classContext.getJavaClass(),
                cpg.getConstant(((INVOKEDYNAMIC) instruction).getIndex()))) {
            if (summaries.of(target.owner(), target.name(), target.descriptor()) != null) {
                return target;
            }
        }
        return null;
    }

    private boolean madeByRouteCall(ValueNumber receiver) throws DataflowAnalysisException {
        Location producer = origins.producer(receiver);
        if (producer == null || producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
            return false;
        }
        CallAt route = callAt(producer);
        return route != null && takesRoutePath(route);
    }

    /**
     * A call handed a request predicate made from a route path ({@code RouterFunctions.route(POST("/signin"),
     * members::login)}, {@code .andRoute(POST("/agency/signin"), agents::login)}): the path is one call back, in
     * what WebFlux.fn's {@code RequestPredicates.POST(pattern)} (or an application's own predicate helper) was given.
     */
    private boolean takesRoutePredicate(CallAt call) throws DataflowAnalysisException {
        for (int i = 0; i < call.argumentCount(); i++) {
            Location producer = origins.producer(call.argument(i));
            if (producer == null || producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
                continue;
            }
            CallAt predicate = callAt(producer);
            if (predicate != null && takesRoutePath(predicate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean takesRoutePath(CallAt call) throws DataflowAnalysisException {
        for (int i = 0; i < call.argumentCount(); i++) {
            String text = call.stringArgument(i);
            if (text != null && text.startsWith(LoginCatalogue.ROUTE_PATH_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** The summary of an application method this call runs: its target, or a lambda's body. */
    LoginSummary calleeSummary(CallAt call, Location location) {
        Instruction instruction = location.getHandle().getInstruction();
        if (!(instruction instanceof INVOKEDYNAMIC)) {
            return summaries.of(call.owner(), call.name(), call.descriptor());
        }
        if (routeHandlers.contains(location.getHandle().getPosition())) {
            return null;
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
