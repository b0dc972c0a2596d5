package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.XClass;
import io.github.sessionguard.catalogue.LoginComponent;
import io.github.sessionguard.flow.QuietClasspath;

import java.util.ArrayList;
import java.util.List;

/**
 * Framework login filters a {@code web.xml} puts in front of the application (see {@link LoginComponent}): the Java
 * CAS client's ticket-validation filter stores the validated assertion in the session and keeps its id. Reported
 * at its {@code <filter-class>} when it is mapped, uses the session (no {@code useSession} init parameter set to
 * false) and is the framework's own class, or an application subclass that does not override the row's hook
 * (one that does is judged in that override by the code analysis, which reports it there unless it changes the id).
 */
final class WebXmlLoginFilters {
    /** How far up an application subclass's own superclasses the hook is looked for. */
    private static final int MAX_SUPERCLASSES = 16;

    private WebXmlLoginFilters() {
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root) {
        List<SettingFinding> findings = new ArrayList<>();
        for (XmlElement filter : mappedFilters(root)) {
            XmlElement filterClass = filter.child("filter-class");
            String slashed = filterClass.text().replace('.', '/');
            LoginComponent component = componentOf(slashed);
            if (component == null || sessionSwitchedOff(root, filter, component) || overridesHook(slashed, component)) {
                continue;
            }
            findings.add(new SettingFinding("SESSION_FIXATION", Priorities.HIGH_PRIORITY, file, filterClass.line,
                    component.what().replace("filter (", "filter " + simpleName(slashed) + " ("), component.kind().fix()));
        }
        return findings;
    }

    /** The web.xml filter row this class is: one of its classes by name, or a subtype of its type. */
    private static LoginComponent componentOf(String slashed) {
        for (LoginComponent component : LoginComponent.ALL) {
            if (component.webXmlClasses().isEmpty()) {
                continue;
            }
            // The framework's own classes by name (also when its jar is not on the classpath), else the class
            // hierarchy, as for a constructor call in code.
            if (component.webXmlClasses().contains(slashed) || (component.builtBySubclasses()
                    && component.creation().matchesReceiver(slashed))) {
                return component;
            }
        }
        return null;
    }

    /** The {@code <filter>}s of a web.xml or web-fragment.xml that have a name and class and are mapped. */
    static List<XmlElement> mappedFilters(XmlElement root) {
        List<XmlElement> mapped = new ArrayList<>();
        if (root == null || !(root.localName.equals("web-app") || root.localName.equals("web-fragment"))) {
            return mapped;
        }
        for (XmlElement filter : root.children("filter")) {
            XmlElement name = filter.child("filter-name");
            if (name != null && filter.child("filter-class") != null && isMapped(root, name.text())) {
                mapped.add(filter);
            }
        }
        return mapped;
    }

    private static boolean isMapped(XmlElement root, String filterName) {
        for (XmlElement mapping : root.children("filter-mapping")) {
            XmlElement name = mapping.child("filter-name");
            if (name != null && name.text().equals(filterName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code useSession} = false as the filter's {@code <init-param>}, or as a {@code <context-param>}, which the CAS
     * client reads when the filter has none: the login stays in the request.
     */
    private static boolean sessionSwitchedOff(XmlElement root, XmlElement filter, LoginComponent component) {
        if (component.sessionOff() == null) {
            return false;
        }
        String parameter = Character.toLowerCase(component.sessionOff().charAt(3)) + component.sessionOff().substring(4);
        String value = parameterValue(filter.children("init-param"), parameter);
        if (value == null) {
            value = parameterValue(root.children("context-param"), parameter);
        }
        return "false".equalsIgnoreCase(value);
    }

    static String parameterValue(List<XmlElement> parameters, String name) {
        for (XmlElement parameter : parameters) {
            XmlElement key = parameter.child("param-name");
            XmlElement value = parameter.child("param-value");
            if (key != null && value != null && key.text().equals(name)) {
                return value.text();
            }
        }
        return null;
    }

    /** An application subclass (or one of its application superclasses) declares the hook. */
    private static boolean overridesHook(String slashed, LoginComponent component) {
        String type = slashed;
        for (int depth = 0; depth < MAX_SUPERCLASSES && type != null && QuietClasspath.isApplicationClass(type); depth++) {
            if (QuietClasspath.declaresMethod(type, component.hookName(), component.hookDescriptor())) {
                return true;
            }
            XClass xClass = QuietClasspath.find(type);
            type = xClass == null || xClass.getSuperclassDescriptor() == null ? null
                    : xClass.getSuperclassDescriptor().getClassName();
        }
        return false;
    }

    private static String simpleName(String slashed) {
        return slashed.substring(slashed.lastIndexOf('/') + 1);
    }
}
