package io.github.sessionguard.fixation;


import java.util.Set;

/** One method's login analysis: its summary for callers, and what is reported in the method itself. */
final class LoginMethodResult {
    static final LoginMethodResult NOTHING = new LoginMethodResult(LoginSummary.NOTHING, Set.of(), Set.of());

    private final LoginSummary summary;
    private final Set<LoginEvent> reusedInvalidatedSessions;
    private final Set<LoginEvent> fixedInherited;

    LoginMethodResult(LoginSummary summary, Set<LoginEvent> reusedInvalidatedSessions,
            Set<LoginEvent> fixedInherited) {
        this.summary = summary;
        this.reusedInvalidatedSessions = Set.copyOf(reusedInvalidatedSessions);
        this.fixedInherited = Set.copyOf(fixedInherited);
    }

    /**
     * Logins a called login method left unfixed that this method fixes on some path (an id change before
     * or after the call): evidence that the callers of that method take care of the id.
     */
    Set<LoginEvent> fixedInherited() {
        return fixedInherited;
    }

    LoginSummary summary() {
        return summary;
    }

    /** Identity written to a session object this method invalidated before: the login keeps no new session. */
    Set<LoginEvent> reusedInvalidatedSessions() {
        return reusedInvalidatedSessions;
    }
}
