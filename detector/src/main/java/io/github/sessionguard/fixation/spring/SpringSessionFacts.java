package io.github.sessionguard.fixation.spring;

import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TypeChecks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the whole application configures about Spring Security's use of the HTTP session, gathered by
 * {@link SpringSessionFactsScanner} in a first pass over every class and read by the reporting detectors
 * in the second: so that a verdict never depends on which class SpotBugs visits first. It lives in the
 * analysis cache (one per analysis run), never in a static field.
 *
 * <p>Facts:
 * <ul>
 * <li>which methods build a {@code SecurityFilterChain} and which of them say
 * {@code SessionCreationPolicy.STATELESS} (itself or in its lambda bodies): when every chain is
 * stateless, Spring Security keeps no security context in the session, so a context set in the holder
 * authenticates no session;</li>
 * <li>whether the application turns the Spring Security 6 explicit save off
 * ({@code securityContext(c -> c.requireExplicitSave(false))}), which makes the holder's context saved in
 * the session again;</li>
 * <li>which classes are session-scoped beans (Spring {@code @SessionScope}, {@code @Scope("session")}, CDI
 * {@code @SessionScoped}): their fields live in the HTTP session;</li>
 * <li>which classes subclass a framework's session class (Apache Wicket's {@code Session}): one object per
 * HTTP session, kept in it;</li>
 * <li>which advice of the application runs around the methods an annotation marks (AspectJ {@code @Around}, a CDI
 * interceptor, a Spring advisor built by hand): where it changes the id, the advised logins are fixed;</li>
 * <li>for hand-built login filters ({@code AbstractAuthenticationProcessingFilter} subclasses): on which
 * declared types an id-changing session strategy, or a session-backed context repository, is set; and, for a
 * filter a method builds with {@code new} and configures itself (a {@code @Bean} method), what that method sets
 * on it, which speaks for that object alone: two beans of one filter type are two filters.</li>
 * </ul>
 */
public final class SpringSessionFacts {
    /** Added in Spring Security 6.0, whose defaults no longer save the holder's context by themselves. */
    private static final String SPRING_SECURITY_6_MARKER = "org/springframework/security/web/ObservationFilterChainDecorator";

    private final Map<String, Set<String>> chainMethods = new HashMap<>();
    private final Map<String, Set<String>> statelessMethods = new HashMap<>();
    /**
     * The declared types on which an id-changing strategy, a session-backed repository or a request-only one is set
     * (their subtypes' filters are covered), other than on an object the setting method built itself.
     */
    private final Set<String> strategyOwners = new HashSet<>();
    private final Set<String> sessionRepositoryOwners = new HashSet<>();
    private final Set<String> requestRepositoryOwners = new HashSet<>();
    /** The same, set on an object the method built itself: they cover objects of exactly that type, not subtypes. */
    private final Set<String> strategyBuiltTypes = new HashSet<>();
    private final Set<String> sessionRepositoryBuiltTypes = new HashSet<>();
    private final Set<String> requestRepositoryBuiltTypes = new HashSet<>();
    /**
     * Per method ({@code class#name+descriptor}) and filter type it builds: whether the strategies it sets on the
     * filter it built all change the id, and whether the repositories it sets keep the context in the session.
     */
    private final Map<String, Boolean> builtFilterStrategies = new HashMap<>();
    private final Map<String, Boolean> builtFilterRepositories = new HashMap<>();
    /**
     * Login filter classes whose own constructor sets a session-backed repository on the filter itself: the filter
     * configures its session behaviour there, so that is where a missing id-changing strategy belongs.
     */
    private final Set<String> sessionRepositoryInConstructor = new HashSet<>();
    private final Set<String> constructedClasses = new HashSet<>();
    private final Set<String> sessionScopedClasses = new HashSet<>();
    private final Set<String> sessionHeldClasses = new HashSet<>();
    private final Map<String, LoginEventKind> frameworkSessionClasses = new HashMap<>();
    /** Per annotation type (slashed), the application's advice bound to it (see AdviceBindings). */
    private final Map<String, Set<AdviceMethod>> advice = new HashMap<>();
    /** Per class, its session-strategy bean methods and the strategy classes each makes. */
    private final Map<String, Map<String, Set<String>>> strategyBeans = new HashMap<>();
    private boolean explicitSaveOff;
    private Boolean springSecurity6;

