package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumberAnalysis;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.LoginComponent;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.SessionWriteApi;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.FactsBefore;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes one method's {@link LoginMethodResult}: its credential checks, its paths, its verdict. */
final class LoginMethodAnalyzer {
    private final LoginSummaries summaries;

    LoginMethodAnalyzer(LoginSummaries summaries) {
        this.summaries = summaries;
    }

    LoginMethodResult analyze(ClassContext classContext, Method method, MethodDescriptor descriptor)
            throws CheckedAnalysisException {
        // No class pre-screen here: a summary must not depend on whether its class names a servlet type (the
        // data-flow parts, a returned user or a checked secret, need none). The detector screens entries for
        // cost; a callee that reaches no session API skips only the path dataflow, which could find nothing.
        CFG cfg = classContext.getCFG(method);
        LoginCallMeaning meaning = new LoginCallMeaning(classContext, method, descriptor, summaries,
                summaries.shiroLoginsCount());
        meaning.survey(cfg);
        // Facts of the class (its supertypes), read once per class for this analysis.
        meaning.countSpringLogins(() -> summaries.classFact(classContext.getJavaClass(), "per-request-component",
                () -> LoginHandlers.isPerRequestComponent(classContext.getJavaClass())));
        boolean containerLogin = LoginHandlers.implementsContainerLogin(classContext.getJavaClass(), method);
        meaning.countContainerLogins(!containerLogin);

        PathsOut paths = new PathsOut(classContext, method, descriptor, meaning);
        Map<Integer, Boolean> flagRotations = Map.of();
        if (summaries.isWorthAnalysing(classContext.getJavaClass(), method)) {
            LoginFlowAnalysis analysis = new LoginFlowAnalysis(classContext.getDepthFirstSearch(method), meaning);
            new Dataflow<>(cfg, analysis).execute();
            // The fact before each instruction, carried along each block once (FactsBefore); an invalid
            // block start (dead code) is a top fact, which visit skips anyway.
            FactsBefore.walk(cfg, analysis, paths::visit);
            if (meaning.requiresLoggedInUser()) {
                // A clock reading stored by a method that requires a logged-in user (reauthenticatedAt = Instant.now()
                // after a re-check of that user) records when; the user, and the session's login, stay as they were.
                paths.pending.removeIf(LoginEvent::isTimeStamp);
            }
            if (paths.anyReturn && !paths.rotatesOnEveryPath && meaning.mayRotate()) {
                flagRotations = FlagRotations.of(classContext, method, cfg, meaning);
            }
        } else {
            // Neither the method nor anything it runs names a session, login or id-change API (the method
            // screen, with the rotation methods of the settings): no path of it can authenticate, rotate or
            // write a session, so the path dataflow would find only what a caller needs from any callee, its
            // credential checks (the survey above) and what it returns, read here without that dataflow.
            paths.readReturnsWithoutSessions(cfg);
        }

        // The application's advice that changes the id around this method (an @Around on its @RotateSession): its callers
        // reach it through the proxy, so every path of it ends in a new id (see AdvisedMethods).
        if (paths.anyReturn && !paths.rotatesOnEveryPath
                && AdvisedMethods.changeIdAround(summaries, classContext.getJavaClass(), method)) {
            paths.rotateAtExit();
        }
        // A component's hook the application overrides (CAS onSuccessfulValidation, Wicket onSignInSucceeded) runs
        // right after the framework logged the user in: the login is there, fixed only by an id change on every path.
        LoginComponent hooked = LoginComponent.hookOverriddenBy(classContext.getJavaClass().getClassName().replace('.', '/'),
                method.getName(), method.getSignature());
        if (hooked != null && !(paths.anyReturn && paths.rotatesOnEveryPath)
                && !(hooked.kind() == LoginEventKind.WICKET_SIGN_IN_PANEL && summaries.wicketSignInChangesId())) {
            paths.pending.add(new LoginEvent(new Site(descriptor, 0), hooked.kind(),
                    hooked.what() + " before it calls " + method.getName() + "()"));
        }
        // Shiro's AuthenticatingFilter.executeLogin runs Subject.login and then the filter's onLoginSuccess. A filter
        // that overrides the hook but leaves the call of executeLogin to Shiro (FormAuthenticationFilter's own
        // onAccessDenied) has its login there: on a Shiro whose login keeps the session (ShiroProtection), the hook
        // is where the id must change. A class that names executeLogin itself is reported at that call instead.
        if (hooked == null && summaries.shiroLoginsCount()
                && LoginCatalogue.isShiroSuccessHook(method.getName(), method.getSignature())
                && !(paths.anyReturn && paths.rotatesOnEveryPath)
                && summaries.classFact(classContext.getJavaClass(), "shiro-filter-leaving-login-to-shiro",
                        () -> LoginHandlers.leavesShiroFilterLoginToShiro(classContext.getJavaClass()))) {
            paths.pending.add(new LoginEvent(new Site(descriptor, 0), LoginEventKind.SHIRO,
                    "Shiro Subject.login, which the filter's executeLogin runs before it calls " + method.getName() + "()"));
        }
        // A password change re-checks the old password of a user who is logged in already: no login path.
        // A method returning a request cookie's value after only looking it up (currentSessionId(request): the
        // presented id, once the store knows it) reads that cookie: its caller decides what it is. One that compared
        // it with a stored secret (a remember-me token's hash) checked a credential.
        boolean credentials = meaning.checksCredentials()
                && !(paths.returnsCookieValue && !meaning.flow().comparesSecrets())
                && (!io.github.sessionguard.catalogue.LoginCatalogue.managesPasswords(method.getName())
                        || meaning.flow().identifiesByRequest());
        // A custom AuthenticationProvider runs inside Spring Security's login, whose strategy changes the id next;
        // Wicket's signIn runs the session's authenticate, and is judged itself where it is called.
        // (Asked last: whether the class is a framework login step is a question about its supertypes.)
        boolean loginPath = (credentials
                || LoginHandlers.isLoginHandler(classContext.getJavaClass(), method, summaries.settings())
                || paths.pending.stream().anyMatch(e -> e.parent() == null && e.kind().isLoginByItself())
                || meaning.savesAuthenticatedContext())
                && !LoginHandlers.isFrameworkLoginStepMethod(classContext.getJavaClass(), method)
                && !summaries.classFact(classContext.getJavaClass(), "framework-login-step",
                        () -> LoginHandlers.isFrameworkLoginStep(classContext.getJavaClass()));
        // A helper that changes the id itself, but only on some of its paths (behind a test its callers cannot set:
        // not a flag they pass, see FlagRotations), has taken the id change on: the guard around it is what leaves its
        // own write unfixed, so that write is its own to fix, as a login method's is (callers may still fix it for it,
        // see LoginResponsibility). A helper with no id change at all leaves it to the logins that call it.
        boolean guardsItsIdChange = paths.anyReturn && !paths.rotatesOnEveryPath && meaning.mayRotate()
                && flagRotations.isEmpty();
        // A private method is its class's own login code split out (bindAccount(account), establish(request, user)):
        // no other class can call it for another purpose, so where it writes the login is where the id change belongs,
        // once for its callers, as for a guarded helper (callers that change the id after the call still take it over).
        // (Not a lambda's body, a private synthetic method: its writes are judged where the lambda is made.)
        // So is a method that takes the session out of a request its callers hand it (establish(request, user),
        // SessionUtils.login(request, operator)): it, not its callers, chooses the session its writes go to, so its
        // write is where the id change belongs, once for all callers (see LoginResponsibility).
        boolean ownsItsWrites = guardsItsIdChange
                || ((method.isPrivate() || meaning.sessionFromHandedRequest()) && !method.isSynthetic()
                        && paths.anyReturn && flagRotations.isEmpty());
        boolean ownsIdChange = !loginPath && !paths.pending.isEmpty() && ownsItsWrites
                && paths.pending.stream().allMatch(e -> e.parent() == null);
        boolean reportsItsOwn = loginPath || ownsIdChange;
        LoginSummary summary = new LoginSummary(paths.anyReturn && paths.rotatesOnEveryPath, credentials,
                reportsItsOwn ? Set.of() : paths.pending, reportsItsOwn ? paths.pending : Set.of(), loginPath, containerLogin,
                paths.identityWrittenToParameters).withFlow(new LoginSummary.Flow(paths.returnsIdentity,
                        paths.returnsSecret, paths.returnsHashed, paths.sessionWrites))
                .withFlagRotations(flagRotations)
                // The same guard leaves its writes of what callers hand it unfixed: a login caller's value makes them
                // logins, and the fix is the guard's (HelperOwnedWrites). A login method's too: the guard is its own.
                .withOwnedWrites(ownsItsWrites ? HelperOwnedWrites.of(paths.unfixedWriteSites) : Map.of())
                .withSessionEffects(paths.sessionEffects())
                .withMayChangeId(meaning.mayRotate());
        // Asked only of a method with logins to report: whether callers can answer for them (LoginResponsibility).
        boolean requestEntry = !summary.reported().isEmpty()
                && LoginHandlers.isRequestEntry(classContext.getJavaClass(), method);
        // It stores what it is handed: its writes' values are its parameters (or made of them), into a session it does
        // not take out of a request of its own (one handed to it, or reached through a field): see LoginResponsibility.
        boolean loginByNameOnly = !summary.reported().isEmpty() && !requestEntry && !credentials
                && !meaning.sessionFromHandedRequest()
                && !paths.sessionWrites.isEmpty()
                && io.github.sessionguard.catalogue.LoginCatalogue.isLoginMethodName(method.getName())
                && !summaries.settings().isLoginMethod(classContext.getJavaClass().getClassName().replace('.', '/'),
                        method.getName())
                && paths.pending.stream().noneMatch(e -> e.parent() == null && e.kind().isLoginByItself());
        // Asked only of a method with logins to report (a question about the class hierarchy): see LoginMethodResult.
        boolean runsAsItIs = (!summary.reported().isEmpty() || !summary.ownedWrites().isEmpty())
                && !method.isStatic() && !(classContext.getJavaClass().isAbstract()
                        && LoginHandlers.everyImplementationOverrides(classContext.getJavaClass(), method));
        return new LoginMethodResult(summary, paths.reused, paths.fixedInherited, requestEntry, loginByNameOnly,
                keys(descriptor, pendingUserAttributes(meaning, credentials, paths.sessionEffects(),
                        paths.pending.isEmpty())),
                keys(descriptor, paths.loginAttributes), paths.mechanismLogin,
                runsAsItIs);
    }

