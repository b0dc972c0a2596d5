package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spring Security's session configuration as data: what builds a filter chain, what makes it stateless,
 * which session strategies change the id, which context repositories keep the context out of the session,
 * and what a hand-built login filter is.
 */
public final class SpringSessionCatalogue {
    public static final String HTTP_SECURITY = "org/springframework/security/config/annotation/web/builders/HttpSecurity";
    public static final String SESSION_CREATION_POLICY = "org/springframework/security/config/http/SessionCreationPolicy";
    public static final String STATELESS = "STATELESS";

    /** The base of Spring Security's login filters; its session strategy defaults to the Null one. */
    public static final String LOGIN_FILTER_BASE = "org/springframework/security/web/authentication/AbstractAuthenticationProcessingFilter";

    /**
     * Spring Security's remember-me login filter: by default a {@code NullAuthenticatedSessionStrategy} and a
     * {@code HttpSessionSecurityContextRepository} (its constructor makes both), so a hand-built one logs the
     * remembered user into the session the request came with; {@code http.rememberMe()} builds its own.
     */
    public static final String REMEMBER_ME_FILTER =
            "org/springframework/security/web/authentication/rememberme/RememberMeAuthenticationFilter";

    /** The login filters whose session strategy defaults to the Null one. */
    public static final List<String> LOGIN_FILTERS = List.of(LOGIN_FILTER_BASE, REMEMBER_ME_FILTER);

    /** Login filters whose context goes to the HTTP session unless a request-only repository is set on them. */
    public static final List<String> SESSION_REPOSITORY_BY_DEFAULT = List.of(REMEMBER_ME_FILTER);

    public static final String STRATEGY_INTERFACE = "org/springframework/security/web/authentication/session/SessionAuthenticationStrategy";
    /** Spring Security's own session strategies' package. */
    public static final String STRATEGY_PACKAGE = "org/springframework/security/web/authentication/session/";
    /** Spring's bean method annotation: what such a method returns is injected where its type is asked for. */
    public static final String BEAN_ANNOTATION = "Lorg/springframework/context/annotation/Bean;";
    public static final String COMPOSITE_STRATEGY = "org/springframework/security/web/authentication/session/CompositeSessionAuthenticationStrategy";

    /** Strategies that give the session a new id (the members that make a composite protect). */
    public static final Set<String> ROTATING_STRATEGIES = Set.of(
            "org/springframework/security/web/authentication/session/ChangeSessionIdAuthenticationStrategy",
            "org/springframework/security/web/authentication/session/SessionFixationProtectionStrategy");

    /** Strategies that leave the id as it is. */
    public static final Set<String> NON_ROTATING = LoginCatalogue.NON_ROTATING_STRATEGIES;

    /** The repository call that keeps a context for the next requests. */
    public static final String SAVE_CONTEXT = "saveContext";

    /** Context repositories that keep the context out of the HTTP session. */
    public static final Set<String> REQUEST_ONLY_REPOSITORIES = Set.of(
            "org/springframework/security/web/context/RequestAttributeSecurityContextRepository",
            "org/springframework/security/web/context/NullSecurityContextRepository");

    /**
     * A login filter's hook after a successful login, where an override may keep the login itself: it runs after the
     * filter's session strategy, so with the Null one the id stays.
     */
    public static final String SUCCESS_HOOK = "successfulAuthentication";

    /** The repository that keeps the context in the HTTP session, and the session key it keeps it under. */
    public static final String SESSION_REPOSITORY = "org/springframework/security/web/context/HttpSessionSecurityContextRepository";
    public static final String SESSION_CONTEXT_KEY = "SPRING_SECURITY_CONTEXT";

    /** The calls that register a filter in an {@code HttpSecurity} chain. */
    public static final List<String> FILTER_REGISTRATIONS = List.of("addFilterAt", "addFilterBefore", "addFilterAfter",
            "addFilter");

    /** Names whose mention makes a class worth the first pass. */
    public static final List<String> SCREEN = List.of(SESSION_CREATION_POLICY, HTTP_SECURITY,
            "setSessionAuthenticationStrategy", "setSecurityContextRepository", "requireExplicitSave");

    private static final CallPattern CHAIN_BUILD = CallPattern.withArguments(List.of(HTTP_SECURITY), "build", "()");
    private static final CallPattern CHAIN_CONFIGURER = CallPattern.anyOwner("configure", "(L" + HTTP_SECURITY + ";)V");
    private static final CallPattern EXPLICIT_SAVE_SWITCH = CallPattern.withArguments(null, "requireExplicitSave", "(Z)");
    private static final CallPattern STRATEGY_SETTER = CallPattern.anyOwner("setSessionAuthenticationStrategy",
            "(L" + STRATEGY_INTERFACE + ";)V");
    private static final CallPattern REPOSITORY_SETTER = CallPattern.anyOwner("setSecurityContextRepository",
            "(Lorg/springframework/security/web/context/SecurityContextRepository;)V");

    private static final List<CallPattern> FILTER_REGISTRATION_CALLS = FILTER_REGISTRATIONS.stream()
            .map(name -> CallPattern.of(HTTP_SECURITY, name, null)).collect(Collectors.toUnmodifiableList());

    private SpringSessionCatalogue() {
    }

    /** The fix for a hand-built login filter that keeps the Null strategy, named by its simple class name. */
    public static String loginFilterFix(String filter) {
        return "filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy()) where " + filter
                + " is built (http.formLogin() does this for its own filter, addFilterAt does not)";
    }

    /** The fix for a login filter whose own constructor keeps its login in the session under the Null strategy. */
    public static String constructorFilterFix(String filter) {
        return "setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy()) in " + filter
                + "'s constructor, beside the session-backed repository it sets";
    }

    /** The fix for a login filter whose own success hook keeps the login in the session under the Null strategy. */
    public static String ownHookFix(String filter) {
        return "setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy()) in " + filter
                + "'s constructor (or request.changeSessionId() before saving the context)";
    }

    /** {@code http.build()}: the method that calls it builds one filter chain. */
    public static boolean isChainBuild(String owner, String name, String descriptor) {
        return CHAIN_BUILD.matches(owner, name, descriptor);
    }

    /** {@code WebSecurityConfigurerAdapter.configure(HttpSecurity)} (before Spring Security 6) configures a chain. */
    public static boolean isChainConfigurer(String name, String descriptor) {
        return CHAIN_CONFIGURER.matches(null, name, descriptor);
    }

    public static boolean isExplicitSaveSwitch(String name, String descriptor) {
        return EXPLICIT_SAVE_SWITCH.matches(null, name, descriptor);
    }

    public static boolean isStrategySetter(String name, String descriptor) {
        return STRATEGY_SETTER.matches(null, name, descriptor);
    }

    public static boolean isRepositorySetter(String name, String descriptor) {
        return REPOSITORY_SETTER.matches(null, name, descriptor);
    }

    /** {@code http.addFilterAt(filter, ...)} and its siblings. */
    public static boolean isFilterRegistration(String owner, String name) {
        return LoginCatalogue.any(FILTER_REGISTRATION_CALLS, owner, name, null);
    }
}
