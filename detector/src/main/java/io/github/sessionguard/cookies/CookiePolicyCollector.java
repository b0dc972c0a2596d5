package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.NonReportingDetector;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TextSearch;
import io.github.sessionguard.settings.JettyWebXml;
import io.github.sessionguard.settings.TomcatContextFile;
import io.github.sessionguard.settings.UndertowHandlersConf;
import io.github.sessionguard.settings.WebXmlMappings;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * The first pass of the cookie analysis: collects the app-wide cookie policies the application installs
 * ({@link CookiePolicyCatalogue}) into this analysis' {@link CookiePolicyFacts}, before
 * {@link InsecureCookieDetector} judges any cookie (findbugs.xml orders the two into separate passes). It
 * reports nothing itself.
 */
public class CookiePolicyCollector implements Detector, NonReportingDetector {
    private static final TextSearch POLICY_TYPES = TextSearch.of(CookiePolicyCatalogue.POLICY_TYPES);
    /** Per cookie-rewriting hook, its builder types: a class that names none cannot be one. */
    private static final java.util.Map<CookiePolicyCatalogue.CookieRewriteHook, TextSearch> HOOK_BUILDERS =
            hookBuilders();

    private final BugReporter bugReporter;
    private final CookiePolicyFacts facts;

    public CookiePolicyCollector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
        this.facts = CookiePolicyFacts.startAnalysis();
    }

    private static java.util.Map<CookiePolicyCatalogue.CookieRewriteHook, TextSearch> hookBuilders() {
        java.util.Map<CookiePolicyCatalogue.CookieRewriteHook, TextSearch> builders = new java.util.IdentityHashMap<>();
        CookiePolicyCatalogue.REWRITE_HOOKS.forEach(hook -> builders.put(hook, TextSearch.of(hook.builders)));
        return java.util.Collections.unmodifiableMap(builders);
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> visitGuarded(classContext));
    }

    private void visitGuarded(ClassContext classContext) {
        JavaClass javaClass = classContext.getJavaClass();
        // SpotBugs' first pass also visits the library classes the application references: their own
        // cookie code (Tomcat's, Boot's) is not a policy of the application.
        if (!QuietClasspath.isApplicationClass(javaClass.getClassName().replace('.', '/'))) {
            return;
        }
        // Every application class: its mapping annotations say which requests reach a filter or a handler.
        facts.requestPaths().readAnnotations(javaClass);
        for (CookiePolicyCatalogue.CookieRewriteHook hook : CookiePolicyCatalogue.REWRITE_HOOKS) {
            if (ConstantPoolScreen.mentionsAny(javaClass, HOOK_BUILDERS.get(hook))) {
                MethodGuard.runClass(bugReporter, javaClass,
                        () -> new CookieRewriteHookScan(classContext, facts, hook).run());
            }
        }
        if (!ConstantPoolScreen.mentionsAny(javaClass, POLICY_TYPES)) {
            return;
        }
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() != null && CookiePolicyScan.mayRecord(javaClass, method)) {
                MethodGuard.run(bugReporter, classContext, method,
                        () -> new CookiePolicyScan(classContext, method, facts).run());
            }
        }
    }

    @Override
    public void report() {
        // Nothing to report: the facts are read by InsecureCookieDetector in the next pass. The pass is over, so the
        // settings files join the facts here: Tomcat's META-INF/context.xml cookie processor, web.xml's mappings.
        MethodGuard.runReport(bugReporter, "read the application's META-INF/context.xml, WEB-INF/jetty-web.xml and undertow-handlers.conf",
                this::readContextFiles);
        MethodGuard.runReport(bugReporter, "read the application's WEB-INF/web.xml mappings", this::readWebXml);
    }

    private void readWebXml() {
        try {
            facts.requestPaths().add(WebXmlMappings.read(Global.getAnalysisCache().getClassPath()));
        } catch (java.io.IOException e) {
            bugReporter.logError("SessionGuard could not read the application's WEB-INF/web.xml", e);
        }
    }

    private void readContextFiles() {
        try {
            for (String value : TomcatContextFile.hardeningSameSites(Global.getAnalysisCache().getClassPath())) {
                facts.sameSite(CookiePolicyFacts.SameSitePolicy.everyCookieFromFile(value, "Tomcat's META-INF/context.xml"));
            }
            // Jetty's WEB-INF/jetty-web.xml: the context's SameSite default (its None is the settings detector's).
            for (String value : JettyWebXml.sameSiteDefaults(Global.getAnalysisCache().getClassPath())) {
                facts.sameSite(CookiePolicyFacts.SameSitePolicy.everyCookieFromFile(value, "Jetty's WEB-INF/jetty-web.xml",
                        CookiePolicyCatalogue.JETTY_CONTEXT_WRITTEN));
            }
            // WildFly's (Quarkus') undertow-handlers.conf: samesite-cookie(...) around the deployment (its None is the
            // settings detector's).
            for (UndertowHandlersConf.SameSiteHandler handler : UndertowHandlersConf.sameSiteHandlers(
                    Global.getAnalysisCache().getClassPath())) {
                CookiePolicyFacts.SameSitePolicy policy = CookiePolicyFacts.SameSitePolicy.everyCookieReplacingFromFile(
                        handler.mode, "Undertow's undertow-handlers.conf", CookiePolicyCatalogue.UNDERTOW_DEPLOYMENT_WRITTEN);
                facts.sameSite(handler.cookiePattern == null ? policy : policy.onlyMatching(handler.cookiePattern,
                        handler.caseSensitive ? 0 : java.util.regex.Pattern.CASE_INSENSITIVE));
            }
        } catch (java.io.IOException e) {
            bugReporter.logError("SessionGuard could not read the application's settings files", e);
        }
    }
}
