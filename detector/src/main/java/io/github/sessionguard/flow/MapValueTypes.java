package io.github.sessionguard.flow;

/**
 * The value type a map field declares in its generic signature: what the map answers for a key. One parser for
 * the detectors that ask what a class keeps in its maps (users by token, session records by id).
 */
public final class MapValueTypes {
    private MapValueTypes() {
    }

    /**
     * The erased second type argument of a generic signature ({@code Ljava/util/Map<Ljava/lang/String;Ljava/util/Map<
     * Ljava/lang/String;Ljava/lang/Object;>;>;} gives {@code Ljava/util/Map;}, {@code Ljava/util/Map<TK;TV;>;} gives
     * {@code TV;}), or null for a signature without two type arguments (a raw map, or none).
     */
    public static String erasedValueType(String generic) {
        int open = generic == null ? -1 : generic.indexOf('<');
        if (open < 0) {
            return null;
        }
        int depth = 0;
        int start = -1;
        for (int i = open + 1; i < generic.length(); i++) {
            char c = generic.charAt(i);
            if (depth == 0 && start < 0 && i > open + 1 && generic.charAt(i - 1) == ';') {
                start = i; // the second type argument starts after the first one's ';' at depth 0
            }
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
        }
        if (start < 0 || generic.charAt(start) == '>') {
            return null;
        }
        int end = start;
        while (end < generic.length() && generic.charAt(end) != '<' && generic.charAt(end) != ';') {
            end++;
        }
        return end < generic.length() ? generic.substring(start, end) + ";" : null;
    }
}
