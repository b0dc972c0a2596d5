package io.github.sessionguard.flow;

import java.util.Collection;

/**
 * Does a text contain one of a list of wanted texts, as written or in any letter case? Built once per list
 * (a catalogue list in a static final field, a list of one analysis with that analysis), because the class
 * screens ask it of every constant of every class.
 *
 * <p>Cost, measured on framework jars: one {@code String.contains} per wanted text is the fastest exact
 * search for lists of a few dozen names (the JDK's search is vectorised; a character-by-character
 * automaton over the same lists took twice as long). Ignoring case, the text would be lowered or compared
 * letter by letter; most texts are ruled out first by a character of each wanted text that no letter case
 * changes ({@code -} in {@code set-cookie}, {@code _} in {@code SET_COOKIE}), found with the same
 * vectorised search.
 */
public final class TextSearch {
    private final String[] wanted;
    /** Ignoring case: the letter-by-letter search; null for an exact search. */
    private final TextsIgnoringCase ignoringCase;
    /**
     * Ignoring case: one caseless character of each wanted text, any of which a matching text must hold;
     * null when some wanted text has none (then every text is searched).
     */
    private final char[] caseless;

    private TextSearch(Collection<String> texts, boolean ignoreCase) {
        this.wanted = texts.toArray(new String[0]);
        this.ignoringCase = ignoreCase ? new TextsIgnoringCase(texts) : null;
        this.caseless = ignoreCase ? caselessCharacters(wanted) : null;
    }

    /** A search for texts contained as they are written. */
    public static TextSearch of(Collection<String> texts) {
        return new TextSearch(texts, false);
    }

    /** A search for texts contained in any letter case (as {@link TextsIgnoringCase} answers it). */
    public static TextSearch ignoringCase(Collection<String> texts) {
        return new TextSearch(texts, true);
    }

    /** True when the text contains one of the wanted texts. */
    public boolean foundIn(String text) {
        if (ignoringCase == null) {
            for (String one : wanted) {
                if (text.contains(one)) {
                    return true;
                }
            }
            return false;
        }
        return mayHold(text) && ignoringCase.foundIn(text);
    }

    /** False when the text holds none of the caseless characters, so no wanted text in any case. */
    private boolean mayHold(String text) {
        if (caseless == null) {
            return true;
        }
        for (char c : caseless) {
            if (text.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One character per wanted text that no case mapping produces from another character, or null when a
     * wanted text has none. ASCII characters other than letters qualify: Java's case mappings (which the
     * letter-by-letter search uses) map letters to letters only.
     */
    private static char[] caselessCharacters(String[] texts) {
        char[] found = new char[texts.length];
        for (int i = 0; i < texts.length; i++) {
            int at = -1;
            for (int j = 0; j < texts[i].length() && at < 0; j++) {
                char c = texts[i].charAt(j);
                if (c < 128 && !Character.isLetter(c)) {
                    at = j;
                }
            }
            if (at < 0) {
                return null;
            }
            found[i] = texts[i].charAt(at);
        }
        return found;
    }
}
