package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.classfile.ICodeBase;
import edu.umd.cs.findbugs.classfile.IClassPath;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tomcat's per-application {@code META-INF/context.xml}: {@code <CookieProcessor sameSiteCookies="strict">} gives
 * every cookie Tomcat writes without a SameSite of its own that value, the session cookie included (runtime
 * evidence {@code TomcatSameSitePolicyTest}, which installs the same processor in code).
 */
public final class TomcatContextFile {
    static final String PATH = "META-INF/context.xml";

    private TomcatContextFile() {
    }

    /**
     * The file's protective SameSite value (Lax, Strict), or null: no processor value, None, or not the war root's
     * {@code META-INF/context.xml} (one under {@code WEB-INF/classes/} is never read by Tomcat).
     */
    static String hardeningSameSite(SettingsResource file) throws SAXException, IOException {
        if (!file.resourceName().equals(PATH)) {
            return null;
        }
        XmlElement root = XmlReader.parse(file);
        XmlElement processor = root == null || !root.localName.equals("Context") ? null : root.child("CookieProcessor");
        String value = processor == null ? null : processor.attribute("sameSiteCookies");
        return value != null && CookiePolicyCatalogue.isHardeningSameSite(value) ? value : null;
    }

    /** Tomcat's authenticator valves, whose {@code changeSessionIdOnAuthentication} defaults to true. */
    private static final String AUTHENTICATORS = "org.apache.catalina.authenticator.";
    static final String ID_CHANGE = "changeSessionIdOnAuthentication";
    /** The Context's switch for its session cookie's HttpOnly (true by default; TomcatUseHttpOnlyTest). */
    private static final String USE_HTTP_ONLY = "useHttpOnly";

    /** The cookie processor's SameSite value for every cookie without its own. */
    private static final String SAME_SITE_COOKIES = "sameSiteCookies";

    /** Does the file's text name a setting {@link #judge} reads (the parse is skipped otherwise)? */
    static boolean mayJudge(String text) {
        return text.contains(ID_CHANGE) || text.contains(USE_HTTP_ONLY) || text.contains(SAME_SITE_COOKIES);
    }

    /** Is this the deployed {@code META-INF/context.xml} of a war (see {@link #isWebArchive})? */
    static boolean isDeployedContextFile(ICodeBase codeBase, SettingsResource file) {
        return file.resourceName().equals(PATH) && isWebArchive(codeBase);
    }

