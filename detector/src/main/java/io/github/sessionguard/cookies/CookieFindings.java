package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.flow.Site;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns sent cookies into findings: one per cookie and missing flag, at the cookie's creation, with
 * the most severe priority any of its sends earned. Sites already reported stay reported, so a cookie
 * sent from several places is one finding.
 */
final class CookieFindings {
    private final Detector detector;
    private final BugReporter bugReporter;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final Set<Key> reported = new HashSet<>();

    CookieFindings(Detector detector, BugReporter bugReporter) {
        this.detector = detector;
        this.bugReporter = bugReporter;
    }

    void sent(CookieState cookie) {
        for (CookieFlag flag : CookieFlag.values()) {
            if (!CookieApiSupport.supports(cookie.api(), flag)) {
                continue;
            }
            int priority = CookieVerdict.priority(cookie, flag);
            if (priority == CookieVerdict.SILENT) {
                continue;
            }
            Key key = new Key(cookie.origin(), flag);
            Pending previous = pending.get(key);
            if (previous == null || priority < previous.priority) {
                pending.put(key, new Pending(cookie, flag, priority));
            }
        }
    }

    void flush() {
        for (Map.Entry<Key, Pending> entry : pending.entrySet()) {
            if (reported.add(entry.getKey())) {
                bugReporter.reportBug(entry.getValue().toBug(detector));
            }
        }
        pending.clear();
    }

    private static final class Key {
        private final Site origin;
        private final CookieFlag flag;

        Key(Site origin, CookieFlag flag) {
            this.origin = origin;
            this.flag = flag;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).origin.equals(origin) && ((Key) o).flag == flag;
        }

        @Override
        public int hashCode() {
            return Objects.hash(origin, flag);
        }
    }

    private static final class Pending {
        private final CookieState cookie;
        private final CookieFlag flag;
        private final int priority;

        Pending(CookieState cookie, CookieFlag flag, int priority) {
            this.cookie = cookie;
            this.flag = flag;
            this.priority = priority;
        }

        BugInstance toBug(Detector detector) {
            Site origin = cookie.origin();
            return new BugInstance(detector, flag.bugPattern(), priority)
                    .addClassAndMethod(origin.method())
                    .addString(describe())
                    .addString(fix())
                    .addSourceLine(origin.sourceLine());
        }

        private String describe() {
            String name = cookie.name() == null ? "a cookie" : "cookie \"" + cookie.name() + "\"";
            FlagValue value = cookie.flag(flag);
            if (value == FlagValue.CLEARED) {
                return name + " (" + flag.attributeName() + " explicitly switched off or invalid)";
            }
            if (value == FlagValue.UNKNOWN) {
                return name + " (" + flag.attributeName() + " set from a value known only at run time)";
            }
            return name;
        }

        private String fix() {
            String call = cookie.api().fixFor(flag);
            if (flag == CookieFlag.SECURE && cookie.isSameSiteNoneWithoutSecure()) {
                return call + "; browsers reject SameSite=None cookies that are not Secure";
            }
            if (priority == Priorities.LOW_PRIORITY) {
                return call + ", unconditionally";
            }
            return call;
        }
    }
}
