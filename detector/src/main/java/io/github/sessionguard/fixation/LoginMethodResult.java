package io.github.sessionguard.fixation;


import java.util.Set;

/** One method's login analysis: its summary for callers, and what is reported in the method itself. */
final class LoginMethodResult {
    static final LoginMethodResult NOTHING = new LoginMethodResult(LoginSummary.NOTHING, Set.of());

    private final LoginSummary summary;
    private final Set<LoginEvent> reusedInvalidatedSessions;

    LoginMethodResult(LoginSummary summary, Set<LoginEvent> reusedInvalidatedSessions) {
        this.summary = summary;
        this.reusedInvalidatedSessions = Set.copyOf(reusedInvalidatedSessions);
    }

    LoginSummary summary() {
        return summary;
    }

    /** Identity written to a session object this method invalidated before: the login keeps no new session. */
    Set<LoginEvent> reusedInvalidatedSessions() {
        return reusedInvalidatedSessions;
    }
}