    /**
     * The facts of the current analysis. When the first pass did not run (its detector disabled), an
     * empty set of facts is used: no chain is known stateless and nothing is exempted.
     */
    public static SpringSessionFacts current() {
        IAnalysisCache cache = Global.getAnalysisCache();
        if (cache == null) {
            return new SpringSessionFacts();
        }
        try {
            return cache.getDatabase(SpringSessionFacts.class);
        } catch (IllegalArgumentException e) {
            // Not registered: the first-pass scanner is disabled. No facts means no exemption.
            SpringSessionFacts empty = new SpringSessionFacts();
            cache.eagerlyPutDatabase(SpringSessionFacts.class, empty);
            return empty;
        }
    }

    static void register(SpringSessionFacts facts) {
        Global.getAnalysisCache().eagerlyPutDatabase(SpringSessionFacts.class, facts);
    }

    void chainMethod(String slashedClass, String method) {
        chainMethods.computeIfAbsent(slashedClass, c -> new HashSet<>()).add(method);
    }

    void statelessIn(String slashedClass, String method) {
        statelessMethods.computeIfAbsent(slashedClass, c -> new HashSet<>()).add(enclosingMethod(method));
    }

    void explicitSaveOff() {
        explicitSaveOff = true;
    }

    /**
     * A session strategy set on a login filter of this declared type.
     *
     * @param builtBy the method ({@code class#name+descriptor}) that built the filter object itself, or null
     */
    void strategySetOn(String slashedOwner, boolean changesId, String builtBy) {
        if (builtBy != null) {
            builtFilterStrategies.merge(builtKey(builtBy, slashedOwner), changesId, Boolean::logicalAnd);
        }
        if (changesId) {
            (builtBy != null ? strategyBuiltTypes : strategyOwners).add(slashedOwner);
        }
    }

    /** A context repository set on a login filter: one that keeps the context in the session, or a request-only one. */
    void repositorySetOn(String slashedOwner, boolean session, String builtBy) {
        if (builtBy != null) {
            builtFilterRepositories.merge(builtKey(builtBy, slashedOwner), session, Boolean::logicalOr);
            (session ? sessionRepositoryBuiltTypes : requestRepositoryBuiltTypes).add(slashedOwner);
        } else {
            (session ? sessionRepositoryOwners : requestRepositoryOwners).add(slashedOwner);
        }
    }

    /** The filter class's own constructor sets a session-backed repository on the filter it constructs. */
    void sessionRepositorySetInConstructor(String slashedFilter) {
        sessionRepositoryInConstructor.add(slashedFilter);
    }

    /**
     * Does the filter's own constructor keep its login in the session (a session-backed repository set on
     * itself)? Then the constructor, not the places that build it, is where its session strategy belongs.
     */
    public boolean constructorKeepsLoginInSession(String slashedFilter) {
        return sessionRepositoryInConstructor.contains(slashedFilter);
    }

    /**
     * The filter's own constructor keeps its login in the session, and nothing protects it: no id-changing strategy
     * is set on it anywhere (see {@link #strategySetFor}), and no request-only repository replaces the constructor's.
     */
    public boolean constructorLoginUnprotected(String slashedFilter) {
        return constructorKeepsLoginInSession(slashedFilter) && !strategySetFor(slashedFilter)
                && !requestRepositoryBuiltTypes.contains(slashedFilter)
                && requestRepositoryOwners.stream().noneMatch(owner -> isSubtype(slashedFilter, owner));
    }

    /** @param madeStrategies the strategy classes the bean method makes, sorted */
    void strategyBean(String slashedClass, String method, java.util.SortedSet<String> madeStrategies) {
        strategyBeans.computeIfAbsent(slashedClass, c -> new TreeMap<>()).put(method, madeStrategies);
    }

