package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * The calls that choose how a session id travels, and the constants that mean "in the URL". Servlet
 * {@code ServletContext.setSessionTrackingModes} (javax, jakarta), Spring Boot's
 * {@code Session.setTrackingModes} (on a {@code ConfigurableServletWebServerFactory}), Jetty's
 * {@code SessionHandler.setSessionTrackingModes}; and session configurations that put the id in URLs by being made
 * (Undertow's {@code PathParameterSessionConfig}).
 */
public final class SessionTrackingApi {
    /** A setter: owner (slashed) and method name; the set is its only argument. */
    public static final class Setter {
        public final CallPattern call;
        public final String display;

        Setter(String owner, String name, String display) {
            this.call = CallPattern.of(owner, name, null);
            this.display = display;
        }

        /** The fix offered where this setter turns URL tracking on. */
        public String fix() {
            return "track sessions by cookie only, e.g. " + display + "(EnumSet.of(SessionTrackingMode.COOKIE))";
        }
    }

    public static final List<Setter> SETTERS = List.of(
            new Setter("javax/servlet/ServletContext", "setSessionTrackingModes", "ServletContext.setSessionTrackingModes"),
            new Setter("jakarta/servlet/ServletContext", "setSessionTrackingModes",
                    "ServletContext.setSessionTrackingModes"),
            new Setter("org/springframework/boot/web/servlet/server/Session", "setTrackingModes",
                    "Session.setTrackingModes"),
            new Setter("org/springframework/boot/web/server/servlet/Session", "setTrackingModes",
                    "Session.setTrackingModes"),
            new Setter("org/eclipse/jetty/session/SessionHandler", "setSessionTrackingModes",
                    "SessionHandler.setSessionTrackingModes"),
            new Setter("org/eclipse/jetty/ee10/servlet/SessionHandler", "setSessionTrackingModes",
                    "SessionHandler.setSessionTrackingModes"));

    /** An object that, once made, carries the session id in URLs: the constructor call and the fix. */
    public static final class UrlConfig {
        public final CallPattern call;
        public final String display;
        public final String fix;

        UrlConfig(String owner, String display, String fix) {
            this(CallPattern.of(owner, "<init>", null), display, fix);
        }

        UrlConfig(CallPattern call, String display, String fix) {
            this.call = call;
            this.display = display;
            this.fix = fix;
        }
    }

    /**
     * Undertow's {@code PathParameterSessionConfig}: the session id travels as {@code ;jsessionid=} in URLs, and a
     * session named in a link's URL is the request's (UndertowSessionLoginTest).
     */
    public static final List<UrlConfig> URL_CONFIGS = List.of(
            new UrlConfig("io/undertow/server/session/PathParameterSessionConfig", "new PathParameterSessionConfig()",
                    "keep the id in a cookie: new SessionCookieConfig() (setSecure(true), setHttpOnly(true))"));

    /**
     * Switches that, turned on ({@code true}), write the session id into the links a framework encodes: Shiro's
     * {@code DefaultWebSessionManager.setSessionIdUrlRewritingEnabled(true)} (ShiroUrlRewritingTest: the links encoded
     * for a client whose id did not come in a cookie carry {@code ;JSESSIONID=}; Shiro takes an id from a link either
     * way). Also on the application's
     * subclasses of the manager. Spring Security's {@code enableSessionUrlRewriting(true)}: its chain stops keeping
     * ids out of the links the container encodes (SpringUrlRewritingTest).
     */
    public static final List<UrlConfig> URL_SWITCHES = List.of(
            new UrlConfig(CallPattern.onKnownReceiver(List.of("org/apache/shiro/web/session/mgt/DefaultWebSessionManager"),
                    "setSessionIdUrlRewritingEnabled", "(Z)V"), "sessionManager.setSessionIdUrlRewritingEnabled(true)",
                    "leave it off (the default): sessionManager.setSessionIdUrlRewritingEnabled(false)"),
            // Spring Security's chain keeps the container from writing ids into encoded links unless told otherwise
            // (SpringUrlRewritingTest).
            new UrlConfig(CallPattern.of("org/springframework/security/config/annotation/web/configurers/"
                    + "SessionManagementConfigurer", "enableSessionUrlRewriting", null),
                    "Spring Security sessionManagement().enableSessionUrlRewriting(true)",
                    "leave it off (the default): drop it, or enableSessionUrlRewriting(false)"),
            // Jetty 12 core sessions: the manager takes a requested id from a ;jsessionid= URI parameter and writes it
            // into the links it encodes (AbstractSessionManager.resolveRequestedSessionId and encodeURI ask the switch).
            new UrlConfig(CallPattern.onKnownReceiver(List.of("org/eclipse/jetty/session/AbstractSessionManager"),
                    "setUsingUriParameters", "(Z)V"), "sessionHandler.setUsingUriParameters(true)",
                    "leave it off (the default): setUsingUriParameters(false), the id in the session cookie"),
            // Vert.x Web: a cookieless handler reads the session id from the request path (SessionHandlerImpl.getSessionId).
            new UrlConfig(CallPattern.onKnownReceiver(List.of("io/vertx/ext/web/handler/SessionHandler"),
                    "setCookieless", "(Z)Lio/vertx/ext/web/handler/SessionHandler;"), "SessionHandler.setCookieless(true)",
                    "keep the id in the session cookie: drop it, or setCookieless(false)"));

    /** Enum types whose constant {@code URL} puts the session id into URLs. */
    public static final List<String> MODE_TYPES = List.of("javax/servlet/SessionTrackingMode",
            "jakarta/servlet/SessionTrackingMode", "org/springframework/boot/web/servlet/server/Session$SessionTrackingMode",
            "org/springframework/boot/web/server/servlet/Session$SessionTrackingMode");

    public static final String URL = "URL";

    private SessionTrackingApi() {
    }

    public static Setter setter(String owner, String name) {
        for (Setter setter : SETTERS) {
            if (setter.call.matches(owner, name, null)) {
                return setter;
            }
        }
        return null;
    }

    /** The URL configuration this constructor call makes, or null. */
    public static UrlConfig urlConfig(String owner, String name) {
        for (UrlConfig config : URL_CONFIGS) {
            if (config.call.matches(owner, name, null)) {
                return config;
            }
        }
        return null;
    }

    /** The URL switch this call turns (on, when given {@code true}), or null. */
    public static UrlConfig urlSwitch(String owner, String name, String descriptor) {
        for (UrlConfig urlSwitch : URL_SWITCHES) {
            if (urlSwitch.call.matches(owner, name, descriptor) && urlSwitch.call.matchesReceiver(owner)) {
                return urlSwitch;
            }
        }
        return null;
    }

    /** Texts whose absence from a class's constant pool rules out URL tracking set in its code. */
    public static List<String> screenTexts() {
        List<String> texts = new java.util.ArrayList<>(MODE_TYPES);
        URL_CONFIGS.forEach(config -> texts.addAll(config.call.owners()));
        URL_SWITCHES.forEach(urlSwitch -> texts.add(urlSwitch.call.name()));
        return List.copyOf(texts);
    }

    public static boolean isModeType(String slashedOwner) {
        return MODE_TYPES.contains(slashedOwner);
    }
}
