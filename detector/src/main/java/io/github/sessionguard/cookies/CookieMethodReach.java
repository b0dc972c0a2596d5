package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.flow.CallReach;

import java.util.List;
import java.util.Locale;

/**
 * What the cookie analysis' per-method cost screen ({@link CallReach}) looks for: the texts the class-level
 * screen looks for ({@link CookieSummaries#passesScreen}), a catalogue type or a Set-Cookie header, named by
 * one of the method's own instructions or signature, or by an application method it runs. A method that
 * names none, not even further down, creates, configures and sends no cookie, so it has no finding of its
 * own; a caller that hands it a cookie still gets its summary on demand.
 */
final class CookieMethodReach implements CallReach.Screen {
    private final String header = CookieCatalogue.headerName();
    private final String headerField = CookieCatalogue.headerField().toLowerCase(Locale.ROOT);

    @Override
    public boolean namesApi(List<String> texts) {
        for (String text : texts) {
            if (containsIgnoringCase(text, header) || containsIgnoringCase(text, headerField)) {
                return true;
            }
            for (String type : CookieCatalogue.relevantTypes()) {
                if (text.contains(type)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the text contains the lower-case ASCII needle in any case, without copying the text: this
     * runs on every constant of every class the class screen lets through.
     */
    private static boolean containsIgnoringCase(String text, String lowerCaseNeedle) {
        char first = lowerCaseNeedle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        int last = text.length() - lowerCaseNeedle.length();
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == first || c == firstUpper)
                    && text.regionMatches(true, i, lowerCaseNeedle, 0, lowerCaseNeedle.length())) {
                return true;
            }
        }
        return false;
    }
}
