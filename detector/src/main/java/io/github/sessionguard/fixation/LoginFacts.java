package io.github.sessionguard.fixation;

import io.github.sessionguard.flow.PathFact;

import java.util.HashSet;
import java.util.Set;

/**
 * The dataflow fact of the login analysis, over all paths reaching a point: whether some path has
 * not changed the session id yet, which authentications happened on such paths, and which sessions
 * (and requests whose session) some path invalidated.
 */
final class LoginFacts implements PathFact<LoginFacts>, LoginFactUpdates {
    private boolean top;
    private boolean unrotated;
    /** Every path here has passed a credential check (and none has left it on its failure branch). */
    private boolean checked;
    /**
     * Every path here passed a check, but reached here through a handler of an exception something after the check
     * threw: a check that holds again where the handler's path rejoins a path that passed normally, and not in the
     * handler itself (a failed second factor's catch block stores no login).
     */
    private boolean suspended;
    /*
     * The sets start as the shared immutable empty set and become a HashSet at their first element (see
     * writable): the dataflow makes facts for every block and location, and nearly all stay empty.
     */
    private Set<LoginEvent> pending = Set.of();
    private Set<Integer> invalidatedSessions = Set.of();
    private Set<Integer> invalidatedRequests = Set.of();
    private Set<Integer> freshSessions = Set.of();
    /** Logins inherited from a called login method that some path here fixed (an id change before or after). */
    private Set<LoginEvent> fixedInherited = Set.of();

    @Override
    public boolean isTop() {
        return top;
    }

    @Override
    public void makeTop() {
        clear();
        top = true;
        unrotated = false;
        checked = false;
        suspended = false;
    }

    void makeEntry() {
        clear();
        top = false;
        unrotated = true;
        checked = false;
        suspended = false;
    }

    /** On every path here, a credential check has succeeded. */
    @Override
    public boolean isChecked() {
        return checked;
    }

    /** The path passed a credential check (its success branch, or a check that throws on failure). */
    void passCheck() {
        checked = true;
        suspended = false;
    }

    /** The path leaves through an exception handler: see {@link #suspended}. */
    void suspendCheck() {
        suspended |= checked;
        checked = false;
    }

    /**
     * The path is on a credential check's failure branch. A called login method's login (inherited, see
     * {@link LoginEvent#parent()}) happened only when it succeeded: {@code if (member == null) return ...}
     * after {@code member = service.signIn(...)} leaves no login on that path; nor does a sign-in that answers
     * whether its check passed ({@link io.github.sessionguard.catalogue.LoginEventKind#holdsOnlyIfCheckPasses()}), on the branch where it did not.
     */
    void failCheck() {
        checked = false;
        suspended = false;
        if (!pending.isEmpty()) {
            pending.removeIf(event -> event.parent() != null || event.kind().holdsOnlyIfCheckPasses());
        }
    }

    private void clear() {
        pending = Set.of();
        invalidatedSessions = Set.of();
        invalidatedRequests = Set.of();
        freshSessions = Set.of();
        fixedInherited = Set.of();
    }

    /** Some path here has not (yet) given the session a new id. */
    boolean isUnrotated() {
        return unrotated;
    }

    /** Authentications on paths that have not changed the session id (or left it to the container). */
    Set<LoginEvent> pending() {
        return pending;
    }

    @Override
    public void authenticate(LoginEvent event) {
        if (unrotated) {
            pending = writable(pending);
            pending.add(event);
        } else if (event.parent() != null) {
            fixedInherited = writable(fixedInherited);
            fixedInherited.add(event);
        }
    }

    /** Every path through this point now has a new id: what came before is fixed. */
    @Override
    public void rotate() {
        unrotated = false;
        notePendingFixed();
        pending = Set.of();
    }

    /**
     * A logout after a callee's login on this path: every path through here has a new id, but the inherited logins
     * it ends are not fixed by this method (it takes no responsibility for them: a front controller that runs a login
     * helper for every request and logs out on one of its actions does not rotate the helper's logins).
     */
    @Override
    public void endSession() {
        unrotated = false;
        pending = Set.of();
    }

    /**
     * The side of a test where the request has no session (see LoginCallMeaning.meansNoSession): what follows gets a
     * new session, with the container's id. A login earlier on the path made a session, so it cannot be on this side:
     * it is not carried on, and not fixed either (a caller testing {@code getSession(false)} after a login method's
     * call takes nothing of it over).
     */
    void noSession() {
        unrotated = false;
        pending = Set.of();
    }

