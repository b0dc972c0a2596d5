package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.flow.TypeChecks;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who answers for a login that a login method (a service that checks the password and stores the user)
 * leaves without an id change: the method itself, or its callers.
 *
 * <p>Callers take it over when one of them fixes it, by an id change after the call (or before it) on some
 * path: the application then rotates in its controllers, and the service's write is no bug. Each caller
 * whose path still ends without an id change is reported at its call of the method (the place to add
 * {@code changeSessionId()}); a caller that hands the login on to its own callers is judged the same way,
 * one level up. When no caller fixes it, the method's own write is reported, as before: the fix belongs
 * there, once for all callers. So each unfixed login is reported exactly once along its call chain.
 *
 * <p>Which of them that is, when no caller fixes it, depends on where the session is chosen. A helper that takes the
 * session out of a request its callers hand it ({@code complete(request, pending)}, {@code SessionUtils.login(request,
 * operator)}, a base controller's {@code establishSession(request, user)}) chooses the session it writes to: its write
 * is the login, reported in it once for all its callers, however many they are, whatever its name, and whether it
 * checked the credential or its callers did (as a private method's is, and a guarded helper's, below). A helper handed
 * the session itself, or reaching it through a field (a session-scoped bean's setter, a context's {@code setPatron},
 * an injected session), cannot change the id: its callers chose the session, so each login among them is reported at
 * its call, where the id change goes. That holds for a method that is a login only by its name too ({@code
 * signIn(session, user)}, which checks nothing and stores what it is handed): it leaves its logins to the callers that
 * are logins themselves, one or several.
 *
 * <p>An override that calls the method it overrides ({@code super.establishSession(request, user)}) is that method for
 * its own subclass, not a caller of it: its id change around the call fixes its subclass's logins, and does not hand
 * the method's login to the callers while the method still runs as it is for another (a concrete class, a subclass
 * that inherits it).
 *
 * <p>A helper that is no login path but changes the id itself on some of its paths (behind a test of its own, not a
 * flag its callers pass) answers for its own unfixed write like a login method: the guard around its id change is the
 * place to fix, once for all callers; callers that fix it take it over, as above. It is reported only when some
 * login calls it (directly or through callers that hand it on).
 *
 * <p>The same holds for a helper's write of a value its callers hand it, made behind its own guarded id change (see
 * {@link HelperOwnedWrites}): a login that hands it the user inherits the write's event at the call, so the write is
 * reported in the helper, once for all its login callers, unless a caller changes the id after the call; the callers'
 * own events at that call are then covered by it.
 *
 * <p>A request entry (a mapped handler, a servlet's {@code doPost}) is run by the framework for a request of
 * its own, without any of its callers: its callers never answer for it, and its unfixed login is reported
 * in it even when a caller (a sign-up handler that logs the new user in through it) changes the id after
 * the call. Its callers are then not reported for it either: the fix in the entry covers them.
 *
 * <p>Decided when every class has been visited, from all method results of the analysis, so the verdict
 * does not depend on the order of the visits.
 */
final class LoginResponsibility {
    private static final int MAX_CHAIN = 1000;

    /** Events some caller fixed (by their inherited copy's parent). */
    private final Set<LoginEvent> fixedByACaller = new HashSet<>();
    /** Inherited copies still unfixed at a caller's exit, by the event they were inherited from. */
    private final Map<LoginEvent, Set<LoginEvent>> unfixedInCallers = new HashMap<>();
    private final Map<LoginEvent, Boolean> handled = new HashMap<>();
    /** Logins reported in request entries, which a request runs without any caller: never the callers' to fix. */
    private final Set<LoginEvent> inRequestEntries = new HashSet<>();
    /** Logins of methods that are logins only by name, which login callers answer for (see LoginMethodResult). */
    private final Set<LoginEvent> handedToLoginCallers = new HashSet<>();
    /** Inherited copies reported by their caller: the caller is a login itself. */
    private final Set<LoginEvent> copiesInLoginCallers = new HashSet<>();
    /** Of those, the copies in callers that check a credential themselves. */
    private final Set<LoginEvent> copiesInCheckingCallers = new HashSet<>();
    /**
     * Writes of helpers that are no login path but change the id themselves on some path (see LoginMethodAnalyzer):
     * theirs to fix, but a login only where some login calls them.
     */
    private final Set<LoginEvent> ofHelpersWithOwnIdChange = new HashSet<>();

    LoginResponsibility(Collection<LoginMethodResult> results) {
        // Methods with logins to report that also run as they are (see LoginMethodResult.runsAsItIs), by the methods
        // their events are in: an override's id change around its super call fixes them for its own subclass only.
        Set<MethodDescriptor> runAsTheyAre = new HashSet<>();
        for (LoginMethodResult result : results) {
            if (result.runsAsItIs()) {
                result.summary().reported().forEach(event -> runAsTheyAre.add(event.site().method()));
                result.summary().ownedWrites().values().forEach(event -> runAsTheyAre.add(event.site().method()));
            }
        }
        for (LoginMethodResult result : results) {
            if (result.isRequestEntry()) {
                inRequestEntries.addAll(result.summary().reported());
            }
            if (!result.summary().isLoginPath()) {
                ofHelpersWithOwnIdChange.addAll(result.summary().reported());
            }
            // Writes of what callers hand it, behind the method's own guarded id change: logins only for a login's
            // value, so reported (in the method) only when a login inherits them (see HelperOwnedWrites).
            ofHelpersWithOwnIdChange.addAll(result.summary().ownedWrites().values());
            if (result.isLoginByNameOnly()) {
                handedToLoginCallers.addAll(result.summary().reported());
            }
            for (LoginEvent copy : result.summary().reported()) {
                if (copy.parent() != null) {
                    copiesInLoginCallers.add(copy);
                    if (result.summary().checksCredentials()) {
                        copiesInCheckingCallers.add(copy);
                    }
                }
            }
            for (LoginEvent fixed : result.fixedInherited()) {
                if (!(runAsTheyAre.contains(fixed.parent().site().method()) && isSuperCall(fixed))) {
                    fixedByACaller.add(fixed.parent());
                }
            }
            addUnfixed(result.summary().reported());
            addUnfixed(result.summary().exported());
        }
    }

    /**
     * Was this copy inherited at an override's call of the method it overrides ({@code super.establishSession(request,
     * user)} in {@code establishSession})? The override is that method for its own subclass, not one of its callers.
     */
    private static boolean isSuperCall(LoginEvent copy) {
        MethodDescriptor caller = copy.site().method();
        MethodDescriptor callee = copy.parent().site().method();
        return !callee.isStatic() && caller.getName().equals(callee.getName())
                && caller.getSignature().equals(callee.getSignature())
                && !caller.getSlashedClassName().equals(callee.getSlashedClassName())
                && TypeChecks.isKnownSubtype(caller.getSlashedClassName(), callee.getSlashedClassName());
    }

    private void addUnfixed(Set<LoginEvent> events) {
        for (LoginEvent event : events) {
            if (event.parent() != null) {
                unfixedInCallers.computeIfAbsent(event.parent(), p -> new HashSet<>()).add(event);
            }
        }
    }

    /** Is this unfixed login, in the method it is reported in, that method's to report? */
    boolean isReportedHere(LoginEvent event) {
        if (ofHelpersWithOwnIdChange.contains(event) && !reachesALogin(event, 0)) {
            // A helper's write is a login only on a login's path: a profile update calling it logs nobody in.
            return false;
        }
        return !callersAnswer(event, 0) && (event.parent() == null || callersAnswer(event.parent(), 0));
    }

    /**
     * Is this copy of a callee's login, inherited at a call, reported in the callee itself (or further down the chain of
     * calls it came through: a helper's guarded write reached through a method that hands it on)? Then the call is
     * covered by that report: what else the callee writes there (its writes of values the caller hands it, judged at
     * the call) is the same login, with the same fix in the callee.
     */
    boolean isReportedInCallee(LoginEvent copy) {
        // Each copy nests the event it came from, so the walk down the chain ends; the bound guards against a long one.
        LoginEvent inner = copy.parent();
        for (int depth = 0; inner != null && depth < MAX_CHAIN; depth++, inner = inner.parent()) {
            if (isReportedHere(inner)) {
                return true;
            }
        }
        return false;
    }

    /** Some caller (or a caller of a caller) that is a login path gets this login unfixed from its call. */
    private boolean reachesALogin(LoginEvent event, int depth) {
        return reaches(event, copiesInLoginCallers, depth);
    }

    /**
     * Some caller (or a caller of a caller) that checks a credential itself gets this login unfixed from its call: a
     * helper's write it reports is as certain a login as that caller's own would be.
     */
    boolean reachesACheckingLogin(LoginEvent event) {
        return reaches(event, copiesInCheckingCallers, 0);
    }

    private boolean reaches(LoginEvent event, Set<LoginEvent> callerCopies, int depth) {
        for (LoginEvent copy : unfixedInCallers.getOrDefault(event, Set.of())) {
            // Each copy nests the event it came from, so the walk up the callers ends; the bound guards the stack.
            if (callerCopies.contains(copy) || (depth < MAX_CHAIN && reaches(copy, callerCopies, depth + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many methods, logins themselves, get this login unfixed from their calls (and would report it there). A
     * login-by-name helper with such callers is theirs to fix, where the user was checked: it does not choose the
     * session it writes to (see LoginMethodResult.isLoginByNameOnly). With none, it is reported itself.
     */
    private long loginCallersReporting(LoginEvent event) {
        return unfixedInCallers.getOrDefault(event, Set.of()).stream().filter(copiesInLoginCallers::contains)
                .map(copy -> copy.site().method()).distinct().count();
    }

    /** Some caller (or a caller of a caller) fixes this login: the callers answer for it. */
    boolean callersAnswer(LoginEvent event, int depth) {
        Boolean known = handled.get(event);
        if (known != null) {
            return known;
        }
        if (inRequestEntries.contains(event)) {
            return false;
        }
        boolean answer = fixedByACaller.contains(event)
                || (handedToLoginCallers.contains(event) && loginCallersReporting(event) > 0);
        // Each copy nests the event it came from, so the walk up the callers ends; the bound guards the stack.
        if (!answer && depth < MAX_CHAIN) {
            for (LoginEvent copy : unfixedInCallers.getOrDefault(event, Set.of())) {
                if (callersAnswer(copy, depth + 1)) {
                    answer = true;
                    break;
                }
            }
        }
        handled.put(event, answer);
        return answer;
    }
}
