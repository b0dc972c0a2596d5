package io.github.sessionguard.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Does a text contain one of many wanted texts? Answers what {@code text.contains(wanted)} (or, ignoring
 * case, {@link TextsIgnoringCase}) answers for any of them, in one pass over the text however many texts
 * are wanted (Aho and Corasick's automaton over the wanted texts' characters). The class screens ask this of
 * every constant of every class against lists of about a hundred type names: one {@code contains} per
 * wanted text per constant was the largest part of their cost.
 *
 * <p>Immutable once built; build one per list and keep it (a catalogue list in a static final field, a
 * list of one analysis with that analysis).
 */
public final class TextSearch {
    private static final int ASCII = 128;

    private final boolean ignoringCase;
    private final boolean always;
    /** The root's successor per ASCII character (0: the root itself). */
    private final int[] rootNext;
    /** Per state other than the root: its successors' characters and states (parallel, small). */
    private final char[][] keys;
    private final int[][] next;
    private final int[] fail;
    private final boolean[] accepts;
    /** Wanted texts with a character beyond ASCII: searched one by one (none in today's catalogue). */
    private final List<String> beyondAscii;
    private final TextsIgnoringCase beyondAsciiIgnoringCase;
    /** Ignoring case, a text beyond ASCII is searched letter by letter (the long s, the Kelvin sign). */
    private final TextsIgnoringCase letterByLetter;

    private TextSearch(Collection<String> texts, boolean ignoringCase) {
        this.ignoringCase = ignoringCase;
        this.letterByLetter = ignoringCase ? new TextsIgnoringCase(texts) : null;
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        trie.add(new TreeMap<>());
        ends.add(false);
        List<String> beyond = new ArrayList<>();
        boolean empty = false;
        for (String text : texts) {
            String wanted = ignoringCase ? lowerAscii(text) : text;
            if (wanted == null || !isAscii(wanted)) {
                beyond.add(text);
                continue;
            }
            empty |= wanted.isEmpty();
            int state = 0;
            for (int i = 0; i < wanted.length(); i++) {
                Integer child = trie.get(state).get(wanted.charAt(i));
                if (child == null) {
                    child = trie.size();
                    trie.add(new TreeMap<>());
                    ends.add(false);
                    trie.get(state).put(wanted.charAt(i), child);
                }
                state = child;
            }
            ends.set(state, true);
        }
        this.always = empty;
        this.beyondAscii = List.copyOf(beyond);
        this.beyondAsciiIgnoringCase = new TextsIgnoringCase(beyond);
        int states = trie.size();
        this.rootNext = new int[ASCII];
        this.keys = new char[states][];
        this.next = new int[states][];
        this.fail = new int[states];
        this.accepts = new boolean[states];
        for (int state = 0; state < states; state++) {
            Map<Character, Integer> children = trie.get(state);
            keys[state] = new char[children.size()];
            next[state] = new int[children.size()];
            int i = 0;
            for (Map.Entry<Character, Integer> child : children.entrySet()) {
                keys[state][i] = child.getKey();
                next[state][i++] = child.getValue();
            }
            accepts[state] = ends.get(state);
        }
        for (int i = 0; i < keys[0].length; i++) {
            rootNext[keys[0][i]] = next[0][i];
        }
        linkFailures();
    }

    /** A search for texts contained as they are written. */
    public static TextSearch of(Collection<String> texts) {
        return new TextSearch(texts, false);
    }

    /** A search for texts contained in any letter case. */
    public static TextSearch ignoringCase(Collection<String> texts) {
        return new TextSearch(texts, true);
    }

    /** Breadth first: a state's failure is the longest proper suffix of its text that is a state too. */
    private void linkFailures() {
        Deque<Integer> work = new ArrayDeque<>();
        for (int child : next[0]) {
            fail[child] = 0;
            work.add(child);
        }
        while (!work.isEmpty()) {
            int state = work.poll();
            for (int i = 0; i < keys[state].length; i++) {
                char c = keys[state][i];
                int child = next[state][i];
                int f = fail[state];
                int target = step(f, c);
                while (target < 0 && f != 0) {
                    f = fail[f];
                    target = step(f, c);
                }
                fail[child] = target < 0 ? 0 : target;
                accepts[child] |= accepts[fail[child]];
                work.add(child);
            }
        }
    }

    /** The successor of a state on a character, or -1 (the root has one for every ASCII character: itself). */
    private int step(int state, char c) {
        if (state == 0) {
            return c < ASCII ? rootNext[c] : 0;
        }
        char[] stateKeys = keys[state];
        for (int i = 0; i < stateKeys.length; i++) {
            if (stateKeys[i] == c) {
                return next[state][i];
            }
        }
        return -1;
    }

    /** True when the text contains one of the wanted texts. */
    public boolean foundIn(String text) {
        if (always) {
            return true;
        }
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                if (ignoringCase) {
                    return letterByLetter.foundIn(text); // letters beyond ASCII may match ASCII ones ignoring case
                }
                state = 0; // no wanted ASCII text spans it
                continue;
            }
            if (ignoringCase && c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            int target = step(state, c);
            while (target < 0) {
                state = fail[state];
                target = step(state, c);
            }
            state = target;
            if (accepts[state]) {
                return true;
            }
        }
        return !beyondAscii.isEmpty() && foundBeyondAscii(text);
    }

    private boolean foundBeyondAscii(String text) {
        if (ignoringCase) {
            return beyondAsciiIgnoringCase.foundIn(text);
        }
        for (String wanted : beyondAscii) {
            if (text.contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= ASCII) {
                return false;
            }
        }
        return true;
    }

    /** The text in lower case when it is all ASCII; else null. */
    private static String lowerAscii(String text) {
        return isAscii(text) ? text.toLowerCase(Locale.ROOT) : null;
    }
}
