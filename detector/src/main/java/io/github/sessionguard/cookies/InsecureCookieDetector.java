package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.sessionguard.engine.AnalysisSettings;
import io.github.sessionguard.engine.AnalysisStats;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodGuard;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * Reports cookies that reach the client without Secure, HttpOnly or SameSite, per cookie object and per
 * path, across the application's methods: every method is analysed once (its summary serves its callers
 * too), and findings are reported when the analysis ends.
 */
public class InsecureCookieDetector implements Detector {
    private final BugReporter bugReporter;
    private final CookieFindings findings;
    private final CookieSummaries summaries;
    /** The application's cookie policies, gathered by {@link CookiePolicyCollector} in the pass before. */
    private final AppCookiePolicies policies;

    public InsecureCookieDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
        this.findings = new CookieFindings(this, bugReporter);
        this.summaries = new CookieSummaries(bugReporter);
        this.policies = new AppCookiePolicies(CookiePolicyFacts.ofAnalysis(), summaries);
        this.findings.coveredBy(policies);
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> visitGuarded(classContext));
    }

    private void visitGuarded(ClassContext classContext) {
        JavaClass javaClass = classContext.getJavaClass();
        if (AnalysisSettings.ofThisAnalysis().usable(bugReporter) == null || !isRelevant(javaClass)) {
            return;
        }
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() != null) {
                MethodGuard.run(bugReporter, classContext, method, () -> {
                    // Cost only: a method that names no cookie API, not even further down, finds nothing.
                    if (summaries.isWorthAnalysing(javaClass, method)) {
                        summaries.analysisOf(javaClass, method).findings().forEach(findings::sent);
                    }
                });
            }
        }
    }

    /** The pre-screen; an odd class it cannot read goes to the error channel and falls back to its own pool. */
    private boolean isRelevant(JavaClass javaClass) {
        try {
            return summaries.isRelevant(javaClass);
        } catch (RuntimeException e) {
            bugReporter.logError("SessionGuard could not screen the callees of " + javaClass.getClassName() + ": " + e, e);
            return CookieSummaries.passesScreen(javaClass);
        }
    }

    @Override
    public void report() {
        MethodGuard.runReport(bugReporter, "report the application's cookie policies",
                () -> policies.policyFindings(this).forEach(bugReporter::reportBug));
        MethodGuard.runReport(bugReporter, "report its cookie findings", findings::flush);
        MethodGuard.runReport(bugReporter, "count its class lookups", LookupFailures::logOnce);
        MethodGuard.runReport(bugReporter, "write its statistics", () -> AnalysisStats.ofThisAnalysis().write());
    }
}
