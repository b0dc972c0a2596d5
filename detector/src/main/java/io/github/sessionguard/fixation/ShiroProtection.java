package io.github.sessionguard.fixation;

/**
 * Whether the Apache Shiro on the analysis classpath stops the pre-login session inside
 * {@code Subject.login} itself, so that application logins through it need no fix of their own.
 */
final class ShiroProtection {
    private ShiroProtection() {
    }

    static boolean loginStopsOldSession() {
        // Decided from the classpath once the runtime evidence names the protecting releases' marker.
        return false;
    }
}
