package io.github.sessionguard.catalogue;

import java.util.Locale;
import java.util.Set;

/**
 * The Spring Boot properties that decide the session cookie and session tracking, in the canonical
 * form of {@code BootProperty.canonical} (relaxed binding: no case, dashes, underscores or dots), and
 * how Spring Boot reads their values.
 */
public final class BootSessionKeys {
    /** One stack's session cookie properties: servlet ({@code server.servlet.session.cookie.*}) or reactive. */
    public static final class CookieKeys {
        public final String prefix;
        public final String secure;
        public final String httpOnly;
        public final String sameSite;
        public final String name;

        CookieKeys(String prefix) {
            this.prefix = prefix;
            String canonicalPrefix = prefix.replace(".", "");
            this.secure = canonicalPrefix + "secure";
            this.httpOnly = canonicalPrefix + "httponly";
            this.sameSite = canonicalPrefix + "samesite";
            this.name = canonicalPrefix + "name";
        }
    }

    public static final CookieKeys SERVLET = new CookieKeys("server.servlet.session.cookie.");
    public static final CookieKeys REACTIVE = new CookieKeys("server.reactive.session.cookie.");
    public static final String TRACKING_MODES = "serverservletsessiontrackingmodes";
    public static final String TRACKING_MODES_KEY = "server.servlet.session.tracking-modes";

    private static final Set<String> PROFILE_ACTIVATION = Set.of("springconfigactivateonprofile", "springprofiles");
    /** What Spring's {@code StringToBooleanConverter} reads as false and as true. */
    private static final Set<String> FALSE = Set.of("false", "off", "no", "0", "n", "f");
    private static final Set<String> TRUE = Set.of("true", "on", "yes", "1", "y", "t");
    /**
     * Profiles whose name says they never serve real users over the network: an insecure cookie there
     * is routine for local HTTP development, so it is reported LOW rather than HIGH.
     */
    private static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "develop", "development", "local",
            "localhost", "test", "testing", "debug", "h2", "it");

    private BootSessionKeys() {
    }

    public static boolean isProfileActivation(String key) {
        return PROFILE_ACTIVATION.contains(canonicalKey(key));
    }

    private static String canonicalKey(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    }

    /** A document's profile expression inside a profile file applies to both. */
    public static String combineProfiles(String fileProfile, String documentProfile) {
        if (documentProfile == null || documentProfile.isBlank()) {
            return fileProfile;
        }
        return fileProfile == null ? documentProfile.trim() : fileProfile + " & " + documentProfile.trim();
    }

    /** True when every profile the expression names (not negated) is a development profile. */
    public static boolean isDevelopmentProfile(String profile) {
        if (profile == null) {
            return false;
        }
        boolean any = false;
        for (String token : profile.split("[,&|() ]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("!")) {
                continue;
            }
            if (!DEVELOPMENT_PROFILES.contains(token.toLowerCase(Locale.ROOT))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The value Spring would bind: a {@code ${NAME:default}} placeholder yields its default, or null when it has none. */
    public static String effectiveValue(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.trim();
        if (value.startsWith("${") && value.endsWith("}")) {
            int colon = value.indexOf(':');
            return colon < 0 ? null : effectiveValue(value.substring(colon + 1, value.length() - 1));
        }
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public static boolean isPlaceholder(String raw) {
        return raw != null && raw.contains("${");
    }

    public static boolean isFalse(String effective) {
        return effective != null && FALSE.contains(effective);
    }

    public static boolean isTrue(String effective) {
        return effective != null && TRUE.contains(effective);
    }
}
