package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.classfile.IClassPath;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Jetty's per-application {@code WEB-INF/jetty-web.xml}: Jetty's XML configuration of the web application's context
 * ({@code <Configure class="...WebAppContext">}), whose elements are calls on it. Two of them decide cookies (runtime
 * evidence {@code Jetty12SessionCookieDefaultsTest}, which makes the same calls in code):
 * <ul>
 * <li>{@code <Call name="setAttribute"><Arg>org.eclipse.jetty.cookie.sameSiteDefault</Arg><Arg>Lax</Arg></Call>}: every
 * cookie of the context without a SameSite of its own, servlet cookies and the session cookie included, gets the
 * value (a SameSite policy, as Tomcat's {@code <CookieProcessor sameSiteCookies>} in {@code context.xml} is);</li>
 * <li>{@code <Get name="sessionHandler"><Set name="...">}: the session handler's setters. Its cookie has no HttpOnly
 * unless {@code httpOnly} is set (or web.xml's {@code <cookie-config><http-only>true}), and no SameSite unless
 * {@code sameSite} is set or the context has a SameSite default.</li>
 * <li>{@code <Get name="securityHandler"><Set name="sessionRenewedOnAuthentication">false</Set>}: the security handler's
 * {@code setSessionRenewedOnAuthentication(false)}, which makes the container's logins (FORM, BASIC) keep the pre-login
 * session id (runtime evidence {@code JettyRenewOnAuthenticationTest}, the same call in code).</li>
 * </ul>
 * Secure is not judged here: left alone, Jetty sends it on the requests it sees as secure, as Tomcat does for a
 * web.xml without {@code <secure>}.
 */
public final class JettyWebXml {
    static final String PATH = "WEB-INF/jetty-web.xml";
    private static final String SESSION_HANDLER = "sessionHandler";
    private static final String HTTP_ONLY = "httpOnly";
    private static final String SAME_SITE = "sameSite";
    private static final String SECURITY_HANDLER = "securityHandler";
    /** The security handler's switch for its id change at login (true by default). */
    private static final String RENEW = "sessionRenewedOnAuthentication";

    private JettyWebXml() {
    }

    static boolean isJettyWebXml(String resourceName) {
        return resourceName.equals(PATH) || resourceName.endsWith("/" + PATH);
    }

    /** Does the file's text name a setting {@link #judge} reads (the parse is skipped otherwise)? */
    static boolean mayJudge(String text) {
        return text.contains(SESSION_HANDLER) || text.contains(CookiePolicyCatalogue.JETTY_SAME_SITE_DEFAULT)
                || text.contains(RENEW);
    }

    /**
     * The SameSite default the file gives the context ({@code <Call name="setAttribute">} with the attribute's name
     * and a text value, directly on the configured context), or null.
     */
    static String sameSiteDefault(XmlElement root) {
        if (root == null || !root.localName.equals("Configure")) {
            return null;
        }
        String value = null;
        for (XmlElement call : root.children("Call")) {
            List<XmlElement> args = call.children("Arg");
            if ("setAttribute".equals(call.attribute("name")) && args.size() == 2
                    && CookiePolicyCatalogue.JETTY_SAME_SITE_DEFAULT.equals(args.get(0).text())) {
                // A later call replaces an earlier one, as the calls run in document order.
                value = args.get(1).text().isEmpty() ? null : args.get(1).text();
            }
        }
        return value;
    }

    /**
     * The session handler configured by the file without HttpOnly (and no web.xml {@code <http-only>true}), or with
     * SameSite left unset where the file gives the context no protective SameSite default, or set to None; and a
     * SameSite default of None for every cookie; the security handler told not to renew the session at login.
     */
    static List<SettingFinding> judge(SettingsResource file, XmlElement root, boolean webXmlHttpOnly) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null || !root.localName.equals("Configure")) {
            return findings;
        }
        String contextDefault = sameSiteDefault(root);
        if (CookiePolicyCatalogue.isNone(contextDefault)) {
            findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.NORMAL_PRIORITY, file,
                    file.lineContaining(CookiePolicyCatalogue.JETTY_SAME_SITE_DEFAULT, root.line),
                    "every cookie of the context without its own SameSite, the session cookie included ("
                            + CookiePolicyCatalogue.JETTY_SAME_SITE_DEFAULT + " = None: sent on every cross-site request)",
                    "set the attribute to \"Lax\" (or \"Strict\"), and SameSite=None on the cookies that must travel"
                            + " cross-site only"));
        }
        for (XmlElement get : root.children("Get")) {
            if (SECURITY_HANDLER.equals(get.attribute("name")) && "false".equalsIgnoreCase(setting(get, RENEW))) {
                findings.add(new SettingFinding("SESSION_FIXATION_PROTECTION_DISABLED", Priorities.HIGH_PRIORITY, file,
                        file.lineContaining(RENEW, get.line),
                        "<Get name=\"" + SECURITY_HANDLER + "\"><Set name=\"" + RENEW + "\">false</Set> (the container's"
                                + " logins keep the pre-login session id)",
                        "remove the <Set name=\"" + RENEW + "\"> (Jetty's default, true, gives the session a new id at"
                                + " login)"));
            }
            if (!SESSION_HANDLER.equals(get.attribute("name")) || get.children("Set").isEmpty()) {
                continue;
            }
            String name = setting(get, "sessionCookie");
            String subject = "the session cookie \"" + (name == null || name.isEmpty() ? "JSESSIONID" : name) + "\"";
            String httpOnly = setting(get, HTTP_ONLY);
            // A value from a property or a call (<Property name="..." default="true"/>) is decided at deployment.
            if (!"true".equalsIgnoreCase(httpOnly) && !webXmlHttpOnly && !isComputed(get, HTTP_ONLY)) {
                findings.add(new SettingFinding("COOKIE_MISSING_HTTPONLY", Priorities.HIGH_PRIORITY, file,
                        httpOnly != null ? file.lineContaining(HTTP_ONLY, get.line) : get.line,
                        subject + " (<Get name=\"" + SESSION_HANDLER + "\"> " + (httpOnly != null
                                ? "sets " + HTTP_ONLY + " to " + httpOnly : "never sets " + HTTP_ONLY)
                                + "; Jetty's session cookie is not HttpOnly by default)",
                        "<Set name=\"" + HTTP_ONLY + "\">true</Set> in <Get name=\"" + SESSION_HANDLER
                                + "\"> (or <cookie-config><http-only>true</http-only> in web.xml)"));
            }
            String sameSite = setting(get, SAME_SITE);
            boolean none = sameSite != null && sameSite.toUpperCase(Locale.ROOT).contains("NONE");
            if (none || sameSite == null && !CookiePolicyCatalogue.isHardeningSameSite(contextDefault)) {
                findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE",
                        none ? Priorities.NORMAL_PRIORITY : Priorities.HIGH_PRIORITY, file,
                        none ? file.lineContaining(SAME_SITE, get.line) : get.line,
                        subject + (none ? " with SameSite=None, which sends it on every cross-site request,"
                                : " (<Get name=\"" + SESSION_HANDLER + "\"> never sets " + SAME_SITE
                                        + " and the context has no SameSite default)"),
                        "<Set name=\"" + SAME_SITE + "\"> to HttpCookie.SameSite LAX (or STRICT), or the context attribute "
                                + CookiePolicyCatalogue.JETTY_SAME_SITE_DEFAULT + " set to Lax"));
            }
        }
        return findings;
    }

    /** Is the block's {@code <Set name="...">} value given by a nested element (a property, a call) rather than a text? */
    private static boolean isComputed(XmlElement block, String property) {
        return block.children("Set").stream().anyMatch(set -> property.equals(set.attribute("name")) && !set.children.isEmpty());
    }

    /**
     * The value of {@code <Set name="...">} in the block: its text, or the name a nested element reads
     * ({@code <Get class="org.eclipse.jetty.http.HttpCookie$SameSite" name="LAX"/>}, {@code <Call ... name="valueOf">
     * <Arg>LAX</Arg>}); null when not set.
     */
    private static String setting(XmlElement block, String property) {
        String value = null;
        for (XmlElement set : block.children("Set")) {
            if (!property.equals(set.attribute("name"))) {
                continue;
            }
            value = set.text();
            for (XmlElement nested : set.children) {
                XmlElement arg = nested.child("Arg");
                value = value + " " + (arg != null ? arg.text() : String.valueOf(nested.attribute("name")));
            }
            value = value.trim();
        }
        return value;
    }

    /**
     * The SameSite defaults the analysed applications' {@code WEB-INF/jetty-web.xml} files give their context (one
     * lookup per application code base), protective or not, sorted. A file that is not well-formed sets nothing here;
     * the settings detector reports it.
     */
    public static List<String> sameSiteDefaults(IClassPath classPath) throws IOException {
        return CodeBaseResources.answers(classPath, PATH, codeBase -> true,
                file -> file.text().contains(CookiePolicyCatalogue.JETTY_SAME_SITE_DEFAULT)
                        ? sameSiteDefault(XmlReader.parse(file)) : null);
    }
}
