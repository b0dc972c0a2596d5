package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Locale;

/** What a cookie's name reveals about its content, for the priority policy. */
public final class CookieNames {

    /**
     * Parts of a name that say the cookie carries a session or a credential ("sessid" for the PHPSESSID
     * and SESSID of platforms a Java front end often sits beside).
     */
    private static final List<String> SENSITIVE_PARTS = List.of("session", "sessid", "token", "auth", "jwt",
            "remember", "login", "credential", "passw", "sso", "saml", "oauth", "apikey", "access", "refresh");

    /** Whole words that say the same but are too short to match inside other words. */
    private static final List<String> SENSITIVE_WORDS = List.of("sid", "sess", "user", "uid");

    /** Cookies that page scripts must read by design (double-submit CSRF tokens). */
    private static final List<String> SCRIPT_READABLE_PARTS = List.of("xsrf", "csrf");

    private CookieNames() {
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
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[^A-Za-z0-9]+", " ");
        return List.of(spaced.trim().toLowerCase(Locale.ROOT).split(" +"));
    }
}
