package io.github.sessionguard.catalogue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What users teach SessionGuard about their own code without rebuilding it: in-house login methods,
 * identity attribute names and id-changing helpers. One value per analysis, handed down from the
 * detector (see {@code io.github.sessionguard.engine.AnalysisSettings}); nothing here is global.
 *
 * <p>Sources, per key, first found wins: the analysis' own {@value #RESOURCE} (a resource on the class
 * path SpotBugs analyses, so two analyses in one JVM can differ), a system property (which
 * spotbugs-maven-plugin passes through {@code jvmArgs}; process-wide), a properties file named by the
 * {@value #CONFIG_FILE} system property. A malformed setting is an error naming the setting, its value and
 * what is expected, never ignored.
 */
public final class UserSettings {
    public static final String CONFIG_FILE = "sessionguard.config";
    /** The per-analysis settings file, looked up on the analysed class path and the aux class path. */
    public static final String RESOURCE = "sessionguard.properties";
    public static final String LOGIN_METHODS = "sessionguard.loginMethods";
    public static final String ROTATION_METHODS = "sessionguard.rotationMethods";
    public static final String IDENTITY_ATTRIBUTES = "sessionguard.identityAttributes";

    private static final Pattern METHOD_REF = Pattern.compile(
            "(\\*|[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*)#[A-Za-z_$][\\w$]*");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[\\w.:\\-]+");

    /** No settings: the built-in catalogue only. */
    public static final UserSettings NONE = new UserSettings(List.of(), List.of(), Set.of());

    private final List<CallPattern> loginMethods;
    private final List<CallPattern> rotationMethods;
    private final Set<String> identityAttributes;

    private UserSettings(List<CallPattern> loginMethods, List<CallPattern> rotationMethods, Set<String> identityAttributes) {
        this.loginMethods = loginMethods;
        this.rotationMethods = rotationMethods;
        this.identityAttributes = identityAttributes;
    }

    /** Reads and validates the process-wide settings only; throws {@link IllegalArgumentException} naming a bad one. */
    public static UserSettings load() {
        return load(new Properties(), null);
    }

    /**
     * Reads and validates the settings of one analysis: {@code perAnalysis} (the content of the
     * analysis' {@value #RESOURCE}, read from {@code perAnalysisOrigin}; empty if it has none) over the
     * process-wide sources. Throws {@link IllegalArgumentException} naming a bad setting.
     */
    public static UserSettings load(Properties perAnalysis, String perAnalysisOrigin) {
        checkKeys(perAnalysis, RESOURCE, perAnalysisOrigin);
        Properties file = new Properties();
        String fileName = System.getProperty(CONFIG_FILE);
        if (fileName != null) {
            Path path = Paths.get(fileName);
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("SessionGuard setting " + CONFIG_FILE + ": cannot read '" + fileName
                        + "' (" + e.getMessage() + "); expected a readable properties file", e);
            }
            checkKeys(file, CONFIG_FILE, fileName);
        }
        return new UserSettings(
                methodRefs(LOGIN_METHODS, value(perAnalysis, file, LOGIN_METHODS)),
                methodRefs(ROTATION_METHODS, value(perAnalysis, file, ROTATION_METHODS)),
                attributes(value(perAnalysis, file, IDENTITY_ATTRIBUTES)));
    }

    private static void checkKeys(Properties properties, String setting, String origin) {
        for (String key : properties.stringPropertyNames()) {
            if (!key.equals(LOGIN_METHODS) && !key.equals(ROTATION_METHODS) && !key.equals(IDENTITY_ATTRIBUTES)) {
                throw new IllegalArgumentException("SessionGuard setting " + setting + ": unknown key '" + key
                        + "' in " + origin + "; known keys are " + LOGIN_METHODS + ", " + ROTATION_METHODS + ", "
                        + IDENTITY_ATTRIBUTES);
            }
        }
    }

    /**
     * The analysis' own file wins (it is the only source two analyses in one JVM do not share), then a
     * system property, then the file named by {@value #CONFIG_FILE}, so one build can override a shared file.
     */
    private static String value(Properties perAnalysis, Properties file, String key) {
        String own = perAnalysis.getProperty(key);
        if (own != null) {
            return own;
        }
        String fromSystem = System.getProperty(key);
        return fromSystem != null ? fromSystem : file.getProperty(key);
    }
    private static List<CallPattern> methodRefs(String key, String value) {
        List<CallPattern> refs = new ArrayList<>();
        for (String entry : entries(key, value)) {
            if (!METHOD_REF.matcher(entry).matches()) {
                throw new IllegalArgumentException("SessionGuard setting " + key + ": '" + entry
                        + "' is not of the form com.example.ClassName#methodName (or *#methodName)");
            }
            refs.add(methodRef(entry));
        }
        return Collections.unmodifiableList(refs);
    }

    private static Set<String> attributes(String value) {
        Set<String> names = new HashSet<>();
        for (String entry : entries(IDENTITY_ATTRIBUTES, value)) {
            if (!ATTRIBUTE_NAME.matcher(entry).matches()) {
                throw new IllegalArgumentException("SessionGuard setting " + IDENTITY_ATTRIBUTES + ": '" + entry
                        + "' is not an attribute name (letters, digits, '_', '.', ':', '-')");
            }
            names.add(LoginCatalogue.normalise(entry));
        }
        return Collections.unmodifiableSet(names);
    }

    private static List<String> entries(String key, String value) {
        List<String> entries = new ArrayList<>();
        if (value == null) {
            return entries;
        }
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        if (entries.isEmpty() && !value.trim().isEmpty()) {
            throw new IllegalArgumentException("SessionGuard setting " + key + ": '" + value
                    + "' has no entries; expected a comma-separated list");
        }
        return entries;
    }

    /** Normalised identity attribute names the user added. */
    public Set<String> identityAttributes() {
        return identityAttributes;
    }

    public boolean isLoginMethod(String slashedOwner, String name) {
        return LoginCatalogue.any(loginMethods, slashedOwner, name, null);
    }

    /** Whether any rotation method is configured (the method screen asks at every call constant). */
    public boolean hasRotationMethods() {
        return !rotationMethods.isEmpty();
    }

    public boolean isRotationMethod(String slashedOwner, String name) {
        return LoginCatalogue.any(rotationMethods, slashedOwner, name, null);
    }

    /** {@code com.example.Type#method} (any descriptor), or {@code *#method} on any owner. */
    private static CallPattern methodRef(String ref) {
        int hash = ref.indexOf('#');
        String owner = ref.substring(0, hash);
        String name = ref.substring(hash + 1);
        return owner.equals("*") ? CallPattern.anyOwner(name, null) : CallPattern.of(owner.replace('.', '/'), name, null);
    }
}
