package io.github.sessionguard.fixation;

import java.util.Map;
import java.util.Set;

/**
 * What one method does for its callers' login paths: whether it changes the session id on every
 * normal path, whether it checks a credential, and which authentications it leaves unfixed for its
 * callers to answer for (none when it is a login path itself and so answers for them).
 */
final class LoginSummary {
    static final LoginSummary NOTHING = new LoginSummary(false, false, Set.of(), Set.of(), false, false, Set.of());

    /** What a method returns and writes, seen by data flow (see {@link CredentialFlow}). */
    static final class Flow {
        static final Flow NONE = new Flow(false, false, false, Set.of());

        final boolean returnsIdentity;
        final boolean returnsSecret;
        /** It returns what a one-way hash answered ({@code sha256Hex(text)} in a helper). */
        final boolean returnsHashed;
        final Set<SessionWrite> sessionWrites;

        Flow(boolean returnsIdentity, boolean returnsSecret, boolean returnsHashed, Set<SessionWrite> sessionWrites) {
            this.returnsIdentity = returnsIdentity;
            this.returnsSecret = returnsSecret;
            this.returnsHashed = returnsHashed;
            this.sessionWrites = Set.copyOf(sessionWrites);
        }
    }

    /**
     * What a method does to the session besides its unfixed logins, on some path, itself or in the application methods
     * it calls: the attributes it removes, those it writes as a login (with or without an id change), and whether it
     * ends (invalidates) a session. A two-step login's second step often leaves these to a helper ({@code
     * sellerSession.signIn(request, seller)} removes the pending user and stores the seller): its caller reads them
     * here (see {@code LoginMethodAnalyzer.pendingUserAttributes}).
     */
    static final class SessionEffects {
        static final SessionEffects NONE = new SessionEffects(Set.of(), Set.of(), false);

        final Set<String> removed;
        final Set<String> loginAttributes;
        final boolean endsSession;

        SessionEffects(Set<String> removed, Set<String> loginAttributes, boolean endsSession) {
            this.removed = Set.copyOf(removed);
            this.loginAttributes = Set.copyOf(loginAttributes);
            this.endsSession = endsSession;
        }

        SessionEffects and(SessionEffects other) {
            if (other == NONE || other.equals(this)) {
                return this;
            }
            if (this == NONE) {
                return other;
            }
            Set<String> allRemoved = new java.util.TreeSet<>(removed);
            allRemoved.addAll(other.removed);
            Set<String> allWritten = new java.util.TreeSet<>(loginAttributes);
            allWritten.addAll(other.loginAttributes);
            return new SessionEffects(allRemoved, allWritten, endsSession || other.endsSession);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SessionEffects && removed.equals(((SessionEffects) o).removed)
                    && loginAttributes.equals(((SessionEffects) o).loginAttributes)
                    && endsSession == ((SessionEffects) o).endsSession;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(removed, loginAttributes, endsSession);
        }
    }

    private Flow flow = Flow.NONE;
    /** See {@link #sessionEffects()}. */
    private SessionEffects effects = SessionEffects.NONE;
    /** See {@link #flagRotations()}. */
    private Map<Integer, Boolean> flagRotations = Map.of();
    /** See {@link #ownedWrites()}. */
    private Map<SessionWrite, LoginEvent> ownedWrites = Map.of();
    /** See {@link #mayChangeId()}. */
    private boolean mayChangeId;

    private final boolean rotatesOnEveryPath;
    private final boolean checksCredentials;
    private final Set<LoginEvent> exported;
    private final Set<LoginEvent> reported;
    private final boolean loginPath;
    private final boolean containerLogin;
    private final Set<Integer> identityWrittenToParameters;

    LoginSummary(boolean rotatesOnEveryPath, boolean checksCredentials, Set<LoginEvent> exported,
            Set<LoginEvent> reported, boolean loginPath, boolean containerLogin,
            Set<Integer> identityWrittenToParameters) {
        this.containerLogin = containerLogin;
        this.identityWrittenToParameters = Set.copyOf(identityWrittenToParameters);
        this.rotatesOnEveryPath = rotatesOnEveryPath;
        this.checksCredentials = checksCredentials;
        this.exported = Set.copyOf(exported);
        this.reported = Set.copyOf(reported);
        this.loginPath = loginPath;
    }

