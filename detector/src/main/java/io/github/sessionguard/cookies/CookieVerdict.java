package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookieNames;
import io.github.sessionguard.catalogue.FlagValue;

/** The priority policy of the design notes, for one flag of one sent cookie. */
final class CookieVerdict {
    /** Returned when the flag's state is not worth a finding. */
    static final int SILENT = 0;

    private CookieVerdict() {
    }

    static int priority(CookieState cookie, CookieFlag flag) {
        if (cookie.isDeleting()) {
            return SILENT;
        }
        if (flag == CookieFlag.HTTP_ONLY && isReadableByDesign(cookie)) {
            return SILENT;
        }
        if (isSameSiteNoneOnCredential(cookie, flag)) {
            return Priorities.NORMAL_PRIORITY;
        }
        switch (cookie.flag(flag)) {
        case CLEARED:
        case CONFIGURED_OFF:
            return isInnocuous(cookie) ? Priorities.LOW_PRIORITY : Priorities.HIGH_PRIORITY;
        case MISSING:
            if (demandsFlag(cookie, flag)) {
                return Priorities.HIGH_PRIORITY;
            }
            return isInnocuous(cookie) ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
        case UNKNOWN:
            return Priorities.LOW_PRIORITY;
        case CONTAINER_DEFAULT:
            // A configuration only read (its name, to delete the cookie at logout) configures nothing.
            return cookie.isConfigured() ? Priorities.LOW_PRIORITY : SILENT;
        case CONFIGURED_OFF_BY_DEFAULT:
            return isInnocuous(cookie) ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
        default:
            return SILENT;
        }
    }

    /**
     * Page scripts must read the cookie: a double-submit CSRF token or a download marker by its name, or a cookie
     * that carries nothing secret (a consent or display choice, by its name and value) on which the code switched
     * HttpOnly off itself ({@code httpOnly(false)}: a consent banner reads the stored choice from
     * {@code document.cookie}). Left unset on such a cookie, HttpOnly is still reported (LOW): nothing says a script
     * needs it.
     */
    private static boolean isReadableByDesign(CookieState cookie) {
        return CookieNames.isScriptReadable(cookie.name())
                || cookie.flag(CookieFlag.HTTP_ONLY) == FlagValue.CLEARED && isInnocuous(cookie);
    }

    /**
     * SameSite=None on a session or credential cookie: valid for browsers when Secure, but it sends the
     * credential with every cross-site request, which is what CSRF needs (CWE-1275 names None improper).
     */
    static boolean isSameSiteNoneOnCredential(CookieState cookie, CookieFlag flag) {
        return flag == CookieFlag.SAME_SITE && cookie.flag(flag) == FlagValue.SET && cookie.isSameSiteNone()
                && (cookie.api().isSessionCookie() || isCredential(cookie));
    }

    /**
     * The cookie carries a session or credential: its name says so, or its value is the result of a call
     * that yields a token or session id (whatever the cookie is called).
     */
    static boolean isCredential(CookieState cookie) {
        return CookieNames.isSensitive(cookie.name()) || cookie.secretSource() != null;
    }

    /** The name says the cookie carries nothing secret, and its value does not say otherwise. */
    private static boolean isInnocuous(CookieState cookie) {
        return CookieNames.isInnocuous(cookie.name()) && cookie.secretSource() == null;
    }

    /** The cookie says it carries a credential, or browsers will reject it without Secure. */
    private static boolean demandsFlag(CookieState cookie, CookieFlag flag) {
        if (isCredential(cookie)) {
            return true;
        }
        return flag == CookieFlag.SECURE && (CookieNames.hasSecurePrefix(cookie.name()) || cookie.isSameSiteNoneWithoutSecure());
    }
}
