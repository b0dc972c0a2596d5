package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Framework features that keep application objects in the HTTP session without a visible
 * {@code HttpSession.setAttribute}: Spring MVC {@code @SessionAttributes} model attributes, session-scoped
 * beans (Spring {@code @SessionScope}/{@code @Scope("session")}, CDI {@code @SessionScoped}), and the session
 * map Struts 2 injects into a {@code SessionAware} action, and the session object Apache Wicket keeps as an
 * attribute of the HTTP session.
 */
public final class FrameworkSessionCatalogue {
    /** Spring MVC: model attributes named here are stored in the session after the handler. */
    public static final String SESSION_ATTRIBUTES = "org/springframework/web/bind/annotation/SessionAttributes";

    /** Model writes: argument 0 is the attribute name, argument 1 the value. */
    public static final List<CallPattern> MODEL_WRITES = List.of(
            CallPattern.of(Set.of("org/springframework/ui/Model", "org/springframework/ui/ModelMap",
                    "org/springframework/ui/ExtendedModelMap", "org/springframework/ui/ConcurrentModel"),
                    "addAttribute", null),
            CallPattern.of(Set.of("org/springframework/ui/ModelMap", "org/springframework/ui/ExtendedModelMap",
                    "org/springframework/ui/ConcurrentModel"), "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"),
            CallPattern.of("org/springframework/web/servlet/ModelAndView", "addObject", null));

    /** Annotations that put a bean in the session (the Spring @Scope one only with the value "session"). */
    public static final Set<String> SESSION_SCOPE_ANNOTATIONS = Set.of(
            "org/springframework/web/context/annotation/SessionScope",
            "jakarta/enterprise/context/SessionScoped", "javax/enterprise/context/SessionScoped",
            "javax/faces/bean/SessionScoped");
    public static final String SPRING_SCOPE = "org/springframework/context/annotation/Scope";
    public static final String SESSION_SCOPE_NAME = "session";

    /** Struts 2: the map given to setSession/withSession is the HTTP session. */
    public static final List<String> SESSION_AWARE = List.of("org/apache/struts2/action/SessionAware",
            "org/apache/struts2/interceptor/SessionAware");
    public static final Set<String> SESSION_AWARE_SETTERS = Set.of("setSession", "withSession");
    public static final String MAP_SIGNATURE = "Ljava/util/Map;";

    /** Apache Wicket's session, which Wicket keeps as an attribute of the HTTP session, and its sign-in subclass. */
    public static final String WICKET_SESSION = "org/apache/wicket/Session";
    public static final String WICKET_AUTHENTICATED_SESSION =
            "org/apache/wicket/authroles/authentication/AuthenticatedWebSession";


    /**
     * Framework session classes whose application subclasses live in the HTTP session (one object per
     * session, shared by everyone presenting its id): a field or setter of such a subclass that stores the user
     * is a session write, through the API the kind names. Recorded per analysis by the first pass.
     */
    public static final Map<String, LoginEventKind> SESSION_CLASSES = Map.of(WICKET_SESSION, LoginEventKind.WICKET_SESSION);
    /** Text every subclass of those mentions (its constructor takes Wicket's {@code Request}): the first pass's screen. */
    public static final List<String> SESSION_CLASS_SCREEN = List.of("org/apache/wicket/");

    /** Reactive id changes: a Mono that does nothing unless it is composed into the returned chain. */
    public static final String MONO_RESULT = ")Lreactor/core/publisher/Mono;";
    /** A Ratpack {@code Operation}: lazy as a Mono, it runs only when composed or given a {@code then}. */
    public static final String OPERATION_RESULT = ")Lratpack/exec/Operation;";

    /** Spring Security WebFlux: {@code ServerSecurityContextRepository.save(exchange, context)} keeps a login. */
    public static final CallPattern REACTIVE_CONTEXT_SAVE = CallPattern.of(Set.of(
            "org/springframework/security/web/server/context/ServerSecurityContextRepository",
            "org/springframework/security/web/server/context/WebSessionServerSecurityContextRepository"), "save",
            "(Lorg/springframework/web/server/ServerWebExchange;Lorg/springframework/security/core/context/SecurityContext;)"
                    + "Lreactor/core/publisher/Mono;");
    /**
     * Its WebSession implementation changes the id on every save ({@code .flatMap(WebSession::changeSessionId)},
     * in 5.x to 7.x): a save there is a login with a new id.
     */
    public static final String ROTATING_CONTEXT_REPOSITORY =
            "org/springframework/security/web/server/context/WebSessionServerSecurityContextRepository";
    /** Keeps nothing anywhere (stateless chains): a save there is no session login. */
    public static final String NO_OP_CONTEXT_REPOSITORY =
            "org/springframework/security/web/server/context/NoOpServerSecurityContextRepository";
    /** {@code WebSession.changeSessionId}, also as a method reference composed into a chain. */
    public static final String WEB_SESSION = "org/springframework/web/server/WebSession";
    public static final String CHANGE_SESSION_ID = "changeSessionId";

    /**
     * Field annotations that make the field a session attribute: Apache Tapestry 5 rewrites every read and write of a
     * page's or component's {@code @SessionState} field into its {@code ApplicationStateManager}, which keeps the
     * object in the servlet session (an attribute, {@code "sso:" + class}); {@code @SessionAttribute} keeps the field
     * under a session attribute of its name. The session keeps its id: Tapestry 5's own {@code Session} has no id
     * change.
     */
    public static final Set<String> SESSION_FIELD_ANNOTATIONS = Set.of(
            "org/apache/tapestry5/annotations/SessionState", "org/apache/tapestry5/annotations/SessionAttribute");

    /** Names whose mention makes a class worth the fixation analysis (session-scoped classes come from the first pass). */
    public static final List<String> SCREEN = List.of(SESSION_ATTRIBUTES, "org/apache/struts2/action/SessionAware",
            "org/apache/tapestry5/annotations/SessionState", "org/apache/tapestry5/annotations/SessionAttribute",
            "org/apache/struts2/interceptor/SessionAware",
            "org/springframework/security/web/server/context/ServerSecurityContextRepository", ROTATING_CONTEXT_REPOSITORY);

    private FrameworkSessionCatalogue() {
    }
}
