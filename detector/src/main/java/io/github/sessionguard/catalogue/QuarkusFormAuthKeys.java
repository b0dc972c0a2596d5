package io.github.sessionguard.catalogue;

/**
 * Quarkus form authentication's settings ({@code quarkus.http.auth.form.*} in {@code application.properties} or
 * {@code .yaml}), as {@code BootProperty.canonical} forms, and the defaults Quarkus gives them
 * ({@code FormAuthConfig}, 3.x): its credential cookie, an encrypted copy of the login, is sent without HttpOnly
 * unless {@code http-only-cookie=true}, with SameSite=Strict, and Secure on HTTPS requests
 * (QuarkusFormAuthCookieTest).
 */
public final class QuarkusFormAuthKeys {
    public static final String ENABLED = "quarkushttpauthformenabled";
    public static final String HTTP_ONLY = "quarkushttpauthformhttponlycookie";
    public static final String HTTP_ONLY_KEY = "quarkus.http.auth.form.http-only-cookie";
    public static final String SAME_SITE = "quarkushttpauthformcookiesamesite";
    public static final String SAME_SITE_KEY = "quarkus.http.auth.form.cookie-same-site";
    public static final String COOKIE_NAME = "quarkushttpauthformcookiename";
    /** The credential cookie's name when {@code cookie-name} is not set. */
    public static final String DEFAULT_COOKIE_NAME = "quarkus-credential";
    /** Quarkus profiles prefix a key with {@code %profile.}. */
    public static final String PROFILE_PREFIX = "%";

    private QuarkusFormAuthKeys() {
    }
}
