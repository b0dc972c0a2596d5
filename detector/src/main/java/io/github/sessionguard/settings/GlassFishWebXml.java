package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GlassFish's and Payara's per-application descriptor ({@code WEB-INF/glassfish-web.xml}, its older name
 * {@code WEB-INF/sun-web.xml}, and Payara's {@code WEB-INF/payara-web.xml}, which share the format):
 * {@code <session-config><session-properties><property name="enableURLRewriting" value="true"/>} makes the server
 * accept session ids from {@code ;jsessionid=} in links and write them into encoded URLs. The GlassFish
 * deployment guide gives the property's default as true (the Servlet default tracking modes, which web.xml's
 * {@code <tracking-mode>} narrows); only a file that switches it on is reported, and not where the application's
 * web.xml restricts the tracking modes to ones without URL.
 */
final class GlassFishWebXml {
    private static final List<String> NAMES = List.of("glassfish-web.xml", "sun-web.xml", "payara-web.xml");
    private static final String PROPERTY = "enableURLRewriting";
    private static final Pattern TRACKING_MODE = Pattern.compile("<tracking-mode>\\s*([A-Za-z]+)\\s*</tracking-mode>");

    private GlassFishWebXml() {
    }

    static boolean isGlassFishWebXml(String resourceName) {
        for (String name : NAMES) {
            String path = "WEB-INF/" + name;
            if (resourceName.equals(path) || resourceName.endsWith("/" + path)) {
                return true;
            }
        }
        return false;
    }

    /** Does the file's text name the setting {@link #judge} reads (the parse is skipped otherwise)? */
    static boolean mayJudge(String text) {
        return text.contains(PROPERTY);
    }

    /** Does a web.xml text declare tracking modes, none of them URL (which the server then keeps to)? */
    static boolean excludesUrlTracking(String webXmlText) {
        Matcher mode = TRACKING_MODE.matcher(webXmlText);
        boolean declared = false;
        while (mode.find()) {
            if ("url".equals(mode.group(1).toLowerCase(Locale.ROOT))) {
                return false;
            }
            declared = true;
        }
        return declared;
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root, boolean webXmlExcludesUrl) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null || webXmlExcludesUrl
                || !(root.localName.equals("glassfish-web-app") || root.localName.equals("sun-web-app")
                        || root.localName.equals("payara-web-app"))) {
            return findings;
        }
        for (XmlElement config : root.children("session-config")) {
            for (XmlElement properties : config.children("session-properties")) {
                for (XmlElement property : properties.children("property")) {
                    String value = property.attribute("value");
                    if (PROPERTY.equals(property.attribute("name")) && value != null
                            && "true".equals(value.trim().toLowerCase(Locale.ROOT))) {
                        findings.add(new SettingFinding("SESSION_ID_IN_URL", Priorities.HIGH_PRIORITY, file,
                                property.line, "<property name=\"enableURLRewriting\" value=\"true\"/> accepts session ids"
                                        + " from ;jsessionid= in links",
                                "set enableURLRewriting to false (or keep only <tracking-mode>COOKIE</tracking-mode> in"
                                        + " web.xml)"));
                    }
                }
            }
        }
        return findings;
    }
}
