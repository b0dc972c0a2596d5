package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.classfile.IClassPath;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request mappings of the analysed applications' {@code WEB-INF/web.xml} files (one lookup per application code
 * base, no scan): the URL patterns and servlet names each filter class is mapped to, the class of each servlet name,
 * and the URL patterns of each servlet class. Class names are slashed.
 */
public final class WebXmlMappings {
    static final String PATH = "WEB-INF/web.xml";

    private final Map<String, Set<String>> filterPatterns = new TreeMap<>();
    private final Map<String, Set<String>> filterServletNames = new TreeMap<>();
    private final Map<String, Set<String>> servletPatterns = new TreeMap<>();
    private final Map<String, String> servletClasses = new TreeMap<>();

    private WebXmlMappings() {
    }

    /** The mappings of every analysed application's web.xml; a file that is not well-formed adds none (SettingsDetector reports it). */
    public static WebXmlMappings read(IClassPath classPath) throws IOException {
        WebXmlMappings mappings = new WebXmlMappings();
        for (SettingsResource file : CodeBaseResources.applicationFiles(classPath, PATH, codeBase -> true)) {
            try {
                mappings.add(XmlReader.parse(file));
            } catch (SAXException e) {
                // Expected answer for a malformed file: no mappings; SettingsDetector reports the file as an error.
                continue;
            }
        }
        return mappings;
    }

    private void add(XmlElement root) {
        if (root == null || !root.localName.equals("web-app")) {
            return;
        }
        Map<String, String> filters = classesByName(root, "filter", "filter-class");
        Map<String, String> servlets = classesByName(root, "servlet", "servlet-class");
        servletClasses.putAll(servlets);
        for (XmlElement mapping : root.children("filter-mapping")) {
            String filter = filters.get(text(mapping.child("filter-name")));
            if (filter != null) {
                texts(mapping, "url-pattern", filterPatterns.computeIfAbsent(filter, k -> new TreeSet<>()));
                texts(mapping, "servlet-name", filterServletNames.computeIfAbsent(filter, k -> new TreeSet<>()));
            }
        }
        for (XmlElement mapping : root.children("servlet-mapping")) {
            String servlet = servlets.get(text(mapping.child("servlet-name")));
            if (servlet != null) {
                texts(mapping, "url-pattern", servletPatterns.computeIfAbsent(servlet, k -> new TreeSet<>()));
            }
        }
    }

    private static Map<String, String> classesByName(XmlElement root, String element, String classElement) {
        Map<String, String> classes = new TreeMap<>();
        for (XmlElement declared : root.children(element)) {
            String name = text(declared.child(element + "-name"));
            String className = text(declared.child(classElement));
            if (name != null && className != null) {
                classes.put(name, className.replace('.', '/'));
            }
        }
        return classes;
    }

    private static void texts(XmlElement parent, String name, Set<String> into) {
        for (XmlElement child : parent.children(name)) {
            if (!child.text().isEmpty()) {
                into.add(child.text());
            }
        }
    }

    private static String text(XmlElement element) {
        return element == null || element.text().isEmpty() ? null : element.text();
    }

    /** Filter class to the URL patterns web.xml maps it to (a filter mapped by servlet names only has none). */
    public Map<String, Set<String>> filterPatterns() {
        return Collections.unmodifiableMap(filterPatterns);
    }

    public Map<String, Set<String>> filterServletNames() {
        return Collections.unmodifiableMap(filterServletNames);
    }

    /** Servlet name to its class. */
    public Map<String, String> servletClasses() {
        return Collections.unmodifiableMap(servletClasses);
    }

    public Map<String, Set<String>> servletPatterns() {
        return Collections.unmodifiableMap(servletPatterns);
    }
}
