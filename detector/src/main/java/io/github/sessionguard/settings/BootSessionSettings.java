package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.BootSessionKeys;
import io.github.sessionguard.catalogue.BootSessionKeys.CookieKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Judges the session settings of a Spring Boot application, read from every
 * {@code application*.properties}/{@code .yml}/{@code .yaml} of one code base.
 *
 * <ul>
 * <li>An explicit insecure value ({@code secure=false}, {@code http-only=false}, {@code same-site=none}
 * without Secure, {@code tracking-modes} with {@code url}) is HIGH where it is written; one in a development
 * profile ({@code dev}, {@code local}, {@code test}...), where plain-HTTP cookies are routine, is not judged.
 * A placeholder whose default is insecure is NORMAL; one with no default at all is LOW.</li>
 * <li>Nothing set: the embedded container's default, not reported: the session cookie is HttpOnly
 * ({@code Context.useHttpOnly} defaults to true), Secure on every request served over HTTPS
 * ({@code request.isSecure()}; a TLS proxy in front is the deployment's business, not the application's), and
 * without SameSite ({@code Rfc6265CookieProcessor} sends none unless told; see docs/settings.md).</li>
 * </ul>
 */
final class BootSessionSettings {
    private static final String SECURE = "COOKIE_MISSING_SECURE";
    private static final String HTTPONLY = "COOKIE_MISSING_HTTPONLY";
    private static final String SAMESITE = "COOKIE_MISSING_SAMESITE";
    private static final String URL = "SESSION_ID_IN_URL";

    private BootSessionSettings() {
    }

    static List<SettingFinding> judge(List<BootProperty> properties, SessionContext context) {
        List<SettingFinding> findings = new ArrayList<>();
        // A development profile's values (application-dev.properties, on-profile: local) are routine for local work
        // over plain HTTP and do not reach production unless the profile is activated there: not judged.
        List<BootProperty> judged = new ArrayList<>();
        for (BootProperty property : properties) {
            if (!BootSessionKeys.isDevelopmentProfile(property.profile())) {
                judged.add(property);
            }
        }
        for (CookieKeys keys : List.of(BootSessionKeys.SERVLET, BootSessionKeys.REACTIVE)) {
            for (BootProperty property : judged) {
                String cookie = cookieName(properties, keys, context, property.profile());
                if (property.is(keys.secure)) {
                    insecureFlag(property, SECURE, sessionCookie(cookie), keys.prefix + "secure=true", findings);
                } else if (property.is(keys.httpOnly)) {
                    insecureFlag(property, HTTPONLY, sessionCookie(cookie), keys.prefix + "http-only=true", findings);
                } else if (property.is(keys.sameSite)
                        && "none".equals(BootSessionKeys.effectiveValue(property.value()))) {
                    if (secureIn(properties, keys, property.profile())) {
                        findings.add(new SettingFinding(SAMESITE, Priorities.NORMAL_PRIORITY, property.resource(),
                                property.line(),
                                "the session cookie \"" + cookie + "\" (" + property.key() + "=" + property.value()
                                        + ": sent on cross-site requests)",
                                "set " + keys.prefix + "same-site=lax"));
                    } else if (!anySet(properties, keys.secure)) {
                        findings.add(new SettingFinding(SECURE, Priorities.HIGH_PRIORITY, property.resource(),
                                property.line(), "the session cookie \"" + cookie + "\" (" + property.key() + "="
                                        + property.value() + " without Secure, which browsers reject)",
                                "set " + keys.prefix + "secure=true"));
                    }
                }
            }
        }
        for (BootProperty property : judged) {
            if (property.is(BootSessionKeys.TRACKING_MODES)
                    && property.normalizedValue().matches("(.*[,\\s])?url([,\\s].*)?")) {
                findings.add(new SettingFinding(URL, Priorities.HIGH_PRIORITY, property.resource(), property.line(),
                        property.key() + "=" + property.value() + " accepts session ids from ;jsessionid= in links",
                        "set " + BootSessionKeys.TRACKING_MODES_KEY + "=cookie"));
            }
        }
        return findings;
    }

    private static String sessionCookie(String name) {
        return "the session cookie \"" + name + "\"";
    }

    /**
     * A flag's property written false (HIGH; NORMAL through a placeholder whose default is false) or as a placeholder
     * with no default (LOW): a finding on {@code cookie} ("the session cookie \"JSESSIONID\""), fixed by setting
     * {@code fix} ({@code key=true}). Spring Boot's and Quarkus' settings read it alike.
     */
    static void insecureFlag(BootProperty property, String pattern, String cookie, String fix,
            List<SettingFinding> findings) {
        String what = property.key() + "=" + property.value();
        String effective = BootSessionKeys.effectiveValue(property.value());
        int priority;
        if (BootSessionKeys.isFalse(effective)) {
            priority = BootSessionKeys.isPlaceholder(property.value()) ? Priorities.NORMAL_PRIORITY
                    : Priorities.HIGH_PRIORITY;
        } else if (effective == null) {
            priority = Priorities.LOW_PRIORITY;
            what = what + ", insecure unless set to true where it runs";
        } else {
            return;
        }
        findings.add(new SettingFinding(pattern, priority, property.resource(),
                property.line(), cookie + " (" + what + ")", "set " + fix));
    }


    /** Secure is true in the default profile or in the given one. */
    private static boolean secureIn(List<BootProperty> properties, CookieKeys keys, String profile) {
        for (BootProperty property : properties) {
            if (property.is(keys.secure) && BootSessionKeys.isTrue(BootSessionKeys.effectiveValue(property.value()))
                    && (property.profile() == null || Objects.equals(property.profile(), profile))) {
                return true;
            }
        }
        return false;
    }

    private static boolean anySet(List<BootProperty> properties, String canonicalKey) {
        for (BootProperty property : properties) {
            if (property.is(canonicalKey)) {
                return true;
            }
        }
        return false;
    }

    /** The cookie's configured name in the profile, else in the default profile, else the container's. */
    private static String cookieName(List<BootProperty> properties, CookieKeys keys, SessionContext context,
            String profile) {
        String inDefault = null;
        for (BootProperty property : properties) {
            if (!property.is(keys.name) || property.value().isBlank() || BootSessionKeys.isPlaceholder(property.value())) {
                continue;
            }
            if (profile != null && profile.equals(property.profile())) {
                return property.value().trim();
            }
            if (property.profile() == null && inDefault == null) {
                inDefault = property.value().trim();
            }
        }
        if (inDefault != null) {
            return inDefault;
        }
        return keys == BootSessionKeys.REACTIVE ? "SESSION" : context.defaultCookieName();
    }

    static boolean isBootSettingsFile(String path) {
        String name = path.startsWith("config/") ? path.substring("config/".length()) : path;
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.contains("/") && lower.startsWith("application")
                && (lower.endsWith(".properties") || lower.endsWith(".yml") || lower.endsWith(".yaml"))
                && (lower.startsWith("application.") || lower.startsWith("application-"));
    }

    /** {@code application-prod.yml} → {@code prod}; {@code application.yml} → null. */
    static String profileOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String base = name.substring(0, dot);
        return base.startsWith("application-") ? base.substring("application-".length()) : null;
    }

    static List<BootProperty> read(SettingsResource file) {
        String lower = file.path().toLowerCase(Locale.ROOT);
        return lower.endsWith(".properties") ? PropertiesReader.read(file, profileOf(file.path()))
                : YamlReader.read(file, profileOf(file.path()));
    }
}
