package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.AASTORE;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Shiro subjects a method builds with the plain {@code Subject.Builder} and hands no session
 * ({@code new Subject.Builder(securityManager).host(host).buildSubject()}): no id a browser presented is behind them
 * (see {@link LoginCatalogue#SHIRO_SUBJECT_BUILDER}). One built with {@code sessionId(presentedId)}, the thread's
 * {@code SecurityUtils.getSubject()}, a {@code WebSubject.Builder}'s or a caller's may carry the presented session.
 */
final class ShiroSubjects {
    /** Builder steps followed back from {@code buildSubject()}: a builder has a handful. */
    private static final int MAX_STEPS = 16;

    /** Reads the call at a location (null where the frames are top). */
    interface Calls {
        CallAt at(Location location) throws DataflowAnalysisException;
    }

    private final CFG cfg;
    private final ValueNumberDataflow vna;
    private final ValueOrigins origins;
    private final Calls calls;

    ShiroSubjects(CFG cfg, ValueNumberDataflow vna, ValueOrigins origins, Calls calls) {
        this.cfg = cfg;
        this.vna = vna;
        this.origins = origins;
        this.calls = calls;
    }

    /** Was this subject built here by a plain builder that no step, and no other code, handed a session? */
    boolean builtWithoutSession(ValueNumber subject) throws DataflowAnalysisException {
        CallAt build = producingCall(subject);
        if (build == null || !LoginCatalogue.SHIRO_BUILD_SUBJECT.matches(build.owner(), build.name(), build.descriptor())) {
            return false;
        }
        Set<ValueNumber> builders = new HashSet<>();
        ValueNumber builder = build.receiver();
        for (int step = 0; step < MAX_STEPS && builder != null; step++) {
            builders.add(builder);
            if (LoginCatalogue.SHIRO_SUBJECT_BUILDER.equals(origins.newClass(builder))) {
                return onlySessionlessUses(builders);
            }
            CallAt previous = producingCall(builder);
            if (previous == null || !LoginCatalogue.any(LoginCatalogue.SHIRO_SESSIONLESS_BUILDER_STEPS, previous.owner(),
                    previous.name(), previous.descriptor())) {
                return false;
            }
            builder = previous.receiver();
        }
        return false;
    }

    private CallAt producingCall(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return null;
        }
        CallAt call = calls.at(producer);
        return call != null && call.hasReceiver() ? call : null;
    }

    /**
     * The builder is used by its sessionless steps only: no {@code builder.sessionId(id);} on the side, and it is not
     * handed to other code, stored or returned (where a session could be given to it out of sight).
     */
    private boolean onlySessionlessUses(Set<ValueNumber> builders) throws DataflowAnalysisException {
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (instruction instanceof InvokeInstruction) {
                CallAt call = calls.at(location);
                if (call != null && !LoginCatalogue.any(LoginCatalogue.SHIRO_SESSIONLESS_BUILDER_STEPS, call.owner(),
                        call.name(), call.descriptor()) && Arrays.stream(call.consumedValues()).anyMatch(builders::contains)) {
                    return false;
                }
            } else if (instruction instanceof PUTFIELD || instruction instanceof PUTSTATIC || instruction instanceof AASTORE
                    || instruction instanceof ARETURN) {
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                if (frame.isValid() && frame.getStackDepth() > 0 && builders.contains(frame.getTopValue())) {
                    return false;
                }
            }
        }
        return true;
    }
}
