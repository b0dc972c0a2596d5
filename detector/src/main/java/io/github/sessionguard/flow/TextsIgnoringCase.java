package io.github.sessionguard.flow;

import java.util.Collection;
import java.util.Locale;

/**
 * Texts searched for in any letter case, prepared once for many searches: the screens ask this of every
 * constant of every class. For an ASCII text and an ASCII wanted text, a plain search of the lower-cased
 * text answers exactly what the letter-by-letter case-insensitive search does, without comparing at every
 * position; anything else takes the letter-by-letter search.
 */
public final class TextsIgnoringCase {
    private final String[] wanted;
    /** Each wanted text in lower case when it is all ASCII, else null. */
    private final String[] asciiLowerCase;

    public TextsIgnoringCase(Collection<String> texts) {
        this.wanted = texts.toArray(new String[0]);
        this.asciiLowerCase = new String[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            asciiLowerCase[i] = asciiLowerCase(wanted[i]);
        }
    }

    /** True when the text contains one of the wanted texts in any letter case; it is lower-cased at most once. */
    public boolean foundIn(String text) {
        String lower = null;
        boolean lowered = false;
        for (int i = 0; i < wanted.length; i++) {
            if (asciiLowerCase[i] != null && !lowered) {
                lower = asciiLowerCase(text);
                lowered = true;
            }
            if (asciiLowerCase[i] != null && lower != null ? lower.contains(asciiLowerCase[i])
                    : containsLetterByLetter(text, wanted[i])) {
                return true;
            }
        }
        return false;
    }

    /** The text in lower case when it is all ASCII, else null. */
    private static String asciiLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return null;
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive search without copying the text. */
    private static boolean containsLetterByLetter(String text, String wanted) {
        int last = text.length() - wanted.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, wanted, 0, wanted.length())) {
                return true;
            }
        }
        return false;
    }
}
