package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IClassPath;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the application's Spring Boot settings files give its own properties, for one analysis (kept in
 * SpotBugs' analysis cache): what an {@code @Value("${app.cookie.secure:true}")} field or a bound
 * {@code @ConfigurationProperties} property holds when the application runs with the settings it ships. Read from
 * {@code application.properties} and {@code application.yml} of the analysed code bases (also under a jar's
 * {@code BOOT-INF/classes/} or a war's {@code WEB-INF/classes/}): the default profile, overridden by the profiles its
 * {@code spring.profiles.active} activates; a {@code .properties} file wins over a YAML one, as in Boot.
 */
public final class AppProperties {
    private static final List<String> ROOTS = List.of("", "config/", "BOOT-INF/classes/", "BOOT-INF/classes/config/",
            "WEB-INF/classes/", "WEB-INF/classes/config/");
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".properties");
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("^\\$\\{[^:}]+:([^}]*)\\}$");
    private static final String ACTIVE_PROFILES = BootProperty.canonical("spring.profiles.active");

    private final IClassPath classPath;
    private Map<String, String> relaxedValues;
    private Map<String, String> exactValues;

    public AppProperties(IClassPath classPath) {
        this.classPath = classPath;
    }

    /** The analysis' instance. */
    public static AppProperties current() {
        return Global.getAnalysisCache().getDatabase(AppProperties.class);
    }

    /**
     * The value the settings give the property as Boot binds a {@code @ConfigurationProperties} class (any of its
     * relaxed spellings of the key), or null when none.
     */
    public String value(String key) {
        return lookUp(BootProperty.canonical(key), true);
    }

    /**
     * The value the settings give the key as {@code @Value("${key}")} reads it: the key as written (Boot's relaxed
     * binding does not apply to it, except for the same key in another case), or null when none.
     */
    public String placeholderValue(String key) {
        return lookUp(key.toLowerCase(java.util.Locale.ROOT), false);
    }

    private synchronized String lookUp(String key, boolean relaxed) {
        if (relaxedValues == null) {
            read();
        }
        String value = (relaxed ? relaxedValues : exactValues).get(key);
        // ${COOKIE_SECURE:true} in the file: the environment decides, else its default.
        java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(value == null ? "" : value.trim());
        return placeholder.matches() ? placeholder.group(1) : value;
    }

    private void read() {
        List<BootProperty> defaults = properties("application");
        String active = null;
        for (BootProperty property : defaults) {
            if (property.profile() == null && BootProperty.canonical(property.key()).equals(ACTIVE_PROFILES)) {
                active = property.value();
            }
        }
        List<String> profiles = active == null ? List.of() : Arrays.asList(active.trim().split("\\s*,\\s*"));
        relaxedValues = new HashMap<>();
        exactValues = new HashMap<>();
        // Later wins, as in Boot: the default profile, then each active profile in order (its documents in
        // application.* and its own application-<profile>.* files); within a file, a later line or document.
        apply(defaults, null);
        for (String profile : profiles) {
            apply(defaults, profile);
            apply(properties("application-" + profile), null);
            apply(properties("application-" + profile), profile);
        }
    }

    private void apply(List<BootProperty> properties, String profile) {
        for (BootProperty property : properties) {
            if (java.util.Objects.equals(property.profile(), profile)) {
                relaxedValues.put(BootProperty.canonical(property.key()), property.value());
                exactValues.put(property.key().toLowerCase(java.util.Locale.ROOT), property.value());
            }
        }
    }

    /** The properties of the files with this base name: YAML first, so a .properties file's win, as in Boot. */
    private List<BootProperty> properties(String baseName) {
        List<BootProperty> properties = new java.util.ArrayList<>();
        for (String extension : EXTENSIONS) {
            for (String root : ROOTS) {
                String file = root + baseName + extension;
                try {
                    for (SettingsResource resource : CodeBaseResources.applicationFiles(classPath, file,
                            codeBase -> true)) {
                        properties.addAll(BootSessionSettings.read(resource));
                    }
                } catch (IOException | RuntimeException e) {
                    // Unreadable or not valid YAML: its properties stay unknown (the code's defaults decide); reported.
                    AnalysisContext.logError("SessionGuard could not read the application's " + file, e);
                }
            }
        }
        return properties;
    }
}
