package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;

import java.util.ArrayList;
import java.util.List;

/**
 * Spring Security's XML namespace: {@code <session-management session-fixation-protection="none">}
 * switches the id change on login off, like {@code sessionFixation().none()} in Java configuration.
 */
final class SpringSecurityXml {
    static final String NAMESPACE = "http://www.springframework.org/schema/security";
    static final String ATTRIBUTE = "session-fixation-protection";

    private SpringSecurityXml() {
    }

    static final String REMEMBER_ME = "remember-me";

    /** Cheap text screen before any XML parsing. */
    static boolean mayConfigure(String text) {
        return (text.contains(ATTRIBUTE) || text.contains(REMEMBER_ME)) && text.contains(NAMESPACE);
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null) {
            return findings;
        }
        List<XmlElement> managements = new ArrayList<>();
        root.collect("session-management", managements, 0);
        for (XmlElement management : managements) {
            if (NAMESPACE.equals(management.namespace) && "none".equals(management.attribute(ATTRIBUTE))) {
                // The parser reports the line where the start tag ends; the attribute may sit above it.
                int line = file.lineContainingBefore(ATTRIBUTE, management.line);
                findings.add(new SettingFinding("SESSION_FIXATION_PROTECTION_DISABLED", Priorities.HIGH_PRIORITY, file,
                        line, "<session-management session-fixation-protection=\"none\">",
                        "set session-fixation-protection=\"changeSessionId\" (or remove the attribute)"));
            }
        }
        findings.addAll(RememberMeXml.judge(file, root));
        return findings;
    }
}
