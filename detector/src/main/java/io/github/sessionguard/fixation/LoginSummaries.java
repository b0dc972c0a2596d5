package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.engine.AnalysisStats;
import io.github.sessionguard.flow.CalleeClassContexts;
import io.github.sessionguard.flow.CallTargets;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Login summaries of application methods, computed on demand and memoised for one analysis run (the
 * detector that owns them lives as long as the run), so every method is analysed once whichever class
 * SpotBugs visits first.
 *
 * <p>Recursion, as in the cookie analysis: a call to a method whose summary is being computed closes a
 * cycle; every method on that cycle, and every method calling one, is opaque to its callers
 * ({@link LoginSummary#NOTHING}: no authentication handed on, no id change, no check). That rule names
 * the same methods whichever member of the cycle was entered first, so results do not depend on the
 * order. Call chains deeper than {@link #MAX_DEPTH} are not followed (a guard against stack exhaustion).
 */
final class LoginSummaries {
    /** Deeper call chains than this are not followed. */
    static final int MAX_DEPTH = 40;
    /** An interface call with more application implementations than this is not followed. */
    private static final int MAX_IMPLEMENTATIONS = 8;

    private final Map<MethodDescriptor, LoginMethodResult> done = new HashMap<>();
    private final Deque<MethodDescriptor> inProgress = new ArrayDeque<>();
    private final Set<MethodDescriptor> recursive = new HashSet<>();
    private final LoginMethodAnalyzer analyzer = new LoginMethodAnalyzer(this);
    private final LoginReach reach = new LoginReach();
    private final io.github.sessionguard.flow.CallReach methodReach;
    /** What a method reaching no session API can still hand its callers: a check, a user, a secret. */
    private final io.github.sessionguard.flow.CallReach credentialReach;
    /**
     * Where each call goes (see {@link #of}), resolved once for this analysis: the class hierarchy does not
     * change during it, and every pass of every caller's analysis asks again.
     */
    private final Map<CallKey, List<Body>> targets = new HashMap<>();
    /** Answers about a whole class (its constant pool's texts), asked by each of its methods: read once. */
    private final Map<String, Boolean> classFacts = new HashMap<>();
    private final UserSettings settings;

    LoginSummaries(UserSettings settings) {
        this.settings = settings;
        this.methodReach = new io.github.sessionguard.flow.CallReach(new LoginMethodReach(settings));
        this.credentialReach = new io.github.sessionguard.flow.CallReach(new CredentialReach(this));
    }

    /** This analysis' settings, handed down to the code that reads calls and attributes. */
    UserSettings settings() {
        return settings;
    }

    /** Whether Shiro's own login leaves the old session standing (see ShiroProtection): asked once per analysis. */
    private Boolean shiroLoginsCount;

    /** Whether a Shiro {@code Subject.login} counts as a login of its own: a fact of the classpath, read once. */
    boolean shiroLoginsCount() {
        if (shiroLoginsCount == null) {
            shiroLoginsCount = !ShiroProtection.loginStopsOldSession();
        }
        return shiroLoginsCount;
    }

    /** Whether Wicket's signIn(username, password) changes the id itself (see WicketProtection): asked once. */
    private Boolean wicketSignInChangesId;

    boolean wicketSignInChangesId() {
        if (wicketSignInChangesId == null) {
            wicketSignInChangesId = WicketProtection.signInChangesId();
        }
        return wicketSignInChangesId;
    }

    /** LoginCatalogue.isSecretName per name, for this analysis: the same names recur in method after method. */
    private final Map<String, Boolean> secretNames = new HashMap<>();

    boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        Boolean answer = secretNames.get(name);
        if (answer == null) {
            answer = io.github.sessionguard.catalogue.LoginCatalogue.isSecretName(name);
            secretNames.put(name, answer);
        }
        return answer;
    }

    /**
     * A form or request type of the application that carries a secret field (CredentialFlow's parameter
     * seed, and the credential screen's): a fact of the type, read once per type for this analysis.
     */
    boolean isSecretCarrier(String dottedName) {
        return fact("secret-carrier " + dottedName, () -> CredentialFlow.isSecretCarrierType(dottedName));
    }

    /** A fact of a whole class, computed at the first question of this analysis and then remembered. */
    boolean classFact(JavaClass javaClass, String fact, java.util.function.BooleanSupplier compute) {
        return fact(javaClass.getClassName() + '#' + fact, compute);
    }

    /** A fact of the classpath (a type's, a class's), under a key that names it: computed once per analysis. */
    boolean fact(String key, java.util.function.BooleanSupplier compute) {
        Boolean answer = classFacts.get(key);
        if (answer == null) {
            answer = compute.getAsBoolean();
            classFacts.put(key, answer);
        }
        return answer;
    }

    /** The detector's cost screen: can anything in this class, or anything it calls, authenticate a session? */
    boolean isWorthAnalysing(JavaClass javaClass) {
        return reach.isRelevant(javaClass);
    }

    /** The same screen for one method of a class that passed it: can its own analysis report anything? */
    boolean isWorthAnalysing(JavaClass javaClass, Method method) {
        return methodReach.reaches(javaClass, method);
    }

    /**
     * The summary of a called application method, or null for library code and unresolvable calls. An
     * interface method with several application implementations gets their union: any one's
     * authentications and session writes, an id change only when all change it.
     */
    LoginSummary of(String owner, String name, String descriptor) {
        if (AnalysisContext.currentAnalysisContext() == null) {
            return null;
        }
        List<Body> bodies = targets.computeIfAbsent(new CallKey(owner, name, descriptor),
                call -> bodiesOf(owner, name, descriptor));
        if (bodies.isEmpty()) {
            return null;
        }
        return bodies.size() == 1 ? forCall(bodies.get(0)) : union(bodies);
    }

    /** The call's resolved target alone, or its implementations when there are several; else none. */
    private List<Body> bodiesOf(String owner, String name, String descriptor) {
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target != null) {
            return List.of(body(target));
        }
        List<CallTargets.Target> implementations = CallTargets.allImplementations(owner, name, descriptor,
                MAX_IMPLEMENTATIONS);
        if (implementations.size() < 2) {
            return List.of();
        }
        List<Body> bodies = new java.util.ArrayList<>(implementations.size());
        for (CallTargets.Target implementation : implementations) {
            bodies.add(body(implementation));
        }
        return bodies;
    }

    /**
     * A call's body, with the cost screen's verdict: a method that reaches no session API and no credential
     * evidence (the two screens, whose answers do not depend on the order of the questions) has the empty
     * summary, known without building its analyses.
     */
    private Body body(CallTargets.Target target) {
        boolean summarised = methodReach.reaches(target) || credentialReach.reaches(target);
        return new Body(target, summarised);
    }

    /** A call as a map key: owner, name and descriptor, without a concatenated string per question. */
    private static final class CallKey {
        private final String owner;
        private final String name;
        private final String descriptor;
        private final int hash;

        CallKey(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.hash = java.util.Objects.hash(owner, name, descriptor);
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CallKey)) {
                return false;
            }
            CallKey key = (CallKey) other;
            return hash == key.hash && java.util.Objects.equals(owner, key.owner)
                    && java.util.Objects.equals(name, key.name) && java.util.Objects.equals(descriptor, key.descriptor);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * A call's body, by name: kept for the whole analysis, it must not hold the parsed method (which holds
     * its class's constant pool and code), or every class ever called would stay in memory.
     */
    private static final class Body {
        final String slashedClass;
        final MethodDescriptor descriptor;
        /** False: the screens proved its summary empty (see {@link #body}). */
        final boolean summarised;

        Body(CallTargets.Target target, boolean summarised) {
            this.summarised = summarised;
            this.slashedClass = target.slashedClassName();
            this.descriptor = DescriptorFactory.instance().getMethodDescriptor(slashedClass, target.name(),
                    target.descriptor(), target.isStatic());
        }
    }

    private LoginSummary union(List<Body> implementations) {
        boolean rotates = true;
        boolean checks = false;
        boolean returnsIdentity = false;
        boolean returnsSecret = false;
        boolean returnsHashed = false;
        Set<LoginEvent> exported = new HashSet<>();
        Set<LoginEvent> reported = new HashSet<>();
        Set<Integer> writtenParameters = new HashSet<>();
        Set<SessionWrite> writes = new HashSet<>();
        LoginSummary.SessionEffects effects = LoginSummary.SessionEffects.NONE;
        // A flag rotates the call only if it does so in every implementation that does not rotate anyway.
        Map<Integer, Boolean> flags = null;
        for (Body body : implementations) {
            LoginSummary summary = forCall(body);
            if (summary == null) {
                return null;
            }
            rotates &= summary.rotatesOnEveryPath();
            checks |= summary.checksCredentials();
            returnsIdentity |= summary.returnsIdentity();
            returnsSecret |= summary.returnsSecret();
            returnsHashed |= summary.returnsHashed();
            exported.addAll(summary.exported());
            reported.addAll(summary.reported());
            writtenParameters.addAll(summary.identityWrittenToParameters());
            writes.addAll(summary.sessionWrites());
            effects = effects.and(summary.sessionEffects());
            if (!summary.rotatesOnEveryPath()) {
                if (flags == null) {
                    flags = new HashMap<>(summary.flagRotations());
                } else {
                    flags.entrySet().retainAll(summary.flagRotations().entrySet());
                }
            }
        }
        // Each implementation reports its own logins; they are in the union so that a caller's id change counts.
        return new LoginSummary(rotates, checks, exported, reported, false, false, writtenParameters)
                .withFlow(new LoginSummary.Flow(returnsIdentity, returnsSecret, returnsHashed, writes))
                .withFlagRotations(flags == null ? Map.of() : flags)
                .withSessionEffects(effects);
    }

    private LoginSummary forCall(Body body) {
        if (!body.summarised) {
            return LoginSummary.NOTHING;
        }
        String slashedClass = body.slashedClass;
        MethodDescriptor callee = body.descriptor;
        LoginSummary summary;
        if (inProgress.contains(callee)) {
            markCycle(callee);
            summary = LoginSummary.NOTHING;
        } else {
            LoginMethodResult result = resultFor(slashedClass, callee);
            if (result == null) {
                return null;
            }
            summary = result.summary();
        }
        if (recursive.contains(callee)) {
            if (!inProgress.isEmpty()) {
                recursive.add(inProgress.peek());
            }
            return LoginSummary.NOTHING;
        }
        return summary;
    }

    /**
     * The result for a method of an application class: memoised, else analysed in its class's context. Null when the
     * class or the method cannot be read (reported).
     */
    private LoginMethodResult resultFor(String slashedClass, MethodDescriptor callee) {
        LoginMethodResult known = done.get(callee);
        if (known != null) {
            // Cost: a result already computed needs no ClassContext (the callee's analyses).
            return known;
        }
        ClassContext classContext;
        try {
            classContext = CalleeClassContexts.of(DescriptorFactory.createClassDescriptor(slashedClass));
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read " + slashedClass + " for its login summary", e);
            return null;
        }
        Method method = methodOf(classContext, callee);
        return method == null ? null : resultOf(classContext, method);
    }

    /** The parsed method a body names, in its class as SpotBugs holds it now. */
    private static Method methodOf(ClassContext classContext, MethodDescriptor descriptor) {
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getName().equals(descriptor.getName()) && method.getSignature().equals(descriptor.getSignature())) {
                return method;
            }
        }
        return null;
    }

    private void markCycle(MethodDescriptor head) {
        for (MethodDescriptor method : inProgress) {
            recursive.add(method);
            if (method.equals(head)) {
                return;
            }
        }
    }

    /** The whole result for a method; failures go to SpotBugs' error channel and count as nothing. */
    LoginMethodResult resultOf(ClassContext classContext, Method method) {
        MethodDescriptor descriptor = descriptorOf(classContext, method);
        LoginMethodResult result = done.get(descriptor);
        if (result != null) {
            return result;
        }
        if (method.getCode() == null || inProgress.contains(descriptor)) {
            return LoginMethodResult.NOTHING;
        }
        if (inProgress.size() >= MAX_DEPTH) {
            // Not memoised: entered at a shallower depth, the method gets its full analysis.
            return LoginMethodResult.NOTHING;
        }
        inProgress.push(descriptor);
        try {
            AnalysisStats.ofThisAnalysis().fixationAnalysed(descriptor);
            result = analyzer.analyze(classContext, method, descriptor);
        } catch (CheckedAnalysisException | RuntimeException e) {
            AnalysisContext.logError("SessionGuard could not analyse " + descriptor + ": " + e, e);
            result = LoginMethodResult.NOTHING;
        } finally {
            inProgress.pop();
        }
        done.put(descriptor, result);
        return result;
    }

    /** More application mechanisms than this are not judged one by one: the container's default stands. */
    private static final int MAX_MECHANISMS = 8;

    /**
     * Does the application's own Jakarta Security code answer for what {@code SecurityContext.authenticate} does to the
     * session? That call runs the application's {@code HttpAuthenticationMechanism}s (jakarta or javax), not a
     * container default, when it has any. True when it has at least one, and each one's {@code validateRequest}, on
     * every path where it notifies the container of a caller after a passed credential check, either changed the
     * session id before (the call is then no login with the old id) or wrote a login of its own to the session without
     * one (the mechanism is reported for that write, where the fix goes, and the call would report it twice). False,
     * and the call stays a container login, when some mechanism leaves the session to the container there, or was not
     * seen to notify after a check at all, or cannot be read. Asked when every class has been seen: the answer comes
     * from the class hierarchy and from memoised method results, so it does not depend on the order of the visits.
     */
    boolean mechanismsAnswerForAuthenticate() {
        boolean any = false;
        for (String mechanismType : io.github.sessionguard.catalogue.LoginCatalogue.AUTHENTICATION_MECHANISMS) {
            String namespace = mechanismType.substring(0, mechanismType.indexOf('/'));
            List<String> implementations = io.github.sessionguard.flow.TypeChecks.applicationImplementations(
                    mechanismType, MAX_MECHANISMS);
            for (String implementation : implementations) {
                any = true;
                LoginMethodResult result = mechanismResult(implementation,
                        io.github.sessionguard.catalogue.LoginCatalogue.validateRequestDescriptor(namespace));
                if (result == null) {
                    return false;
                }
                MechanismLogin answer = result.mechanismLogin();
                boolean answers = answer == MechanismLogin.NEW_ID
                        || (answer == MechanismLogin.OWN_UNFIXED_WRITE && !result.summary().reported().isEmpty());
                if (!answers) {
                    return false;
                }
            }
        }
        return any;
    }

    /** The result of a mechanism class's {@code validateRequest} (its own or inherited from an application class). */
    private LoginMethodResult mechanismResult(String slashedClass, String descriptor) {
        CallTargets.Target target = CallTargets.resolve(slashedClass, "validateRequest", descriptor);
        return target == null ? null : resultFor(target.slashedClassName(), DescriptorFactory.instance()
                .getMethodDescriptor(target.slashedClassName(), target.name(), target.descriptor(), target.isStatic()));
    }

    /** Every method result computed in this analysis so far (for the decisions made once all are known). */
    java.util.Collection<LoginMethodResult> allResults() {
        return java.util.Collections.unmodifiableCollection(done.values());
    }

    static MethodDescriptor descriptorOf(ClassContext classContext, Method method) {
        return DescriptorFactory.instance().getMethodDescriptor(
                classContext.getJavaClass().getClassName().replace('.', '/'), method.getName(), method.getSignature(),
                method.isStatic());
    }
}
