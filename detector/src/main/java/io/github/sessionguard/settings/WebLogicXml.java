package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Oracle WebLogic's per-application descriptor {@code WEB-INF/weblogic.xml} ({@code <weblogic-web-app>}), whose
 * {@code <session-descriptor>} configures the session cookie and URL rewriting:
 * <ul>
 * <li>{@code <cookie-http-only>false</cookie-http-only>}: the session cookie is sent without HttpOnly (WebLogic's
 * documented default since 10.3 is true);</li>
 * <li>{@code <url-rewriting-enabled>true</url-rewriting-enabled>}: the server accepts session ids from
 * {@code ;jsessionid=} in links and writes them into encoded URLs. WebLogic documents the default as true too; as for
 * GlassFish's {@code enableURLRewriting}, only a file that writes it out is reported, and not where web.xml declares
 * {@code <tracking-mode>}s without URL.</li>
 * </ul>
 * Only explicit values are judged: a descriptor that leaves an element out is the server's default, which no line of
 * the application sets. Where web.xml's {@code <cookie-config><http-only>true} also speaks for the cookie the
 * conflict is left alone. {@code cookie-secure} is not judged (WebLogic's default, false, is what most descriptors
 * leave; a written-out false names no more than that).
 */
final class WebLogicXml {
    static final String PATH = "WEB-INF/weblogic.xml";
    private static final String ROOT = "weblogic-web-app";
    private static final String SESSION = "session-descriptor";
    private static final String HTTP_ONLY = "cookie-http-only";
    private static final String URL_REWRITING = "url-rewriting-enabled";

    private WebLogicXml() {
    }

    static boolean isWebLogicXml(String resourceName) {
        return resourceName.equals(PATH) || resourceName.endsWith("/" + PATH);
    }

    /** Does the file's text name a setting {@link #judge} reads (the parse is skipped otherwise)? */
    static boolean mayJudge(String text) {
        return text.contains(SESSION) && (text.contains(HTTP_ONLY) || text.contains(URL_REWRITING));
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root, boolean webXmlHttpOnly,
            boolean webXmlExcludesUrl) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null || !root.localName.equals(ROOT)) {
            return findings;
        }
        for (XmlElement session : root.children(SESSION)) {
            String name = cookieName(session);
            for (XmlElement httpOnly : session.children(HTTP_ONLY)) {
                if (!webXmlHttpOnly && "false".equals(httpOnly.text().toLowerCase(Locale.ROOT))) {
                    findings.add(new SettingFinding("COOKIE_MISSING_HTTPONLY", Priorities.HIGH_PRIORITY, file,
                            httpOnly.line, "the session cookie \"" + name + "\" (<" + HTTP_ONLY + ">false</"
                                    + HTTP_ONLY + ">: readable from page script; WebLogic's default is true)",
                            "set <" + HTTP_ONLY + "> to true (or remove it: true is WebLogic's default)"));
                }
            }
            for (XmlElement rewriting : session.children(URL_REWRITING)) {
                if (!webXmlExcludesUrl && "true".equals(rewriting.text().toLowerCase(Locale.ROOT))) {
                    findings.add(new SettingFinding("SESSION_ID_IN_URL", Priorities.HIGH_PRIORITY, file,
                            rewriting.line, "<" + URL_REWRITING + ">true</" + URL_REWRITING + "> accepts session ids"
                                    + " from ;" + name + "= in links and writes them into encoded URLs",
                            "set <" + URL_REWRITING + "> to false (or keep only <tracking-mode>COOKIE</tracking-mode>"
                                    + " in web.xml)"));
                }
            }
        }
        return findings;
    }

    /** The session cookie's name: {@code <cookie-name>}, else WebLogic's default. */
    private static String cookieName(XmlElement session) {
        XmlElement name = session.child("cookie-name");
        return name == null || name.text().isEmpty() ? "JSESSIONID" : name.text();
    }
}
