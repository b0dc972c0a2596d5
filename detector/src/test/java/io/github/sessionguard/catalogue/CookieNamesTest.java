package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The name vocabulary behind the cookie ranking. */
class CookieNamesTest {
    @Test
    void displayAndConsentChoicesCarryNothingSecret() {
        for (String name : new String[] {"theme", "lang", "LANGUAGE", "locale", "currency", "timezone", "tz",
                "cookie_consent", "CookieConsent", "gdpr-accepted", "sidebar_collapsed", "ui_state", "darkMode",
                "dark-mode", "preferred_view"}) {
            assertTrue(CookieNames.isInnocuous(name), name);
        }
    }

    @Test
    void aSensitivePartWinsOverADisplayChoice() {
        for (String name : new String[] {"sessionLocale", "user_theme", "remember_lang", "JSESSIONID", "auth_token"}) {
            assertFalse(CookieNames.isInnocuous(name), name);
            assertTrue(CookieNames.isSensitive(name), name);
        }
    }

    @Test
    void unknownNamesAreNeither() {
        for (String name : new String[] {"cart", "visitor", "widget_instance", "ab_test", "tablet"}) {
            assertFalse(CookieNames.isInnocuous(name), name);
            assertFalse(CookieNames.isSensitive(name), name);
        }
    }
}
