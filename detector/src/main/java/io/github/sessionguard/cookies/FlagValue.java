package io.github.sessionguard.cookies;

/**
 * What the code did to one attribute of one cookie along the paths seen so far. Ordered so that a merge
 * of two paths keeps the later one: a flag set on one branch only is not set (MISSING); a flag set from a
 * run-time value on some paths and left alone on others depends on that value (UNKNOWN), which is how
 * code copies an optional attribute ({@code if (sameSite != null) cookie.setAttribute("SameSite", sameSite)}).
 */
public enum FlagValue {
    /** Set to a protective value (Secure, HttpOnly, SameSite Strict or Lax, or None with Secure). */
    SET,
    /** Never set: the API's insecure default applies. */
    MISSING,
    /** Set from a value the bytecode does not reveal (a request property, a configuration value). */
    UNKNOWN,
    /** Explicitly switched off, or set to a value browsers do not honour. */
    CLEARED;

    public FlagValue merge(FlagValue other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
