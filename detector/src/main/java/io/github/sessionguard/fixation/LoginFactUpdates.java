package io.github.sessionguard.fixation;

/**
 * What {@link LoginCallMeaning} does to a path fact at one instruction: the {@link LoginFacts} operations
 * it calls, and the one question it asks ({@link #isChecked()}). An interface so that the updates of an
 * instruction can be recorded once and replayed ({@link RecordedUpdates}).
 */
interface LoginFactUpdates {
    /** On every path here, a credential check has succeeded. */
    boolean isChecked();

    void authenticate(LoginEvent event);

    void rotate();

    /**
     * A logout (a call of a method named so that drops the session on every path): the id changes, but what a
     * callee logged in before it on this path is ended, not fixed by this caller (see LoginResponsibility).
     */
    void endSession();

    void invalidate(int session, Integer request);

    void containerLogin(LoginEvent event);

    void sessionObtained(int session, int request);
}
