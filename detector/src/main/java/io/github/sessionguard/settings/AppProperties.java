package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IClassPath;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values the application's Spring Boot settings files give its own properties, for one analysis (kept in
 * SpotBugs' analysis cache): what an {@code @Value("${app.cookie.secure:true}")} field or a bound
 * {@code @ConfigurationProperties} property holds when the application runs with the settings it ships. Read from
 * {@code application.properties} and {@code application.yml} of the analysed code bases (also under a jar's
 * {@code BOOT-INF/classes/} or a war's {@code WEB-INF/classes/}): the default profile, overridden by the profiles its
 * {@code spring.profiles.active} activates; a {@code .properties} file wins over a YAML one, as in Boot.
 */
public final class AppProperties {
    private static final List<String> ROOTS = List.of("", "BOOT-INF/classes/", "WEB-INF/classes/");
    private static final List<String> FILES = List.of("application.properties", "application.yml", "application.yaml");
    private static final String ACTIVE_PROFILES = BootProperty.canonical("spring.profiles.active");

    private final IClassPath classPath;
    private Map<String, String> values;

    public AppProperties(IClassPath classPath) {
        this.classPath = classPath;
    }

    /** The analysis' instance. */
    public static AppProperties current() {
        return Global.getAnalysisCache().getDatabase(AppProperties.class);
    }

    /** The value the settings give the property (any of Boot's relaxed spellings of its key), or null when none. */
    public synchronized String value(String key) {
        if (values == null) {
            values = read();
        }
        return values.get(BootProperty.canonical(key));
    }

    private Map<String, String> read() {
        List<BootProperty> properties = new java.util.ArrayList<>();
        for (String file : FILES) {
            for (String root : ROOTS) {
                try {
                    for (SettingsResource resource : CodeBaseResources.applicationFiles(classPath, root + file,
                            codeBase -> true)) {
                        properties.addAll(BootSessionSettings.read(resource));
                    }
                } catch (IOException | RuntimeException e) {
                    // Unreadable or not valid YAML: its properties stay unknown (the code's defaults decide); reported.
                    AnalysisContext.logError("SessionGuard could not read the application's " + root + file, e);
                }
            }
        }
        Map<String, String> defaults = new HashMap<>();
        for (BootProperty property : properties) {
            if (property.profile() == null) {
                defaults.putIfAbsent(BootProperty.canonical(property.key()), property.value());
            }
        }
        String active = defaults.get(ACTIVE_PROFILES);
        Set<String> profiles = active == null ? Set.of() : new HashSet<>(Arrays.asList(active.split("\\s*,\\s*")));
        Map<String, String> merged = new HashMap<>(defaults);
        Set<String> overridden = new HashSet<>();
        for (BootProperty property : properties) {
            String key = BootProperty.canonical(property.key());
            if (property.profile() != null && profiles.contains(property.profile()) && overridden.add(key)) {
                merged.put(key, property.value());
            }
        }
        return merged;
    }
}