    /**
     * {@code <Valve className="org.apache.catalina.authenticator.FormAuthenticator"
     * changeSessionIdOnAuthentication="false">}: the container keeps the pre-login session id when it logs a user
     * in (form, basic, SSO...), as {@code setChangeSessionIdOnAuthentication(false)} in code does; and
     * {@code <Context useHttpOnly="false">}: the session cookie without HttpOnly, as {@code setUseHttpOnly(false)} is
     * (unless the war's {@code web.xml} sets {@code <http-only>true}); and {@code <CookieProcessor sameSiteCookies="none">}:
     * every cookie Tomcat writes without a SameSite of its own, the session cookie included, sent SameSite=None, as
     * {@code setSameSiteCookies("None")} in code is.
     */
    static List<SettingFinding> judge(SettingsResource file, XmlElement root, boolean webXmlHttpOnly) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null || !root.localName.equals("Context")) {
            return findings;
        }
        // Tomcat marks the session cookie HttpOnly when either the context or the session cookie config says so: a
        // web.xml <cookie-config><http-only>true wins over useHttpOnly="false".
        if ("false".equalsIgnoreCase(root.attribute(USE_HTTP_ONLY)) && !webXmlHttpOnly) {
            String name = root.attribute("sessionCookieName");
            findings.add(new SettingFinding("COOKIE_MISSING_HTTPONLY", Priorities.HIGH_PRIORITY, file,
                    file.lineContainingBefore(USE_HTTP_ONLY, root.line),
                    "the session cookie \"" + (name == null || name.isBlank() ? "JSESSIONID" : name.trim())
                            + "\" (<Context " + USE_HTTP_ONLY + "=\"false\">)",
                    "remove " + USE_HTTP_ONLY + "=\"false\" (Tomcat's default, true, marks the session cookie HttpOnly)"));
        }
        XmlElement processor = root.child("CookieProcessor");
        String sameSite = processor == null ? null : processor.attribute(SAME_SITE_COOKIES);
        if (CookiePolicyCatalogue.isNone(sameSite == null ? null : sameSite.trim())) {
            findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.NORMAL_PRIORITY, file,
                    file.lineContainingBefore(SAME_SITE_COOKIES, processor.line),
                    "every cookie Tomcat writes without its own SameSite, the session cookie included (<CookieProcessor "
                            + SAME_SITE_COOKIES + "=\"" + sameSite.trim() + "\">: sent on every cross-site request)",
                    "set " + SAME_SITE_COOKIES + "=\"lax\" (or \"strict\"), and SameSite=None on the cookies that must"
                            + " travel cross-site only"));
        }
        for (XmlElement valve : root.children("Valve")) {
            String type = valve.attribute("className");
            if (keepsIdAtLogin(valve)) {
                findings.add(new SettingFinding("SESSION_FIXATION_PROTECTION_DISABLED", Priorities.HIGH_PRIORITY, file,
                        file.lineContainingBefore(ID_CHANGE, valve.line),
                        "<Valve className=\"" + type.substring(AUTHENTICATORS.length()) + "\" " + ID_CHANGE + "=\"false\">",
                        "remove " + ID_CHANGE + "=\"false\" (Tomcat's default, true, gives the session a new id at login)"));
            }
        }
        return findings;
    }

    /** An authenticator valve with {@code changeSessionIdOnAuthentication="false"}. */
    private static boolean keepsIdAtLogin(XmlElement valve) {
        String type = valve.attribute("className");
        return type != null && type.startsWith(AUTHENTICATORS) && "false".equalsIgnoreCase(valve.attribute(ID_CHANGE));
    }

    /**
     * Does an analysed war's {@code META-INF/context.xml} keep the session id at container logins (an authenticator
     * valve with {@code changeSessionIdOnAuthentication="false"}, reported at that file)? Then a
     * {@code request.login} in the code is that same bug, whose fix is the file's: the login is not reported again.
     * A file that is not well-formed keeps nothing here; the settings detector reports it.
     */
    public static boolean keepsIdAtContainerLogin(IClassPath classPath) throws IOException {
        return !CodeBaseResources.answers(classPath, PATH, TomcatContextFile::isWebArchive, file -> {
            XmlElement root = XmlReader.parse(file);
            boolean keeps = root != null && root.localName.equals("Context")
                    && root.children("Valve").stream().anyMatch(TomcatContextFile::keepsIdAtLogin);
            return keeps ? ID_CHANGE : null;
        }).isEmpty();
    }

    /** A war, packed or exploded: the root of what Tomcat deploys, where it reads META-INF/context.xml. */
    private static boolean isWebArchive(ICodeBase codeBase) {
        return codeBase.getPathName().endsWith(".war") || codeBase.lookupResource("WEB-INF/web.xml") != null;
    }

    /**
     * The protective SameSite values of the analysed applications' {@code META-INF/context.xml} files (one lookup
     * per application code base, no scan), sorted. A file that is not well-formed sets nothing here; the settings
     * detector reports it.
     */
    public static List<String> hardeningSameSites(IClassPath classPath) throws IOException {
        // A classes folder or jar ends up under WEB-INF/classes/, where Tomcat never reads a context.xml.
        return CodeBaseResources.answers(classPath, PATH, TomcatContextFile::isWebArchive,
                TomcatContextFile::hardeningSameSite);
    }
}
