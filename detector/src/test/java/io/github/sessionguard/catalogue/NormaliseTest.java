package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** normalise must give what the regex it replaced gave: lower case, then everything but a-z and 0-9 removed. */
class NormaliseTest {
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

    @Test
    void matchesTheRegexItReplaced() {
        String[] names = {"", "user", "LOGGED_IN_USER", "j_password", "userId2", "X-Auth-Token", "__", "passwörd",
            "\u0130D", "\u212Aey", "caf\u00E9", "token\uD83D\uDE00id", "a.b/c;d", "ÄÖÜ", "get_Password"};
        for (String name : names) {
            assertEquals(NOT_ALPHANUMERIC.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(""),
                    LoginCatalogue.normalise(name), name);
        }
    }
}
