package io.github.sessionguard.settings;

import io.github.sessionguard.catalogue.BootSessionKeys;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Spring profiles an application says it runs with, and the nested {@code <beans profile="...">} blocks of its
 * Spring XML that those profiles leave out: a {@code <session-management session-fixation-protection="none">} in a
 * {@code standalone} block of an application whose {@code web.xml} activates {@code production} is never loaded.
 * Declared by {@code web.xml}'s {@code spring.profiles.active} context parameter or a settings file's
 * {@code spring.profiles.active} (outside any profile). With none declared, every block is judged: the profile may
 * be switched on where it is deployed. A profile expression with operators ({@code prod & eu}) is kept.
 */
final class SpringProfiles {
    static final String ACTIVE = "spring.profiles.active";

    private SpringProfiles() {
    }

    /** The profiles declared active, or null when the application declares none. */
    static Set<String> declared(List<SettingsResource> files, List<BootProperty> properties) {
        Set<String> active = null;
        for (SettingsResource file : files) {
            if (WebXmlSessionSettings.isWebXml(file.resourceName()) && file.text().contains(ACTIVE)) {
                XmlElement root;
                try {
                    root = XmlReader.parse(file);
                } catch (SAXException | IOException e) {
                    // Reported once, where the settings detector judges this web.xml; it declares nothing here.
                    continue;
                }
                for (XmlElement parameter : root == null ? List.<XmlElement>of() : root.children("context-param")) {
                    XmlElement key = parameter.child("param-name");
                    XmlElement value = parameter.child("param-value");
                    if (key != null && value != null && ACTIVE.equals(key.text())) {
                        active = add(active, value.text());
                    }
                }
            }
        }
        for (BootProperty property : properties) {
            if (property.profile() == null && property.is(BootProperty.canonical(ACTIVE))
                    && !BootSessionKeys.isPlaceholder(property.value())) {
                active = add(active, property.value());
            }
        }
        return active;
    }

    private static Set<String> add(Set<String> active, String list) {
        Set<String> out = active == null ? new LinkedHashSet<>() : active;
        for (String profile : list.split(",")) {
            if (!profile.isBlank()) {
                out.add(profile.trim());
            }
        }
        return out;
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
        for (String entry : profiles.split(",")) {
            String profile = entry.trim();
            if (profile.isEmpty() || profile.contains("&") || profile.contains("|") || profile.contains("(")) {
                return true;
            }
            if (profile.startsWith("!") ? !active.contains(profile.substring(1).trim()) : active.contains(profile)) {
                return true;
            }
        }
        return false;
    }
}
