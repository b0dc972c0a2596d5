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
 * identity attribute names and id-changing helpers. Read from system properties (which
 * spotbugs-maven-plugin passes through {@code jvmArgs}) or from a properties file named by
 * {@code sessionguard.config}. A malformed setting is an error naming the setting, never ignored.
 */
public final class UserSettings {
    public static final String CONFIG_FILE = "sessionguard.config";
    public static final String LOGIN_METHODS = "sessionguard.loginMethods";
    public static final String ROTATION_METHODS = "sessionguard.rotationMethods";
    public static final String IDENTITY_ATTRIBUTES = "sessionguard.identityAttributes";

    private static final Pattern METHOD_REF = Pattern.compile(
            "(\\*|[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*)#[A-Za-z_$][\\w$]*");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[\\w.:\\-]+");

    private static volatile UserSettings current = new UserSettings(List.of(), List.of(), Set.of());

    private final List<String> loginMethods;
    private final List<String> rotationMethods;
    private final Set<String> identityAttributes;

    private UserSettings(List<String> loginMethods, List<String> rotationMethods, Set<String> identityAttributes) {
        this.loginMethods = loginMethods;
        this.rotationMethods = rotationMethods;
        this.identityAttributes = identityAttributes;
    }

    /** The settings of the running analysis (empty until {@link #load()}). */
    public static UserSettings current() {
        return current;
    }

    /** Reads and validates the settings; throws {@link IllegalArgumentException} naming a bad one. */
    public static UserSettings load() {
        Properties properties = new Properties();
        String file = System.getProperty(CONFIG_FILE);
        if (file != null) {
            Path path = Paths.get(file);
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("SessionGuard setting " + CONFIG_FILE + ": cannot read '" + file
                        + "' (" + e.getMessage() + ")", e);
            }
            for (String key : properties.stringPropertyNames()) {
                if (!key.equals(LOGIN_METHODS) && !key.equals(ROTATION_METHODS) && !key.equals(IDENTITY_ATTRIBUTES)) {
                    throw new IllegalArgumentException("SessionGuard setting " + CONFIG_FILE + ": unknown key '" + key
                            + "' in " + file + "; known keys are " + LOGIN_METHODS + ", " + ROTATION_METHODS + ", "
                            + IDENTITY_ATTRIBUTES);
                }
            }
        }
        UserSettings settings = new UserSettings(
                methodRefs(LOGIN_METHODS, value(properties, LOGIN_METHODS)),
                methodRefs(ROTATION_METHODS, value(properties, ROTATION_METHODS)),
                attributes(value(properties, IDENTITY_ATTRIBUTES)));
        current = settings;
        return settings;
    }

    /** A system property wins over the file, so one build can override a shared file. */
    private static String value(Properties file, String key) {
        String fromSystem = System.getProperty(key);
        return fromSystem != null ? fromSystem : file.getProperty(key);
    }

    private static List<String> methodRefs(String key, String value) {
        List<String> refs = new ArrayList<>();
        for (String entry : entries(value)) {
            if (!METHOD_REF.matcher(entry).matches()) {
                throw new IllegalArgumentException("SessionGuard setting " + key + ": '" + entry
                        + "' is not of the form com.example.ClassName#methodName (or *#methodName)");
            }
            refs.add(entry);
        }
        return Collections.unmodifiableList(refs);
    }

    private static Set<String> attributes(String value) {
        Set<String> names = new HashSet<>();
        for (String entry : entries(value)) {
            if (!ATTRIBUTE_NAME.matcher(entry).matches()) {
                throw new IllegalArgumentException("SessionGuard setting " + IDENTITY_ATTRIBUTES + ": '" + entry
                        + "' is not an attribute name (letters, digits, '_', '.', ':', '-')");
            }
            names.add(LoginCatalogue.normalise(entry));
        }
        return Collections.unmodifiableSet(names);
    }

    private static List<String> entries(String value) {
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
            throw new IllegalArgumentException("SessionGuard setting has no entries: '" + value + "'");
        }
        return entries;
    }

    /** Normalised identity attribute names the user added. */
    public Set<String> identityAttributes() {
        return identityAttributes;
    }

    public boolean isLoginMethod(String slashedOwner, String name) {
        return matches(loginMethods, slashedOwner, name);
    }

    public boolean isRotationMethod(String slashedOwner, String name) {
        return matches(rotationMethods, slashedOwner, name);
    }

    private static boolean matches(List<String> refs, String slashedOwner, String name) {
        String owner = slashedOwner.replace('/', '.');
        for (String ref : refs) {
            int hash = ref.indexOf('#');
            String refOwner = ref.substring(0, hash);
            if (ref.substring(hash + 1).equals(name) && (refOwner.equals("*") || refOwner.equals(owner))) {
                return true;
            }
        }
        return false;
    }
}
