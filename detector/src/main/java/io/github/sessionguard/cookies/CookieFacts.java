package io.github.sessionguard.cookies;

import java.util.HashMap;
import java.util.Map;

/** The dataflow fact: the tracked cookies live at a point, keyed by value number. */
final class CookieFacts {
    private final Map<Integer, CookieState> byValueNumber = new HashMap<>();
    private boolean top;

    boolean isTop() {
        return top;
    }

    void makeTop() {
        byValueNumber.clear();
        top = true;
    }

    void clear() {
        byValueNumber.clear();
        top = false;
    }

    CookieState get(int valueNumber) {
        return byValueNumber.get(valueNumber);
    }

    void put(int valueNumber, CookieState state) {
        byValueNumber.put(valueNumber, state);
    }

    void remove(int valueNumber) {
        byValueNumber.remove(valueNumber);
    }

    boolean isEmpty() {
        return byValueNumber.isEmpty();
    }

    void copyFrom(CookieFacts other) {
        byValueNumber.clear();
        byValueNumber.putAll(other.byValueNumber);
        top = other.top;
    }

    /**
     * Joins another path into this one. A value number live on one side only names an object that the
     * other path never created, so its state passes through unchanged.
     */
    void meet(CookieFacts other) {
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
    }

    boolean sameAs(CookieFacts other) {
        return top == other.top && byValueNumber.equals(other.byValueNumber);
    }

    @Override
    public String toString() {
        return top ? "TOP" : byValueNumber.toString();
    }
}
