package io.github.sessionguard.settings;

import org.xml.sax.SAXException;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Spring profiles a web application says it runs with, and the nested {@code <beans profile="...">} blocks of its
 * Spring XML that those profiles leave out: a {@code <session-management session-fixation-protection="none">} in a
 * {@code standalone} block of an application whose {@code web.xml} activates {@code production} is never loaded.
 * Declared by {@code web.xml}'s {@code spring.profiles.active} context parameter only: a Boot settings file's value is
 * a default that the environment overrides, and its groups and includes add profiles. With none declared, every block
 * is judged: the profile may be switched on where it is deployed. A profile expression with operators
 * ({@code prod & eu}, {@code (a | b)}) is kept.
 */
final class SpringProfiles {
    static final String ACTIVE = "spring.profiles.active";

    private SpringProfiles() {
    }

    /**
     * The profiles {@code web.xml} declares active (its {@code spring.profiles.active} context parameter), or null when
     * it declares none, declares an empty list (Spring's {@code default} profile runs), or a servlet declares its own
     * (a {@code DispatcherServlet}'s init parameter activates more profiles for its context).
     */
    static Set<String> declared(List<SettingsResource> files) {
        Set<String> active = null;
        for (SettingsResource file : files) {
            if (!WebXmlSessionSettings.isWebXml(file.resourceName()) || !file.text().contains(ACTIVE)) {
                continue;
            }
            XmlElement root;
            try {
                root = XmlReader.parse(file);
            } catch (SAXException | IOException e) {
                // Reported once, where the settings detector judges this web.xml; it declares nothing here.
                continue;
            }
            if (root == null) {
                continue;
            }
            for (XmlElement servlet : root.children("servlet")) {
                if (WebXmlLoginFilters.parameterValue(servlet.children("init-param"), ACTIVE) != null) {
                    return null;
                }
            }
            String value = WebXmlLoginFilters.parameterValue(root.children("context-param"), ACTIVE);
            if (value != null) {
                active = active == null ? new LinkedHashSet<>() : active;
                active.addAll(names(value));
            }
        }
        return active == null || active.isEmpty() ? null : active;
    }

    /** Spring's profile lists: names separated by commas, semicolons or white space. */
    private static List<String> names(String list) {
        List<String> names = new java.util.ArrayList<>();
        for (String name : list.trim().split("[,;\\s]+")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Removes the nested {@code <beans profile>} blocks the declared profiles leave out (none when null). */
    static void prune(XmlElement element, Set<String> active, int depth) {
        if (active == null || element == null || depth > XmlReader.MAX_DEPTH) {
            return;
        }
        for (Iterator<XmlElement> it = element.children.iterator(); it.hasNext();) {
            XmlElement child = it.next();
            String profiles = "beans".equals(child.localName)
                    && SpringXmlCookieBeans.BEANS_NAMESPACE.equals(child.namespace) ? child.attribute("profile") : null;
            if (profiles != null && !accepts(profiles, active)) {
                it.remove();
            } else {
                prune(child, active, depth + 1);
            }
        }
    }

    /** Spring's profile list: any of its entries holds ({@code a, !b}); an expression with operators is kept. */
    private static boolean accepts(String profiles, Set<String> active) {
        for (String profile : names(profiles)) {
            if (profile.contains("&") || profile.contains("|") || profile.contains("(")) {
                return true;
            }
            if (profile.startsWith("!") ? !active.contains(profile.substring(1).trim()) : active.contains(profile)) {
                return true;
            }
        }
        return false;
    }
}
