package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * A call that switches a framework's own session-id change on login off, as data: which call, and
 * what about its argument makes it the switch.
 */
public final class ProtectionSwitch {
    /** What makes the call a switch-off. */
    public enum Trigger {
        /** Calling it at all (or referencing it as a method handle, as the lambda DSL allows). */
        ANY_CALL,
        /** Its single argument is an object of {@link #argumentType()}. */
        ARGUMENT_OF_TYPE,
        /**
         * Its single argument is an object of a class of the application's (a subtype of {@link #argumentType()}) that
         * changes no id (see {@code fixation.spring.ProvidedStrategies}).
         */
        APPLICATION_ARGUMENT,
        /** Its single boolean argument is false. */
        FALSE_ARGUMENT,
        /**
         * Its single {@code Boolean} argument is false ({@code Boolean.FALSE}, or javac's boxing of {@code false}); a
         * null one leaves the framework's default.
         */
        FALSE_BOXED_ARGUMENT
    }

    public static final List<ProtectionSwitch> ALL = java.util.stream.Stream.of(
            java.util.stream.Stream.of(new ProtectionSwitch(
                    CallPattern.of("org/springframework/security/config/annotation/web/configurers/SessionManagementConfigurer$SessionFixationConfigurer",
                            "none", null),
                    Trigger.ANY_CALL, null, "org/springframework/security/", "Spring Security sessionFixation().none()",
                    "use the default (changeSessionId()) or sessionFixation(fix -> fix.changeSessionId())")),
            // A strategy given to the DSL replaces its id-changing one (SpringChainSessionTest /register-strategy):
            // one that changes no id switches the protection off.
            LoginCatalogue.NON_ROTATING_STRATEGIES.stream().sorted().map(ProtectionSwitch::providedStrategy),
            // The same for a strategy of the application's own that changes no id (an audit or session-seeding hook).
            java.util.stream.Stream.of(new ProtectionSwitch(
                    CallPattern.of("org/springframework/security/config/annotation/web/configurers/SessionManagementConfigurer",
                            "sessionAuthenticationStrategy", null),
                    Trigger.APPLICATION_ARGUMENT,
                    "Lorg/springframework/security/web/authentication/session/SessionAuthenticationStrategy;",
                    "org/springframework/security/",
                    "Spring Security sessionAuthenticationStrategy(...) with the application's own strategy, which "
                            + "changes no id and replaces the DSL's id change",
                    "keep the id change: register the hook with addSessionAuthenticationStrategy(...) (or an "
                            + "AuthenticationSuccessHandler), or pass a CompositeSessionAuthenticationStrategy of "
                            + "ChangeSessionIdAuthenticationStrategy and the hook")),
            java.util.stream.Stream.of(new ProtectionSwitch(
                    CallPattern.anyOwner("setChangeSessionIdOnAuthentication", "(Z)V"),
                    Trigger.FALSE_ARGUMENT, null, "org/apache/catalina/", "Tomcat setChangeSessionIdOnAuthentication(false)",
                    "leave changeSessionIdOnAuthentication at its default, true"),
            // Jetty 9 to 12: core org.eclipse.jetty.security.SecurityHandler, and the ee9/ee10 ones.
            new ProtectionSwitch(
                    CallPattern.anyOwner("setSessionRenewedOnAuthentication", "(Z)V"),
                    Trigger.FALSE_ARGUMENT, null, "org/eclipse/jetty/", "Jetty setSessionRenewedOnAuthentication(false)",
                    "leave sessionRenewedOnAuthentication at its default, true"),
            // Undertow's servlet deployments (WildFly, embedded): CachedAuthenticatedSessionHandler changes the session
            // id when a login authenticates only while DeploymentInfo.isChangeSessionIdOnLogin() (true by default).
            new ProtectionSwitch(
                    CallPattern.of("io/undertow/servlet/api/DeploymentInfo", "setChangeSessionIdOnLogin",
                            "(Z)Lio/undertow/servlet/api/DeploymentInfo;"),
                    Trigger.FALSE_ARGUMENT, null, "io/undertow/", "Undertow setChangeSessionIdOnLogin(false)",
                    "leave changeSessionIdOnLogin at its default, true"),
            // pac4j's callback filter, set up in code (a listener's ServletContext.addFilter): the same switch as its
            // web.xml init-param (FilterProtectionSwitch). DefaultCallbackLogic renews the session on login unless
            // renewSession is false; null, the default, counts as true (runtime evidence:
            // Pac4jCallbackFilterLoginTest, setRenewSession(false) keeps the planted id).
            new ProtectionSwitch(
                    CallPattern.of(java.util.Set.of("org/pac4j/jee/filter/CallbackFilter", "org/pac4j/j2e/filter/CallbackFilter"),
                            "setRenewSession", "(Ljava/lang/Boolean;)V"),
                    Trigger.FALSE_BOXED_ARGUMENT, null, "org/pac4j/", "pac4j CallbackFilter setRenewSession(false)",
                    "leave renewSession unset (pac4j renews the session on login by default) or set it to true"),
            // Not a fixation switch but the same shape: Tomcat's session cookie (JSESSIONID) is HttpOnly
            // unless the context says otherwise (runtime evidence: TomcatUseHttpOnlyTest). On a Context
            // or a subtype (StandardContext), wherever it is configured (a TomcatContextCustomizer too).
            new ProtectionSwitch(
                    CallPattern.onReceiver(List.of("org/apache/catalina/Context"), "setUseHttpOnly", "(Z)"),
                    Trigger.FALSE_ARGUMENT, null, "org/apache/catalina/",
                    "the session cookie (JSESSIONID) of Tomcat's context with HttpOnly explicitly switched off by "
                            + "context.setUseHttpOnly(false)",
                    "drop context.setUseHttpOnly(false) (HttpOnly is Tomcat's default)", "COOKIE_MISSING_HTTPONLY")))
            .flatMap(rows -> rows).collect(java.util.stream.Collectors.toUnmodifiableList());