    private static Set<String> keys(MethodDescriptor descriptor, Set<String> attributes) {
        return attributes.stream().map(attribute -> LoginMethodResult.pendingUserKey(descriptor.getSlashedClassName(),
                attribute)).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The attributes a login that checks credentials read back, handed to its check (or joined to the user it checked)
     * and then removed (alone, or with the whole session), when it stores the user under another name: the first step's
     * pending user (see {@link LoginMethodResult#pendingUserAttributes}). The removal, the end of the session and the
     * login's own write may be made by the application methods it calls (a {@code finish(ctx, member)} or
     * {@code sellerSession.signIn(request, seller)} shared by both steps): see {@link LoginSummary.SessionEffects}. A
     * step-up check of the logged-in user (a password confirmed before an admin page) reads the user but keeps it, and is
     * not one. An ended session counts only where the method leaves no login unfixed (its logins are in the new one).
     */
    private static Set<String> pendingUserAttributes(LoginCallMeaning meaning, boolean credentials,
            LoginSummary.SessionEffects effects, boolean noUnfixedLogin) throws DataflowAnalysisException {
        boolean endsSession = effects.endsSession && noUnfixedLogin;
        if (!credentials || effects.loginAttributes.isEmpty() || (effects.removed.isEmpty() && !endsSession)) {
            return Set.of();
        }
        Set<String> pending = new java.util.TreeSet<>(meaning.flow().checkedSessionAttributes());
        pending.addAll(meaning.flow().linkedSessionAttributes());
        // The pending user itself, promoted to the login's attribute once the second factor passed.
        pending.addAll(meaning.promotedPendingUsers());
        if (!endsSession) {
            pending.retainAll(effects.removed);
        }
        pending.removeAll(effects.loginAttributes);
        return pending;
    }

    /** What the paths carry to the method's normal exits, and the writes to invalidated sessions on them. */
    private static final class PathsOut {
        /** How many steps back a written value is traced to a parameter (a DTO of a getter of a field). */
        private static final int MAX_PARTS_DEPTH = 3;

        private final MethodDescriptor descriptor;
        private final LoginCallMeaning meaning;
        private final ValueNumberAnalysis values;
        private final ValueNumberDataflow vna;
        final Set<SessionWrite> sessionWrites = new HashSet<>();
        /** Of the session writes, those made where some path has not changed the id (yet), at their first such site. */
        final Map<SessionWrite, Site> unfixedWriteSites = new java.util.HashMap<>();
        boolean returnsIdentity;
        boolean returnsSecret;
        boolean returnsHashed;
        private final int parameterCount;
        final Set<LoginEvent> pending = new HashSet<>();
        final Set<LoginEvent> reused = new HashSet<>();
        final Set<LoginEvent> fixedInherited = new HashSet<>();
        final Set<Integer> identityWrittenToParameters = new HashSet<>();
        /** The attributes of the method's own login writes, on any path (fixed or not); a Spring login's context key. */
        final Set<String> loginAttributes = new java.util.TreeSet<>();
        /** The attributes the method removes from the session. */
        final Set<String> removedAttributes = new java.util.TreeSet<>();
        /** The method returns a request cookie's value (a presented session id it looked up, a token). */
        boolean returnsCookieValue;
        /**
         * The method invalidates a session (on some path): when its own logins are all made in a new session, every
         * attribute it read is removed with the old one (a step-up check that logs out on failure keeps the user).
         */
        boolean endsSession;
        /** What the application methods it calls do to the session (see {@link LoginSummary.SessionEffects}). */
        LoginSummary.SessionEffects calleeEffects = LoginSummary.SessionEffects.NONE;
        boolean anyReturn;
        boolean rotatesOnEveryPath = true;
        /** At the container notifications after a passed credential check (see MechanismLogin): the worst answer. */
        MechanismLogin mechanismLogin = MechanismLogin.NOT_SEEN;

        PathsOut(ClassContext classContext, Method method, MethodDescriptor descriptor, LoginCallMeaning meaning)
                throws CheckedAnalysisException {
            this.descriptor = descriptor;
            this.meaning = meaning;
            this.vna = classContext.getValueNumberDataflow(method);
            this.values = vna.getAnalysis();
            this.parameterCount = method.getArgumentTypes().length;
        }

        /**
         * An id change as every path leaves the method (advice around it): the logins on those paths are fixed, those a
         * called login method left among them by this method (see LoginFacts.rotate).
         */
        void rotateAtExit() {
            for (LoginEvent event : pending) {
                if (event.parent() != null) {
                    fixedInherited.add(event);
                }
            }
            pending.clear();
            unfixedWriteSites.clear();
            rotatesOnEveryPath = true;
        }

        /** The method's own removals, login writes and session ends, with those of the methods it calls. */
        LoginSummary.SessionEffects sessionEffects() {
            return new LoginSummary.SessionEffects(removedAttributes, loginAttributes, endsSession).and(calleeEffects);
        }

        /**
         * For a method that reaches no session API: its reachable returns as the path dataflow sees them. A
         * block is reached, as there, from the entry along every edge but a type test's side that cannot run;
         * every path is unrotated (only a session API rotates) and carries no login.
         */
        void readReturnsWithoutSessions(CFG cfg) throws DataflowAnalysisException {
            Set<BasicBlock> reached = new HashSet<>();
            Deque<BasicBlock> work = new ArrayDeque<>();
            reached.add(cfg.getEntry());
            work.add(cfg.getEntry());
            while (!work.isEmpty()) {
                BasicBlock block = work.poll();
                for (Iterator<InstructionHandle> handles = block.instructionIterator(); handles.hasNext();) {
                    InstructionHandle handle = handles.next();
                    if (handle.getInstruction() instanceof ReturnInstruction) {
                        anyReturn = true;
                        rotatesOnEveryPath = false;
                        readReturnedValue(new Location(handle, block));
                    }
                }
                for (Iterator<Edge> edges = cfg.outgoingEdgeIterator(block); edges.hasNext();) {
                    Edge edge = edges.next();
                    if (!meaning.cannotRun(edge) && reached.add(edge.getTarget())) {
                        work.add(edge.getTarget());
                    }
                }
            }
        }

        private void readReturnedValue(Location location) throws DataflowAnalysisException {
            if (location.getHandle().getInstruction().getOpcode() == org.apache.bcel.Const.ARETURN) {
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                if (frame.isValid() && frame.getStackDepth() > 0) {
                    returnsIdentity |= meaning.flow().isIdentity(frame.getTopValue());
                    returnsSecret |= meaning.flow().isSecret(frame.getTopValue());
                    returnsHashed |= meaning.flow().isHashed(frame.getTopValue());
                    returnsCookieValue |= meaning.flow().isCookieValue(frame.getTopValue());
                }
            }
        }

        /** One location, with the path fact before it (read only: the caller carries it on). */
        void visit(Location location, LoginFacts fact) throws DataflowAnalysisException {
            if (fact.isTop()) {
                return;
            }
            if (location.getHandle().getInstruction() instanceof ReturnInstruction) {
                anyReturn = true;
                rotatesOnEveryPath &= !fact.isUnrotated();
                pending.addAll(fact.pending());
                fixedInherited.addAll(fact.fixedInherited());
                readReturnedValue(location);
                return;
            }
            CallAt call = meaning.callAt(location);
            if (call == null) {
                return;
            }
            if (fact.isChecked()
                    && LoginCatalogue.CONTAINER_NOTIFICATION.matches(call.owner(), call.name(), call.descriptor())) {
                // A mechanism hands the checked caller to the container: what the session went through before it.
                mechanismLogin = mechanismLogin.and(!fact.isUnrotated() ? MechanismLogin.NEW_ID
                        : fact.pending().isEmpty() ? MechanismLogin.CONTAINER_ONLY : MechanismLogin.OWN_UNFIXED_WRITE);
            }
            Site site = new Site(descriptor, location.getHandle().getPosition());
            endsSession |= LoginCatalogue.any(LoginCatalogue.SESSION_ENDS, call.owner(), call.name(), call.descriptor());
            if (LoginCatalogue.any(LoginCatalogue.SPRING_LOGINS, call.owner(), call.name(), call.descriptor())) {
                // A Spring Security login keeps the user under the context's own attribute, not a pending one.
                loginAttributes.add(SpringSessionCatalogue.SESSION_CONTEXT_KEY);
            }
            if (LoginCatalogue.any(LoginCatalogue.SESSION_REMOVES, call.owner(), call.name(), call.descriptor())) {
                String removed = meaning.attributeName(call, 0);
                if (removed != null) {
                    removedAttributes.add(removed);
                }
                return;
            }
            if (meaning.isSessionWrite(call)) {
                LoginEvent write = meaning.sessionWriteEvent(call, site, location, fact);
                if (write != null && write.attribute() != null) {
                    loginAttributes.add(write.attribute());
                }
                SessionWriteApi helper = meaning.helperWrite(call);
                if (helper != null) {
                    // A helper's session is not an HttpSession value of this method: no invalidated-session check.
                    if (write == null) {
                        facadeWrite(helper.nameArgument() < 0 ? null : call.argument(helper.nameArgument()),
                                meaning.attributeName(call, helper.nameArgument()), call.argument(helper.valueArgument()),
                                helper.kind(), site, fact);
                    }
                } else if (write != null) {
                    checkWrite(fact, call.receiver().getNumber(), write);
                } else {
                    // A framework's session map (WebFlux's getAttributes()) keeps its own kind: its own fix.
                    facadeWrite(call.argument(0), meaning.attributeName(call, 0), call.argument(1),
                            meaning.isSessionMapWrite(call) ? LoginEventKind.SESSION_MAP : LoginEventKind.SESSION_ATTRIBUTE,
                            site, fact);
                }
                return;
            }
            int handedMap = meaning.isMapWrite(call) ? parameterOf(call.receiver()) : -1;
            if (handedMap >= 0) {
                // A put into a Map the caller hands in: a session write where that map is a framework's session map.
                facadeWrite(call.argument(0), meaning.attributeName(call, 0), call.argument(1), LoginEventKind.SESSION_MAP,
                        site, fact, handedMap);
                return;
            }
            LoginSummary callee = meaning.calleeSummary(call, location);
            if (callee == null) {
                return;
            }
            calleeEffects = calleeEffects.and(callee.sessionEffects());
            for (SessionWrite write : callee.sessionWrites()) {
                // What the callee's parameters receive here: the arguments, or a lambda's captures and chain element.
                edu.umd.cs.findbugs.ba.vna.ValueNumber value = meaning.passedTo(call, location, write.valueParameter());
                edu.umd.cs.findbugs.ba.vna.ValueNumber nameValue = write.nameParameter() < 0 ? null
                        : meaning.passedTo(call, location, write.nameParameter());
                if (value == null || write.nameParameter() >= 0 && nameValue == null) {
                    continue;
                }
                LoginEvent login = meaning.facadeWriteEvent(call, location, write, site, fact);
                int mapParameter = SessionWrite.NO_MAP;
                if (write.mapParameter() != SessionWrite.NO_MAP) {
                    // The callee's map is a session map here (the write is judged now), or this method's own parameter.
                    edu.umd.cs.findbugs.ba.vna.ValueNumber map = meaning.passedTo(call, location, write.mapParameter());
                    mapParameter = map == null || meaning.isSessionMap(map) ? SessionWrite.NO_MAP : parameterOf(map);
                    if (map == null || !meaning.isSessionMap(map) && mapParameter < 0) {
                        continue;
                    }
                }
                if (login == null) {
                    String name = write.nameParameter() < 0 ? write.constantName()
                            : meaning.passedName(call, location, write.nameParameter());
                    facadeWrite(nameValue, name, value, write.kind(), site, fact, mapParameter);
                } else if (login.attribute() != null) {
                    loginAttributes.add(login.attribute());
                }
            }
            for (int parameter : callee.identityWrittenToParameters()) {
                edu.umd.cs.findbugs.ba.vna.ValueNumber session = meaning.passedTo(call, location, parameter);
                if (session != null) {
                    checkWrite(fact, session.getNumber(), new LoginEvent(site, LoginEventKind.SESSION_ATTRIBUTE,
                            "the user written by " + call.name() + "()"));
                }
            }
        }

        /**
         * A write whose value is one of this method's parameters (its name a parameter, known, or computed
         * here): what it means is decided at each call, with the caller's name (if any) and value.
         */
        private void facadeWrite(edu.umd.cs.findbugs.ba.vna.ValueNumber nameValue, String name,
                edu.umd.cs.findbugs.ba.vna.ValueNumber value, LoginEventKind kind, Site site, LoginFacts fact)
                throws DataflowAnalysisException {
            facadeWrite(nameValue, name, value, kind, site, fact, SessionWrite.NO_MAP);
        }

        /** {@code mapParameter}: the parameter holding the map written to, or {@link SessionWrite#NO_MAP}. */
        private void facadeWrite(edu.umd.cs.findbugs.ba.vna.ValueNumber nameValue, String name,
                edu.umd.cs.findbugs.ba.vna.ValueNumber value, LoginEventKind kind, Site site, LoginFacts fact,
                int mapParameter) throws DataflowAnalysisException {
            int valueParameter = parameterOf(value);
            if (valueParameter < 0) {
                // setAttribute(KEY, GSON.toJson(vo)): the parameter, as text.
                valueParameter = parameterOf(meaning.serializedObject(value));
            }
            if (valueParameter < 0) {
                // setAttribute(KEY, new SessionMember(member.id, member.name)), setAttribute(KEY, user.getId()):
                // a value made from a parameter is judged by what the caller passes for that parameter.
                valueParameter = parameterMadeInto(value);
            }
            if (valueParameter < 0) {
                return;
            }
            int nameParameter = nameValue == null ? -1 : parameterOf(nameValue);
            // A name computed here (a key from User.class.getName()) is null: the caller's value decides alone.
            SessionWrite write = nameParameter >= 0 ? new SessionWrite(nameParameter, null, valueParameter, kind, mapParameter)
                    : new SessionWrite(-1, name, valueParameter, kind, mapParameter);
            sessionWrites.add(write);
            if (fact.isUnrotated()) {
                // Where a guarded id change of the method's own would be reported (see HelperOwnedWrites).
                unfixedWriteSites.merge(write, site, (a, b) -> a.pc() <= b.pc() ? a : b);
            }
        }

        /** The parameter a value is made of, a few steps back (identity fields and getters, boxing, constructors), or -1. */
        private int parameterMadeInto(edu.umd.cs.findbugs.ba.vna.ValueNumber value) throws DataflowAnalysisException {
            List<edu.umd.cs.findbugs.ba.vna.ValueNumber> level = value == null ? List.of() : List.of(value);
            for (int depth = 0; depth < MAX_PARTS_DEPTH && !level.isEmpty(); depth++) {
                List<edu.umd.cs.findbugs.ba.vna.ValueNumber> next = new ArrayList<>();
                for (edu.umd.cs.findbugs.ba.vna.ValueNumber part : level) {
                    for (edu.umd.cs.findbugs.ba.vna.ValueNumber made : meaning.identityPartsOf(part)) {
                        int parameter = parameterOf(made);
                        if (parameter >= 0) {
                            return parameter;
                        }
                        next.add(made);
                    }
                }
                level = next;
            }
            return -1;
        }

        private int parameterOf(edu.umd.cs.findbugs.ba.vna.ValueNumber value) {
            if (value == null) {
                return -1;
            }
            for (int parameter = 0; parameter < parameterCount; parameter++) {
                if (values.getEntryValueForParameter(parameter).equals(value)) {
                    return parameter;
                }
            }
            return -1;
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
}
