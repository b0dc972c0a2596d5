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

    void invalidate(int session, Integer request);

    void containerLogin(LoginEvent event);

    void sessionObtained(int session, int request);
}