    /** {@code sessionManagement(s -> s.sessionAuthenticationStrategy(new Strategy(...)))} with a strategy that keeps the id. */
    private static ProtectionSwitch providedStrategy(String strategy) {
        String simple = strategy.substring(strategy.lastIndexOf('/') + 1);
        boolean none = simple.equals("NullAuthenticatedSessionStrategy");
        return new ProtectionSwitch(
                CallPattern.of("org/springframework/security/config/annotation/web/configurers/SessionManagementConfigurer",
                        "sessionAuthenticationStrategy", null),
                Trigger.ARGUMENT_OF_TYPE, "L" + strategy + ";", "org/springframework/security/",
                "Spring Security sessionAuthenticationStrategy(new " + simple + (none ? "())" : "(...)), which changes no id"),
                none ? "pass a ChangeSessionIdAuthenticationStrategy (or leave the default)"
                        : "leave the DSL's id change in place: drop this strategy (for concurrency control, "
                                + "sessionManagement(s -> s.maximumSessions(n)) keeps it), or pass a "
                                + "CompositeSessionAuthenticationStrategy that includes a ChangeSessionIdAuthenticationStrategy");
    }

    private final CallPattern call;
    private final Trigger trigger;
    private final String argumentType;
    private final String vendorPackage;
    private final String description;
    private final String fix;
    private final String bugPattern;

    private ProtectionSwitch(CallPattern call, Trigger trigger, String argumentType, String vendorPackage,
            String description, String fix) {
        this(call, trigger, argumentType, vendorPackage, description, fix, "SESSION_FIXATION_PROTECTION_DISABLED");
    }

    private ProtectionSwitch(CallPattern call, Trigger trigger, String argumentType, String vendorPackage,
            String description, String fix, String bugPattern) {
        this.bugPattern = bugPattern;
        this.call = call;
        this.trigger = trigger;
        this.argumentType = argumentType;
        this.vendorPackage = vendorPackage;
        this.description = description;
        this.fix = fix;
    }

    public boolean matches(String owner, String name, String descriptor) {
        return call.matches(owner, name, descriptor) && call.matchesReceiver(owner);
    }

    /** The bug pattern a switch-off is reported as (the session cookie's HttpOnly switch is a cookie finding). */
    public String bugPattern() {
        return bugPattern;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** Type descriptor of the argument that disables the protection, for {@link Trigger#ARGUMENT_OF_TYPE}. */
    public String argumentType() {
        return argumentType;
    }

    /**
     * True when the calling class is the framework's own code (its DSL relaying a user's choice, its
     * defaults for stateless setups): configuration is what applications write, not what frameworks ship.
     */
    public boolean isFrameworkInternal(String slashedCallingClass) {
        return slashedCallingClass.startsWith(vendorPackage);
    }

    /** Spring Security switches have nothing to protect in a chain that keeps no session (STATELESS). */
    public boolean isMootInStatelessChain() {
        return vendorPackage.equals("org/springframework/security/");
    }

    public String description() {
        return description;
    }

    public String fix() {
        return fix;
    }

    /** Slashed names whose mention makes a class worth reading for switches. */
    public static List<String> relevantNames() {
        return List.of("SessionFixationConfigurer", "SessionManagementConfigurer", "setChangeSessionIdOnAuthentication",
                "setSessionRenewedOnAuthentication", "setChangeSessionIdOnLogin", "setUseHttpOnly", "setRenewSession");
    }
}