    /**
     * The strategy class that keeps the id which the class's session-strategy bean makes, for a strategy the class
     * is handed by Spring (a bean method's parameter): its only such bean, or the one named like the parameter (Spring
     * picks a bean by the parameter's name among several). Null when no bean is known, or the bean makes an id-changing
     * strategy (a composite with one among its members) or anything else.
     */
    public String injectedStrategyKeepingId(String slashedClass, String parameterName) {
        Map<String, Set<String>> beans = strategyBeans.getOrDefault(slashedClass, Map.of());
        Set<String> made = beans.size() == 1 ? beans.values().iterator().next()
                : parameterName == null ? null : beans.get(parameterName);
        if (made == null) {
            return null;
        }
        String keeping = null;
        for (String strategy : made) { // sorted: the first one that keeps the id is named
            if (SpringSessionCatalogue.NON_ROTATING.contains(strategy)) {
                keeping = keeping == null ? strategy : keeping;
            } else if (!SpringSessionCatalogue.COMPOSITE_STRATEGY.equals(strategy)) {
                return null;
            }
        }
        return keeping;
    }

    void sessionScoped(String slashedClass) {
        sessionScopedClasses.add(slashedClass);
    }

    /** Classes whose instances live in the HTTP session (session-scoped beans), slashed. */
    public Set<String> sessionScopedClasses() {
        return sessionScopedClasses;
    }

    void sessionHeld(String slashedClass) {
        sessionHeldClasses.add(slashedClass);
    }

    /** Application classes whose instances the application keeps as HTTP session attributes, slashed. */
    public Set<String> sessionHeldClasses() {
        return sessionHeldClasses;
    }

    void frameworkSession(String slashedClass, LoginEventKind kind) {
        frameworkSessionClasses.put(slashedClass, kind);
    }

    /**
     * Application subclasses of a framework's session class (see {@code FrameworkSessionCatalogue.SESSION_CLASSES}),
     * slashed, with the kind of session their writes reach.
     */
    public Map<String, LoginEventKind> frameworkSessionClasses() {
        return frameworkSessionClasses;
    }

    void advice(String slashedAnnotation, AdviceMethod method) {
        advice.computeIfAbsent(slashedAnnotation, a -> new HashSet<>()).add(method);
    }

    /**
     * The application's advice that runs around the methods this annotation type marks, or the methods of a class it
     * marks (see {@code AdviceCatalogue}); empty when none is bound to it.
     */
    public Set<AdviceMethod> adviceBoundTo(String slashedAnnotation) {
        return advice.getOrDefault(slashedAnnotation, Set.of());
    }

    /** Is any advice bound to an annotation in this application (cost: most have none)? */
    public boolean hasAdvice() {
        return !advice.isEmpty();
    }

    void constructed(String slashedClass) {
        constructedClasses.add(slashedClass);
    }

    /**
     * True when the chain built in this method (or a lambda of it) is stateless. A STATELESS written in a
     * helper that cannot be tied to one chain method counts when its class builds exactly one chain.
     */
    public boolean isStatelessChain(String slashedClass, String method) {
        Set<String> stateless = statelessMethods.getOrDefault(slashedClass, Set.of());
        Set<String> chains = chainMethods.getOrDefault(slashedClass, Set.of());
        String enclosing = enclosingMethod(method);
        if (stateless.contains(enclosing)) {
            return true;
        }
        boolean unattributed = stateless.stream().anyMatch(m -> !chains.contains(m));
        return unattributed && chains.size() == 1 && chains.contains(enclosing);
    }

    /** True when the application builds a Spring Security filter chain (its servlet API wrapper is then in front). */
    public boolean buildsChains() {
        return !chainMethods.isEmpty();
    }

