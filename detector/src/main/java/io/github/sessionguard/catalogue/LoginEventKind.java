package io.github.sessionguard.catalogue;

/** How a session becomes authenticated, and how a user of that API gives it a new id. */
public enum LoginEventKind {
    /** The user's identity stored as a session attribute. */
    SESSION_ATTRIBUTE("request.changeSessionId() before storing the user (or session.invalidate() and a new request.getSession(true))"),
    /** The user's identity put into a framework's session map (JSF, Struts 2). */
    SESSION_MAP("session map key", "end the old session before the put: externalContext.invalidateSession() (JSF) or "
            + "((SessionMap) session).invalidate() (Struts 2), or request.changeSessionId(); in WebFlux, return "
            + "webSession.changeSessionId() composed into the handler's Mono"),
    /** The user's identity put into a Vert.x Web session. */
    VERTX_SESSION("Vert.x session key", "session.regenerateId() before storing the user (Vert.x Web)"),
    /** The user's identity stored by Javalin's {@code ctx.sessionAttribute(name, value)} (the servlet session). */
    JAVALIN_SESSION_ATTRIBUTE("Javalin session attribute", "ctx.req().changeSessionId() before storing the user "
            + "(or ctx.req().getSession().invalidate() and a new ctx.req().getSession(true))"),
    /** The user's identity put into a Jooby {@code Session} (its own store, keyed by the {@code jooby.sid} cookie). */
    JOOBY_SESSION("Jooby session key", "ctx.session().renewId() before storing the user (or session.destroy() and a new "
            + "ctx.session())"),
    /**
     * The user's identity set in a Ratpack {@code Session} (ratpack-session's store, keyed by the id the browser's
     * session cookie presents, which it keeps until the session is terminated).
     */
    RATPACK_SESSION("Ratpack session key", "terminate the session first, composed before the write: "
            + "session.terminate().next(session.set(...)) (the next write then gets a new id)"),
    /** The user's identity put into a Micronaut {@code Session} (micronaut-session's store, keyed by the SESSION cookie). */
    MICRONAUT_SESSION("Micronaut session key", "sessionStore.deleteSession(session.getId()), then store the user in "
            + "SessionForRequest.create(sessionStore, request) (a new session bound to the request, sent with a new id)"),
    /** A programmatic Spring Security login. */
    SPRING_SECURITY("sessionAuthenticationStrategy.onAuthentication(authentication, request, response) "
            + "(a ChangeSessionIdAuthenticationStrategy) or request.changeSessionId() after authenticating"),
    /** A Spring Security WebFlux context saved by a repository that keeps the WebSession's id. */
    REACTIVE_SECURITY_CONTEXT("compose the id change into the returned Mono after the save "
            + "(.then(exchange.getSession().flatMap(WebSession::changeSessionId))), or save with "
            + "WebSessionServerSecurityContextRepository, which changes the id itself"),
    /** The user's identity stored in a Shiro {@code Session} (the servlet session, or Shiro's web session). */
    SHIRO_SESSION_ATTRIBUTE("Shiro session attribute", "subject.logout() (or session.stop()) before storing the user, then a new "
            + "subject.getSession() (Shiro keeps the session id otherwise)"),
    /** The user's identity stored through Spark Java's {@code Session} (the Jetty servlet session underneath). */
    SPARK_SESSION_ATTRIBUTE("Spark session attribute", "request.raw().changeSessionId() before storing the user "
            + "(or request.session().invalidate() and a new request.session(true))"),
    /** The user's identity stored by a JFinal {@code Controller.setSessionAttr} (the servlet session underneath). */
    JFINAL_SESSION_ATTRIBUTE("JFinal session attribute", "getSession().invalidate() before setSessionAttr(...) (it then "
            + "creates a new session), or getRequest().changeSessionId()"),
    /**
     * The user's identity stored in a Vaadin Flow session: the request's {@code WrappedSession} (the servlet
     * session) or the {@code VaadinSession} the servlet session holds.
     */
    VAADIN_SESSION_ATTRIBUTE("Vaadin session attribute", "VaadinService.reinitializeSession(VaadinService.getCurrentRequest()) "
            + "before storing the user (it moves the session's attributes to a new servlet session, with a new id)"),
    /**
     * The user stored in an Apache Wicket session (Wicket keeps it in the servlet session): a field or setter
     * of the application's {@code Session} subclass, or {@code Session.setAttribute}.
     */
    WICKET_SESSION("Wicket session attribute", Wicket.FIX),
    /**
     * Apache Wicket's {@code AuthenticatedWebSession.signIn}: binds the session as signed in and keeps its id.
     * It answers whether the check passed, and signs nobody in when it did not.
     */
    WICKET_SIGN_IN(Wicket.FIX),
    /**
     * A Wicket sign-in component the application puts on a page ({@code SignInPanel}, {@code SignInPage}): its
     * form calls {@code signIn} for the application, then {@code onSignInSucceeded()}, and changes no id.
     */
    WICKET_SIGN_IN_PANEL("override onSignInSucceeded() in a SignInPanel subclass to call getSession().changeSessionId() "
            + "before super.onSignInSucceeded() (SignInPage's own panel cannot be changed: put such a panel on your page)"),
    /**
     * The Java CAS client's ticket-validation filter: it stores the validated assertion in the session and keeps
     * the id; its {@code onSuccessfulValidation} hook runs right after.
     */
    CAS_TICKET_VALIDATION("subclass the filter and call request.changeSessionId() in onSuccessfulValidation(request, "
            + "response, assertion), and configure that subclass instead"),
    /** The user's identity stored in a Blade 2.0 {@code Session}, which Blade keys by the id the browser presents. */
    BLADE_SESSION_ATTRIBUTE("Blade session attribute", "Blade's Session keeps its id: before storing the user, "
            + "sessionManager.destorySession(session), then session.id(a new random id) and "
            + "sessionManager.createSession(session) (Blade then sends the new id as its SESSION cookie)"),
    /** The user's identity stored in Undertow core's own {@code Session} (a {@code SessionAttachmentHandler}'s). */
    UNDERTOW_SESSION_ATTRIBUTE("Undertow session attribute", "session.changeSessionId(exchange, sessionConfig) before "
            + "storing the user (Undertow core)"),
    /** The user's identity stored in Jetty 12's core {@code Session} (a core {@code SessionHandler}'s). */
    JETTY_SESSION_ATTRIBUTE("Jetty session attribute", "session.renewId(request, response) before storing the user "
            + "(Jetty 12 core)"),
    /** The user's identity stored in a ZK {@code Session} (its {@code setAttribute} sets the servlet session's). */
    ZK_SESSION_ATTRIBUTE("ZK session attribute", "((HttpServletRequest) Executions.getCurrent().getNativeRequest())"
            + ".changeSessionId() before storing the user (ZK's Session is the servlet session and keeps its id)"),
    /**
     * The user kept by Apache Tapestry 5 in the servlet session: a session state object stored with
     * {@code ApplicationStateManager.set(Type.class, user)} (what a {@code @SessionState} field's assignment becomes), a
     * {@code @SessionState}/{@code @SessionAttribute} field, or Tapestry's {@code Session.setAttribute}. Tapestry's
     * {@code Session} has no id change (tapestry-core 5.4.5, tapestry-http 5.8.7): it is invalidated, and the request's
     * next session (the one {@code ApplicationStateManager.set} asks for) is a new one.
     */
    TAPESTRY_SESSION("Tapestry session state", "Session old = request.getSession(false); if (old != null) "
            + "old.invalidate(); before storing the user (Tapestry's Session has no id change; the store then creates a "
            + "new session), or changeSessionId() on the servlet request (RequestGlobals.getHTTPServletRequest())"),
    /** Apache Shiro's {@code Subject.login}. */
    SHIRO("subject.getSession().stop() (or subject.logout()) before subject.login(token)"),
    /** A login performed by the container, which normally changes the id itself. */
    CONTAINER("request.changeSessionId() after the login, unless the container's own id change on authentication "
            + "is known to be on");

