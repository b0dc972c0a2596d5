package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MissingClassException;
import edu.umd.cs.findbugs.classfile.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Class lookups that failed, one counter per analysis (kept in SpotBugs' analysis cache, see
 * {@code engine.SessionGuardEngines}). A class missing from the class path is an expected answer for
 * many questions (is Shiro there? what does this library type implement?): it is counted, not
 * reported as an error, and the count is logged at debug level when the analysis ends. Any other
 * failure to read a class is reported to SpotBugs' error channel.
 */
public final class LookupFailures {
    private static final Logger LOG = LoggerFactory.getLogger(LookupFailures.class);

    private final AtomicInteger missing = new AtomicInteger();
    private final AtomicInteger unknownTypes = new AtomicInteger();
    private final AtomicBoolean logged = new AtomicBoolean();

    /** A class not on the class path answered a lookup: counted for this analysis. */
    public static void missingClass() {
        Global.getAnalysisCache().getDatabase(LookupFailures.class).missing.incrementAndGet();
    }

    /**
     * SpotBugs' type analysis had no usable frame at a call (its frame there is inconsistent with the
     * call, as on a few methods of spring-security-web 6.4.5): the value's type is unknown, which the
     * caller takes as its answer. Counted for this analysis, not reported.
     */
    public static void typeUnknown() {
        Global.getAnalysisCache().getDatabase(LookupFailures.class).unknownTypes.incrementAndGet();
    }

    /**
     * A failed lookup of {@code what}: counted when the class is simply missing from the class path,
     * otherwise reported to SpotBugs' error channel naming SessionGuard and what it was reading.
     */
    public static void failed(CheckedAnalysisException e, String what) {
        if (e instanceof MissingClassException || e instanceof ResourceNotFoundException) {
            missingClass();
        } else {
            AnalysisContext.logError("SessionGuard could not read " + what + ": " + e, e);
        }
    }

    /** Logs this analysis' count once, at debug level (called from the detectors' report()). */
    public static void logOnce() {
        LookupFailures failures = Global.getAnalysisCache().getDatabase(LookupFailures.class);
        if (failures.logged.compareAndSet(false, true)) {
            LOG.debug("SessionGuard: {} class lookups answered 'not on the class path', {} types unknown at a call",
                    failures.missing.get(), failures.unknownTypes.get());
        }
    }

    /** This analysis' count so far. */
    public static int missingCount() {
        return Global.getAnalysisCache().getDatabase(LookupFailures.class).missing.get();
    }
}
