package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.CookieApiSupport;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.ReportedMethods;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns sent cookies into findings: one per cookie and missing flag, at the cookie's creation (or the
 * call that chose its flag), with the most severe priority any of its sends earned. Findings are built
 * when found and reported when the analysis ends, so which class SpotBugs visits first changes nothing.
 */
final class CookieFindings {
    private final Detector detector;
    private final BugReporter bugReporter;
    private final Map<Key, Pending> pending = new HashMap<>();
    private final CookieApiSupport apiSupport = new CookieApiSupport();
    private PolicyHook policies = (cookie, flag) -> false;
    /** The creation whose line was found last, and that line (see {@link #lineOf}). */
    private Site lastOrigin;
    private SourceLineAnnotation lastLine;

    /** App-wide policies that decide a flag of some cookies: those cookies are not blamed for it. */
    interface PolicyHook {
        boolean covers(CookieState cookie, CookieFlag flag);
    }

    CookieFindings(Detector detector, BugReporter bugReporter) {
        this.detector = detector;
        this.bugReporter = bugReporter;
    }

    /** Judges every later cookie against these policies. */
    void coveredBy(PolicyHook hook) {
        this.policies = hook;
    }

    void sent(Sent sent) {
        CookieState cookie = sent.cookie();
        if (cookie.flag(CookieFlag.SECURE) == FlagValue.MISSING && apiSupport.secureByDefault(cookie.api())) {
            // The release on the classpath makes it Secure as far as its API can: nothing left to fix.
            cookie = cookie.withFlag(CookieFlag.SECURE, FlagValue.SET);
        }
        for (CookieFlag flag : sent.flags()) {
            if (!apiSupport.supports(cookie.api(), flag) || policies.covers(cookie, flag)) {
                continue;
            }
            int priority = CookieVerdict.priority(cookie, flag);
            if (priority == CookieVerdict.SILENT) {
                continue;
            }
            Key key = new Key(cookie.origin(), flag);
            Pending candidate = new Pending(cookie, flag, priority);
            Pending current = pending.get(key);
            if (current == null || Pending.moreSevere(current, candidate) == candidate) {
                keep(key, candidate);
            }
        }
    }

    /**
     * Builds the finding now, during the visit of the class whose method sent the cookie, where most cookies
     * are created: SpotBugs still holds that class, which a finding's class and method annotations look up (at
     * the end of the analysis each class would be parsed again from its class file). A finding that cannot be
     * built is an error of its own: the less severe one for the same cookie and flag, if any, stays, and the
     * method's other flags go on.
     */
    private void keep(Key key, Pending candidate) {
        try {
            candidate.bug = candidate.toBug(detector, lineOf(candidate.cookie.origin()));
        } catch (RuntimeException e) {
            bugReporter.logError("SessionGuard could not build its " + candidate.flag + " finding for the cookie created at "
                    + candidate.cookie.origin() + ": " + e, e);
            return;
        }
        pending.put(key, candidate);
    }

    /**
     * The line of a creation, a copy for each finding (a BugInstance's annotations are its own to change). A
     * cookie missing two or three flags has as many findings at one place, built one after the other, and
     * finding the line may decode the method's bytecode (see ReportedLine): the last one is kept.
     */
    private SourceLineAnnotation lineOf(Site origin) {
        if (!origin.equals(lastOrigin)) {
            lastLine = origin.sourceLine();
            lastOrigin = origin;
        }
        return (SourceLineAnnotation) lastLine.clone();
    }