    private void notePendingFixed() {
        for (LoginEvent event : pending) {
            if (event.parent() != null) {
                fixedInherited = writable(fixedInherited);
                fixedInherited.add(event);
            }
        }
    }

    /** Inherited logins (see {@link LoginEvent#parent()}) that some path to here has fixed. */
    Set<LoginEvent> fixedInherited() {
        return fixedInherited;
    }

    /**
     * A container login: Tomcat and Jetty change the id themselves, so what came before and what
     * follows is as safe as the container's setting, which the bytecode cannot see.
     */
    @Override
    public void containerLogin(LoginEvent event) {
        if (unrotated) {
            notePendingFixed();
            pending = new HashSet<>();
            pending.add(event);
            unrotated = false;
        }
    }

    /** {@code session.invalidate()}: a new id for whatever the request's next session holds. */
    @Override
    public void invalidate(int session, Integer request) {
        rotate();
        invalidatedSessions = writable(invalidatedSessions);
        invalidatedSessions.add(session);
        if (request != null) {
            invalidatedRequests = writable(invalidatedRequests);
            invalidatedRequests.add(request);
        }
    }

    /** {@code request.getSession()} after an invalidation of that request's session gives a new session. */
    @Override
    public void sessionObtained(int session, int request) {
        if (invalidatedRequests.contains(request)) {
            freshSessions = writable(freshSessions);
            freshSessions.add(session);
        }
    }

    /** Is this session object (obtained from that request, if known) one some path invalidated? */
    boolean isInvalidated(int session, Integer request) {
        if (invalidatedSessions.contains(session)) {
            return true;
        }
        return request != null && invalidatedRequests.contains(request) && !freshSessions.contains(session);
    }

    /** An exception path is a failed login: it carries no authentication to an exit. */
    void dropPending() {
        pending = Set.of();
    }

    @Override
    public void copyFrom(LoginFacts other) {
        top = other.top;
        unrotated = other.unrotated;
        checked = other.checked;
        suspended = other.suspended;
        clear();
        pending = addAll(pending, other.pending);
        invalidatedSessions = addAll(invalidatedSessions, other.invalidatedSessions);
        invalidatedRequests = addAll(invalidatedRequests, other.invalidatedRequests);
        freshSessions = addAll(freshSessions, other.freshSessions);
        fixedInherited = addAll(fixedInherited, other.fixedInherited);
    }

    /** Cost: facts are copied and met at every block, and their sets are nearly always empty. */
    private static <T> Set<T> addAll(Set<T> into, Set<T> from) {
        if (from.isEmpty()) {
            return into;
        }
        Set<T> result = writable(into);
        result.addAll(from);
        return result;
    }

    /** The set itself once it is a HashSet; a new HashSet for the shared empty one. */
    private static <T> Set<T> writable(Set<T> set) {
        return set instanceof HashSet ? set : new HashSet<>();
    }

    @Override
    public void meet(LoginFacts other) {
        if (other.top) {
            return;
        }
        if (top) {
            copyFrom(other);
            return;
        }
        unrotated |= other.unrotated;
        boolean passedHere = checked || suspended;
        boolean passedThere = other.checked || other.suspended;
        boolean normally = checked || other.checked;
        checked = passedHere && passedThere && normally;
        suspended = passedHere && passedThere && !normally;
        pending = addAll(pending, other.pending);
        invalidatedSessions = addAll(invalidatedSessions, other.invalidatedSessions);
        invalidatedRequests = addAll(invalidatedRequests, other.invalidatedRequests);
        if (!freshSessions.isEmpty()) {
            freshSessions.retainAll(other.freshSessions);
        }
        fixedInherited = addAll(fixedInherited, other.fixedInherited);
    }

    @Override
    public boolean sameAs(LoginFacts other) {
        return top == other.top && unrotated == other.unrotated && checked == other.checked
                && suspended == other.suspended && pending.equals(other.pending)
                && invalidatedSessions.equals(other.invalidatedSessions)
                && invalidatedRequests.equals(other.invalidatedRequests) && freshSessions.equals(other.freshSessions)
                && fixedInherited.equals(other.fixedInherited);
    }

    @Override
    public String toString() {
        return top ? "TOP" : (unrotated ? "unrotated " : "rotated ") + pending;
    }
}
