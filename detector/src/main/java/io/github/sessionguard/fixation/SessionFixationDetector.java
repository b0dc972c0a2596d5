package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.UserSettings;
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
    private final LoginSummaries summaries = new LoginSummaries();

    public SessionFixationDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
        UserSettings.load();
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        // Cost only: a class that neither names a login API nor calls into one cannot report.
        if (!summaries.isWorthAnalysing(classContext.getJavaClass())) {
            return;
        }
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            LoginMethodResult result = summaries.resultOf(classContext, method);
            report(result);
        }
    }

    private void report(LoginMethodResult result) {
        LoginSummary summary = result.summary();
        Set<LoginEvent> reported = summary.reported();
        // Events are kept in sets whose order varies from run to run: the choice must not.
        reported.stream().min(Comparator.comparingInt((LoginEvent e) -> e.site().pc()).thenComparing(LoginEvent::what))
                .ifPresent(first -> {
            bugReporter.reportBug(bug(first, priority(summary), first.what(), first.kind().fix()));
        });
        for (LoginEvent reuse : result.reusedInvalidatedSessions()) {
            bugReporter.reportBug(bug(reuse, Priorities.HIGH_PRIORITY,
                    reuse.what() + " written to the session invalidated just before (it throws, and the login gets no new session)",
                    "store it in the new session: request.getSession(true).setAttribute(...) after invalidate()"));
        }
    }

    private static int priority(LoginSummary summary) {
        boolean containerOnly = summary.reported().stream().allMatch(e -> e.kind() == LoginEventKind.CONTAINER);
        if (containerOnly || summary.isContainerLogin()) {
            return Priorities.LOW_PRIORITY;
        }
        // A constant marker under a name no catalogue knows is weaker evidence than the user or an identity name.
        boolean markersOnly = summary.reported().stream().allMatch(LoginEvent::isMarkerOnly);
        return summary.checksCredentials() && !markersOnly ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY;
    }

    private BugInstance bug(LoginEvent event, int priority, String what, String fix) {
        return new BugInstance(this, PATTERN, priority)
                .addClassAndMethod(event.site().method())
                .addString(what)
                .addString(fix)
                .addSourceLine(event.site().sourceLine());
    }

    @Override
    public void report() {
        // Reported per class as it is visited.
    }
}
