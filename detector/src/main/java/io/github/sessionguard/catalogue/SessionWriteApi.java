package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Set;

/**
 * Calls that write an attribute of the HTTP session, with where their attribute name and value are.
 * Besides {@code HttpSession.setAttribute}, real applications reach the session through framework helpers:
 * Spring's {@code WebUtils.setSessionAttribute(request, name, value)}, Spring's request attributes with the
 * session scope ({@code RequestContextHolder.currentRequestAttributes().setAttribute(name, value,
 * RequestAttributes.SCOPE_SESSION)}), and Shiro's {@code Session} (which, in a web application, is the
 * servlet session or Shiro's own web session: either keeps its id when the user is stored), and Spark Java's
 * {@code Session.attribute(name, value)} (the Jetty servlet session underneath), and JFinal's
 * {@code Controller.setSessionAttr(name, value)} (the servlet session), and Vaadin Flow's {@code WrappedSession}
 * and {@code VaadinSession} (the servlet session, and the object Vaadin keeps in it), and Apache Wicket's
 * {@code Session.setAttribute} (the servlet session's attribute, under Wicket's prefix), and Blade 2.0's
 * {@code Session.attribute(name, value)} (its own session store, keyed by the {@code SESSION} cookie), and Vert.x
 * Web's {@code Session.put(name, value)} and Javalin's {@code ctx.sessionAttribute(name, value)}, and the core
 * sessions of Undertow and Jetty 12 ({@code Session.setAttribute(name, value)}, keyed by their {@code JSESSIONID}),
 * and ZK's {@code Session.setAttribute(name, value)} (the servlet session's attribute), and Jooby's
 * {@code Session.put(name, value)} (its own store, keyed by the {@code jooby.sid} cookie), and Micronaut's
 * {@code Session.put(name, value)} (micronaut-session's store, keyed by the {@code SESSION} cookie), Apache
 * Tapestry 5's {@code ApplicationStateManager.set(Type.class, value)} and {@code Session.setAttribute(name, value)}
 * (the servlet session's attribute), and Ratpack's {@code Session.set(...)} (ratpack-session's store, keyed by its
 * session cookie).
 */
public final class SessionWriteApi {
    /** No argument restricts the row. */
    public static final int ANY = -1;

    private final CallPattern call;
    private final int nameArgument;
    private final int valueArgument;
    private final int scopeArgument;
    private final int scopeValue;
    private final LoginEventKind kind;

    private SessionWriteApi(CallPattern call, int nameArgument, int valueArgument, int scopeArgument, int scopeValue,
            LoginEventKind kind) {
        this.call = call;
        this.nameArgument = nameArgument;
        this.valueArgument = valueArgument;
        this.scopeArgument = scopeArgument;
        this.scopeValue = scopeValue;
        this.kind = kind;
    }

    /** {@code RequestAttributes.SCOPE_SESSION}. */
    private static final int SPRING_SCOPE_SESSION = 1;

    private static final Set<String> SPRING_REQUEST_ATTRIBUTES = Set.of(
            "org/springframework/web/context/request/RequestAttributes",
            "org/springframework/web/context/request/ServletRequestAttributes",
            "org/springframework/web/context/request/AbstractRequestAttributes",
            "org/springframework/web/context/request/WebRequest",
            "org/springframework/web/context/request/NativeWebRequest",
            "org/springframework/web/context/request/ServletWebRequest",
            "org/springframework/web/context/request/FacesRequestAttributes",
            "org/springframework/web/context/request/FacesWebRequest");