    boolean rotatesOnEveryPath() {
        return rotatesOnEveryPath;
    }

    boolean checksCredentials() {
        return checksCredentials;
    }

    /** Unfixed authentications that only a caller on a login path can turn into a finding. */
    Set<LoginEvent> exported() {
        return exported;
    }

    /** Unfixed authentications this method, a login path, is reported for. */
    Set<LoginEvent> reported() {
        return reported;
    }

    /** The method implements a container login API: whether the id changes is the container's business. */
    boolean isContainerLogin() {
        return containerLogin;
    }

    /** Parameters (0 = first) that are sessions this method writes the user's identity to. */
    Set<Integer> identityWrittenToParameters() {
        return identityWrittenToParameters;
    }

    LoginSummary withFlow(Flow methodFlow) {
        LoginSummary copy = new LoginSummary(rotatesOnEveryPath, checksCredentials, exported, reported, loginPath,
                containerLogin, identityWrittenToParameters);
        copy.flow = methodFlow;
        copy.flagRotations = flagRotations;
        copy.ownedWrites = ownedWrites;
        copy.effects = effects;
        copy.mayChangeId = mayChangeId;
        return copy;
    }

    /**
     * Some path of the method changes the session id (itself or in a method it calls), whether or not every path
     * does: what an advice that rotates the id around the methods it advises must do (see {@link AdvisedMethods}).
     */
    boolean mayChangeId() {
        return mayChangeId || rotatesOnEveryPath;
    }

    LoginSummary withMayChangeId(boolean changes) {
        LoginSummary copy = withFlow(flow);
        copy.mayChangeId = changes;
        return copy;
    }

    /** See {@link SessionEffects}. */
    SessionEffects sessionEffects() {
        return effects;
    }

    LoginSummary withSessionEffects(SessionEffects sessionEffects) {
        LoginSummary copy = withFlow(flow);
        copy.effects = sessionEffects;
        return copy;
    }

    /**
     * The method's boolean parameters (0 = first) whose value, when the caller passes that constant, makes every path
     * change the session id ({@code login(request, response, user, boolean logout)} with {@code if (logout)
     * logout(request, response);} before the write): at such a call the method rotates on every path, and the caller
     * that passes it fixes the method's unfixed logins. Empty for a method that rotates on every path anyway.
     */
    Map<Integer, Boolean> flagRotations() {
        return flagRotations;
    }

    LoginSummary withFlagRotations(Map<Integer, Boolean> rotations) {
        LoginSummary copy = withFlow(flow);
        copy.flagRotations = Map.copyOf(rotations);
        return copy;
    }

    /**
     * Of its {@link #sessionWrites()}, those it makes on a path its own guarded id change leaves unfixed (see
     * {@link HelperOwnedWrites}), each with the event at the write that the method answers for when a login's value
     * makes it a login. Empty for a method that changes the id on every path, never, or as a flag decides.
     */
    Map<SessionWrite, LoginEvent> ownedWrites() {
        return ownedWrites;
    }

    LoginSummary withOwnedWrites(Map<SessionWrite, LoginEvent> writes) {
        LoginSummary copy = withFlow(flow);
        copy.ownedWrites = Map.copyOf(writes);
        return copy;
    }

    /** The method returns the identity a credential check established (the checked user, its id). */
    boolean returnsIdentity() {
        return flow.returnsIdentity;
    }

    /** The method returns a secret from the request (a password, a remember-me cookie's value). */
    boolean returnsSecret() {
        return flow.returnsSecret;
    }

    boolean returnsHashed() {
        return flow.returnsHashed;
    }

    /** The session writes it performs with names and values its callers pass in. */
    Set<SessionWrite> sessionWrites() {
        return flow.sessionWrites;
    }

    boolean isLoginPath() {
        return loginPath;
    }
}
