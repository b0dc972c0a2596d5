package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.BootSessionKeys;
import io.github.sessionguard.catalogue.SaTokenCookieKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges the token cookie Sa-Token writes when the application logs users in through it (see {@link SaTokenCookieKeys}),
 * from the Spring Boot settings files that configure it. The cookie carries the login itself, so a missing Secure or
 * HttpOnly, or no SameSite, is HIGH: reported at the line that sets it off, else at the first line of Sa-Token's
 * settings (where the missing setting belongs). Nothing when {@code sa-token.is-read-cookie=false} (the token travels in
 * a header only), nor when no settings file configures Sa-Token at all. Values of development profiles are not judged,
 * as for Spring Boot's own session cookie.
 */
final class SaTokenCookieSettings {
    private SaTokenCookieSettings() {
    }

    static List<SettingFinding> judge(List<BootProperty> properties) {
        List<BootProperty> judged = new ArrayList<>();
        for (BootProperty property : properties) {
            if (!BootSessionKeys.isDevelopmentProfile(property.profile())) {
                judged.add(property);
            }
        }
        List<SettingFinding> findings = new ArrayList<>();
        BootProperty readCookie = find(judged, SaTokenCookieKeys.READ_COOKIE);
        if (readCookie != null && BootSessionKeys.isFalse(BootSessionKeys.effectiveValue(readCookie.value()))) {
            return findings;
        }
        // The first line of Sa-Token's settings, preferring the file of no profile.
        BootProperty first = null;
        for (BootProperty property : judged) {
            if (BootProperty.canonical(property.key()).startsWith(SaTokenCookieKeys.PREFIX)
                    && (first == null || first.profile() != null && property.profile() == null)) {
                first = property;
            }
        }
        if (first == null) {
            // No settings of Sa-Token's own: the application's login may go through another stack that happens to
            // have Sa-Token on its classpath; its settings files say nothing of this cookie.
            return findings;
        }
        SettingsResource anchorFile = first.resource();
        int anchorLine = first.line();
        BootProperty name = find(judged, SaTokenCookieKeys.TOKEN_NAME);
        String cookie = "Sa-Token's login cookie \"" + (name == null || BootSessionKeys.isPlaceholder(name.value())
                ? SaTokenCookieKeys.DEFAULT_TOKEN_NAME : name.value().trim()) + "\"";
        flag(judged, SaTokenCookieKeys.SECURE, SaTokenCookieKeys.SECURE_KEY, "COOKIE_MISSING_SECURE", cookie,
                anchorFile, anchorLine, findings);
        flag(judged, SaTokenCookieKeys.HTTP_ONLY, SaTokenCookieKeys.HTTP_ONLY_KEY, "COOKIE_MISSING_HTTPONLY", cookie,
                anchorFile, anchorLine, findings);
        BootProperty sameSite = find(judged, SaTokenCookieKeys.SAME_SITE);
        String site = sameSite == null ? null : BootSessionKeys.effectiveValue(sameSite.value());
        if (sameSite == null) {
            findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.HIGH_PRIORITY, anchorFile, anchorLine,
                    cookie + " (no " + SaTokenCookieKeys.SAME_SITE_KEY + ": Sa-Token sends no SameSite by default)",
                    "set " + SaTokenCookieKeys.SAME_SITE_KEY + "=Lax (or Strict)"));
        } else if ("none".equalsIgnoreCase(site)) {
            findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.NORMAL_PRIORITY, sameSite.resource(),
                    sameSite.line(), cookie + " (" + sameSite.key() + "=" + sameSite.value()
                            + ": sent on cross-site requests)", "set " + SaTokenCookieKeys.SAME_SITE_KEY + "=Lax (or Strict)"));
        }
        return findings;
    }

    /** A boolean attribute: reported where it is set off, or at the anchor when it is not set (its default is false). */
    private static void flag(List<BootProperty> properties, String canonicalKey, String key, String pattern, String cookie,
            SettingsResource anchorFile, int anchorLine, List<SettingFinding> findings) {
        BootProperty property = find(properties, canonicalKey);
        if (property == null) {
            findings.add(new SettingFinding(pattern, Priorities.HIGH_PRIORITY, anchorFile, anchorLine,
                    cookie + " (no " + key + ": Sa-Token's default is false)", "set " + key + "=true"));
        } else {
            BootSessionSettings.insecureFlag(property, pattern, cookie, key + "=true", findings);
        }
    }

    /** The last property with this key (a later file or profile overrides an earlier one). */
    private static BootProperty find(List<BootProperty> properties, String canonicalKey) {
        BootProperty found = null;
        for (BootProperty property : properties) {
            if (property.is(canonicalKey) && (found == null || property.profile() != null || found.profile() == null)) {
                found = property;
            }
        }
        return found;
    }
}
