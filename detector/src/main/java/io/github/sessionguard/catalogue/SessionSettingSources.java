package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * Where else than in settings files an application decides its session cookie: code that names these
 * types configures it (and the cookie detector judges that code), so the container's defaults no longer
 * speak for the application. Matched as constant-pool text (type name prefixes).
 */
public final class SessionSettingSources {
    /** An application naming one of these serves HTTP through servlets or Spring's web stack. */
    public static final List<String> WEB_TYPES = java.util.stream.Stream.of(ContainerApis.PACKAGES,
            List.of("org/springframework/web/", "org/springframework/stereotype/Controller"))
            .flatMap(List::stream).collect(java.util.stream.Collectors.toUnmodifiableList());

    /**
     * An application naming one of these serves HTTP through Spring WebFlux (its server side: not a WebClient nor a
     * ResponseStatusException, which MVC applications name too): its session cookie is WebFlux's
     * ({@code server.reactive.session.cookie.*}) when it names no servlet type (see
     * {@link BootSessionKeys#WEB_APPLICATION_TYPE}).
     */
    public static final List<String> REACTIVE_WEB_TYPES = List.of("org/springframework/web/server/ServerWebExchange",
            "org/springframework/web/server/WebFilter", "org/springframework/web/server/WebSession",
            "org/springframework/http/server/reactive/ServerHttpRequest",
            "org/springframework/http/server/reactive/ServerHttpResponse",
            "org/springframework/web/reactive/function/server/");

    /** The session cookie configured in code: every flag is decided there, not by the defaults. */
    public static final List<String> SESSION_COOKIE_IN_CODE = List.of("javax/servlet/SessionCookieConfig",
            "jakarta/servlet/SessionCookieConfig", "org/springframework/session/web/http/DefaultCookieSerializer",
            "org/springframework/session/web/http/CookieSerializer",
            "org/springframework/boot/web/servlet/server/Session$Cookie",
            "org/springframework/boot/web/server/Cookie");

    /** An application-wide SameSite policy for every cookie, the session cookie included. */
    public static final List<String> SAME_SITE_IN_CODE = List.of(
            "org/springframework/boot/web/servlet/server/CookieSameSiteSupplier",
            "org/springframework/boot/web/server/servlet/CookieSameSiteSupplier",
            "org/apache/tomcat/util/http/Rfc6265CookieProcessor");

    /**
     * A Spring Session store on the classpath: Spring Boot then replaces the container's session with
     * Spring Session's, whose cookie is {@code SESSION} with SameSite=Lax by default. spring-session-core
     * alone activates nothing.
     */
    public static final List<String> SPRING_SESSION_STORES = List.of(
            "org/springframework/session/jdbc/JdbcIndexedSessionRepository.class",
            "org/springframework/session/data/redis/RedisIndexedSessionRepository.class",
            "org/springframework/session/data/redis/RedisSessionRepository.class",
            "org/springframework/session/data/mongo/MongoIndexedSessionRepository.class",
            "org/springframework/session/hazelcast/HazelcastIndexedSessionRepository.class");

    /** The annotation that marks the class users know as "the application" in a Spring Boot code base. */
    public static final String SPRING_BOOT_APPLICATION = "org/springframework/boot/autoconfigure/SpringBootApplication";

    /** Shiro's web session manager, named by its class in {@code shiro.ini} (Shiro's own sessions and cookie). */
    public static final java.util.Set<String> SHIRO_WEB_SESSION_MANAGERS =
            java.util.Set.of("org.apache.shiro.web.session.mgt.DefaultWebSessionManager");

    /** Shiro's cookie class, as {@code shiro.ini} names it: Secure off, HttpOnly on, SameSite=Lax by default. */
    public static final java.util.Set<String> SHIRO_COOKIES = java.util.Set.of("org.apache.shiro.web.servlet.SimpleCookie");

    /**
     * The system property Shiro 2.2 reads to keep its cookie templates without Secure: a release whose
     * {@code DefaultWebSessionManager} mentions it makes the session cookie Secure by default.
     */
    public static final String SHIRO_SECURE_OPT_OUT = "org.apache.shiro.cookie.secure.disabled";
    public static final String SHIRO_SESSION_MANAGER_CLASS = "org/apache/shiro/web/session/mgt/DefaultWebSessionManager";

    private SessionSettingSources() {
    }
}
