package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.CookieNames;

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
        if (flag == CookieFlag.HTTP_ONLY && CookieNames.isScriptReadable(cookie.name())) {
            return SILENT;
        }
        switch (cookie.flag(flag)) {
        case CLEARED:
            return Priorities.HIGH_PRIORITY;
        case MISSING:
            return demandsFlag(cookie, flag) ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY;
        case UNKNOWN:
            return Priorities.LOW_PRIORITY;
        default:
            return SILENT;
        }
    }

    /** The cookie says it carries a credential, or browsers will reject it without Secure. */
    private static boolean demandsFlag(CookieState cookie, CookieFlag flag) {
        if (CookieNames.isSensitive(cookie.name())) {
            return true;
        }
        return flag == CookieFlag.SECURE && (CookieNames.hasSecurePrefix(cookie.name()) || cookie.isSameSiteNoneWithoutSecure());
    }
}