    /** The fix where the identity is written to the session invalidated just before (it throws). */
    public static final String REUSED_INVALIDATED_SESSION_FIX =
            "store it in the new session: request.getSession(true).setAttribute(...) after invalidate()";

    /** Fix texts shared by several kinds (an enum constant cannot name the enum's own static fields). */
    private static final class Wicket {
        static final String FIX = "Session.get().changeSessionId() before signing the user in or storing it "
                + "(Wicket; replaceSession() gives a new session)";
    }

    private final String noun;
    private final String fix;

    LoginEventKind(String fix) {
        this("session attribute", fix);
    }

    /** {@code noun}: what a stored name is called in the finding ("Shiro session attribute \"user\""). */
    LoginEventKind(String noun, String fix) {
        this.noun = noun;
        this.fix = fix;
    }

    /** What a written name is, in the finding's words (for kinds that write a named value). */
    public String noun() {
        return noun;
    }

    public String fix() {
        return fix;
    }

    /**
     * The login happens only when the check it makes passes (Wicket's {@code signIn} answers false and signs
     * nobody in): on a credential check's failure branch the path carries none.
     */
    public boolean holdsOnlyIfCheckPasses() {
        return this == WICKET_SIGN_IN;
    }

    /**
     * The login checks the credential itself, out of the method's sight (a framework component's form, or its
     * ticket validation): the
     * method is a login path, reported where the login happens and ranked as one with a credential check.
     */
    public boolean checksCredentialItself() {
        return this == WICKET_SIGN_IN_PANEL || this == CAS_TICKET_VALIDATION;
    }

    /**
     * The login is one by what it is, whatever else the method does (a Shiro or container login, a sign-in
     * component): the method is a login path.
     */
    public boolean isLoginByItself() {
        return this == SHIRO || this == CONTAINER || checksCredentialItself();
    }
}
