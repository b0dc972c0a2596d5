package io.github.sessionguard.cookies;

/**
 * What the code did to one attribute of one cookie along the paths seen so far. Ordered from safe to
 * worst so that a merge of two paths keeps the worst: a flag set on one branch only is not set.
 */
public enum FlagValue {
    /** Set to a protective value (Secure, HttpOnly, SameSite Strict or Lax, or None with Secure). */
    SET,
    /** Set from a value the bytecode does not reveal (a request property, a configuration value). */
    UNKNOWN,
    /** Never set: the API's insecure default applies. */
    MISSING,
    /** Explicitly switched off, or set to a value browsers do not honour. */
    CLEARED;

    public FlagValue merge(FlagValue other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
