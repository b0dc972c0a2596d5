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

    /**
     * {@code <http disable-url-rewriting="false">}: the chain no longer keeps the container from writing session ids
     * into the links it encodes, as {@code enableSessionUrlRewriting(true)} in Java configuration
     * (runtime-evidence {@code SpringUrlRewritingTest}); the attribute's default is true.
     */
    static final String URL_REWRITING = "disable-url-rewriting";

    /** Cheap text screen before any XML parsing. */
    static boolean mayConfigure(String text) {
        return (text.contains(ATTRIBUTE) || text.contains(REMEMBER_ME) || text.contains(URL_REWRITING))
                && text.contains(NAMESPACE);
    }

    /** @param sameSiteByPolicy see {@link RememberMeXml#judge} */
    static List<SettingFinding> judge(SettingsResource file, XmlElement root,
            java.util.function.Predicate<String> sameSiteByPolicy) {
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
        List<XmlElement> chains = new ArrayList<>();
        root.collect("http", chains, 0);
        for (XmlElement chain : chains) {
            if (NAMESPACE.equals(chain.namespace) && "false".equals(chain.attribute(URL_REWRITING))) {
                findings.add(new SettingFinding("SESSION_ID_IN_URL", Priorities.HIGH_PRIORITY, file,
                        file.lineContainingBefore(URL_REWRITING, chain.line),
                        "<http disable-url-rewriting=\"false\"> lets encodeURL write ;jsessionid= into links",
                        "remove the attribute (its default is true) or set disable-url-rewriting=\"true\""));
            }
        }
        findings.addAll(RememberMeXml.judge(file, root, sameSiteByPolicy));
        return findings;
    }
}