    /** True when the application builds at least one chain and every chain it builds is stateless. */
    public boolean allChainsStateless() {
        if (chainMethods.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Set<String>> chains : chainMethods.entrySet()) {
            for (String method : chains.getValue()) {
                if (!isStatelessChain(chains.getKey(), method)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * True when a context put in the {@code SecurityContextHolder} ends up in the HTTP session without an
     * explicit save: before Spring Security 6 (its persistence filter saved it after the request), or on 6+
     * with {@code requireExplicitSave(false)}; never when every chain is stateless.
     */
    public boolean holderContextReachesSession() {
        return !allChainsStateless() && (!isSpringSecurity6() || explicitSaveOff);
    }

    /**
     * An id-changing strategy is set on objects of this declared type (or one of its supertypes), or on an object of
     * exactly this type where it is built.
     */
    public boolean strategySetFor(String slashedFilter) {
        return strategyBuiltTypes.contains(slashedFilter)
                || strategyOwners.stream().anyMatch(owner -> isSubtype(slashedFilter, owner));
    }

    /**
     * The login filter's context reaches the session: a session-backed repository is set on it, or the
     * Spring Security on the classpath (before 6) saves the holder's context after the request.
     */
    public boolean filterContextReachesSession(String slashedFilter) {
        return contextReachesSession(slashedFilter, sessionRepositoryOwners, requestRepositoryOwners,
                sessionRepositoryBuiltTypes, requestRepositoryBuiltTypes);
    }

    /** The owners' settings cover subtypes; the built types' settings cover exactly their type. */
    private boolean contextReachesSession(String slashedFilter, Set<String> sessionOwners, Set<String> requestOwners,
            Set<String> sessionBuiltTypes, Set<String> requestBuiltTypes) {
        if (sessionBuiltTypes.contains(slashedFilter) || sessionOwners.stream().anyMatch(owner -> isSubtype(slashedFilter, owner))) {
            return true;
        }
        if (SpringSessionCatalogue.SESSION_REPOSITORY_BY_DEFAULT.stream().anyMatch(base -> isSubtype(slashedFilter, base))) {
            // Its own default keeps the context in the session, unless the application sets a request-only one.
            return !requestBuiltTypes.contains(slashedFilter)
                    && requestOwners.stream().noneMatch(owner -> isSubtype(slashedFilter, owner)) && !allChainsStateless();
        }
        return !isSpringSecurity6() && !allChainsStateless();
    }

    /**
     * For a login filter this method builds with {@code new}: is it left with the Null strategy while its context
     * reaches the session? What the method itself sets on the object decides; what it does not set, the settings
     * made on filters of its type elsewhere decide (a bean configured after it is built). Strategies another method
     * sets on the objects it built are theirs alone.
     *
     * @param builtBy the building method, {@code class#name+descriptor}
     */
    public boolean builtFilterUnprotected(String slashedFilter, String builtBy) {
        Boolean strategyChangesId = builtFilterStrategies.get(builtKey(builtBy, slashedFilter));
        boolean protectedFilter = strategyChangesId != null ? strategyChangesId
                : strategyOwners.stream().anyMatch(owner -> isSubtype(slashedFilter, owner));
        if (protectedFilter) {
            return false;
        }
        Boolean sessionRepository = builtFilterRepositories.get(builtKey(builtBy, slashedFilter));
        return sessionRepository != null ? sessionRepository
                : contextReachesSession(slashedFilter, sessionRepositoryOwners, requestRepositoryOwners, Set.of(), Set.of());
    }

    /** True when the method that built this filter sets a session strategy on it that keeps the id (a composite of none). */
    public boolean builtFilterKeepsIdByItsStrategy(String slashedFilter, String builtBy) {
        return Boolean.FALSE.equals(builtFilterStrategies.get(builtKey(builtBy, slashedFilter)));
    }

    /** A filter type's entry in the building method's own settings. */
    private static String builtKey(String builtBy, String slashedFilter) {
        return builtBy + '#' + slashedFilter;
    }

    public boolean isConstructed(String slashedClass) {
        return constructedClasses.contains(slashedClass);
    }

    /** Whether the Spring Security on the analysis classpath is 6.0 or later (the marker class is there). */
    public boolean isSpringSecurity6() {
        if (springSecurity6 == null) {
            springSecurity6 = classExists(SPRING_SECURITY_6_MARKER);
        }
        return springSecurity6;
    }

    private static boolean classExists(String slashed) {
        return QuietClasspath.find(slashed) != null; // absent: an older (or no) Spring Security
    }

    /** An unknown hierarchy cannot tie the setting to this filter. */
    private static boolean isSubtype(String slashedType, String slashedSupertype) {
        return TypeChecks.isKnownSubtype(slashedType, slashedSupertype);
    }

    /** javac names a lambda body {@code lambda$enclosing$N}: its facts belong to the enclosing method. */
    public static String enclosingMethod(String method) {
        if (method.startsWith("lambda$")) {
            int end = method.lastIndexOf('$');
            if (end > "lambda$".length()) {
                return method.substring("lambda$".length(), end);
            }
        }
        return method;
    }
}
