package io.github.sessionguard.catalogue;

/**
 * What the code did to one attribute of one cookie along the paths seen so far. Ordered so that a merge
 * of two paths keeps the later one: a flag set on one branch only is not set (MISSING); a flag set from a
 * run-time value on some paths and left alone on others depends on that value (UNKNOWN), which is how
 * code copies an optional attribute ({@code if (sameSite != null) cookie.setAttribute("SameSite", sameSite)}).
 */
public enum FlagValue {
    /** Set to a protective value (Secure, HttpOnly, SameSite Strict or Lax, or None with Secure). */
    SET,
    /**
     * Set to a protective value inside a branch that tests a setting of the same name
     * ({@code if (request.isSecure()) cookie.setSecure(true)}): where the cookie is sent inside that
     * branch (or after an early return on the opposite test) it is set on every path; where the paths
     * without the setter join it, the value follows the setting, known only at run time (UNKNOWN). Also Secure chosen
     * explicitly for exactly the requests that arrive secure (Jetty's {@code setSecureRequestOnly(true)}).
     */
    SET_WHEN_TESTED,
    /**
     * Never set on a configuration that leaves it to the container (the {@code SessionCookieConfig}): Tomcat then
     * sends no SameSite, and Secure only on requests it sees as HTTPS (behind a TLS-terminating proxy, none).
     * Judged only where the code sets another flag of that cookie.
     */
    CONTAINER_DEFAULT,
    /** Never set: the API's insecure default applies. */
    MISSING,
    /** Set from a value the bytecode does not reveal (a request property, a configuration value). */
    UNKNOWN,
    /**
     * Set from a configuration property whose default in the code is off
     * ({@code @Value("${app.cookie.secure:false}")}): insecure unless every deployment configures it.
     */
    CONFIGURED_OFF_BY_DEFAULT,
    /**
     * Set from a configuration property that the application's own settings switch off
     * ({@code @Value("${app.cookie.secure:true}")} with {@code app.cookie.secure=false} in application.properties).
     */
    CONFIGURED_OFF,
    /** Explicitly switched off, or set to a value browsers do not honour. */
    CLEARED;

    /** Nothing set this attribute: a default (the API's or the container's) decides. */
    public boolean isUnset() {
        return this == MISSING || this == CONTAINER_DEFAULT;
    }

    public FlagValue merge(FlagValue other) {
        if ((this == SET_WHEN_TESTED && other == MISSING) || (this == MISSING && other == SET_WHEN_TESTED)) {
            return UNKNOWN;
        }
        return compareTo(other) >= 0 ? this : other;
    }
}
