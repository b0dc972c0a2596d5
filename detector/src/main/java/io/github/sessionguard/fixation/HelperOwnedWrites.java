package io.github.sessionguard.fixation;

import io.github.sessionguard.flow.Site;

import java.util.HashMap;
import java.util.Map;

/**
 * The writes of what its callers hand it ({@link SessionWrite}s) that a helper makes with its own id change behind a
 * guard (a setting, a test of the session: not a flag its callers pass, see {@link FlagRotations}) still to run or
 * skipped: {@code if (settings.rotateSessionId()) request.changeSessionId(); session.setAttribute(RIDER, rider)}.
 *
 * <p>Such a helper has taken the id change on, as one whose own write is a login by itself has (see
 * {@link LoginMethodAnalyzer}): its guard is what leaves the write unfixed, so the fix is there, once for all its callers.
 * Only a caller's value makes the write a login, so each write carries the event the helper answers for, and a login
 * that hands it its user inherits that event at the call (see {@link LoginCallMeaning}): {@link LoginResponsibility}
 * then reports it in the helper, once, when some login calls it and no caller changes the id after the call.
 */
final class HelperOwnedWrites {
    private HelperOwnedWrites() {
    }

    /**
     * One event per write, at its first unfixed site (the lowest offset: the choice must not depend on the order the
     * paths were read in), named as far as the helper knows the name.
     */
    static Map<SessionWrite, LoginEvent> of(Map<SessionWrite, Site> unfixedSites) {
        Map<SessionWrite, LoginEvent> events = new HashMap<>();
        unfixedSites.forEach((write, site) -> {
            String noun = write.kind().noun();
            String what = write.nameParameter() >= 0 ? noun + " named by its callers"
                    : write.constantName() == null ? noun + " with a name computed at run time"
                    : noun + " \"" + write.constantName() + "\"";
            events.put(write, LoginEvent.attributeWrite(site, write.kind(), what + " (the user its login callers hand it)",
                    false, write.constantName()));
        });
        return events;
    }
}
