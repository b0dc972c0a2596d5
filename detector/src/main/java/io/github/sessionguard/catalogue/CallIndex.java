package io.github.sessionguard.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Catalogue rows indexed by the method name of their {@link CallPattern}, so looking a call up reads only
 * the rows of its name. The first matching row in catalogue order wins, as a scan of the rows would give.
 */
final class CallIndex<T> {
    private final List<T> rows;
    private final Function<T, CallPattern> pattern;
    private final Map<String, List<Integer>> byName = new HashMap<>();
    private final List<Integer> anyName = new ArrayList<>();

    CallIndex(List<T> rows, Function<T, CallPattern> pattern) {
        this.rows = List.copyOf(rows);
        this.pattern = pattern;
        for (int i = 0; i < this.rows.size(); i++) {
            String name = pattern.apply(this.rows.get(i)).name();
            if (name == null) {
                anyName.add(i);
            } else {
                byName.computeIfAbsent(name, key -> new ArrayList<>()).add(i);
            }
        }
    }

    /** The first row (in catalogue order) whose pattern matches the call, or null. */
    T first(String owner, String name, String descriptor) {
        int best = firstIn(byName.getOrDefault(name, List.of()), owner, name, descriptor);
        int anyNamed = firstIn(anyName, owner, name, descriptor);
        if (anyNamed >= 0 && (best < 0 || anyNamed < best)) {
            best = anyNamed;
        }
        return best < 0 ? null : rows.get(best);
    }

    private int firstIn(List<Integer> candidates, String owner, String name, String descriptor) {
        for (int index : candidates) {
            if (pattern.apply(rows.get(index)).matches(owner, name, descriptor)) {
                return index;
            }
        }
        return -1;
    }
}
