package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The session-fixation catalogue as data: what makes a session authenticated, what verifies a
 * credential, what gives the session a new id, and what names a login handler.
 */
public final class LoginCatalogue {
    /** Compiled once (a Pattern is immutable): normalise runs on every constant and name it is asked about. */


    /** {@code HttpSession} writes; argument 0 is the attribute name. */
    public static final List<CallPattern> SESSION_WRITES = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "putValue", "(Ljava/lang/String;Ljava/lang/Object;)V"));

    /** Framework views of the session as a {@code Map} (JSF, Struts 2): a put with an identity key is a write. */
    public static final List<CallPattern> SESSION_MAP_GETTERS = List.of(
            CallPattern.of(Set.of("jakarta/faces/context/ExternalContext", "javax/faces/context/ExternalContext"),
                    "getSessionMap", "()Ljava/util/Map;"),
            CallPattern.of(Set.of("com/opensymphony/xwork2/ActionContext", "org/apache/struts2/ActionContext"),
                    "getSession", "()Ljava/util/Map;"),
            CallPattern.of("org/springframework/web/server/WebSession", "getAttributes", "()Ljava/util/Map;"));

    public static final List<CallPattern> MAP_WRITES = List.of(
            CallPattern.of(Set.of("java/util/Map"), "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"));

    /**
     * Spring Security authentications the application makes already authenticated: the factory
     * {@code UsernamePasswordAuthenticationToken.authenticated(principal, credentials, authorities)} and the
     * constructors given the authorities, which call {@code setAuthenticated(true)} themselves (spring-security-core
     * and -web 6.3.4, read with javap). The application vouches for the principal, as a successful check would:
     * what it answers is who logs in.
     */
    public static final List<CallPattern> AUTHENTICATED_TOKENS = List.of(
            CallPattern.of("org/springframework/security/authentication/UsernamePasswordAuthenticationToken",
                    "authenticated", null),
            CallPattern.of(Set.of("org/springframework/security/authentication/UsernamePasswordAuthenticationToken",
                    "org/springframework/security/web/authentication/preauth/PreAuthenticatedAuthenticationToken"),
                    "<init>", "(Ljava/lang/Object;Ljava/lang/Object;Ljava/util/Collection;)V"));

    /** Reads of the authentication the request already has (the logged-in user, in a profile change). */
    public static final CallPattern CURRENT_AUTHENTICATION = CallPattern.of(Set.of(
            "org/springframework/security/core/context/SecurityContext",
            "org/springframework/security/core/context/SecurityContextImpl"), "getAuthentication", null);

    /** Spring Security calls that make an authentication current; a login only after a credential check. */
    public static final List<CallPattern> SPRING_LOGINS = List.of(
            CallPattern.of(Set.of("org/springframework/security/core/context/SecurityContext",
                    "org/springframework/security/core/context/SecurityContextImpl"), "setAuthentication", null),
            CallPattern.of(Set.of("org/springframework/security/core/context/SecurityContextHolder",
                    "org/springframework/security/core/context/SecurityContextHolderStrategy"), "setContext", null),
            CallPattern.of(Set.of("org/springframework/security/web/context/SecurityContextRepository",
                    "org/springframework/security/web/context/HttpSessionSecurityContextRepository"), "saveContext", null));

    /** Shiro's {@code Subject.login} itself (not a filter's {@code executeLogin}): its receiver is the subject. */
    public static final CallPattern SHIRO_SUBJECT_LOGIN = CallPattern.of("org/apache/shiro/subject/Subject", "login",
            "(Lorg/apache/shiro/authc/AuthenticationToken;)V");

    public static final List<CallPattern> SHIRO_LOGINS = List.of(
            SHIRO_SUBJECT_LOGIN,
            // AuthenticatingFilter.executeLogin, called from an application subclass (a captcha or JSON login
            // filter): it runs Subject.login for the application. The owner is the subclass, so by shape.
            CallPattern.anyOwner("executeLogin", "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;)Z"),
            CallPattern.anyOwner("executeLogin", "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)Z"));

    /**
     * Shiro's plain subject builder. What it builds has a session only if one is handed to it ({@code sessionId(id)},
     * {@code session(s)}): else {@code createSubject} resolves none (no session id, and a plain builder's context has no
     * request), and {@code login} keeps the user in a session Shiro makes afterwards under its own id (shiro-core
     * 2.1.0: {@code DefaultSubjectContext.resolveSession}, {@code DefaultSubjectDAO.mergePrincipals}). Not the web
     * {@code WebSubject.Builder}, whose request brings the session the browser presented.
     */
    public static final String SHIRO_SUBJECT_BUILDER = "org/apache/shiro/subject/Subject$Builder";
    public static final CallPattern SHIRO_BUILD_SUBJECT = CallPattern.of(SHIRO_SUBJECT_BUILDER, "buildSubject",
            "()Lorg/apache/shiro/subject/Subject;");

    /** The builder's uses that give it no session; any other ({@code sessionId}, {@code contextAttribute}...) may. */
    public static final List<CallPattern> SHIRO_SESSIONLESS_BUILDER_STEPS = List.of(
            CallPattern.of(SHIRO_SUBJECT_BUILDER, "<init>", null), SHIRO_BUILD_SUBJECT,
            CallPattern.of(SHIRO_SUBJECT_BUILDER, "host", "(Ljava/lang/String;)Lorg/apache/shiro/subject/Subject$Builder;"),
            CallPattern.of(SHIRO_SUBJECT_BUILDER, "principals",
                    "(Lorg/apache/shiro/subject/PrincipalCollection;)Lorg/apache/shiro/subject/Subject$Builder;"),
            CallPattern.of(SHIRO_SUBJECT_BUILDER, "authenticated", "(Z)Lorg/apache/shiro/subject/Subject$Builder;"),
            CallPattern.of(SHIRO_SUBJECT_BUILDER, "sessionCreationEnabled", "(Z)Lorg/apache/shiro/subject/Subject$Builder;"));

    /**
     * The hook Shiro's {@code AuthenticatingFilter.executeLogin} calls right after {@code Subject.login} succeeded,
     * with the same servlet namespace as that {@code executeLogin}: an override that changes the id on every path
     * makes the filter's login an id change.
     */
    public static final String SHIRO_SUCCESS_HOOK = "onLoginSuccess";

    /** Shiro's filter whose {@code executeLogin} runs {@code Subject.login} and then {@link #SHIRO_SUCCESS_HOOK}. */
    public static final String SHIRO_AUTHENTICATING_FILTER = "org/apache/shiro/web/filter/authc/AuthenticatingFilter";

    /**
     * Is this method an application filter's override of Shiro's {@link #SHIRO_SUCCESS_HOOK} (javax or jakarta
     * servlet types)? The class is checked by the caller.
     */
    public static boolean isShiroSuccessHook(String methodName, String descriptor) {
        return SHIRO_SUCCESS_HOOK.equals(methodName) && java.util.stream.Stream.of("javax", "jakarta").anyMatch(servlet ->
                shiroSuccessHookDescriptor("(L" + servlet + "/servlet/ServletRequest;L" + servlet
                        + "/servlet/ServletResponse;)Z").equals(descriptor));
    }

    /** {@code onLoginSuccess}'s descriptor for an {@code executeLogin(ServletRequest, ServletResponse)} descriptor. */
    public static String shiroSuccessHookDescriptor(String executeLoginDescriptor) {
        return "(Lorg/apache/shiro/authc/AuthenticationToken;Lorg/apache/shiro/subject/Subject;"
                + executeLoginDescriptor.substring(1, executeLoginDescriptor.indexOf(')')) + ")Z";
    }

    /**
     * Apache Wicket's sign-in ({@code signIn(username, password)} runs the application's {@code authenticate},
     * then binds the session; {@code signIn(true)} from the application's session class): on the application's
     * session subclass, so matched by receiver type.
     */
    public static final CallPattern WICKET_CHECKED_SIGN_IN = CallPattern.onKnownReceiver(
            List.of(FrameworkSessionCatalogue.WICKET_AUTHENTICATED_SESSION), "signIn", "(Ljava/lang/String;Ljava/lang/String;)Z");
    public static final List<CallPattern> WICKET_SIGN_INS = List.of(WICKET_CHECKED_SIGN_IN,
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_AUTHENTICATED_SESSION), "signIn", "(Z)V"));
    /**
     * Wicket 10.9, 9.23 and 8.18 made {@code signIn(username, password)} call {@code changeSessionId()} before it
     * binds the session (CVE-2026-40010); earlier releases keep the id (WicketSessionLoginTest, 10.8.0). Which one
     * the application runs is read from the classpath's bytecode: a call of one of these in that method.
     */
    public static final java.util.Set<String> WICKET_SIGN_IN_ID_CHANGES = java.util.Set.of("changeSessionId", "replaceSession");

    /**
     * Jakarta Security's {@code SecurityContext.authenticate}: a container login that runs the application's own
     * {@code HttpAuthenticationMechanism}s, when it has any, which then decide what it does to the session.
     */
    public static final CallPattern SECURITY_CONTEXT_AUTHENTICATE = CallPattern.of(
            Set.of("jakarta/security/enterprise/SecurityContext", "javax/security/enterprise/SecurityContext"),
            "authenticate", null);

    /** Logins the container performs, and (Tomcat, Jetty) follows with its own id change. */
    public static final List<CallPattern> CONTAINER_LOGINS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "login", "(Ljava/lang/String;Ljava/lang/String;)V"),
            SECURITY_CONTEXT_AUTHENTICATE);

    /**
     * Jakarta Security's authentication mechanism interface (jakarta and javax): {@code SecurityContext.authenticate}
     * runs the application's implementations' {@code validateRequest}, when the application has any.
     */
    public static final List<String> AUTHENTICATION_MECHANISMS = List.of(
            "jakarta/security/enterprise/authentication/mechanism/http/HttpAuthenticationMechanism",
            "javax/security/enterprise/authentication/mechanism/http/HttpAuthenticationMechanism");

    /** {@code validateRequest}'s descriptor in a mechanism of that namespace ("jakarta" or "javax"). */
    public static String validateRequestDescriptor(String namespace) {
        return "(L" + namespace + "/servlet/http/HttpServletRequest;L" + namespace + "/servlet/http/HttpServletResponse;L"
                + namespace + "/security/enterprise/authentication/mechanism/http/HttpMessageContext;)L" + namespace
                + "/security/enterprise/AuthenticationStatus;";
    }

    /** A mechanism hands the caller it established to the container: {@code HttpMessageContext.notifyContainerAboutLogin}. */
    public static final CallPattern CONTAINER_NOTIFICATION = CallPattern.of(Set.of(
            "jakarta/security/enterprise/authentication/mechanism/http/HttpMessageContext",
            "javax/security/enterprise/authentication/mechanism/http/HttpMessageContext"), "notifyContainerAboutLogin", null);

    /** Calls that give the session a new id (or end it) on the path they are on. */
    /**
     * The class a framework's session map always is: Struts 2 hands {@code SessionAware} actions and
     * {@code ActionContext.getSession()} callers a {@code SessionMap} (so {@code session instanceof SessionMap}
     * before its {@code invalidate()} is always true).
     */
    public static final Set<String> SESSION_MAP_CLASSES = Set.of("org/apache/struts2/dispatcher/SessionMap");

    /** Ratpack's session and the data it loads. */
    private static final String RATPACK_SESSION = "ratpack/session/Session";
    private static final String RATPACK_SESSION_DATA = "ratpack/session/SessionData";

    public static final List<CallPattern> ROTATIONS = List.of(
            CallPattern.anyOwner("changeSessionId", "()Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "invalidate", "()V"),
            CallPattern.anyOwner("onAuthentication", "(Lorg/springframework/security/core/Authentication;"
                    + "Ljakarta/servlet/http/HttpServletRequest;Ljakarta/servlet/http/HttpServletResponse;)V"),
            CallPattern.anyOwner("onAuthentication", "(Lorg/springframework/security/core/Authentication;"
                    + "Ljavax/servlet/http/HttpServletRequest;Ljavax/servlet/http/HttpServletResponse;)V"),
            CallPattern.anyOwner("changeSessionIdentifier", null),
            CallPattern.of(Set.of("jakarta/faces/context/ExternalContext", "javax/faces/context/ExternalContext"),
                    "invalidateSession", "()V"),
            CallPattern.of(Set.of("org/apache/struts2/dispatcher/SessionMap"), "invalidate", "()V"),
            CallPattern.of(Set.of("org/apache/shiro/session/Session"), "stop", "()V"),
            CallPattern.of(Set.of("org/apache/shiro/subject/Subject"), "logout", "()V"),
            // Vert.x Web; Spring WebFlux (a Mono: only when it is not dropped, see FrameworkSessionWrites).
            CallPattern.of("io/vertx/ext/web/Session", "regenerateId", "()Lio/vertx/ext/web/Session;"),
            CallPattern.of("org/springframework/web/server/WebSession", "changeSessionId", "()Lreactor/core/publisher/Mono;"),
            CallPattern.of("org/springframework/web/server/WebSession", "invalidate", "()Lreactor/core/publisher/Mono;"),
            // Vaadin Flow: invalidates the servlet session and moves its attributes to a new one (new id).
            CallPattern.of("com/vaadin/flow/server/VaadinService", "reinitializeSession",
                    "(Lcom/vaadin/flow/server/VaadinRequest;)V"),
            // Apache Wicket: its Session's id change (the servlet session's changeSessionId), or a new servlet
            // session for it (replaceSession, invalidateNow). Its deferred invalidate() is left out: an
            // everyday method name, which would open the cost screens to every class that calls one.
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_SESSION), "changeSessionId", "()V"),
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_SESSION), "replaceSession", "()V"),
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_SESSION), "invalidateNow", "()V"),
            // Blade 2.0: takes the session out of its store, so the presented id opens nothing any more (a new
            // id put back with createSession carries the login; BladeSessionLoginTest).
            CallPattern.of("com/blade/mvc/http/session/SessionManager", "destorySession", "(Lcom/blade/mvc/http/Session;)V"),
            // Spark Java: invalidates the servlet session and drops the request's wrapper; request.session() is new.
            CallPattern.of("spark/Session", "invalidate", "()V"),
            // Undertow core and Jetty 12 core sessions: a new id for the session (UndertowSessionLoginTest,
            // JettyRenewOnAuthenticationTest), or its end.
            CallPattern.of("io/undertow/server/session/Session", "changeSessionId",
                    "(Lio/undertow/server/HttpServerExchange;Lio/undertow/server/session/SessionConfig;)Ljava/lang/String;"),
            CallPattern.of("io/undertow/server/session/Session", "invalidate", "(Lio/undertow/server/HttpServerExchange;)V"),
            CallPattern.of("org/eclipse/jetty/server/Session", "renewId",
                    "(Lorg/eclipse/jetty/server/Request;Lorg/eclipse/jetty/server/Response;)V"),
            CallPattern.of("org/eclipse/jetty/server/Session", "invalidate", "()V"),
            // Jooby 2/3: a new id for the session, or its end (the next ctx.session() is new; JoobyCookieDefaultsTest).
            CallPattern.of("io/jooby/Session", "renewId", "()Lio/jooby/Session;"),
            CallPattern.of("io/jooby/Session", "destroy", "()V"),
            // Apache Tapestry 5: its Session has no id change, only invalidate(); the request's next session (asked by
            // ApplicationStateManager.set or getSession(true)) is a new one (RequestImpl.getSession drops an
            // invalidated session; tapestry-core 5.4.5, tapestry-http 5.8.7).
            CallPattern.of(SessionWriteApi.TAPESTRY_SESSIONS, "invalidate", "()V"),
            // Micronaut 4: a new session bound to the request, sent with a new id (MicronautSessionLoginTest; the
            // presented one is dropped with sessionStore.deleteSession(id)).
            CallPattern.of("io/micronaut/session/http/SessionForRequest", "create",
                    "(Lio/micronaut/session/SessionStore;Lio/micronaut/http/HttpRequest;)Lio/micronaut/session/Session;"),
            // Ratpack 1.x: ends the session and drops the presented id, so the next write gets a new one
            // (CookieBasedSessionId.terminate); an Operation, which runs only when composed, like a Mono.
            CallPattern.of(Set.of(RATPACK_SESSION, RATPACK_SESSION_DATA), "terminate", "()Lratpack/exec/Operation;"),
            // Invalidates the session by default (invalidateHttpSession = true): the next getSession() is new.
            CallPattern.of(Set.of("org/springframework/security/web/authentication/logout/SecurityContextLogoutHandler"),
                    "logout", null));

    /** Apache Tapestry 5's request: tapestry-core's before 5.7, tapestry-http's from 5.7 on. */
    private static final Set<String> TAPESTRY_REQUESTS = Set.of("org/apache/tapestry5/services/Request",
            "org/apache/tapestry5/http/services/Request");

    /** {@code getSession(false)}: null when the request has no session yet, so nothing can be fixed. */
    /**
     * How a route's path begins: a call given a constant such as {@code "/login"} registers the handlers it is
     * given for requests of their own (Javalin, Spark, Vert.x, Blade route methods), not code it runs.
     */
    public static final String ROUTE_PATH_PREFIX = "/";

    /** Words of a route's path that make its handlers logins (as a request mapping's path does). */
    private static final List<String> LOGIN_PATH_WORDS = List.of("login", "signin", "sign-in", "logon", "log-in",
            "authenticate");

    /** A route path ({@code "/login/rfid"}, {@code "/device-login"}) whose handlers log a user in. */
    public static boolean isLoginRoutePath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return path.startsWith(ROUTE_PATH_PREFIX) && LOGIN_PATH_WORDS.stream().anyMatch(lower::contains)
                && !mentionsLogout(path);
    }

    /**
     * {@code request.isRequestedSessionIdValid()}: false when the browser presented no id or one the container does
     * not know, so the session a login then gets is a new one, under an id the container made.
     */
    public static final CallPattern REQUESTED_ID_VALID = CallPattern.of(CallPattern.servlet("http/HttpServletRequest"),
            "isRequestedSessionIdValid", "()Z");

    /**
     * {@code session.isNew()}: true only for a session this request made, under an id the container chose (a
     * presented session is never new, even when its maker never sent its cookie back: runtime-evidence
     * {@code TomcatManualLoginTest}); Jetty 12's own session says the same ("newly created within the scope of the
     * current request"). Its true side has no presented session to fix.
     */
    public static final List<CallPattern> SESSION_IS_NEW = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "isNew", "()Z"),
            CallPattern.of(Set.of("org/eclipse/jetty/server/Session"), "isNew", "()Z"));

    public static final List<CallPattern> SESSION_IF_EXISTS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getSession", "(Z)Ljavax/servlet/http/HttpSession;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getSession", "(Z)Ljakarta/servlet/http/HttpSession;"),
            CallPattern.of("org/apache/shiro/subject/Subject", "getSession", "(Z)Lorg/apache/shiro/session/Session;"),
            CallPattern.of("spark/Request", "session", "(Z)Lspark/Session;"),
            CallPattern.of("org/eclipse/jetty/server/Request", "getSession", "(Z)Lorg/eclipse/jetty/server/Session;"),
            CallPattern.withArguments(TAPESTRY_REQUESTS, "getSession", "(Z)"),
            // JFinal: a controller's getSession(false) is its request's (called on the application's subclass).
            CallPattern.onKnownReceiver(List.of("com/jfinal/core/Controller"), "getSession",
                    "(Z)Ljavax/servlet/http/HttpSession;"),
            // A request wrapper of the application asking its own session (getSession(false) on this).
            CallPattern.onKnownReceiver(List.copyOf(CallPattern.servlet("http/HttpServletRequest")), "getSession", "(Z)"));

    /**
     * The request's session if it has one, else null, whatever the arguments: Undertow core's
     * {@code sessionManager.getSession(exchange, config)} and {@code Sessions.getSession(exchange)}. On the null
     * branch the session a login then creates is new.
     */
    public static final List<CallPattern> SESSION_OR_NULL = List.of(
            CallPattern.of("io/undertow/server/session/SessionManager", "getSession",
                    "(Lio/undertow/server/HttpServerExchange;Lio/undertow/server/session/SessionConfig;)"
                            + "Lio/undertow/server/session/Session;"),
            CallPattern.of("io/undertow/util/Sessions", "getSession",
                    "(Lio/undertow/server/HttpServerExchange;)Lio/undertow/server/session/Session;"));

    private static final String ONE_NAME_TO_OBJECT = "(Ljava/lang/String;)Ljava/lang/Object;";

    /**
     * Reads of one session attribute by the name given first, in every session {@link SessionWriteApi} writes: the
     * servlet session's and the frameworks' own ({@code session.getAttribute(KEY)}, Vert.x {@code session.get(KEY)},
     * Javalin {@code ctx.sessionAttribute(KEY)}, Spark {@code request.session().attribute(KEY)}...). What a check was
     * handed from one of them is the session's user re-checked, or a pending user a second step reads back.
     */
    public static final List<CallPattern> SESSION_READS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "getAttribute", ONE_NAME_TO_OBJECT),
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "getValue", ONE_NAME_TO_OBJECT),
            CallPattern.of("org/apache/shiro/session/Session", "getAttribute", "(Ljava/lang/Object;)Ljava/lang/Object;"),
            CallPattern.of(Set.of("spark/Session", "com/blade/mvc/http/Session", "com/blade/mvc/http/HttpSession"),
                    "attribute", ONE_NAME_TO_OBJECT),
            CallPattern.of("io/vertx/ext/web/Session", "get", ONE_NAME_TO_OBJECT),
            CallPattern.of("io/javalin/http/Context", "sessionAttribute", ONE_NAME_TO_OBJECT),
            // Javalin's read that also removes the attribute: a pending user read and dropped in one call.
            CallPattern.of("io/javalin/http/Context", "consumeSessionAttribute", ONE_NAME_TO_OBJECT),
            CallPattern.of(Set.of("io/undertow/server/session/Session", "org/eclipse/jetty/server/Session",
                    "org/zkoss/zk/ui/Session", "com/vaadin/flow/server/WrappedSession",
                    "com/vaadin/flow/server/VaadinSession"), "getAttribute", ONE_NAME_TO_OBJECT),
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_SESSION), "getAttribute",
                    "(Ljava/lang/String;)"),
            CallPattern.onReceiver(List.of("com/jfinal/core/Controller"), "getSessionAttr", ONE_NAME_TO_OBJECT),
            CallPattern.of("io/jooby/Session", "get", "(Ljava/lang/String;)Lio/jooby/Value;"),
            CallPattern.of("io/micronaut/session/Session", "get", "(Ljava/lang/CharSequence;)Ljava/util/Optional;"),
            CallPattern.of(SessionWriteApi.TAPESTRY_SESSIONS, "getAttribute", ONE_NAME_TO_OBJECT),
            CallPattern.of(RATPACK_SESSION_DATA, "get", "(Ljava/lang/String;)Ljava/util/Optional;"));

    /**
     * Removals of one session attribute by the name given first, in the same sessions as {@link #SESSION_READS}: a
     * two-step login's second step drops the pending user it read.
     */
    public static final List<CallPattern> SESSION_REMOVES = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "removeAttribute", "(Ljava/lang/String;)V"),
            CallPattern.of("org/apache/shiro/session/Session", "removeAttribute", "(Ljava/lang/Object;)Ljava/lang/Object;"),
            CallPattern.withArguments(Set.of("spark/Session", "com/blade/mvc/http/Session",
                    "com/blade/mvc/http/HttpSession", "io/undertow/server/session/Session",
                    "org/eclipse/jetty/server/Session", "org/zkoss/zk/ui/Session",
                    "com/vaadin/flow/server/WrappedSession"), "removeAttribute", "(Ljava/lang/String;)"),
            CallPattern.of("io/vertx/ext/web/Session", "remove", ONE_NAME_TO_OBJECT),
            CallPattern.of("io/javalin/http/Context", "consumeSessionAttribute", ONE_NAME_TO_OBJECT),
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_SESSION), "removeAttribute",
                    "(Ljava/lang/String;)"),
            CallPattern.onReceiver(List.of("com/jfinal/core/Controller"), "removeSessionAttr", "(Ljava/lang/String;)"),
            CallPattern.of("io/jooby/Session", "remove", "(Ljava/lang/String;)Lio/jooby/Value;"),
            CallPattern.withArguments(Set.of("io/micronaut/session/Session"), "remove", "(Ljava/lang/CharSequence;)"),
            CallPattern.withArguments(Set.of(RATPACK_SESSION, RATPACK_SESSION_DATA), "remove", "(Ljava/lang/String;)"));

    /**
     * Ends of the whole session (every attribute goes with it): a two-step login's second step that invalidates the
     * session drops the pending user it read, as a removal does.
     */
    public static final List<CallPattern> SESSION_ENDS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "invalidate", "()V"),
            CallPattern.of(Set.of("org/apache/struts2/dispatcher/SessionMap"), "invalidate", "()V"),
            CallPattern.of(Set.of("jakarta/faces/context/ExternalContext", "javax/faces/context/ExternalContext"),
                    "invalidateSession", "()V"),
            CallPattern.of("spark/Session", "invalidate", "()V"),
            CallPattern.of("io/undertow/server/session/Session", "invalidate", "(Lio/undertow/server/HttpServerExchange;)V"),
            CallPattern.of("org/eclipse/jetty/server/Session", "invalidate", "()V"),
            CallPattern.of("io/jooby/Session", "destroy", "()V"),
            CallPattern.of(SessionWriteApi.TAPESTRY_SESSIONS, "invalidate", "()V"),
            CallPattern.of(Set.of(RATPACK_SESSION, RATPACK_SESSION_DATA), "terminate", "()Lratpack/exec/Operation;"));

    /**
     * Id changes that throw only when the request has no live session (then the next {@code getSession()} is a new
     * one). Not a Spring strategy's {@code onAuthentication}: its concurrency control throws before the id change.
     */
    public static final List<CallPattern> NO_SESSION_THROWERS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "changeSessionId", "()Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "invalidate", "()V"));

    /** The request's session, created or not: after an invalidation, the next call gives a new session. */
    public static final List<CallPattern> SESSION_GETTERS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getSession", null),
            CallPattern.of("spark/Request", "session", null),
            CallPattern.withArguments(TAPESTRY_REQUESTS, "getSession", "(Z)"),
            // JFinal: a controller's getSession() and getSession(create) are its request's (they delegate to them).
            CallPattern.onKnownReceiver(List.of("com/jfinal/core/Controller"), "getSession", "("),
            CallPattern.onKnownReceiver(List.copyOf(CallPattern.servlet("http/HttpServletRequest")), "getSession", "("));

    /**
     * Components that run on every request (servlet filters, Spring MVC interceptors and WebFilters,
     * JAX-RS request filters): a Spring Security context they build is per request, not a login,
     * unless they read a login form's password.
     */
    public static final List<String> PER_REQUEST_COMPONENTS = List.of("javax/servlet/Filter", "jakarta/servlet/Filter",
            "org/springframework/web/servlet/HandlerInterceptor", "org/springframework/web/server/WebFilter",
            "jakarta/ws/rs/container/ContainerRequestFilter", "javax/ws/rs/container/ContainerRequestFilter");

    /**
     * What makes a method a request entry (see {@code LoginHandlers.isRequestEntry}), which a request runs
     * directly, without the application's callers of it: besides a request-mapping annotation of its own, a
     * servlet's request method, or (JAX-RS) an HTTP method annotation, which maps it to its class's path.
     */
    public static final Set<String> SERVLET_TYPES = CallPattern.servlet("Servlet");
    public static final Set<String> REQUEST_METHOD_ANNOTATIONS = java.util.stream.Stream.of("javax/ws/rs/", "jakarta/ws/rs/")
            .flatMap(pkg -> java.util.stream.Stream.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
                    .map(method -> pkg + method))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    public static final Set<String> SERVLET_REQUEST_METHODS = Set.of("service", "doGet", "doPost", "doPut",
            "doDelete", "doPatch", "doHead", "doOptions", "doTrace");

    /**
     * Parameter types of the methods of a per-request component (a servlet filter, a WebFilter): evidence
     * that a class is one when its hierarchy cannot be read (spring-web's {@code GenericFilterBean} or
     * {@code OncePerRequestFilter} absent from the classpath behind a Spring Security filter).
     */
    public static final List<String> FILTER_CHAIN_TYPES = List.of("Ljakarta/servlet/FilterChain;",
            "Ljavax/servlet/FilterChain;", "Lorg/springframework/web/server/WebFilterChain;");

    /**
     * Application classes that Spring Security runs inside its own login processing (a custom
     * {@code AuthenticationProvider} plugged into form login): what they store in the session is followed by
     * the login filter's session strategy, which changes the id (also when the application writes the user
     * there). Their checks and writes are no login of their own; a fixation switched off in the chain is
     * reported as {@code SESSION_FIXATION_PROTECTION_DISABLED}.
     */
    public static final List<String> FRAMEWORK_LOGIN_STEPS = List.of(
            "org/springframework/security/authentication/AuthenticationProvider");

    /**
     * Methods of application classes that a framework's sign-in runs as its credential check (matched as a
     * call on their own class): Wicket's {@code signIn} calls the session's {@code authenticate}, then binds
     * the session. What they store is part of that sign-in, judged where it is called.
     */
    public static final List<CallPattern> FRAMEWORK_LOGIN_STEP_METHODS = List.of(
            CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_AUTHENTICATED_SESSION), "authenticate",
                    "(Ljava/lang/String;Ljava/lang/String;)Z"));

    /** Spring session strategies that run on authentication but leave the session id as it is. */
    public static final Set<String> NON_ROTATING_STRATEGIES = Set.of(
            "org/springframework/security/web/authentication/session/NullAuthenticatedSessionStrategy",
            "org/springframework/security/web/authentication/session/RegisterSessionAuthenticationStrategy",
            "org/springframework/security/web/authentication/session/ConcurrentSessionControlAuthenticationStrategy",
            "org/springframework/security/web/csrf/CsrfAuthenticationStrategy");

    /** Library calls that verify a credential. */
    public static final List<CallPattern> CREDENTIAL_CHECKS = List.of(
            CallPattern.anyOwner("authenticate", "(Lorg/springframework/security/core/Authentication;)"
                    + "Lorg/springframework/security/core/Authentication;"),
            // Spring Security WebFlux: ReactiveAuthenticationManager.authenticate answers a Mono.
            CallPattern.anyOwner("authenticate", "(Lorg/springframework/security/core/Authentication;)"
                    + "Lreactor/core/publisher/Mono;"),
            CallPattern.anyOwner("matches", "(Ljava/lang/CharSequence;Ljava/lang/String;)Z"),
            CallPattern.anyOwner("checkpw", "(Ljava/lang/String;Ljava/lang/String;)Z"),
            CallPattern.anyOwner("checkpw", "([BLjava/lang/String;)Z"),
            // Jakarta (and Java EE 8) Security: the identity stores' verdict on a credential, as a custom
            // HttpAuthenticationMechanism asks it (IdentityStoreHandler) or an identity store answers it.
            CallPattern.of(Set.of("jakarta/security/enterprise/identitystore/IdentityStoreHandler",
                    "jakarta/security/enterprise/identitystore/IdentityStore"), "validate",
                    "(Ljakarta/security/enterprise/credential/Credential;)"
                    + "Ljakarta/security/enterprise/identitystore/CredentialValidationResult;"),
            CallPattern.of(Set.of("javax/security/enterprise/identitystore/IdentityStoreHandler",
                    "javax/security/enterprise/identitystore/IdentityStore"), "validate",
                    "(Ljavax/security/enterprise/credential/Credential;)"
                    + "Ljavax/security/enterprise/identitystore/CredentialValidationResult;"));

    /** Request parameters whose reading marks a handler of a login form. */
    public static final Set<String> CREDENTIAL_PARAMETERS = Set.of("password", "passwd", "pwd", "pass", "j_password");

    /**
     * Request parameters besides a password that a person types to prove who they are (a badge's PIN, a one-time
     * code): read by a component that runs on every request, they make it a login form, not a token's per-request
     * context. Reading one is no credential check by itself (a PIN change reads one too).
     */
    public static final Set<String> TYPED_SECRET_PARAMETERS = Set.of("pin", "passcode", "otp", "totp");

    private static final String JAVALIN_CONTEXT = "io/javalin/http/Context";
    private static final String VERTX_REQUEST = "io/vertx/core/http/HttpServerRequest";

    /**
     * Form, query and path parameters read by name on the request of a web stack whose session SessionGuard follows
     * (Javalin's {@code Context}, Vert.x Web's {@code RoutingContext} and {@code HttpServerRequest}, WebFlux.fn's
     * {@code ServerRequest}): they are what the request submitted, as a servlet's {@code getParameter} is, so a
     * sign-in link's {@code ctx.queryParam("token")} is a secret and {@code rc.pathParam("ticket")} handed to a
     * verification is a request value. WebFlux' {@code queryParam} answers an {@code Optional}, which carries the
     * value to its {@code orElse}. The descriptors are those of javalin 6, vertx-web 4.5 and spring-webflux 6/7.
     */
    private static final List<CallPattern> FRAMEWORK_PARAMETER_READS = List.of(
            CallPattern.of(JAVALIN_CONTEXT, "formParam", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(JAVALIN_CONTEXT, "queryParam", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(JAVALIN_CONTEXT, "pathParam", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("io/vertx/ext/web/RoutingContext", "pathParam", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(VERTX_REQUEST, "getParam", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(VERTX_REQUEST, "getFormAttribute", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("org/springframework/web/reactive/function/server/ServerRequest", "queryParam",
                    "(Ljava/lang/String;)Ljava/util/Optional;"),
            CallPattern.of("org/springframework/web/reactive/function/server/ServerRequest", "pathVariable",
                    "(Ljava/lang/String;)Ljava/lang/String;"));

    public static final List<CallPattern> PARAMETER_READS = withFrameworkReads(List.of(
            CallPattern.of(CallPattern.servlet("ServletRequest"), "getParameter", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getParameter", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("spark/Request", "queryParams", "(Ljava/lang/String;)Ljava/lang/String;"),
            // JFinal's Controller.getPara(name), called on the application's controller (any owner, by shape).
            CallPattern.anyOwner("getPara", "(Ljava/lang/String;)Ljava/lang/String;")));

    /** The catalogue's servlet-era reads and the framework reads above, in one list. */
    private static List<CallPattern> withFrameworkReads(List<CallPattern> reads) {
        List<CallPattern> all = new java.util.ArrayList<>(reads);
        all.addAll(FRAMEWORK_PARAMETER_READS);
        return List.copyOf(all);
    }

    /** Method names (lower case) of application code that logs a user in or checks a password. */
    private static final Set<String> LOGIN_METHOD_NAMES = Set.of("authenticate", "authenticateuser", "login", "signin",
            "logon", "dologin", "dosignin", "processlogin", "handlelogin", "performlogin", "checklogin",
            "verifylogin", "validatelogin", "loginuser", "userlogin", "attemptlogin", "trylogin", "verify", "verifyuser",
            "validateuser", "checkuser", "isvaliduser", "isvalidlogin", "checkcredentials", "authenticatecredentials");

    /** Words of handlers that end a session: never a login, whatever their class is called. */
    private static final List<String> LOGOUT_WORDS = List.of("logout", "logoff", "signout", "log-out", "sign-out");

    /** Name words of credential checks: checkPassword, verifyCredentials, isPasswordValid... */
    private static final List<String> CREDENTIAL_WORDS = List.of("password", "credential");

    /** ...but not of code that manages passwords rather than checking one. */
    private static final List<String> PASSWORD_MANAGEMENT_PREFIXES = List.of("get", "set", "change", "reset", "update",
            "encode", "hash", "forgot", "generate", "create", "store", "save", "new", "expire", "validatenew");

    /** Names (normalised: lower case, letters and digits only) of attributes that identify the user. */
    private static final Set<String> IDENTITY_NAMES = Set.of("user", "username", "userid", "uid", "currentuser",
            "loggeduser", "loggedinuser", "loginuser", "authuser", "sessionuser", "principal", "account", "accountid",
            "authenticated", "isauthenticated", "loggedin", "isloggedin", "role", "roles", "userrole", "userroles",
            "springsecuritycontext", "member", "memberid", "admin", "isadmin", "login", "userinfo", "userdetails",
            "useraccount", "customer", "customerid", "authentication", "subject", "identity", "usr", "userobj", "userlogin",
            "loginname", "loginid", "logininfo", "operator", "employee", "authtoken", "accesstoken", "usersession",
            "islogin", "signedin", "issignedin", "auth", "isauth", "authorized", "isauthorized", "logon", "islogon");

    private static final List<String> IDENTITY_SUFFIXES = List.of("user", "userid", "username", "principal");

    private static final List<String> IDENTITY_PARTS = List.of("loggedin", "authenticated", "springsecuritycontext");

    // ---- Identity by data flow (docs/SESSION_FIXATION.md, "Identity by data flow") ----

    /**
     * Words (normalised) that make a request value, parameter, getter or field a submitted secret: what a
     * user or an identity provider hands in to prove who the user is.
     */
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "passcode", "credential",
            "secret", "passphrase", "ticket", "rememberme", "apikey", "authtoken", "accesstoken", "idtoken", "bearer",
            "authorization", "samlresponse");

    /** Endings (normalised) that abbreviate "password": userPwd, loginPsw, adminPswd, userPw. */
    private static final List<String> PASSWORD_ABBREVIATIONS = List.of("pwd", "psw", "pswd", "pw");

    /** Whole names (normalised) that are secrets on their own. */
    private static final Set<String> SECRET_NAMES = Set.of("pwd", "pass", "jpassword", "token", "remember",
            "authcode", "authorizationcode", "code", "otp", "totp", "pin");

    /** Request-integrity tokens and challenges: compared, never looked up for a user. */
    private static final List<String> NOT_SECRET_WORDS = List.of("csrf", "xsrf", "captcha", "nonce", "state",
            "new", "confirm", "repeat", "retype", "hash", "encoded", "digest", "salt");

    /** Request reads whose argument 0 names what is read: parameters and headers. */
    public static final List<CallPattern> REQUEST_VALUE_READS = withFrameworkReads(List.of(
            CallPattern.of(CallPattern.servlet("ServletRequest"), "getParameter", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getParameter", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getHeader", "(Ljava/lang/String;)Ljava/lang/String;"),
            // Spark Java: form fields and query parameters alike.
            CallPattern.of("spark/Request", "queryParams", "(Ljava/lang/String;)Ljava/lang/String;"),
            // JFinal's Controller.getPara(name), called on the application's controller (any owner, by shape).
            CallPattern.anyOwner("getPara", "(Ljava/lang/String;)Ljava/lang/String;"),
            // Headers of the other web stacks of FRAMEWORK_PARAMETER_READS (their parameters are added below).
            CallPattern.of(JAVALIN_CONTEXT, "header", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of(VERTX_REQUEST, "getHeader", "(Ljava/lang/String;)Ljava/lang/String;")));

    /**
     * Calls answering every parameter of the request as a map from its name to its values: Undertow core's
     * {@code exchange.getQueryParameters()} and {@code getPathParameters()} (a {@code Deque} per name), the servlet
     * {@code getParameterMap()} (a {@code String[]}), Netty's {@code QueryStringDecoder.parameters()} (a {@code List}),
     * JAX-RS {@code UriInfo.getQueryParameters()}/{@code getPathParameters()} (a {@code MultivaluedMap}). A value read
     * out of it by a constant name ({@code get("ticket").peekFirst()}) is that request value, as
     * {@code getParameter("ticket")} is.
     */
    public static final List<CallPattern> REQUEST_PARAMETER_MAPS = List.of(
            CallPattern.of("io/undertow/server/HttpServerExchange", "getQueryParameters", "()Ljava/util/Map;"),
            CallPattern.of("io/undertow/server/HttpServerExchange", "getPathParameters", "()Ljava/util/Map;"),
            CallPattern.of(CallPattern.servlet("ServletRequest"), "getParameterMap", "()Ljava/util/Map;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getParameterMap", "()Ljava/util/Map;"),
            CallPattern.of("io/netty/handler/codec/http/QueryStringDecoder", "parameters", "()Ljava/util/Map;"),
            CallPattern.of(Set.of("javax/ws/rs/core/UriInfo", "jakarta/ws/rs/core/UriInfo"), "getQueryParameters", null),
            CallPattern.of(Set.of("javax/ws/rs/core/UriInfo", "jakarta/ws/rs/core/UriInfo"), "getPathParameters", null));

    /** The keyed reads of such a map: {@code get(name)} answers the values, a multi-valued map's {@code getFirst} one. */
    public static final Set<String> PARAMETER_MAP_READS = Set.of("get", "getFirst");

    /** Reads of one element of a parameter's values ({@code Deque.peekFirst()}, {@code List.get(0)}). */
    public static final Set<String> VALUE_ELEMENT_READS = Set.of("get", "getFirst", "peekFirst", "peek", "element",
            "getLast", "peekLast", "poll", "pollFirst");

    /**
     * The TLS client certificate chain the container puts in a request attribute (Servlet spec, "Client Certificates":
     * {@code jakarta.servlet.request.X509Certificate}, {@code javax.} before Servlet 5), only after the handshake
     * proved the client holds its private key: a credential, as a password is. What the certificate answers (its
     * subject, issuer, serial number, read through {@link #CERTIFICATE_TYPES}) names who presented it.
     */
    public static final List<CallPattern> CLIENT_CERTIFICATE_READS = List.of(
            CallPattern.of(CallPattern.servlet("ServletRequest"), "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getAttribute",
                    "(Ljava/lang/String;)Ljava/lang/Object;"));
    public static final Set<String> CLIENT_CERTIFICATE_ATTRIBUTES = Set.of("jakarta.servlet.request.X509Certificate",
            "javax.servlet.request.X509Certificate");
    /** The JDK's certificate and principal types: a value read from a presented certificate carries its proof. */
    public static final List<String> CERTIFICATE_TYPES = List.of("java/security/cert/", "javax/security/auth/x500/");

    /** A cookie's value: a secret when the class names a secret-bearing cookie ("remember-me", "auth_token"). */
    public static final List<CallPattern> COOKIE_VALUE_READS = List.of(
            CallPattern.of(CallPattern.servlet("http/Cookie"), "getValue", "()Ljava/lang/String;"));
    /** The name of that read, for a lambda whose whole body is it ({@code c -> c.getValue()}). */
    public static final String COOKIE_VALUE_GETTER = "getValue";

    /** Owners whose calls never look a user up: the JDK, the servlet API itself, logging, Spring's view model. */
    private static final List<String> NO_LOOKUP_OWNERS = java.util.stream.Stream.of(List.of("java/"),
            ContainerApis.PACKAGES, List.of("org/slf4j/", "org/apache/commons/logging/", "org/apache/logging/",
                    "org/springframework/ui/", "org/springframework/web/servlet/mvc/support/",
                    "org/springframework/util/", "org/springframework/security/crypto/"))
            .flatMap(List::stream).collect(java.util.stream.Collectors.toUnmodifiableList());

    /** Name prefixes (lower case) of calls that transform or hand on a secret rather than look a user up. */
    private static final List<String> TRANSFORM_PREFIXES = List.of("encode", "encrypt", "decrypt", "decode", "hash",
            "digest", "md5", "sha", "bcrypt", "signature", "generate", "random", "salt", "format", "normalize", "normalise", "trim",
            "clean", "sanitize", "escape", "strip", "mask", "set", "put", "append", "log", "debug", "info", "warn",
            "error", "trace", "print", "write", "send", "mail", "notify", "change", "reset", "update", "store",
            "parse", "split", "build", "with");

    /**
     * One-way hashes and the encodings of their bytes ({@code DigestUtils.sha512Hex(salt + input)},
     * {@code md.digest()}, {@code Hex.encodeHexString(bytes)}): what they answer, compared with a value read from a
     * user's stored record, is a submitted secret in hashed form, whatever the input was called ({@code senha},
     * {@code mima}): the comparison is the evidence, not the name.
     */
    public static final List<CallPattern> ONE_WAY_HASHES = List.of(
            CallPattern.of(Set.of("org/apache/commons/codec/digest/DigestUtils", "org/springframework/util/DigestUtils",
                    "cn/hutool/crypto/SecureUtil", "cn/hutool/crypto/digest/DigestUtil",
                    "org/apache/commons/codec/binary/Hex", "com/google/common/hash/HashFunction",
                    "com/google/common/hash/HashCode"), null, null),
            CallPattern.of("java/security/MessageDigest", "digest", null),
            CallPattern.of("org/mindrot/jbcrypt/BCrypt", "hashpw", null));

    /** JDK comparisons: with a secret on one side and a stored value on the other, a credential check. */
    public static final List<CallPattern> SECRET_COMPARISONS = List.of(
            CallPattern.of("java/lang/String", "equals", "(Ljava/lang/Object;)Z"),
            CallPattern.of("java/lang/String", "equalsIgnoreCase", "(Ljava/lang/String;)Z"),
            CallPattern.of("java/lang/String", "contentEquals", null),
            CallPattern.of("java/util/Objects", "equals", "(Ljava/lang/Object;Ljava/lang/Object;)Z"),
            CallPattern.of("java/security/MessageDigest", "isEqual", "([B[B)Z"),
            CallPattern.of("java/util/Arrays", "equals", null));

    /**
     * Getter names (normalised, without a leading get/is) that read the identity out of a checked user,
     * an authentication or an assertion: the value stays the user's identity. Other getters (locale,
     * cart, theme) read data that is not an identity.
     */
    private static final Set<String> IDENTITY_GETTERS = Set.of("", "orelse", "orelsethrow", "orelseget", "principal",
            "user", "account", "member", "subject", "identity", "id", "uid", "name", "login", "email", "mail",
            "role", "roles", "authorities", "userinfo", "details", "attributes", "customer", "employee",
            "assertion", "object", "body", "data", "result", "value", "content");

    private static final List<String> IDENTITY_GETTER_PARTS = List.of("user", "principal", "account", "member",
            "identity", "login");

    private static final List<String> IDENTITY_GETTER_SUFFIXES = List.of("id", "name", "email");

    /**
     * A JNDI LDAP bind: the context is made with an environment that holds the user's password
     * ({@code env.put(Context.SECURITY_CREDENTIALS, password)}, a submitted password: not a configured service
     * account's) and throws when the directory refuses it, so constructing it with such an environment is a
     * credential check. (A plain {@code InitialContext} is a JNDI lookup, JMS or EJB, not a user's bind.)
     */
    public static final CallPattern LDAP_BINDS = CallPattern.of(Set.of("javax/naming/directory/InitialDirContext",
            "javax/naming/ldap/InitialLdapContext"), "<init>", null);

    /**
     * Calls that turn a whole object into text by name (Gson {@code toJson}, fastjson {@code toJSONString}, Jackson
     * {@code writeValueAsString}...): the text carries what the object carried, the user included.
     */
    public static final Set<String> SERIALIZING_CALLS = Set.of("toJson", "toJSONString", "toJSON", "writeValueAsString",
            "serialize", "stringify");

    /** Calls that put an entry into a JDK map or properties object: a map made here that is given a secret carries it. */
    public static final Set<String> MAP_PUTS = Set.of("put", "putIfAbsent", "setProperty");

    /** A type signature (or the start of one) naming a JDK collection or map: a container, no user. */
    public static boolean isContainerType(String signature) {
        if (!signature.startsWith("Ljava/util/")) {
            return false;
        }
        int end = 1;
        while (end < signature.length() && signature.charAt(end) != '<' && signature.charAt(end) != ';') {
            end++;
        }
        String type = signature.substring(1, end);
        return type.endsWith("Map") || type.endsWith("List") || type.endsWith("Set") || type.endsWith("Collection");
    }

    /**
     * Clock readings: what they answer (boxed or not) is a time stamp, when something happened, not who did it. Stored
     * under a login's name ({@code reauthenticatedAt = Instant.now()}) by a method that requires a logged-in user, it
     * records a re-check of that user, no login (docs/SESSION_FIXATION.md).
     */
    public static final List<CallPattern> CLOCK_READS = List.of(
            CallPattern.withArguments(Set.of("java/time/Instant", "java/time/LocalDateTime", "java/time/ZonedDateTime",
                    "java/time/OffsetDateTime"), "now", "("),
            CallPattern.of("java/lang/System", "currentTimeMillis", "()J"),
            CallPattern.of("java/time/Clock", "instant", "()Ljava/time/Instant;"),
            CallPattern.of("java/time/Clock", "millis", "()J"));

    /** Calls that answer the user a request is authenticated as (the container's or a framework's). */
    public static final Set<String> READS_AUTHENTICATED_USER = Set.of("getUserPrincipal", "getRemoteUser");

    /** Handler parameter types that hand over the logged-in user. */
    public static final Set<String> PRINCIPAL_TYPES = Set.of("java/security/Principal",
            "org/springframework/security/core/Authentication");

    /** A write into a JDK map under a key ({@code java.util} maps: {@code put}, {@code putIfAbsent}). */
    public static boolean isMapWrite(String owner, String name) {
        return owner.startsWith("java/util/") && owner.endsWith("Map") && ("put".equals(name) || "putIfAbsent".equals(name));
    }

    /** A read of a JDK map by its key ({@code java.util} maps: {@code get}, {@code getOrDefault}). */
    public static boolean isMapRead(String owner, String name) {
        return owner.startsWith("java/util/") && owner.endsWith("Map") && ("get".equals(name) || "getOrDefault".equals(name));
    }

    /**
     * A take out of a JDK map ({@code codes.remove(code)}): the entry is answered and gone, so a key can be
     * redeemed once (an invitation, a one-time sign-in code).
     */
    public static boolean isMapTake(String owner, String name, String descriptor) {
        return owner.startsWith("java/util/") && owner.endsWith("Map") && "remove".equals(name)
                && "(Ljava/lang/Object;)Ljava/lang/Object;".equals(descriptor);
    }

    /** {@code Optional} and the calls that apply a function inside it ({@code found.map(Member::getId)}). */
    public static final String OPTIONAL_TYPE = "java/util/Optional";
    public static final Set<String> OPTIONAL_MAPS = Set.of("map", "flatMap");
    /** ...and those that take the value out: each {@code found.get()} of a checked user's Optional is that user. */
    public static final Set<String> OPTIONAL_UNWRAPS = Set.of("get", "orElse", "orElseThrow", "orElseGet");
    /**
     * {@code List.get(int)}: the first element of a list a lookup answered ({@code admins.get(0)} of
     * {@code adminService.findAdmin(username)}) is, once its stored password was checked, the checked user, and
     * each later {@code admins.get(0)} is that user too (only index 0: other elements are other records).
     */
    public static final CallPattern LIST_ELEMENT_READ = CallPattern.of("java/util/List", "get", "(I)Ljava/lang/Object;");
    /**
     * Types whose {@code filter(predicate)} keeps what passes the predicate: a credential check inside it
     * ({@code repository.findByLoginId(id).filter(m -> encoder.matches(password, m.getPassword()))}) leaves the
     * checked user, or nothing.
     */
    public static final String STREAM_TYPE = "java/util/stream/Stream";
    private static final Set<String> FILTERING_TYPES = Set.of(OPTIONAL_TYPE, STREAM_TYPE, "reactor/core/publisher/Mono",
            "reactor/core/publisher/Flux", "io/reactivex/rxjava3/core/Maybe", "io/reactivex/rxjava3/core/Single",
            "io/reactivex/rxjava3/core/Observable", "io/reactivex/rxjava3/core/Flowable");

    /** {@code filter(predicate)} on one of the {@link #FILTERING_TYPES}. */
    public static boolean isPredicateFilter(String owner, String name) {
        return "filter".equals(name) && FILTERING_TYPES.contains(owner);
    }
    /** The stream calls that take the element that passed a filter out, as an {@code Optional}. */
    public static final Set<String> STREAM_PICKS = Set.of("findFirst", "findAny");
    /**
     * Flags of a check's result that say whether it passed, with the value that means it did: an
     * {@code Optional}'s {@code isPresent()}/{@code isEmpty()}, an authentication's or Shiro subject's
     * {@code isAuthenticated()}.
     */
    public static final Map<String, Boolean> CHECK_OUTCOME_FLAGS = Map.of("isPresent", true, "isEmpty", false,
            "isAuthenticated", true);

    /**
     * Session types a helper may be handed ({@code copyAndStop(subject.getSession(false))}): where the helper finds
     * its parameter null, there was no session to fix, as where {@code getSession(false)} answers null.
     */
    public static final Set<String> SESSION_PARAMETER_TYPES = Set.of("Ljavax/servlet/http/HttpSession;",
            "Ljakarta/servlet/http/HttpSession;", "Lorg/apache/shiro/session/Session;");

    /** Handlers the container runs as one instance for every request: their fields hold no request's values. */
    public static final List<String> SHARED_HANDLER_TYPES = List.of("javax/servlet/Servlet", "jakarta/servlet/Servlet",
            "javax/servlet/Filter", "jakarta/servlet/Filter");

    /**
     * Spring stereotypes: such a bean is a singleton by default, one instance for every request, so its fields
     * hold configuration (the dashboard account of a monitoring console), as a servlet's do.
     */
    /** Spring annotations that make a bean one per request, session or lookup: its fields are that request's. */
    public static final List<String> NON_SINGLETON_SCOPES = List.of("Lorg/springframework/context/annotation/Scope;",
            "Lorg/springframework/web/context/annotation/RequestScope;",
            "Lorg/springframework/web/context/annotation/SessionScope;");

    public static final List<String> SHARED_HANDLER_ANNOTATIONS = List.of("Lorg/springframework/stereotype/Controller;",
            "Lorg/springframework/web/bind/annotation/RestController;", "Lorg/springframework/stereotype/Service;",
            "Lorg/springframework/stereotype/Component;");

    /** String constants that mark a session as logged in when written on a check's success branch. */
    public static final Set<String> TRUE_MARKERS = Set.of("true", "yes", "y", "1", "on", "ok");

    /**
     * Name words (normalised) of calls that verify what they are handed: {@code loginCheck(ssoSessionId)},
     * {@code validateTicket}, {@code verifySignOnToken}. Handed any request value and returning a user-typed
     * object (below), such a call is a credential check even when the request value's name says nothing.
     */
    private static final List<String> VERIFYING_CALL_WORDS = List.of("check", "verif", "valid", "auth", "login",
            "logon", "signon", "sso", "ticket", "token");

    /** Words of the simple names of types that are a user or the proof of one. */
    private static final List<String> USER_TYPE_WORDS = List.of("user", "account", "member", "principal", "assertion",
            "identity", "subject", "customer", "employee", "admin", "operator", "person");

    /** Words of cookie names that log a returning user in: "remember-me", "autologin", "keep_login". */
    private static final List<String> AUTO_LOGIN_COOKIE_WORDS = List.of("remember", "autologin", "keeplogin",
            "persistentlogin", "staysignedin", "staylogged");

    /** A class text naming a cookie that carries an automatic login. */
    public static boolean namesAutoLoginCookie(String text) {
        String normal = normalise(text);
        return containsAny(normal, AUTO_LOGIN_COOKIE_WORDS);
    }

    /** A call named like a verification ({@code loginCheck}, {@code validateTicket}). */
    public static boolean namesVerification(String methodName) {
        String normal = normalise(methodName);
        return containsAny(normal, VERIFYING_CALL_WORDS) && !managesPasswords(methodName);
    }

    /** A type whose simple name says it is a user or a proof of one ({@code SsoUser}, {@code Assertion}). */
    public static boolean isUserType(String dottedName) {
        if (dottedName.startsWith("java.")) {
            return false;
        }
        String simple = normalise(dottedName.substring(dottedName.lastIndexOf('.') + 1));
        return containsAny(simple, USER_TYPE_WORDS);
    }

    /**
     * A lookup declared to return {@code Object} (a generic DAO, an untyped service) says what it loads in its name
     * only, last: {@code loadAccount(name)}, {@code findMemberById(id)}; not {@code loadUserPreferences(name)}.
     */
    public static boolean namesUserLookup(String methodName) {
        // What it loads is named last, before any "By..." key: loadAccount, findMemberById; not loadUserPreferences.
        String normal = normalise(methodName);
        int by = normal.indexOf("by", 3);
        String loaded = by > 0 ? normal.substring(0, by) : normal;
        for (String word : USER_TYPE_WORDS) {
            if (loaded.endsWith(word)) {
                return true;
            }
        }
        return false;
    }

    /** A request value's name that is never a proof of identity: CSRF tokens, captchas, nonces. */
    public static boolean isNotSecretName(String name) {
        String normal = normalise(name);
        return containsAny(normal, NOT_SECRET_WORDS);
    }

    /** Is this name (parameter, header, field, getter, local variable) that of a submitted secret? */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String normal = normalise(name);
        if (normal.startsWith("get")) {
            normal = normal.substring(3);
        }
        if (containsAny(normal, NOT_SECRET_WORDS)) {
            return false;
        }
        return SECRET_NAMES.contains(normal) || containsAny(normal, SECRET_WORDS)
                || normal.endsWith("token") || normal.endsWith("ticket") || normal.endsWith("pass")
                || endsWithAny(normal, PASSWORD_ABBREVIATIONS) || normal.contains("passw");
    }

    /**
     * A parameter named for a cookie's value ({@code cookieValue}, {@code rememberCookie}): in a class that names a
     * secret cookie (a remember-me or token cookie), the value that cookie carries, handed down by its caller. Not
     * a cookie's name, path or domain ({@code cookieName}).
     */
    public static boolean namesCookieValue(String name) {
        if (name == null) {
            return false;
        }
        String normal = normalise(name);
        return normal.endsWith("cookie") || normal.endsWith("cookievalue") || normal.endsWith("cookieval");
    }

    /** {@code code} alone is a secret only in an authorization-code callback (the class names OAuth/OIDC). */
    public static boolean isAmbiguousSecretName(String name) {
        return name != null && normalise(name).equals("code");
    }

    /**
     * HTTP client APIs an OAuth client exchanges its authorization code with by hand (Java's, Spring's): the request
     * being built from the code carries it (a URI, a form map, a body publisher, a builder), and the exchange answers
     * with the provider's token.
     */
    private static final List<String> HTTP_CLIENT_PREFIXES = List.of("java/net/http/", "java/net/URLEncoder",
            "org/springframework/web/client/", "org/springframework/web/reactive/function/client/",
            "org/springframework/http/", "org/springframework/util/LinkedMultiValueMap",
            "org/springframework/util/MultiValueMap");

    /** The calls of those APIs that send the request and answer the response. */
    private static final Set<String> HTTP_EXCHANGES = Set.of("send", "sendAsync", "postForObject", "postForEntity",
            "exchange", "getForObject", "getForEntity", "retrieve", "exchangeToMono");

    /** A call of an HTTP client API (see {@link #HTTP_CLIENT_PREFIXES}), or {@code Map.of(...)} making a request form. */
    public static boolean isHttpClientCall(String owner, String name) {
        return startsWithAny(owner, HTTP_CLIENT_PREFIXES) || ("java/util/Map".equals(owner) && "of".equals(name));
    }

    /** A call of an HTTP client API that sends the request. */
    public static boolean isHttpExchange(String owner, String name) {
        return HTTP_EXCHANGES.contains(name) && startsWithAny(owner, HTTP_CLIENT_PREFIXES);
    }

    /**
     * Text that marks a class as an OAuth/OIDC client, where a {@code code} parameter is an authorization code: the
     * protocol's names, and the parameters of its requests (RFC 6749: {@code response_type=code} in the redirect to
     * the provider, {@code grant_type}, {@code redirect_uri}, {@code client_id} in the exchange), which a client
     * written by hand against a company's provider spells although it names neither OAuth nor OpenID.
     */
    public static final List<String> AUTHORIZATION_CODE_MARKERS = List.of("oauth", "oidc", "openid", "access_token",
            "authorization_code", "accesstoken", "id_token", "response_type", "grant_type", "redirect_uri",
            "client_id", "code_verifier");

    /** Can a call of this owner and name look a user up (or check a secret) when handed a secret? */
    public static boolean mayLookUpUser(String owner, String name) {
        if (startsWithAny(owner, NO_LOOKUP_OWNERS) || name.startsWith("<") || managesPasswords(name)) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        // "log" is logging, but loginCheck(ssoId) and logonWithTicket(t) log a user in.
        return lower.startsWith("login") || lower.startsWith("logon")
                || !startsWithAny(lower, TRANSFORM_PREFIXES);
    }

    /**
     * Can a call of this owner and name have found a check's stored side (a hash, a record) by what it was given?
     * Any application or library call but the JDK's, the container's and the other owners that look nothing up:
     * what it is called does not matter ({@code hashOfEmployee(badge)} finds a hash).
     */
    public static boolean mayFindStoredSide(String owner, String name) {
        return !startsWithAny(owner, NO_LOOKUP_OWNERS) && !name.startsWith("<");
    }

    /** The row types of JDBC and of Spring's JDBC support: a column is read by its label or index. */
    private static final List<String> ROW_TYPES = List.of("java/sql/ResultSet",
            "org/springframework/jdbc/support/rowset/SqlRowSet");

    /**
     * A column read of a database row ({@code row.getString("pw_hash")}, {@code row.getLong(1)}): the row is a
     * record of the application's data as a user entity's getters are, so the row whose column gave a check's
     * stored side is the checked user, and its identity columns ({@link #isIdentityColumn}) are that user's
     * identity.
     */
    public static boolean isRowColumnRead(String owner, String name, String descriptor) {
        return ROW_TYPES.contains(owner) && name.startsWith("get") && (descriptor.startsWith("(Ljava/lang/String;)")
                || descriptor.startsWith("(I)"));
    }

    /**
     * A column label that names the user's identity ({@code "id"}, {@code "account_id"}, {@code "login"},
     * {@code "user_name"}): stricter than {@link #isIdentityGetter}, since a row has columns of every kind
     * ({@code "theme_id"}, {@code "display_name"} name no user).
     */
    public static boolean isIdentityColumn(String label) {
        String normal = normalise(label);
        return normal.equals("id") || normal.equals("uid") || IDENTITY_NAMES.contains(normal)
                || containsAny(normal, IDENTITY_GETTER_PARTS) || endsWithAny(normal, IDENTITY_SUFFIXES);
    }

    /** A call that reads the identity out of a checked user ({@code getId()}, {@code getUsername()}, {@code get()}). */
    public static boolean isIdentityGetter(String name) {
        String normal = normalise(name);
        if (normal.startsWith("get")) {
            normal = normal.substring(3);
        } else if (normal.startsWith("is")) {
            normal = normal.substring(2);
        }
        return IDENTITY_GETTERS.contains(normal) || containsAny(normal, IDENTITY_GETTER_PARTS)
                || endsWithAny(normal, IDENTITY_GETTER_SUFFIXES);
    }

    /** A method name that says it yields a user's identity: findUsernameByToken, userIdFor, resolvePrincipal. */
    public static boolean namesIdentity(String methodName) {
        String normal = normalise(methodName);
        return containsAny(normal, IDENTITY_GETTER_PARTS) || normal.endsWith("id")
                || normal.endsWith("name") || normal.contains("email") || normal.contains("subject");
    }

    /**
     * JDK objects that read parts out of a text they were made from ({@code SERIAL.matcher(subjectDn)}, then
     * {@code m.group(1)}; a {@code Scanner} or {@code StringTokenizer} over it): what they answer is that text's, so a
     * part of a secret (the serial number in a client certificate's subject) is still the secret.
     */
    public static final Set<String> TEXT_READERS = Set.of("Ljava/util/regex/Matcher;", "Ljava/util/Scanner;",
            "Ljava/util/StringTokenizer;");

    /** Owners of the JDK, whose calls transform values but check no user. */
    public static boolean isJdk(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/crypto/");
    }

    private LoginCatalogue() {
    }

    /** Is this call, made in {@code slashedCaller}, a Wicket sign-in of the application (not Wicket's own)? */
    public static boolean isApplicationWicketSignIn(String slashedCaller, String owner, String name, String descriptor) {
        for (CallPattern row : WICKET_SIGN_INS) {
            if (row.matches(owner, name, descriptor) && !row.isVendorCode(slashedCaller) && row.matchesReceiver(owner)) {
                return true;
            }
        }
        return false;
    }

    /** Does one of the patterns match this call (owner, name, descriptor, and the receiver type a row names)? */
    public static boolean any(List<CallPattern> patterns, String owner, String name, String descriptor) {
        // By index, not an iterator: asked at every call of every analysed method, and before the JIT has
        // compiled this, an iterator per question was most of what the login analysis allocated.
        for (int i = 0; i < patterns.size(); i++) {
            CallPattern pattern = patterns.get(i);
            if (pattern.matches(owner, name, descriptor) && pattern.matchesReceiver(owner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request types (their wrappers too, by prefix). The per-method cost screen counts a request's calls
     * only when they reach its session or log in ({@link #REQUEST_SESSION_CALL_NAMES}): most methods of a
     * web application read a parameter, which alone cannot authenticate a session.
     */
    public static final List<String> REQUEST_TYPE_PREFIXES = List.of("javax/servlet/http/HttpServletRequest",
            "jakarta/servlet/http/HttpServletRequest");
    public static final Set<String> REQUEST_SESSION_CALL_NAMES = Set.of("getSession", "login", "logout",
            "authenticate", "changeSessionId");

    /** Names of the catalogue's any-owner calls that log in or change the id: texts for the cost screens. */
    public static List<String> anyOwnerLoginNames() {
        return ANY_OWNER_LOGIN_NAMES;
    }

    private static final List<String> ANY_OWNER_LOGIN_NAMES = java.util.stream.Stream.of(SHIRO_LOGINS, ROTATIONS,
            CONTAINER_LOGINS, SPRING_LOGINS)
            .flatMap(List::stream).filter(pattern -> pattern.owners() == null && pattern.name() != null)
            .map(CallPattern::name).distinct().sorted().collect(java.util.stream.Collectors.toUnmodifiableList());

    /** Slashed type names whose mention makes a class worth the fixation analysis. */
    public static List<String> relevantTypes() {
        return RELEVANT_TYPES;
    }

    private static final List<String> RELEVANT_TYPES = relevantTypeList();

    private static List<String> relevantTypeList() {
        List<String> types = new java.util.ArrayList<>(SessionWriteApi.SCREEN);
        types.addAll(List.of("servlet/http/HttpSession", "servlet/http/HttpServletRequest", "org/apache/shiro/subject/Subject",
                "faces/context/ExternalContext", "ActionContext", "org/apache/shiro/web/filter/authc/",
                "org/springframework/web/server/WebSession", "io/vertx/ext/web/Session", "io/javalin/http/Context",
                "org/springframework/security/core/context/SecurityContext", "security/enterprise/SecurityContext",
                "com/vaadin/flow/server/VaadinService", FrameworkSessionCatalogue.WICKET_SESSION,
                "com/blade/mvc/http/session/SessionManager",
                "org/apache/wicket/authroles/authentication/"));
        types.addAll(LoginComponent.screenTexts());
        // The owners of every id change: a helper whose only session call is one (Struts 2's
        // ((SessionMap) session).invalidate() on a map it is handed) changes the id for its callers.
        ROTATIONS.stream().filter(pattern -> pattern.owners() != null).flatMap(pattern -> pattern.owners().stream())
                .filter(owner -> !types.contains(owner)).sorted().distinct().forEach(types::add);
        return List.copyOf(types);
    }

    /** A session attribute name that identifies the user: built in, or added by this analysis' settings. */
    public static boolean isIdentityAttribute(String name, UserSettings settings) {
        if (name == null) {
            return false;
        }
        String normal = normalise(name);
        if (IDENTITY_NAMES.contains(normal) || settings.identityAttributes().contains(normal)) {
            return true;
        }
        return endsWithAny(normal, IDENTITY_SUFFIXES) || containsAny(normal, IDENTITY_PARTS);
    }

    public static boolean mentionsLogout(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return containsAny(lower, LOGOUT_WORDS);
    }

    /**
     * A call that verifies a credential by what it is: a catalogue check, a Shiro or container login,
     * an in-house login method from the settings, or a non-JDK method named like a check (the JDK's
     * {@code Signature.verify} checks no user's password).
     */
    public static boolean isCredentialCheck(String owner, String name, String descriptor, UserSettings settings) {
        boolean jdk = owner.startsWith("java/") || owner.startsWith("javax/crypto/");
        return any(CREDENTIAL_CHECKS, owner, name, descriptor) || any(SHIRO_LOGINS, owner, name, descriptor)
                || any(CONTAINER_LOGINS, owner, name, descriptor) || (!jdk && isCredentialCheckName(name))
                || settings.isLoginMethod(owner, name);
    }

    /** A method of application code that, by its name, logs in or checks a credential. */
    public static boolean isLoginMethodName(String methodName) {
        String lower = methodName.toLowerCase(Locale.ROOT);
        return LOGIN_METHOD_NAMES.contains(lower);
    }

    public static boolean isCredentialCheckName(String methodName) {
        String lower = methodName.toLowerCase(Locale.ROOT);
        if (isLoginMethodName(methodName)) {
            return true;
        }
        return containsAny(lower, CREDENTIAL_WORDS) && !managesPasswords(methodName)
                || isSecondFactorCheckName(methodName);
    }

    /** Verbs of a second factor's check ({@code checkTotp}, {@code verifyOtp}, {@code isMfaCodeValid}). */
    private static final Set<String> CHECK_VERBS = Set.of("check", "verify", "validate", "is", "confirm");

    /** Names of helpers that hash or encode a secret: {@code hash(password)}, {@code encodePassword(raw)}, {@code sha256(pw)}. */
    private static final List<String> SECRET_TRANSFORM_PREFIXES = List.of("hash", "encode", "encrypt", "digest", "md5",
            "sha1", "sha2", "sha3", "sha5", "bcrypt", "scrypt", "pbkdf", "argon", "derive");

    /**
     * Does the method's name say it hashes or encodes what it is given (a password's stored form), rather than check
     * or look anything up?
     */
    public static boolean namesSecretTransform(String methodName) {
        return startsWithAny(methodName.toLowerCase(Locale.ROOT), SECRET_TRANSFORM_PREFIXES);
    }

    /** Words (camel-case parts, lower case) naming a one-time code or second factor. */
    private static final Set<String> SECOND_FACTOR_WORDS = Set.of("totp", "hotp", "otp", "mfa", "2fa");

    /**
     * A method that, by its name, checks a second factor (a time-based or one-time code): {@code checkTotp(member,
     * code, now)}, {@code verifyOtp}, {@code validateMfaCode}, {@code verifyTwoFactorCode}. Its verb comes first and the
     * factor is a word of its own ({@code isNotPresent} holds "otp" inside a word, and is none).
     */
    public static boolean isSecondFactorCheckName(String methodName) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (Character.isUpperCase(c) && word.length() > 0 && !Character.isUpperCase(methodName.charAt(i - 1))) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
            word.append(c);
        }
        words.add(word.toString().toLowerCase(Locale.ROOT));
        String joined = String.join("", words);
        return words.size() > 1 && CHECK_VERBS.contains(words.get(0))
                && (words.stream().anyMatch(SECOND_FACTOR_WORDS::contains) || joined.contains("twofactor")
                        || joined.contains("secondfactor"));
    }

    /**
     * Code that changes, resets or stores a password verifies the old one at most: re-checking a
     * password there is not a login, so a check found inside it does not make its caller one.
     */
    public static boolean managesPasswords(String methodName) {
        String lower = methodName.toLowerCase(Locale.ROOT);
        return containsAny(lower, CREDENTIAL_WORDS)
                && startsWithAny(lower, PASSWORD_MANAGEMENT_PREFIXES);
    }

    /** Attribute names are compared without case and separators: LOGGED_IN_USER is loggedinuser. */
    public static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // Drops every character but a-z and 0-9 (the regex [^a-z0-9] replaced by "") without a regex: names are read per call.
        StringBuilder kept = null;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && kept == null) {
                kept = new StringBuilder(lower.length()).append(lower, 0, i);
            } else if (alphanumeric && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? lower : kept.toString();
    }

    /* Plain loops, not streams: these run for every call and name the analyses read. */

    private static boolean containsAny(String text, java.util.Collection<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String text, java.util.Collection<String> prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAny(String text, java.util.Collection<String> suffixes) {
        for (String suffix : suffixes) {
            if (text.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
