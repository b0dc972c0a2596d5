package io.github.sessionguard.settings;

/**
 * What the classpath says about the application's session cookie before the settings are judged: a Spring
 * Session store replaces the container's {@code JSESSIONID} with its {@code SESSION} cookie, the name the
 * settings' findings give.
 */
final class SessionContext {
    final boolean springSession;

    SessionContext(boolean springSession) {
        this.springSession = springSession;
    }

    /** Spring Session replaces the container's JSESSIONID with its SESSION cookie. */
    String defaultCookieName() {
        return springSession ? "SESSION" : "JSESSIONID";
    }
}
