package io.github.sessionguard.fixation;


import java.util.Set;

/** One method's login analysis: its summary for callers, and what is reported in the method itself. */
final class LoginMethodResult {
    static final LoginMethodResult NOTHING = new LoginMethodResult(LoginSummary.NOTHING, Set.of(), Set.of(), false, false,
            Set.of(), Set.of(), MechanismLogin.NOT_SEEN, false);

    private final LoginSummary summary;
    private final Set<LoginEvent> reusedInvalidatedSessions;
    private final Set<LoginEvent> fixedInherited;
    private final boolean requestEntry;
    private final boolean loginByNameOnly;
    private final Set<String> pendingUserAttributes;
    private final Set<String> loginAttributes;
    /** See {@link #mechanismLogin()}. */
    private final MechanismLogin mechanismLogin;
    /** See {@link #runsAsItIs()}. */
    private final boolean runsAsItIs;

    LoginMethodResult(LoginSummary summary, Set<LoginEvent> reusedInvalidatedSessions,
            Set<LoginEvent> fixedInherited, boolean requestEntry, boolean loginByNameOnly,
            Set<String> pendingUserAttributes, Set<String> loginAttributes, MechanismLogin mechanismLogin,
            boolean runsAsItIs) {
        this.summary = summary;
        this.runsAsItIs = runsAsItIs;
        this.mechanismLogin = mechanismLogin;
        this.loginAttributes = Set.copyOf(loginAttributes);
        this.requestEntry = requestEntry;
        this.loginByNameOnly = loginByNameOnly;
        this.pendingUserAttributes = Set.copyOf(pendingUserAttributes);
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

    /**
     * The method is a request entry that reports logins of its own (see {@link LoginHandlers#isRequestEntry}):
     * a request runs it without its callers, so their id changes never answer for those logins.
     */
    boolean isRequestEntry() {
        return requestEntry;
    }

    /**
     * The method, which has logins to report, runs as it is for some object: its class is concrete, or some concrete
     * application subclass inherits it without overriding it. An override that calls it ({@code super.establish(...)})
     * after an id change fixes it for its own subclass only (see {@link LoginResponsibility}).
     */
    boolean runsAsItIs() {
        return runsAsItIs;
    }

    /**
     * The method is a login only by its name ({@code signIn(session, user)}): it checks no credential, no
     * request runs it directly, and it stores what its callers hand it into a session it does not take out of a request
     * of its own. The callers that are logins of their own (they checked the user they hand over) answer for its logins:
     * the findings are there (see {@link LoginResponsibility}).
     */
    boolean isLoginByNameOnly() {
        return loginByNameOnly;
    }

    /**
     * Session attributes this login reads back, hands to its credential check and removes before it stores the user
     * under another name: a two-step login's pending user (the password step's {@code PRE_AUTH_USER_ID}, read by the
     * one-time-code step), as {@link #pendingUserKey} keys. Another method of the same package that writes such an
     * attribute is the first step, not the login: in the same controller, or in another class beside it (servlet
     * applications give each step a servlet of its own); an attribute of the same name elsewhere in the application
     * says nothing of it (a generic name, "user", is a login's attribute in one module and a switch's in another).
     */
    Set<String> pendingUserAttributes() {
        return pendingUserAttributes;
    }

    /**
     * Attributes (as {@link #pendingUserKey} keys) this method writes as a login, with or without an id change. Those
     * that no unfixed login of the analysis writes are written only where the session id changes too (see
     * {@code SessionFixationDetector.renewedPendingUsers}): a first step that renews the session before it parks the
     * pending user. A second step that reads back only such attributes runs in a session whose id changed at the
     * first step: an id planted before opens nothing.
     */
    Set<String> loginAttributes() {
        return loginAttributes;
    }

    /** The key of a pending-user attribute of the package of a class (slashed name). */
    static String pendingUserKey(String slashedClass, String attribute) {
        return slashedClass.substring(0, slashedClass.lastIndexOf('/') + 1) + "#" + attribute;
    }

    /**
     * What the method, a Jakarta Security mechanism's {@code validateRequest}, does to the session where it notifies
     * the container of a login after a passed credential check; {@link MechanismLogin#NOT_SEEN} for other methods.
     */
    MechanismLogin mechanismLogin() {
        return mechanismLogin;
    }

    LoginSummary summary() {
        return summary;
    }

    /** Identity written to a session object this method invalidated before: the login keeps no new session. */
    Set<LoginEvent> reusedInvalidatedSessions() {
        return reusedInvalidatedSessions;
    }
}
