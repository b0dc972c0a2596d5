package io.github.sessionguard.catalogue;

import java.util.ArrayList;
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

    /**
     * Whole words that say the same but are too short to match inside other words ("tgc" and "tgt": the single
     * sign-on ticket-granting cookie and ticket, CAS's default cookie name TGC).
     */
    private static final List<String> SENSITIVE_WORDS = List.of("sid", "sess", "user", "uid", "tgc", "tgt");

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

    /**
     * Cookies that page scripts must read by design: double-submit CSRF tokens, and the download marker the
     * jQuery File Download plugin polls {@code document.cookie} for (its {@code cookieName}, "fileDownload") to
     * learn that a file download started.
     */
    private static final List<String> SCRIPT_READABLE_PARTS = List.of("xsrf", "csrf", "filedownload");

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
     * class's name, or it is a session's {@code getId()} (or a session record's {@code id()} accessor).
     */
    public static boolean yieldsSecret(String simpleOwner, String method) {
        String owner = simpleOwner.toLowerCase(Locale.ROOT);
        String name = method.toLowerCase(Locale.ROOT);
        if (containsAny(owner, NOT_SECRET_VALUE_PARTS) || containsAny(name, NOT_SECRET_VALUE_PARTS)) {
            return false;
        }
        if (containsAny(owner, SECRET_VALUE_PARTS) || containsAny(name, SECRET_VALUE_PARTS)) {
            return true;
        }
        return owner.endsWith("session") && ("getid".equals(name) || "id".equals(name));
    }

    /**
     * The variable (a parameter or a local) holding a cookie's value is named for a token or a session id
     * ({@code deviceToken}, {@code sessionId}): the code's own word for what the cookie carries, as a producing
     * call's name is in {@link #yieldsSecret}.
     */
    public static boolean namesSecretValue(String variable) {
        String name = variable.toLowerCase(Locale.ROOT);
        return !containsAny(name, NOT_SECRET_VALUE_PARTS) && containsAny(name, SECRET_VALUE_PARTS);
    }

    public static boolean isSensitive(String name) {
        if (name == null) {
            return false;
        }
        if (containsAny(name.toLowerCase(Locale.ROOT), SENSITIVE_PARTS)) {
            return true;
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
        if (containsAny(lower, INNOCUOUS_PARTS)) {
            return true;
        }
        for (String word : words(name)) {
            if (INNOCUOUS_WORDS.contains(word)) {
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
        return containsAny(lower, SCRIPT_READABLE_PARTS);
    }

    private static boolean containsAny(String lowerCaseText, List<String> parts) {
        for (String part : parts) {
            if (lowerCaseText.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** {@code __Host-} and {@code __Secure-} cookies are rejected by browsers unless Secure. */
    public static boolean hasSecurePrefix(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("__host-") || lower.startsWith("__secure-");
    }

    /**
     * Splits {@code remember_me}, {@code userSid} or {@code AUTH-ID} into lower-case words: a word ends at
     * every character that is not an ASCII letter or digit, and before an upper-case letter that follows
     * a lower-case letter or a digit. One pass over the characters: it runs for every flag of every
     * cookie finding.
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char previous = ' ';
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lowerOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            boolean hump = upper && ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9'));
            if ((!upper && !lowerOrDigit) || hump) {
                endWord(word, words);
            }
            if (upper) {
                word.append((char) (c + ('a' - 'A')));
            } else if (lowerOrDigit) {
                word.append(c);
            }
            previous = c;
        }
        endWord(word, words);
        return words;
    }

    private static void endWord(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
