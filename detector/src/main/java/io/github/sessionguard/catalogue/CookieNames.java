package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Locale;

/** What a cookie's name reveals about its content, for the priority policy. */
public final class CookieNames {
    // Compiled once (a Pattern is immutable): words() runs for every cookie finding.
    private static final java.util.regex.Pattern CAMEL_CASE_HUMP = java.util.regex.Pattern.compile("([a-z0-9])([A-Z])");
    private static final java.util.regex.Pattern NON_ALPHANUMERIC_RUN = java.util.regex.Pattern.compile("[^A-Za-z0-9]+");

    /**
     * Parts of a name that say the cookie carries a session or a credential ("sessid" for the PHPSESSID
     * and SESSID of platforms a Java front end often sits beside).
     */
    private static final List<String> SENSITIVE_PARTS = List.of("session", "sessid", "token", "auth", "jwt",
            "remember", "login", "credential", "passw", "sso", "saml", "oauth", "apikey", "access", "refresh");

    /** Whole words that say the same but are too short to match inside other words. */
    private static final List<String> SENSITIVE_WORDS = List.of("sid", "sess", "user", "uid");

    /**
     * Parts of a name that say the cookie carries a display or consent choice, nothing secret: a theme,
     * a language or locale, a currency, a time zone, a consent decision, the state of the page's UI.
     * Their missing flags are LOW (a deliberate {@code setHttpOnly(false)} lets page scripts read them).
     */
    private static final List<String> INNOCUOUS_PARTS = List.of("theme", "lang", "locale", "currency", "timezone",
            "consent", "gdpr", "sidebar", "layout", "darkmode", "fontsize", "skin", "banner", "dismissed",
            "collapsed", "colorscheme", "colourscheme");

    /** Whole words that say the same but are too short or common to match inside other words. */
    private static final List<String> INNOCUOUS_WORDS = List.of("tz", "ui", "zone", "mode", "view", "tab", "menu",
            "font", "color", "colour", "country", "region", "density", "cookies", "accepted", "tour", "dark",
            "light", "contrast", "preferences", "prefs");

    /** Cookies that page scripts must read by design (double-submit CSRF tokens). */
    private static final List<String> SCRIPT_READABLE_PARTS = List.of("xsrf", "csrf");

    /**
     * Parts of a call's method name or class name (any case) that say its result is a token or a session
     * id: a cookie carrying that result is a credential whatever the cookie is called
     * ({@code jwtService.generateToken(user)}, {@code Jwts.builder()...compact()}, auth0's
     * {@code JWTCreator.Builder.sign}, {@code tokenProvider.create(a)}, {@code getSessionId()}).
     */
    private static final List<String> SECRET_VALUE_PARTS = List.of("token", "jwt", "sessionid", "sessid",
            "credential", "apikey", "rememberme");

    /** Parts that say the opposite: a string tool, or a token meant for page scripts (double-submit CSRF). */
    private static final List<String> NOT_SECRET_VALUE_PARTS = List.of("tokeniz", "csrf", "xsrf");

    private CookieNames() {
    }

    /**
     * The call {@code simpleOwner.method} returns a token or a session id, by the parts of its method's or
     * class's name, or it is a session's {@code getId()}.
     */
    public static boolean yieldsSecret(String simpleOwner, String method) {
        String owner = simpleOwner.toLowerCase(Locale.ROOT);
        String name = method.toLowerCase(Locale.ROOT);
        if (NOT_SECRET_VALUE_PARTS.stream().anyMatch(part -> owner.contains(part) || name.contains(part))) {
            return false;
        }
        if (SECRET_VALUE_PARTS.stream().anyMatch(part -> owner.contains(part) || name.contains(part))) {
            return true;
        }
        return owner.endsWith("session") && "getid".equals(name);
    }

    public static boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String part : SENSITIVE_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        for (String word : words(name)) {
            if (SENSITIVE_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name says the cookie carries nothing secret (and nothing says otherwise: a sensitive part such
     * as "session" in {@code sessionLocale} wins).
     */
    public static boolean isInnocuous(String name) {
        if (name == null || isSensitive(name)) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
        if (INNOCUOUS_PARTS.stream().anyMatch(lower::contains)) {
            return true;
        }
        return words(name).stream().anyMatch(INNOCUOUS_WORDS::contains);
    }

    public static boolean isScriptReadable(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return SCRIPT_READABLE_PARTS.stream().anyMatch(lower::contains);
    }

    /** {@code __Host-} and {@code __Secure-} cookies are rejected by browsers unless Secure. */
    public static boolean hasSecurePrefix(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("__host-") || lower.startsWith("__secure-");
    }

    /** Splits {@code remember_me}, {@code userSid} or {@code AUTH-ID} into lower-case words. */
    static List<String> words(String name) {
        String spaced = NON_ALPHANUMERIC_RUN.matcher(CAMEL_CASE_HUMP.matcher(name).replaceAll("$1 $2")).replaceAll(" ");
        return List.of(spaced.trim().toLowerCase(Locale.ROOT).split(" +"));
    }
}
