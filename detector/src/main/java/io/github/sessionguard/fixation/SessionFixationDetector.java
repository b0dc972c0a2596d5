package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.catalogue.LoginComponent;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.engine.AnalysisSettings;
import io.github.sessionguard.engine.AnalysisStats;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.ReportedMethods;
import io.github.sessionguard.settings.TomcatContextFile;
import org.apache.bcel.classfile.Method;

import java.util.Comparator;
import java.util.Set;

/**
 * Reports login paths that authenticate the session without giving it a new id on every path, once
 * per login method, at its first unfixed authentication; and identity written to a session the same
 * method has just invalidated.
 */
public class SessionFixationDetector implements Detector {
    private static final String PATTERN = "SESSION_FIXATION";

    private final BugReporter bugReporter;
    /** Made at the first class visit, with this analysis' settings (null before, or if they are bad). */
    private LoginSummaries summaries;
    private boolean settingsRead;
    /** With bad settings: the problem, and the first class by name, which carries its one report. */
    private String settingsProblem;
    private String firstClass;
    /** The methods of visited classes, reported once every class is analysed (see LoginResponsibility). */
    private final java.util.Map<edu.umd.cs.findbugs.classfile.MethodDescriptor, LoginMethodResult> visited =
            new java.util.HashMap<>();

