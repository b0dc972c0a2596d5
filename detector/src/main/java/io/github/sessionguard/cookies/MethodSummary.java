package io.github.sessionguard.cookies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one application method does with cookies, as its callers see it, and the findings its own code
 * earned. Built once per method, from its analysis alone and the summaries of what it calls.
 */
final class MethodSummary {
    /** A method the analysis does not follow: cookies handed to it are no longer tracked. */
    static final MethodSummary OPAQUE = new MethodSummary(false);

    private final boolean followed;
    private CookieState returned;
    private boolean returnsUnknown;
    private final Map<Integer, CookieState> parameterEffects = new TreeMap<>();
    private final Set<Integer> lostParameters = new java.util.TreeSet<>();
    private final Map<Integer, CookieState> parameterSends = new TreeMap<>();
    private final Set<Sent> callerDecidedSends = new LinkedHashSet<>();
    private final Set<Sent> callerNamedSends = new LinkedHashSet<>();
    private final List<Sent> findings = new ArrayList<>();

    MethodSummary(boolean followed) {
        this.followed = followed;
    }

    /**
     * What a call through an interface does when it may run any of several application implementations
     * (a response facade): a cookie sent by one of them is sent, as each sends it; one that any of them
     * loses is lost. Opaque when any of them is.
     */
    static MethodSummary anyOf(List<MethodSummary> implementations) {
        MethodSummary combined = new MethodSummary(true);
        for (MethodSummary summary : implementations) {
            if (!summary.followed) {
                return OPAQUE;
            }
            summary.parameterSends.forEach((index, state) -> combined.parameterSends.merge(index, state, CookieState::merge));
            summary.parameterEffects.forEach((index, state) -> combined.parameterEffects.merge(index, state, CookieState::merge));
            combined.lostParameters.addAll(summary.lostParameters);
            combined.callerDecidedSends.addAll(summary.callerDecidedSends);
            combined.callerNamedSends.addAll(summary.callerNamedSends);
        }
        combined.returnsUnknown = true;
        return combined;
    }

    /** False for methods whose effect on cookies is unknown (library, recursive, failed). */
    boolean isFollowed() {
        return followed;
    }

    /** The cookie the method returns on every path that returns one, or null. */
    CookieState returned() {
        return returnsUnknown ? null : returned;
    }

    void returns(CookieState state) {
        if (returned == null) {
            returned = state;
        } else if (returned.parameter() == state.parameter() && java.util.Objects.equals(returned.origin(), state.origin())) {
            returned = returned.merge(state);
        } else {
            returnsUnknown = true;
        }
    }

    void returnsSomethingElse() {
        returnsUnknown = true;
    }

    /** What the method does to the cookie passed as parameter {@code index}, or null when it loses track. */
    CookieState parameterEffect(int index) {
        return lostParameters.contains(index) ? null : parameterEffects.get(index);
    }

    /** On some normal return the method no longer knew what became of the caller's cookie {@code index}. */
    void parameterLost(int index) {
        lostParameters.add(index);
    }

    void parameterEffect(int index, CookieState effect) {
        parameterEffects.merge(index, effect, CookieState::merge);
    }

    /** The caller's cookies the method sends, by parameter index, as they are when sent. */
    Map<Integer, CookieState> parameterSends() {
        return Collections.unmodifiableMap(parameterSends);
    }

    void parameterSent(CookieState state) {
        parameterSends.merge(state.parameter(), state, CookieState::merge);
    }

    /** Cookies made and sent here whose listed flags the caller chooses through boolean arguments. */
    Set<Sent> callerDecidedSends() {
        return Collections.unmodifiableSet(callerDecidedSends);
    }

    void callerDecidedSend(Sent sent) {
        callerDecidedSends.add(sent);
    }

    /**
     * Cookies made and sent (and judged) in this method or below, whose name or value the caller passes
     * in: each caller says what the cookie carries, which ranks the finding at the cookie's creation.
     */
    Set<Sent> callerNamedSends() {
        return Collections.unmodifiableSet(callerNamedSends);
    }

    void callerNamedSend(Sent sent) {
        callerNamedSends.add(sent);
    }

    /** Sends judged in this method: reported when the detector visits it. */
    List<Sent> findings() {
        return Collections.unmodifiableList(findings);
    }

    void finding(Sent sent) {
        findings.add(sent);
    }
}
