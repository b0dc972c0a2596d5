package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.BootSessionKeys;
import io.github.sessionguard.catalogue.QuarkusFormAuthKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges Quarkus form authentication's credential cookie, read from the same {@code application*.properties}/
 * {@code .yaml} files as Spring Boot's settings. Where form authentication is enabled, the cookie that carries the
 * login is sent without HttpOnly unless {@code quarkus.http.auth.form.http-only-cookie=true}: reported HIGH at the
 * line that enables it (a credential cookie, readable by any injected script), or where {@code false} is written;
 * {@code cookie-same-site=none} sends it on cross-site requests (NORMAL). Keys prefixed with a development
 * profile ({@code %dev.}, {@code %test.}) are not judged, as for Spring Boot's development profiles.
 */
final class QuarkusFormAuthSettings {
    private static final String HTTPONLY = "COOKIE_MISSING_HTTPONLY";
    private static final String SAMESITE = "COOKIE_MISSING_SAMESITE";

    private QuarkusFormAuthSettings() {
    }

    static List<SettingFinding> judge(List<BootProperty> properties) {
        List<BootProperty> judged = new ArrayList<>();
        for (BootProperty property : properties) {
            if (!BootSessionKeys.isDevelopmentProfile(profileOf(property))) {
                judged.add(property);
            }
        }
        List<SettingFinding> findings = new ArrayList<>();
        BootProperty enabled = find(judged, QuarkusFormAuthKeys.ENABLED);
        if (enabled == null || !BootSessionKeys.isTrue(BootSessionKeys.effectiveValue(enabled.value()))) {
            return findings;
        }
        String cookie = "the form login cookie \"" + cookieName(judged) + "\"";
        String fix = "set " + QuarkusFormAuthKeys.HTTP_ONLY_KEY + "=true";
        BootProperty httpOnly = find(judged, QuarkusFormAuthKeys.HTTP_ONLY);
        if (httpOnly == null) {
            findings.add(new SettingFinding(HTTPONLY, Priorities.HIGH_PRIORITY, enabled.resource(), enabled.line(),
                    cookie + " (Quarkus form authentication, whose " + QuarkusFormAuthKeys.HTTP_ONLY_KEY
                            + " defaults to false)", fix));
        } else {
            BootSessionSettings.insecureFlag(httpOnly, HTTPONLY, cookie, QuarkusFormAuthKeys.HTTP_ONLY_KEY + "=true",
                    findings);
        }
        BootProperty sameSite = find(judged, QuarkusFormAuthKeys.SAME_SITE);
        if (sameSite != null && "none".equals(BootSessionKeys.effectiveValue(sameSite.value()))) {
            findings.add(new SettingFinding(SAMESITE, Priorities.NORMAL_PRIORITY, sameSite.resource(), sameSite.line(),
                    cookie + " (" + sameSite.key() + "=" + sameSite.value() + ": sent on cross-site requests)",
                    "set " + QuarkusFormAuthKeys.SAME_SITE_KEY + "=strict (its default) or lax"));
        }
        return findings;
    }

    /** The last property of the default or a deployed profile with this key (a profile's value overrides). */
    private static BootProperty find(List<BootProperty> properties, String canonicalKey) {
        BootProperty found = null;
        for (BootProperty property : properties) {
            if (BootProperty.canonical(withoutProfile(property.key())).equals(canonicalKey)) {
                found = property;
            }
        }
        return found;
    }

    private static String cookieName(List<BootProperty> properties) {
        BootProperty name = find(properties, QuarkusFormAuthKeys.COOKIE_NAME);
        return name == null || name.value().isBlank() || BootSessionKeys.isPlaceholder(name.value())
                ? QuarkusFormAuthKeys.DEFAULT_COOKIE_NAME : name.value().trim();
    }

    /** The profile a key's {@code %profile.} prefix names, else the file's or document's profile. */
    private static String profileOf(BootProperty property) {
        String key = property.key();
        if (key.startsWith(QuarkusFormAuthKeys.PROFILE_PREFIX) && key.indexOf('.') > 1) {
            return key.substring(1, key.indexOf('.'));
        }
        return property.profile();
    }

    private static String withoutProfile(String key) {
        return key.startsWith(QuarkusFormAuthKeys.PROFILE_PREFIX) && key.indexOf('.') > 1
                ? key.substring(key.indexOf('.') + 1) : key;
    }
}
