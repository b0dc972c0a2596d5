package io.github.sessionguard.cookies;

import io.github.sessionguard.flow.PathFact;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dataflow fact: the tracked cookies live at a point, keyed by value number, and the arrays that
 * hold some of them (varargs such as {@code ResponseBuilder.cookie(NewCookie...)}).
 */
final class CookieFacts implements PathFact<CookieFacts> {
    private final Map<Integer, CookieState> byValueNumber = new HashMap<>();
    /** The arrays holding tracked cookies, and fields holding one: rare, so null while empty (a fact is made per location). */
    private Map<Integer, Set<Integer>> arrayMembers;
    private Map<String, Integer> fieldHolders;
    private boolean top;

    @Override
    public boolean isTop() {
        return top;
    }

    @Override
    public void makeTop() {
        clear();
        top = true;
    }

    void clear() {
        byValueNumber.clear();
        arrayMembers = null;
        fieldHolders = null;
        top = false;
    }

    CookieState get(int valueNumber) {
        return byValueNumber.get(valueNumber);
    }

    Map<Integer, CookieState> all() {
        return Collections.unmodifiableMap(byValueNumber);
    }

    void put(int valueNumber, CookieState state) {
        byValueNumber.put(valueNumber, state);
    }

    void remove(int valueNumber) {
        byValueNumber.remove(valueNumber);
    }

    /** Every value number that holds the same object as {@code state} (a builder and its fluent results). */
    void replaceObject(CookieState state, CookieState updated) {
        for (Map.Entry<Integer, CookieState> entry : byValueNumber.entrySet()) {
            if (sameObject(entry.getValue(), state)) {
                entry.setValue(updated);
            }
        }
    }

    void removeObject(CookieState state) {
        byValueNumber.values().removeIf(other -> sameObject(other, state));
    }

    static boolean sameObject(CookieState a, CookieState b) {
        return a.parameter() == b.parameter() && java.util.Objects.equals(a.origin(), b.origin());
    }

    void addArrayMember(int array, int cookie) {
        if (arrayMembers == null) {
            arrayMembers = new HashMap<>();
        }
        arrayMembers.computeIfAbsent(array, a -> new HashSet<>()).add(cookie);
    }

    /** The tracked cookies stored into an array. */
    Set<Integer> arrayMembers(int array) {
        return arrayMembers == null ? Set.of() : arrayMembers.getOrDefault(array, Set.of());
    }

    /** A tracked cookie was stored into the field: a later load of it in this method is the same cookie. */
    void storeField(String field, int cookie) {
        if (fieldHolders == null) {
            fieldHolders = new HashMap<>();
        }
        fieldHolders.put(field, cookie);
    }

    /** The value number of the tracked cookie last stored into the field on every path, or -1. */
    int fieldHolder(String field) {
        Integer holder = fieldHolders == null ? null : fieldHolders.get(field);
        return holder == null ? -1 : holder;
    }

    void forgetField(String field) {
        if (fieldHolders != null) {
            fieldHolders.remove(field);
        }
    }

    boolean isEmpty() {
        return byValueNumber.isEmpty();
    }

    @Override
    public void copyFrom(CookieFacts other) {
        byValueNumber.clear();
        byValueNumber.putAll(other.byValueNumber);
        arrayMembers = null;
        if (other.arrayMembers != null) {
            arrayMembers = new HashMap<>();
            other.arrayMembers.forEach((array, members) -> arrayMembers.put(array, new HashSet<>(members)));
        }
        fieldHolders = other.fieldHolders == null ? null : new HashMap<>(other.fieldHolders);
        top = other.top;
    }

    /**
     * Joins another path into this one. A value number live on one side only names an object that the
     * other path never created, so its state passes through unchanged.
     */
    @Override
    public void meet(CookieFacts other) {
        if (other.top) {
            return;
        }
        if (top) {
            copyFrom(other);
            return;
        }
        for (Map.Entry<Integer, CookieState> entry : other.byValueNumber.entrySet()) {
            byValueNumber.merge(entry.getKey(), entry.getValue(), CookieState::merge);
        }
        if (other.arrayMembers != null) {
            if (arrayMembers == null) {
                arrayMembers = new HashMap<>();
            }
            other.arrayMembers.forEach((array, members) -> arrayMembers.computeIfAbsent(array, a -> new HashSet<>())
                    .addAll(members));
        }
        if (fieldHolders != null) {
            // A field holds the cookie after the join only when it does on both paths.
            fieldHolders.entrySet().removeIf(e -> other.fieldHolders == null
                    || !e.getValue().equals(other.fieldHolders.get(e.getKey())));
        }
    }

    @Override
    public boolean sameAs(CookieFacts other) {
        return top == other.top && byValueNumber.equals(other.byValueNumber)
                && sameMap(arrayMembers, other.arrayMembers) && sameMap(fieldHolders, other.fieldHolders);
    }

    /** Maps compared with null standing for empty. */
    private static boolean sameMap(Map<?, ?> a, Map<?, ?> b) {
        return a == null || a.isEmpty() ? b == null || b.isEmpty() : a.equals(b);
    }

    @Override
    public String toString() {
        return top ? "TOP" : byValueNumber.toString();
    }
}