    private static final String JFINAL_CONTROLLER = "com/jfinal/core/Controller";
    private static final String VAADIN_WRAPPED_SESSION = "com/vaadin/flow/server/WrappedSession";
    private static final String VAADIN_SESSION = "com/vaadin/flow/server/VaadinSession";
    private static final Set<String> BLADE_SESSION = Set.of("com/blade/mvc/http/Session", "com/blade/mvc/http/HttpSession");
    private static final String VERTX_SESSION = "io/vertx/ext/web/Session";
    private static final String JAVALIN_CONTEXT = "io/javalin/http/Context";
    private static final String UNDERTOW_SESSION = "io/undertow/server/session/Session";
    private static final String JETTY_SESSION = "org/eclipse/jetty/server/Session";
    private static final String ZK_SESSION = "org/zkoss/zk/ui/Session";
    private static final String JOOBY_SESSION = "io/jooby/Session";
    private static final String MICRONAUT_SESSION = "io/micronaut/session/Session";
    /** Apache Tapestry 5's session state objects (tapestry-core, 5.0 to 5.8). */
    private static final String TAPESTRY_STATE_MANAGER = "org/apache/tapestry5/services/ApplicationStateManager";
    /** Apache Tapestry 5's own session: tapestry-core's before 5.7, tapestry-http's from 5.7 on. */
    public static final Set<String> TAPESTRY_SESSIONS = Set.of("org/apache/tapestry5/services/Session",
            "org/apache/tapestry5/http/services/Session");
    /** Ratpack's session (an Operation per write) and the data it loads ({@code session.getData()}). */
    private static final List<String> RATPACK_SESSIONS = List.of("ratpack/session/Session", "ratpack/session/SessionData");

