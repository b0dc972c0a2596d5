package io.github.sessionguard.fixation;

/**
 * What an application's Jakarta Security {@code HttpAuthenticationMechanism.validateRequest} does to the session where
 * it hands a caller to the container ({@code HttpMessageContext.notifyContainerAboutLogin}) after a credential check
 * passed. {@code SecurityContext.authenticate} runs the application's mechanisms, so they, not the container's default,
 * decide what that call means (see {@link LoginSummaries#mechanismsAnswerForAuthenticate()}).
 *
 * <p>Ordered from the best to the worst answer: a method's answer is the worst over its notifications.
 */
enum MechanismLogin {
    /** No notification after a passed credential check was seen (or the method's paths were not followed). */
    NOT_SEEN,
    /** The session id changed (or the session ended) on every path before each such notification. */
    NEW_ID,
    /**
     * Some such notification follows a session login of the mechanism's own that no id change fixed: that write is the
     * mechanism's finding, where the fix goes.
     */
    OWN_UNFIXED_WRITE,
    /** Some such notification leaves the session to the container: no id change and nothing written before it. */
    CONTAINER_ONLY;

    /** The worse of the two answers. */
    MechanismLogin and(MechanismLogin other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
