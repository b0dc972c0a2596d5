package io.github.sessionguard.fixation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The updates one instruction makes to a path fact, recorded once and replayed at every later transfer of
 * that instruction (the dataflow transfers each block until nothing changes, and the paths are read once
 * more), as SpotBugs' {@code InstructionActionCache} does for the obligation analysis. Exact because what
 * {@link LoginCallMeaning#apply} decides depends on the instruction and on {@link #isChecked()} alone: one
 * recording per instruction and per answer to that question. The operations themselves run on the real fact
 * at each replay, so their effect still depends on its state (an id change clears what is pending there).
 */
final class RecordedUpdates implements LoginFactUpdates {
    private final boolean checked;
    private final List<Consumer<LoginFacts>> updates = new ArrayList<>(2);

    RecordedUpdates(boolean checked) {
        this.checked = checked;
    }

    void replay(LoginFacts fact) {
        for (Consumer<LoginFacts> update : updates) {
            update.accept(fact);
        }
    }

    @Override
    public boolean isChecked() {
        return checked;
    }

    @Override
    public void authenticate(LoginEvent event) {
        updates.add(fact -> fact.authenticate(event));
    }

    @Override
    public void endSession() {
        updates.add(LoginFacts::endSession);
    }

    @Override
    public void rotate() {
        updates.add(LoginFacts::rotate);
    }

    @Override
    public void invalidate(int session, Integer request) {
        updates.add(fact -> fact.invalidate(session, request));
    }

    @Override
    public void containerLogin(LoginEvent event) {
        updates.add(fact -> fact.containerLogin(event));
    }

    @Override
    public void sessionObtained(int session, int request) {
        updates.add(fact -> fact.sessionObtained(session, request));
    }
}
