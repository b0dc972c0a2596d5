package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector2;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.ICodeBase;
import edu.umd.cs.findbugs.classfile.IScannableCodeBase;
import edu.umd.cs.findbugs.classfile.ResourceNotFoundException;
import io.github.sessionguard.catalogue.SaTokenCookieKeys;
import io.github.sessionguard.catalogue.SessionSettingSources;
import io.github.sessionguard.cookies.CookiePolicyFacts;
import io.github.sessionguard.flow.CookieApiSupport;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.QuietClasspath;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the application's settings files (Spring Boot and Quarkus {@code application*.properties}/{@code .yml},
 * {@code web.xml}/{@code web-fragment.xml}, Spring Security XML) from the analysed code bases, once per
 * analysis, and reports at the file and line of the setting (or the file that should hold it).
 *
 * <p>While SpotBugs visits the application's classes this detector only notes which class is the Spring Boot
 * application (or has a {@code main} method); the files are judged in {@link #finishPass()}, after every
 * class, so the verdict never
 * depends on the order of classes. A finding needs a class: the code base's
 * {@code @SpringBootApplication} class, else its first class by name, is the finding's class, and a
 * source line annotation names the settings file by its path in the repository when the build layout
 * shows it ({@code web/src/main/resources/application.properties}, see {@link SourceTreePath}), else by
 * its path under the resource root; SpotBugs' text, XML and SARIF reports show it as the location.
 */
public class SettingsDetector implements Detector2 {
    private final BugReporter bugReporter;
    private final TreeSet<String> classes = new TreeSet<>();
    private final TreeSet<String> bootApplications = new TreeSet<>();
    private final TreeSet<String> mainClasses = new TreeSet<>();
    /** Some class logs users in through Sa-Token, which then writes its token cookie (see {@link SaTokenCookieSettings}). */
    private boolean saTokenLogins;

    public SettingsDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClass(ClassDescriptor classDescriptor) {
        MethodGuard.runClass(bugReporter, classDescriptor, () -> noteFacts(classDescriptor));
    }

    private void noteFacts(ClassDescriptor classDescriptor) throws CheckedAnalysisException {
        IAnalysisCache cache = Global.getAnalysisCache();
        XClass xclass = cache.getClassAnalysis(XClass.class, classDescriptor);
        classes.add(classDescriptor.getDottedClassName());
        for (ClassDescriptor annotation : xclass.getAnnotationDescriptors()) {
            if (annotation.getClassName().equals(SessionSettingSources.SPRING_BOOT_APPLICATION)) {
                bootApplications.add(classDescriptor.getDottedClassName());
            }
        }
        if (!saTokenLogins) {
            saTokenLogins = callsSaTokenLogin(cache.getClassAnalysis(JavaClass.class, classDescriptor));
        }
        for (XMethod method : xclass.getXMethods()) {
            if (method.isStatic() && method.getName().equals("main") && method.getSignature().equals("([Ljava/lang/String;)V")) {
                mainClasses.add(classDescriptor.getDottedClassName());
            }
        }
    }

    /** Does the class call a Sa-Token login method (a method reference in its constant pool)? */
    private static boolean callsSaTokenLogin(JavaClass javaClass) {
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (MethodRefs.isMethodRef(constant)
                    && SaTokenCookieKeys.LOGIN_OWNERS.contains(MethodRefs.owner(pool, (ConstantCP) constant))
                    && SaTokenCookieKeys.LOGIN_METHOD.equals(MethodRefs.name(pool, (ConstantCP) constant))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void finishPass() {
        MethodGuard.runReport(bugReporter, "read the application's settings files", this::judgeSettingsFiles);
    }

    private void judgeSettingsFiles() {
        IClassPath classPath = Global.getAnalysisCache().getClassPath();
        SessionContext context = new SessionContext(
                SessionSettingSources.SPRING_SESSION_STORES.stream().anyMatch(store -> onClasspath(classPath, store)));
        for (Iterator<? extends ICodeBase> it = classPath.appCodeBaseIterator(); it.hasNext();) {
            ICodeBase codeBase = it.next();
            if (!CodeBaseResources.isSpecifiedApplicationCodeBase(codeBase)) {
                continue;
            }
            try {
                judge(codeBase, CodeBaseResources.read((IScannableCodeBase) codeBase), classPath, context);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                bugReporter.logError("SessionGuard could not read the settings files of " + codeBase.getPathName(), e);
            }
        }
    }

    private void judge(ICodeBase codeBase, List<SettingsResource> files, IClassPath classPath, SessionContext context) {
        String anchor = anchorClass(codeBase, classPath);
        if (anchor == null || files.isEmpty()) {
            return;
        }
        List<BootProperty> bootProperties = new ArrayList<>();
        List<SettingFinding> findings = new ArrayList<>();
        for (SettingsResource file : files) {
            if (BootSessionSettings.isBootSettingsFile(file.path())) {
                try {
                    bootProperties.addAll(BootSessionSettings.read(file));
                } catch (RuntimeException e) {
                    bugReporter.logError("SessionGuard could not read " + file.path() + " (not valid YAML?)", e);
                }
            }
        }
        findings.addAll(BootSessionSettings.judge(bootProperties, context));
        findings.addAll(QuarkusFormAuthSettings.judge(bootProperties));
        if (saTokenLogins) {
            findings.addAll(SaTokenCookieSettings.judge(bootProperties));
        }
        for (SettingsResource file : files) {
            if (ShiroIni.isShiroIni(file.resourceName())) {
                findings.addAll(ShiroIni.judge(file, shiroSecureByDefault()));
            }
            if (UndertowHandlersConf.isHandlersConf(file.path())) {
                findings.addAll(UndertowHandlersConf.judge(file));
            }
        }
        Set<String> profiles = SpringProfiles.declared(files);
        CookieApiSupport cookieApis = new CookieApiSupport();
        boolean webXmlHttpOnly = files.stream().anyMatch(file -> WebXmlSessionSettings.isWebXml(file.resourceName())
                && WebXmlSessionSettings.setsHttpOnly(file.text()));
        boolean webXmlExcludesUrl = files.stream().anyMatch(file -> WebXmlSessionSettings.isWebXml(file.resourceName())
                && GlassFishWebXml.excludesUrlTracking(file.text()));
        for (SettingsResource file : files) {
            boolean webXml = WebXmlSessionSettings.isWebXml(file.resourceName());
            boolean security = SpringSecurityXml.mayConfigure(file.text());
            boolean tomcatContext = TomcatContextFile.isDeployedContextFile(codeBase, file)
                    && TomcatContextFile.mayJudge(file.text());
            boolean cookieBeans = SpringXmlCookieBeans.mayConfigure(file.text());
            boolean jettyWeb = JettyWebXml.isJettyWebXml(file.resourceName()) && JettyWebXml.mayJudge(file.text());
            boolean glassFishWeb = GlassFishWebXml.isGlassFishWebXml(file.resourceName())
                    && GlassFishWebXml.mayJudge(file.text());
            boolean webLogic = WebLogicXml.isWebLogicXml(file.resourceName()) && WebLogicXml.mayJudge(file.text());
            if (!webXml && !security && !tomcatContext && !cookieBeans && !jettyWeb && !glassFishWeb && !webLogic) {
                continue;
            }
            try {
                XmlElement root = XmlReader.parse(file);
                SpringProfiles.prune(root, profiles, 0);
                if (webXml) {
                    findings.addAll(WebXmlSessionSettings.judge(file, root));
                    findings.addAll(WebXmlLoginFilters.judge(file, root));
                    findings.addAll(WebXmlFilterSwitches.judge(file, root));
                }
                if (security) {
                    // The app-wide SameSite policies the cookie pass collected (an earlier pass, see findbugs.xml).
                    findings.addAll(SpringSecurityXml.judge(file, root, name -> CookiePolicyFacts
                            .sameSiteDecidedForFrameworkCookie(SessionSettingSources.SPRING_XML_REMEMBER_ME_SERVICES, name)));
                }
                if (tomcatContext) {
                    findings.addAll(TomcatContextFile.judge(file, root, webXmlHttpOnly));
                }
                if (cookieBeans) {
                    findings.addAll(SpringXmlCookieBeans.judge(file, root, cookieApis));
                }
                if (jettyWeb) {
                    findings.addAll(JettyWebXml.judge(file, root, webXmlHttpOnly));
                }
                if (glassFishWeb) {
                    findings.addAll(GlassFishWebXml.judge(file, root, webXmlExcludesUrl));
                }
                if (webLogic) {
                    findings.addAll(WebLogicXml.judge(file, root, webXmlHttpOnly, webXmlExcludesUrl));
                }
            } catch (SAXException | IOException e) {
                bugReporter.logError("SessionGuard could not read " + file.path() + " (not well-formed XML?)", e);
            }
        }
        for (SettingFinding finding : findings) {
            report(anchor, finding, SourceTreePath.of(codeBase.getPathName(), finding.resource().path()));
        }
    }

    /** {@code sourcePath}: the file as the repository holds it (see {@link SourceTreePath}). */
    private void report(String anchor, SettingFinding finding, String sourcePath) {
        String simpleName = anchor.substring(anchor.lastIndexOf('.') + 1);
        BugInstance bug = new BugInstance(this, finding.pattern(), finding.priority())
                .addClass(anchor)
                .addString(finding.resource().path())
                .addString(finding.description())
                .addString(finding.fix());
        // A class name without a package keeps SpotBugs from prefixing the file's path with one.
        bug.addSourceLine(new SourceLineAnnotation(simpleName, sourcePath, finding.line(),
                finding.line(), -1, -1));
        bugReporter.reportBug(bug);
    }

    /**
     * The class users know as the application: the code base's {@code @SpringBootApplication} class, else
     * a class with a {@code main} method, else its first top-level class by name; null if it has no class.
     */
    private String anchorClass(ICodeBase codeBase, IClassPath classPath) {
        String main = null;
        String first = null;
        for (String name : classes) {
            if (!inCodeBase(name, codeBase, classPath)) {
                continue;
            }
            if (bootApplications.contains(name)) {
                return name;
            }
            if (main == null && mainClasses.contains(name)) {
                main = name;
            }
            if (first == null || first.contains("$") && !name.contains("$")) {
                first = name;
            }
        }
        return main != null ? main : first;
    }

    private static boolean inCodeBase(String dottedName, ICodeBase codeBase, IClassPath classPath) {
        try {
            return classPath.lookupResource(dottedName.replace('.', '/') + ".class").getCodeBase() == codeBase;
        } catch (ResourceNotFoundException e) {
            // Classes of a Boot fat jar or a war live under BOOT-INF/classes/ or WEB-INF/classes/.
            for (String root : new String[] {"BOOT-INF/classes/", "WEB-INF/classes/"}) {
                if (codeBase.lookupResource(root + dottedName.replace('.', '/') + ".class") != null) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Does the Shiro on the analysis classpath make its session manager's cookie Secure by default (2.2 and later:
     * the class mentions the opt-out property)? Without Shiro on the classpath the older default (off) is assumed,
     * as the cookie detector does for the same class in code.
     */
    private static boolean shiroSecureByDefault() {
        return QuietClasspath.mentions(SessionSettingSources.SHIRO_SESSION_MANAGER_CLASS,
                SessionSettingSources.SHIRO_SECURE_OPT_OUT);
    }

    private static boolean onClasspath(IClassPath classPath, String resource) {
        try {
            classPath.lookupResource(resource);
            return true;
        } catch (ResourceNotFoundException e) {
            // Expected: the question is whether the class path has it (not a class lookup SessionGuard counts).
            return false;
        }
    }

    @Override
    public String getDetectorClassName() {
        return getClass().getName();
    }
}
