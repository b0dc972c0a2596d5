package io.github.sessionguard.catalogue;

import java.util.List;

/** What the settings files' verdicts need to know of the rest of the application and its classpath. */
public final class SessionSettingSources {
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

    /** Shiro's cookie class, as {@code shiro.ini} names it: Secure off, HttpOnly on, SameSite=Lax by default. */
    public static final java.util.Set<String> SHIRO_COOKIES = java.util.Set.of("org.apache.shiro.web.servlet.SimpleCookie");

    /**
     * The system property Shiro 2.2 reads to keep its cookie templates without Secure: a release whose
     * {@code DefaultWebSessionManager} mentions it makes the session cookie Secure by default.
     */
    public static final String SHIRO_SECURE_OPT_OUT = "org.apache.shiro.cookie.secure.disabled";
    public static final String SHIRO_SESSION_MANAGER_CLASS = "org/apache/shiro/web/session/mgt/DefaultWebSessionManager";

    /**
     * Shiro's remember-me manager, which writes the remember-me cookie (default name {@code rememberMe}) on a login whose
     * token asks to be remembered; its own cookie template is Secure from Shiro 2.2, as the session manager's is.
     */
    /**
     * The remember-me services Spring Security's XML {@code <remember-me>} builds (token-based; the persistent flavour
     * writes its cookie the same way, {@code AbstractRememberMeServices.setCookie} through {@code response.addCookie}):
     * the cookie type app-wide SameSite policies are asked about for it.
     */
    public static final String SPRING_XML_REMEMBER_ME_SERVICES =
            "org/springframework/security/web/authentication/rememberme/TokenBasedRememberMeServices";
    public static final String SHIRO_REMEMBER_ME_MANAGER_CLASS = "org/apache/shiro/web/mgt/CookieRememberMeManager";

    private SessionSettingSources() {
    }
}