    /** Session writes other than {@code HttpSession}'s own (those are {@link LoginCatalogue#SESSION_WRITES}). */
    public static final List<SessionWriteApi> HELPER_WRITES = List.of(
            new SessionWriteApi(CallPattern.of("org/springframework/web/util/WebUtils", "setSessionAttribute", null),
                    1, 2, ANY, 0, LoginEventKind.SESSION_ATTRIBUTE),
            new SessionWriteApi(CallPattern.of(SPRING_REQUEST_ATTRIBUTES, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;I)V"), 0, 1, 2, SPRING_SCOPE_SESSION,
                    LoginEventKind.SESSION_ATTRIBUTE),
            new SessionWriteApi(CallPattern.of("org/apache/shiro/session/Session", "setAttribute",
                    "(Ljava/lang/Object;Ljava/lang/Object;)V"), 0, 1, ANY, 0, LoginEventKind.SHIRO_SESSION_ATTRIBUTE),
            // Spark Java: request.session().attribute(name, value) sets the attribute of the Jetty servlet session.
            new SessionWriteApi(CallPattern.of("spark/Session", "attribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
                    0, 1, ANY, 0, LoginEventKind.SPARK_SESSION_ATTRIBUTE),
            // JFinal: a controller's own setSessionAttr(name, value), request.getSession(true).setAttribute(name,
            // value) in its bytecode (5.x); called on the application's subclass, so matched by receiver type.
            new SessionWriteApi(CallPattern.onReceiver(List.of(JFINAL_CONTROLLER), "setSessionAttr",
                    "(Ljava/lang/String;Ljava/lang/Object;)"), 0, 1, ANY, 0, LoginEventKind.JFINAL_SESSION_ATTRIBUTE),
            // Vaadin Flow: the request's wrapped servlet session, and the VaadinSession stored in the servlet
            // session (by name, or by a class: setAttribute(User.class, user)).
            new SessionWriteApi(CallPattern.of(VAADIN_WRAPPED_SESSION, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)V"), 0, 1, ANY, 0, LoginEventKind.VAADIN_SESSION_ATTRIBUTE),
            new SessionWriteApi(CallPattern.of(VAADIN_SESSION, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)V"), 0, 1, ANY, 0, LoginEventKind.VAADIN_SESSION_ATTRIBUTE),
            new SessionWriteApi(CallPattern.of(VAADIN_SESSION, "setAttribute",
                    "(Ljava/lang/Class;Ljava/lang/Object;)V"), 0, 1, ANY, 0, LoginEventKind.VAADIN_SESSION_ATTRIBUTE),
            // Apache Wicket: Session.setAttribute(name, value), on Wicket's Session or the application's subclass
            // (matched by its arguments: newer releases answer the session, older ones nothing).
            new SessionWriteApi(CallPattern.onKnownReceiver(List.of(FrameworkSessionCatalogue.WICKET_SESSION), "setAttribute",
                    "(Ljava/lang/String;Ljava/io/Serializable;)"), 0, 1, ANY, 0, LoginEventKind.WICKET_SESSION),
            // Blade 2.0: request.session().attribute(name, value), or a Session handed to the route method.
            new SessionWriteApi(CallPattern.of(BLADE_SESSION, "attribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
                    0, 1, ANY, 0, LoginEventKind.BLADE_SESSION_ATTRIBUTE),
            // Vert.x Web: routingContext.session().put(name, value), its own session store keyed by the cookie.
            new SessionWriteApi(CallPattern.of(VERTX_SESSION, "put", "(Ljava/lang/String;Ljava/lang/Object;)L"
                    + VERTX_SESSION + ";"), 0, 1, ANY, 0, LoginEventKind.VERTX_SESSION),
            // Jooby 2/3: ctx.session().put(name, value), every overload (String, CharSequence, numbers, boolean);
            // its own store keyed by the jooby.sid cookie, which keeps the presented id (JoobyCookieDefaultsTest).
            new SessionWriteApi(CallPattern.withArguments(List.of(JOOBY_SESSION), "put", "(Ljava/lang/String;"), 0, 1,
                    ANY, 0, LoginEventKind.JOOBY_SESSION),
            // Micronaut 4: session.put(name, value) (MutableConvertibleValues' put, named on Session by javac); its
            // own store keyed by the SESSION cookie, which keeps the presented id (MicronautSessionLoginTest).
            new SessionWriteApi(CallPattern.withArguments(List.of(MICRONAUT_SESSION), "put",
                    "(Ljava/lang/CharSequence;Ljava/lang/Object;)"), 0, 1, ANY, 0, LoginEventKind.MICRONAUT_SESSION),
            // Ratpack 1.x: session.set(name, value), by a String, a SessionKey or a Class (with or without a serializer),
            // or set(value) under the value's class; also on the SessionData it loads. Its store is keyed by the id
            // the session cookie presents, kept until terminate() (ratpack-session 1.9 CookieBasedSessionId).
            new SessionWriteApi(CallPattern.withArguments(RATPACK_SESSIONS, "set", "(Ljava/lang/String;"), 0, 1, ANY, 0,
                    LoginEventKind.RATPACK_SESSION),
            new SessionWriteApi(CallPattern.withArguments(RATPACK_SESSIONS, "set", "(Lratpack/session/SessionKey;"), 0, 1,
                    ANY, 0, LoginEventKind.RATPACK_SESSION),
            new SessionWriteApi(CallPattern.withArguments(RATPACK_SESSIONS, "set", "(Ljava/lang/Class;"), 0, 1, ANY, 0,
                    LoginEventKind.RATPACK_SESSION),
            new SessionWriteApi(CallPattern.withArguments(RATPACK_SESSIONS, "set", "(Ljava/lang/Object;"), ANY, 0, ANY, 0,
                    LoginEventKind.RATPACK_SESSION),
            // Javalin: ctx.sessionAttribute(name, value) and its cached form set the servlet session's attribute.
            new SessionWriteApi(CallPattern.of(JAVALIN_CONTEXT, "sessionAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
                    0, 1, ANY, 0, LoginEventKind.JAVALIN_SESSION_ATTRIBUTE),
            new SessionWriteApi(CallPattern.of(JAVALIN_CONTEXT, "cachedSessionAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)V"), 0, 1, ANY, 0, LoginEventKind.JAVALIN_SESSION_ATTRIBUTE),
            // Undertow core: Sessions.getOrCreateSession(exchange).setAttribute(name, value), its own session store
            // keyed by the JSESSIONID cookie (UndertowSessionLoginTest: the write keeps the planted id).
            new SessionWriteApi(CallPattern.of(UNDERTOW_SESSION, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;"), 0, 1, ANY, 0,
                    LoginEventKind.UNDERTOW_SESSION_ATTRIBUTE),
            // Jetty 12 core: request.getSession(true).setAttribute(name, value) (JettyRenewOnAuthenticationTest).
            new SessionWriteApi(CallPattern.of(JETTY_SESSION, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;"), 0, 1, ANY, 0,
                    LoginEventKind.JETTY_SESSION_ATTRIBUTE),
            // ZK: Sessions.getCurrent().setAttribute(name, value) sets the servlet session's attribute (its
            // SimpleSession.setAttr, read with javap: HttpSession.setAttribute), keeping the id.
            new SessionWriteApi(CallPattern.of(ZK_SESSION, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;"), 0, 1, ANY, 0,
                    LoginEventKind.ZK_SESSION_ATTRIBUTE),
            // ... and its Scope form, setAttribute(name, value, recurse): a session has no parent scope to recurse to.
            new SessionWriteApi(CallPattern.of(ZK_SESSION, "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;Z)Ljava/lang/Object;"), 0, 1, ANY, 0,
                    LoginEventKind.ZK_SESSION_ATTRIBUTE),
            // Apache Tapestry 5: stateManager.set(User.class, user) stores a session state object; with the default
            // "session" strategy that is request.getSession(true).setAttribute("sso:" + class, user) on the session
            // the browser presented (ApplicationStateManagerImpl, SessionApplicationStatePersistenceStrategy; 5.4.5
            // and 5.8.7 bytecode). The class given is the name.
            new SessionWriteApi(CallPattern.of(TAPESTRY_STATE_MANAGER, "set", "(Ljava/lang/Class;Ljava/lang/Object;)V"),
                    0, 1, ANY, 0, LoginEventKind.TAPESTRY_SESSION),
            // ... and Tapestry's own Session.setAttribute(name, value), the servlet session's attribute.
            new SessionWriteApi(CallPattern.of(TAPESTRY_SESSIONS, "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
                    0, 1, ANY, 0, LoginEventKind.TAPESTRY_SESSION));

    /**
     * Calls that make a new session under a fresh random id (Vert.x Web's {@code store.createSession(timeout)}): what
     * is written into it binds nothing the client presented.
     */
    public static final List<CallPattern> NEW_SESSIONS = List.of(
            CallPattern.of("io/vertx/ext/web/sstore/SessionStore", "createSession", null),
            // Micronaut 4: a new session under a new id, not the one the request presented (bound to the request by
            // the application, or by SessionForRequest.create).
            CallPattern.of("io/micronaut/session/SessionStore", "newSession", "()Lio/micronaut/session/Session;"));

    /**
     * Names whose mention makes a class worth the fixation analysis. JFinal's method name too: a controller
     * that extends the application's own base controller names only that base and itself as the call's owner.
     */
    public static final List<String> SCREEN = List.of("org/springframework/web/util/WebUtils",
            "org/springframework/web/context/request/", "org/apache/shiro/session/Session", "spark/Session",
            JFINAL_CONTROLLER, "setSessionAttr", VAADIN_WRAPPED_SESSION, VAADIN_SESSION,
            FrameworkSessionCatalogue.WICKET_SESSION, "com/blade/mvc/http/Session", "com/blade/mvc/http/HttpSession",
            VERTX_SESSION, JAVALIN_CONTEXT, UNDERTOW_SESSION, JETTY_SESSION, ZK_SESSION, JOOBY_SESSION, MICRONAUT_SESSION,
            TAPESTRY_STATE_MANAGER, "org/apache/tapestry5/services/Session", "org/apache/tapestry5/http/services/Session",
            RATPACK_SESSIONS.get(0), RATPACK_SESSIONS.get(1));

    public CallPattern call() {
        return call;
    }

    public int nameArgument() {
        return nameArgument;
    }

    public int valueArgument() {
        return valueArgument;
    }

    /** The argument that must hold {@link #scopeValue()} for the write to reach the session, or {@link #ANY}. */
    public int scopeArgument() {
        return scopeArgument;
    }

    public int scopeValue() {
        return scopeValue;
    }

    /**
     * Whose session it is, which names the write and its fix: a servlet session, a Shiro session (fixed by
     * stopping it before the user is stored), a Spark {@code Session}, a JFinal controller's session.
     */
    public LoginEventKind kind() {
        return kind;
    }

    /** The row matching this call (its receiver type too, for rows matched on the receiver), or null. */
    public static SessionWriteApi find(String owner, String name, String descriptor) {
        for (SessionWriteApi row : HELPER_WRITES) {
            if (row.call.matches(owner, name, descriptor) && row.call.matchesReceiver(owner)) {
                return row;
            }
        }
        return null;
    }
}
