package io.github.sessionguard.catalogue;

/** The protective cookie attributes SessionGuard checks, each with the pattern that reports its absence. */
public enum CookieFlag {
    SECURE("COOKIE_MISSING_SECURE", "Secure"),
    HTTP_ONLY("COOKIE_MISSING_HTTPONLY", "HttpOnly"),
    SAME_SITE("COOKIE_MISSING_SAMESITE", "SameSite");

    private final String bugPattern;
    private final String attributeName;

    CookieFlag(String bugPattern, String attributeName) {
        this.bugPattern = bugPattern;
        this.attributeName = attributeName;
    }

    public String bugPattern() {
        return bugPattern;
    }

    /** The attribute's name as it appears in a Set-Cookie header. */
    public String attributeName() {
        return attributeName;
    }
}
