package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Judges {@code <session-config>} in {@code WEB-INF/web.xml} and {@code META-INF/web-fragment.xml}:
 * {@code <cookie-config>} {@code <secure>false}, {@code <http-only>false}, the Servlet 6
 * {@code <attribute>} SameSite=None, and {@code <tracking-mode>URL}. What is not set is the container's default
 * and is not reported: Tomcat marks the session cookie Secure on every HTTPS request and HttpOnly always, and
 * sends no SameSite (see docs/settings.md).
 */
final class WebXmlSessionSettings {
    private WebXmlSessionSettings() {
    }

    static boolean isWebXml(String resourceName) {
        return resourceName.equals("WEB-INF/web.xml") || resourceName.endsWith("/WEB-INF/web.xml")
                || resourceName.equals("META-INF/web-fragment.xml");
    }

    /** {@code <cookie-config><http-only>true</http-only>}, read from the text (whitespace and case aside). */
    private static final Pattern HTTP_ONLY_TRUE = Pattern.compile("<http-only>\\s*true\\s*</http-only>",
            Pattern.CASE_INSENSITIVE);

    /** Does the descriptor mark the session cookie HttpOnly ({@code <http-only>true})? */
    static boolean setsHttpOnly(String text) {
        return HTTP_ONLY_TRUE.matcher(text).find();
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null || !(root.localName.equals("web-app") || root.localName.equals("web-fragment"))) {
            return findings;
        }
        String cookie = "JSESSIONID";
        List<XmlElement> sessionConfigs = root.children("session-config");
        for (XmlElement config : sessionConfigs) {
            XmlElement cookieConfig = config.child("cookie-config");
            if (cookieConfig != null) {
                XmlElement name = cookieConfig.child("name");
                if (name != null && !name.text().isEmpty()) {
                    cookie = name.text();
                }
            }
        }
        for (XmlElement config : sessionConfigs) {
            XmlElement cookieConfig = config.child("cookie-config");
            if (cookieConfig != null) {
                XmlElement secure = cookieConfig.child("secure");
                XmlElement httpOnly = cookieConfig.child("http-only");
                boolean secureTrue = secure != null && "true".equalsIgnoreCase(secure.text());
                if (secure != null && "false".equalsIgnoreCase(secure.text())) {
                    findings.add(new SettingFinding("COOKIE_MISSING_SECURE", Priorities.HIGH_PRIORITY, file,
                            secure.line, "the session cookie \"" + cookie + "\" (<secure>false</secure>)",
                            "set <cookie-config><secure>true</secure> in <session-config>"));
                }
                if (httpOnly != null && "false".equalsIgnoreCase(httpOnly.text())) {
                    findings.add(new SettingFinding("COOKIE_MISSING_HTTPONLY", Priorities.HIGH_PRIORITY, file,
                            httpOnly.line, "the session cookie \"" + cookie + "\" (<http-only>false</http-only>)",
                            "set <cookie-config><http-only>true</http-only> in <session-config>"));
                }
                for (XmlElement attribute : cookieConfig.children("attribute")) {
                    XmlElement name = attribute.child("attribute-name");
                    XmlElement value = attribute.child("attribute-value");
                    if (name == null || !"samesite".equalsIgnoreCase(name.text())) {
                        continue;
                    }
                    // With <secure>false</secure> the finding above already asks for Secure.
                    if (value != null && "none".equalsIgnoreCase(value.text()) && (secure == null || secureTrue)) {
                        findings.add(secureTrue
                                ? new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.NORMAL_PRIORITY, file,
                                        value.line, "the session cookie \"" + cookie
                                                + "\" (SameSite=None: sent on cross-site requests)",
                                        "set the SameSite <attribute-value> to Lax")
                                : new SettingFinding("COOKIE_MISSING_SECURE", Priorities.HIGH_PRIORITY, file,
                                        value.line, "the session cookie \"" + cookie
                                                + "\" (SameSite=None without Secure, which browsers reject)",
                                        "set <cookie-config><secure>true</secure> in <session-config>"));
                    }
                }
            }
            for (XmlElement mode : config.children("tracking-mode")) {
                if ("url".equals(mode.text().toLowerCase(Locale.ROOT))) {
                    findings.add(new SettingFinding("SESSION_ID_IN_URL", Priorities.HIGH_PRIORITY, file, mode.line,
                            "<tracking-mode>URL</tracking-mode> accepts session ids from ;jsessionid= in links",
                            "keep only <tracking-mode>COOKIE</tracking-mode>"));
                }
            }
        }
        return findings;
    }
}