    public SessionFixationDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> visitGuarded(classContext));
    }

    private void visitGuarded(ClassContext classContext) {
        if (!settingsRead) {
            settingsRead = true;
            AnalysisSettings analysisSettings = AnalysisSettings.ofThisAnalysis();
            UserSettings settings = analysisSettings.usable(bugReporter);
            summaries = settings == null ? null : new LoginSummaries(settings);
            settingsProblem = analysisSettings.problem();
        }
        countMethods(classContext.getJavaClass());
        String className = classContext.getJavaClass().getClassName();
        if (settingsProblem != null && (firstClass == null || className.compareTo(firstClass) < 0)) {
            firstClass = className;
        }
        // Cost only: a class that neither names a login API nor calls into one cannot report.
        if (summaries == null || !summaries.isWorthAnalysing(classContext.getJavaClass())) {
            return;
        }
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            MethodGuard.run(bugReporter, classContext, method, () -> {
                // Cost only: a method that calls no login API, not even further down, cannot report, unless it is
                // a login component's hook, which the framework calls after its own login.
                if (summaries.isWorthAnalysing(classContext.getJavaClass(), method) || LoginComponent.hookOverriddenBy(
                        slashedName(classContext), method.getName(), method.getSignature()) != null) {
                    edu.umd.cs.findbugs.classfile.MethodDescriptor descriptor = LoginSummaries.descriptorOf(classContext, method);
                    AnalysisStats.ofThisAnalysis().fixationEntry(descriptor);
                    visited.put(descriptor, summaries.resultOf(classContext, method));
                }
            });
        }
    }

    private static String slashedName(ClassContext classContext) {
        return classContext.getJavaClass().getClassName().replace('.', '/');
    }

    /** For the benchmark's statistics: this detector visits every application class. */
    private static void countMethods(org.apache.bcel.classfile.JavaClass javaClass) {
        AnalysisStats stats = AnalysisStats.ofThisAnalysis();
        if (stats.isCounting()) {
            int withCode = 0;
            for (Method method : javaClass.getMethods()) {
                if (method.getCode() != null) {
                    withCode++;
                }
            }
            stats.applicationMethods(withCode);
        }
    }

    private void report(LoginMethodResult result, LoginResponsibility responsibility, Set<String> pendingUsers,
            Set<String> renewedPendingUsers, boolean containerKeepsId, boolean mechanismsAnswerForAuthenticate) {
        LoginSummary summary = result.summary();
        // A second step that reads back only pending users its first steps parked after an id change logs in a
        // session whose id changed already.
        if (!result.pendingUserAttributes().isEmpty()
                && renewedPendingUsers.containsAll(result.pendingUserAttributes())) {
            return;
        }
        // A two-step login's first step stores only the pending user that the second step checks: not the login.
        // A container login where the war's context.xml switches the container's id change off is that setting's
        // finding (SESSION_FIXATION_PROTECTION_DISABLED, where the fix goes), not a second one here.
        // A call whose callee reports the login itself is that report's (the fix is in the callee, once for all
        // callers): the callee's writes of what this method hands it are not reported again at the call.
        Set<Site> coveredCalls = summary.reported().stream().filter(responsibility::isReportedInCallee)
                .map(LoginEvent::site).collect(java.util.stream.Collectors.toSet());
        // A helper's writes behind its own guarded id change are its to report, where some login made them logins.
        Set<LoginEvent> reported = java.util.stream.Stream.concat(summary.reported().stream(),
                        summary.ownedWrites().values().stream())
                .filter(e -> !coveredCalls.contains(e.site()))
                .filter(responsibility::isReportedHere)
                .filter(e -> !(containerKeepsId && e.kind() == LoginEventKind.CONTAINER))
                // SecurityContext.authenticate runs the application's own mechanisms, when it has any: where each
                // changes the id before it notifies the container of a checked caller, or is reported for its own
                // unfixed session write there, the call is no login with the old id of its own.
                .filter(e -> !(mechanismsAnswerForAuthenticate && e.isSecurityContextAuthenticate()))
                .filter(e -> e.attribute() == null || !pendingUsers.contains(
                        LoginMethodResult.pendingUserKey(e.site().method().getSlashedClassName(), e.attribute())))
                .collect(java.util.stream.Collectors.toSet());
        // Events are kept in sets whose order varies from run to run: the choice must not.
        reported.stream().min(Comparator.comparingInt((LoginEvent e) -> e.site().pc()).thenComparing(LoginEvent::what))
                .ifPresent(first -> {
            String what = first.parent() == null ? first.what()
                    : first.what() + " (its other callers change the session id after it)";
            bugReporter.reportBug(bug(first, priority(summary, reported, responsibility), what, first.kind().fix()));
        });
        for (LoginEvent reuse : result.reusedInvalidatedSessions()) {
            bugReporter.reportBug(bug(reuse, Priorities.HIGH_PRIORITY,
                    reuse.what() + " written to the session invalidated just before (it throws, and the login gets no new session)",
                    LoginEventKind.REUSED_INVALIDATED_SESSION_FIX));
        }
    }

    /**
     * Pending-user attributes (package keys) some login writes only after an id change and none writes without one:
     * the first steps of two-step logins that renew the session before parking the user.
     */
    private Set<String> renewedPendingUsers() {
        Set<String> renewed = new java.util.TreeSet<>();
        Set<String> unrenewed = new java.util.TreeSet<>();
        for (LoginMethodResult result : summaries.allResults()) {
            renewed.addAll(result.loginAttributes());
            LoginSummary summary = result.summary();
            java.util.stream.Stream.concat(summary.reported().stream(), summary.exported().stream())
                    .filter(event -> event.attribute() != null)
                    .forEach(event -> unrenewed.add(LoginMethodResult.pendingUserKey(
                            event.site().method().getSlashedClassName(), event.attribute())));
        }
        renewed.removeAll(unrenewed);
        return renewed;
    }

    /** Do the application's Jakarta Security mechanisms answer for SecurityContext.authenticate (see LoginSummaries)? */
    private boolean mechanismsAnswerForAuthenticate() {
        boolean[] answer = {false};
        MethodGuard.runReport(bugReporter, "judge its authentication mechanisms",
                () -> answer[0] = summaries.mechanismsAnswerForAuthenticate());
        return answer[0];
    }

    /** Does an analysed war's context.xml keep the id at container logins (see TomcatContextFile)? */
    private boolean containerKeepsId() {
        try {
            return TomcatContextFile.keepsIdAtContainerLogin(Global.getAnalysisCache().getClassPath());
        } catch (java.io.IOException e) {
            bugReporter.logError("SessionGuard could not read the application's META-INF/context.xml", e);
            return false;
        }
    }

    private static int priority(LoginSummary summary, Set<LoginEvent> reported, LoginResponsibility responsibility) {
        boolean containerOnly = reported.stream().allMatch(e -> e.kind() == LoginEventKind.CONTAINER);
        if (containerOnly || summary.isContainerLogin()) {
            return Priorities.LOW_PRIORITY;
        }
        // A constant marker under a name no catalogue knows is weaker evidence than the user or an identity name.
        boolean markersOnly = reported.stream().allMatch(LoginEvent::isMarkerOnly);
        // A helper's write reported for its callers is checked where a caller that reaches it checked the credential.
        boolean checked = summary.checksCredentials() || reported.stream().anyMatch(e -> e.kind().checksCredentialItself()
                || responsibility.reachesACheckingLogin(e));
        return checked && !markersOnly ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY;
    }

    private BugInstance bug(LoginEvent event, int priority, String what, String fix) {
        return ReportedMethods.addClassAndMethod(new BugInstance(this, PATTERN, priority), event.site().method())
                .addString(what)
                .addString(fix)
                .addSourceLine(event.site().sourceLine());
    }

    @Override
    public void report() {
        // Whether a login method or its callers answer for an unfixed login is known only now.
        if (summaries != null) {
            // First: it may analyse a mechanism no visit asked for, whose result the decisions below then include.
            boolean mechanismsAnswerForAuthenticate = mechanismsAnswerForAuthenticate();
            LoginResponsibility responsibility = new LoginResponsibility(summaries.allResults());
            Set<String> pendingUsers = new java.util.TreeSet<>();
            summaries.allResults().forEach(r -> pendingUsers.addAll(r.pendingUserAttributes()));
            boolean containerKeepsId = containerKeepsId();
            Set<String> renewedPendingUsers = renewedPendingUsers();
            visited.entrySet().stream()
                    .filter(e -> !e.getValue().summary().reported().isEmpty()
                            || !e.getValue().summary().ownedWrites().isEmpty()
                            || !e.getValue().reusedInvalidatedSessions().isEmpty())
                    .sorted(Comparator.comparing(e -> e.getKey().toString()))
                    .forEach(e -> MethodGuard.runReport(bugReporter, "report " + e.getKey(),
                            () -> report(e.getValue(), responsibility, pendingUsers, renewedPendingUsers,
                                    containerKeepsId, mechanismsAnswerForAuthenticate)));
            visited.clear();
        }
        // Findings are reported per class as it is visited. A bad setting is also reported as a finding,
        // once, because spotbugs:check ignores SpotBugs' analysis errors and must still fail the build.
        if (settingsProblem != null && firstClass != null) {
            MethodGuard.runReport(bugReporter, "report its bad setting", () -> bugReporter.reportBug(
                    new BugInstance(this, "SESSIONGUARD_BAD_SETTING", Priorities.HIGH_PRIORITY)
                            .addClass(firstClass).addString(settingsProblem)));
        }
        MethodGuard.runReport(bugReporter, "count its class lookups", LookupFailures::logOnce);
        MethodGuard.runReport(bugReporter, "write its statistics", () -> AnalysisStats.ofThisAnalysis().write());
    }
}