    /** Reports everything, in a stable order. */
    void flush() {
        List<Pending> all = new ArrayList<>(pending.values());
        all.sort(Comparator.comparing(Pending::sortKey));
        for (Pending finding : all) {
            bugReporter.reportBug(finding.bug);
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
        private String sortKey;
        /** The finding as reported, built when this became the most severe (see {@link #sent}). */
        private BugInstance bug;

        Pending(CookieState cookie, CookieFlag flag, int priority) {
            this.cookie = cookie;
            this.flag = flag;
            this.priority = priority;
        }

        /**
         * The more severe of two findings for one cookie and flag; ties broken by text (the description, then
         * the fix), for stable output.
         * A cookie whose name or value its helper's callers pass in is ranked by what those callers pass
         * (the strongest wins); the helper's own guess, without a caller, counts only when no caller said.
         */
        static Pending moreSevere(Pending a, Pending b) {
            if (a.isCallersGuess() != b.isCallersGuess()) {
                return a.isCallersGuess() ? b : a;
            }
            if (a.priority != b.priority) {
                return a.priority < b.priority ? a : b;
            }
            // The fix too: two sends can describe the cookie alike and still differ in it (the call that
            // chose the flag), and the one kept must not depend on which was seen first.
            int byText = a.describe().compareTo(b.describe());
            return (byText != 0 ? byText : a.fix().compareTo(b.fix())) <= 0 ? a : b;
        }

        /** Judged in the helper while its callers choose the name or value: a stand-in for their evidence. */
        private boolean isCallersGuess() {
            return cookie.namedBy() == null && (cookie.nameParameter() >= 0 || cookie.valueParameter() >= 0);
        }

        /** Computed once: the sort asks for it at every comparison. */
        String sortKey() {
            if (sortKey == null) {
                sortKey = cookie.origin() + "/" + flag;
            }
            return sortKey;
        }

        BugInstance toBug(Detector detector, SourceLineAnnotation line) {
            return ReportedMethods.addClassAndMethod(new BugInstance(detector, flag.bugPattern(), priority),
                    cookie.origin().method())
                    .addString(describe())
                    .addString(fix())
                    .addSourceLine(line);
        }

        private String describe() {
            // The subject is the cookie's name when it is known (the documented message form,
            // `cookie "NAME" can be sent ...`, which reports and IDE filters rely on); the API only
            // stands in for an unknown name. The fix names the API's own call either way.
            String name = cookie.name() == null ? "a cookie (" + cookie.api().label() + ")"
                    : "cookie \"" + cookie.name() + "\"";
            if (cookie.secretSource() != null && !io.github.sessionguard.catalogue.CookieNames.isSensitive(cookie.name())) {
                name += " carrying " + cookie.secretSource() + ",";
            }
            if (cookie.namedBy() != null) {
                name += " (given its name and value by " + cookie.namedBy() + ")";
            }
            FlagValue value = cookie.flag(flag);
            if (CookieVerdict.isSameSiteNoneOnCredential(cookie, flag)) {
                return name + " with SameSite=None, which sends it on every cross-site request,";
            }
            if (value == FlagValue.CLEARED) {
                return name + " with " + flag.attributeName() + " explicitly switched off or invalid";
            }
            if (value == FlagValue.CONFIGURED_OFF) {
                return name + " with " + flag.attributeName()
                        + " from a configuration property that the application's settings switch off";
            }
            if (value == FlagValue.CONFIGURED_OFF_BY_DEFAULT) {
                return name + " with " + flag.attributeName()
                        + " from a configuration property that is off unless configured (its default in the code)";
            }
            if (value == FlagValue.CONTAINER_DEFAULT) {
                return name + " with " + flag.attributeName() + " left to the container, which sends "
                        + (flag == CookieFlag.SECURE ? "it only on requests it sees as HTTPS" : "none");
            }
            if (value == FlagValue.UNKNOWN) {
                return name + " with " + flag.attributeName() + " set from a value known only at run time";
            }
            return name;
        }

        private String fix() {
            String call = cookie.api().fixFor(flag);
            String chooser = cookie.chooserOf(flag);
            if (chooser != null) {
                String protective = cookie.isChoiceInverted(flag) ? "false" : "true"; // setHttpOnly(!scriptReadable)
                call = "pass " + (flag == CookieFlag.SAME_SITE ? "\"Lax\" (or \"Strict\")" : protective) + " as the "
                        + flag.attributeName() + " argument of " + chooser + " (which does "
                        + call + ")";
            }
            if (cookie.flag(flag) == FlagValue.CONFIGURED_OFF) {
                return "set that property to true in the application's settings (or " + call + ")";
            }
            if (flag == CookieFlag.SECURE && cookie.isSameSiteNoneWithoutSecure()) {
                return call + "; browsers reject SameSite=None cookies that are not Secure";
            }
            if (priority == Priorities.LOW_PRIORITY && cookie.flag(flag) != FlagValue.CONTAINER_DEFAULT) {
                return call + ", unconditionally";
            }
            return call;
        }
    }
}
