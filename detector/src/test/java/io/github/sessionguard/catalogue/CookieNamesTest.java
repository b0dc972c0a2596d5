package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void wordsSplitAtSeparatorsAndCamelCaseHumps() {
        assertEquals(List.of("remember", "me"), CookieNames.words("remember_me"));
        assertEquals(List.of("user", "sid"), CookieNames.words("userSid"));
        assertEquals(List.of("auth", "id"), CookieNames.words("AUTH-ID"));
        assertEquals(List.of("xmlhttp", "token"), CookieNames.words("XMLHttpToken"));
        assertEquals(List.of("a1", "b"), CookieNames.words("a1B"));
        assertEquals(List.of("host", "sid"), CookieNames.words("__Host-sid"));
        assertEquals(List.of("caf", "id"), CookieNames.words("caf\u00e9Id"));
        assertEquals(List.of(), CookieNames.words("--"));
    }

    /** The scanner answers what the two regular expressions it replaced answered (their definition). */
    @Test
    void wordsMatchTheRegularExpressionDefinition() {
        for (String name : new String[] {"JSESSIONID", "remember-me", "sessionLocale", "x.auth.Token", "uiState2Go",
                "ab  cd", "_a_", "utm_campaign", "AUTHToken", "t0k3nValue", "\u00c9t\u00e9Sid"}) {
            String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[^A-Za-z0-9]+", " ");
            assertEquals(List.of(spaced.trim().toLowerCase(Locale.ROOT).split(" +")), CookieNames.words(name), name);
        }
    }
}
