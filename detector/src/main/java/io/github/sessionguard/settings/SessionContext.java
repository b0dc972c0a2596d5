package io.github.sessionguard.settings;

/**
 * What the classpath says about the application's session cookie before the settings are judged: a Spring
 * Session store replaces the container's {@code JSESSIONID} with its {@code SESSION} cookie, the name the
 * settings' findings give.
 */
final class SessionContext {
    final boolean springSession;
    /** The application's code sets Tomcat's {@code Context.setUseHttpOnly(true)}: the session cookie keeps HttpOnly. */
    final boolean tomcatForcesHttpOnly;

    SessionContext(boolean springSession, boolean tomcatForcesHttpOnly) {
        this.springSession = springSession;
        this.tomcatForcesHttpOnly = tomcatForcesHttpOnly;
    }

    /** Spring Session replaces the container's JSESSIONID with its SESSION cookie. */
    String defaultCookieName() {
        return springSession ? "SESSION" : "JSESSIONID";
    }
}
