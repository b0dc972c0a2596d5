package io.github.sessionguard.fixation;

import java.util.HashSet;
import java.util.Set;

/**
 * The dataflow fact of the login analysis, over all paths reaching a point: whether some path has
 * not changed the session id yet, which authentications happened on such paths, and which session
 * objects some path invalidated.
 */
final class LoginFacts {
    private boolean top;
    private boolean unrotated;
    private final Set<LoginEvent> pending = new HashSet<>();
    private final Set<Integer> invalidatedSessions = new HashSet<>();

    boolean isTop() {
        return top;
    }

    void makeTop() {
        top = true;
        unrotated = false;
        pending.clear();
        invalidatedSessions.clear();
    }

    void makeEntry() {
        top = false;
        unrotated = true;
        pending.clear();
        invalidatedSessions.clear();
    }

    /** Some path here has not (yet) given the session a new id. */
    boolean isUnrotated() {
        return unrotated;
    }

    /** Authentications on paths that have not changed the session id. */
    Set<LoginEvent> pending() {
        return pending;
    }

    boolean isInvalidated(int sessionValue) {
        return invalidatedSessions.contains(sessionValue);
    }

    void authenticate(LoginEvent event) {
        if (unrotated) {
            pending.add(event);
        }
    }

    /** Every path through this point now has a new id: what came before is fixed. */
    void rotate() {
        unrotated = false;
        pending.clear();
    }

    void invalidate(int sessionValue) {
        rotate();
        invalidatedSessions.add(sessionValue);
    }

    /** An exception path is a failed login: it carries no authentication to an exit. */
    void dropPending() {
        pending.clear();
    }

    void copyFrom(LoginFacts other) {
        top = other.top;
        unrotated = other.unrotated;
        pending.clear();
        pending.addAll(other.pending);
        invalidatedSessions.clear();
        invalidatedSessions.addAll(other.invalidatedSessions);
    }

    void meet(LoginFacts other) {
        if (other.top) {
            return;
        }
        if (top) {
            copyFrom(other);
            return;
        }
        unrotated |= other.unrotated;
        pending.addAll(other.pending);
        invalidatedSessions.addAll(other.invalidatedSessions);
    }

    boolean sameAs(LoginFacts other) {
        return top == other.top && unrotated == other.unrotated && pending.equals(other.pending)
                && invalidatedSessions.equals(other.invalidatedSessions);
    }

    @Override
    public String toString() {
        return top ? "TOP" : (unrotated ? "unrotated " : "rotated ") + pending;
    }
}
