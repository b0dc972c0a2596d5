package io.github.sessionguard.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lower-casing shortcut answers what the letter-by-letter case-insensitive search answers. */
class TextsIgnoringCaseTest {
    private final TextsIgnoringCase headers = new TextsIgnoringCase(List.of("set-cookie", "SET_COOKIE"));

    @Test
    void findsEitherTextInAnyLetterCase() {
        assertTrue(headers.foundIn("Set-Cookie"));
        assertTrue(headers.foundIn("response header SET-COOKIE: x"));
        assertTrue(headers.foundIn("HttpHeaders.set_cookie"));
        assertFalse(headers.foundIn("Set-Cooki"));
        assertFalse(headers.foundIn("Cookie"));
    }

    @Test
    void nonAsciiTextTakesTheLetterByLetterSearch() {
        assertTrue(headers.foundIn("Überschrift Set-Cookie"));
        assertFalse(headers.foundIn("Überschrift Set-Kookie"));
    }

    @Test
    void agreesWithRegionMatchesOnEveryCaseMix() {
        String[] texts = {"xSeT-cOoKiEx", "set_cookie", "SET-COOKI", "ſet-cookie", "set-\u212Aookie", "Ünïcode set_COOKIE"};
        for (String text : texts) {
            assertEquals(regionMatches(text, "set-cookie") || regionMatches(text, "SET_COOKIE"), headers.foundIn(text),
                    text);
        }
    }

    private static boolean regionMatches(String text, String wanted) {
        for (int i = 0; i + wanted.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, wanted, 0, wanted.length())) {
                return true;
            }
        }
        return false;
    }
}
