package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.FlagValue;

import java.util.Objects;

/**
 * What the paths so far did to one flag of one cookie, in a form that also describes helpers: on some
 * paths the flag may keep the value it came in with (a cookie received as a parameter), be written as a
 * constant, or be written from a boolean parameter of the method or its negation (its caller's choice). Joins keep every
 * possibility, so a flag written on one branch only still shows the other branch.
 */
public final class FlagEffect {
    /** Nothing written yet on any path: the incoming value stands. */
    public static final FlagEffect KEEP = new FlagEffect(true, null, -1, false, false);

    private final boolean keeps;
    private final FlagValue worst;
    private final int parameter;
    /**
     * The parameter also decides which path runs: the flag is written only where it is on or not null
     * ({@code if (sameSite != null) cookie.setAttribute("SameSite", sameSite)}, {@code if (secure) cookie.setSecure(true)}),
     * so {@link #worst} (the path that skips the write) applies only when the argument is off.
     */
    private final boolean guarded;
    /**
     * The flag is written with the parameter's negation ({@code cookie.setHttpOnly(!scriptReadable)}): the caller's
     * true turns it off, its false on. Never together with {@link #guarded}.
     */
    private final boolean negated;

    private FlagEffect(boolean keeps, FlagValue worst, int parameter, boolean guarded, boolean negated) {
        this.keeps = keeps;
        this.worst = worst;
        this.parameter = parameter;
        this.guarded = guarded && parameter >= 0;
        this.negated = negated && parameter >= 0 && !this.guarded;
    }

    public static FlagEffect of(FlagValue value) {
        return new FlagEffect(false, value, -1, false, false);
    }

    /** Written from the method's boolean parameter {@code index}. */
    public static FlagEffect fromParameter(int index) {
        return new FlagEffect(false, null, index, false, false);
    }

    /** Written from the negation of the method's boolean parameter {@code index} ({@code setSecure(!insecure)}). */
    public static FlagEffect fromNegatedParameter(int index) {
        return new FlagEffect(false, null, index, false, true);
    }

    /** Written from (or as) the parameter {@code index} only on the paths where it is on or not null. */
    public static FlagEffect fromGuardingParameter(int index) {
        return new FlagEffect(false, null, index, true, false);
    }

    /** The same effect, with parameter {@code index} in place of this one's. */
    public FlagEffect withParameter(int index) {
        return new FlagEffect(keeps, worst, index, guarded, negated);
    }

    /** The boolean parameter whose value some path writes into the flag, or -1. */
    public int parameter() {
        return parameter;
    }

    /** Is the flag written with the parameter's negation (see {@link #fromNegatedParameter})? */
    public boolean isNegated() {
        return negated;
    }

    public boolean keepsIncoming() {
        return keeps;
    }

    /** The flag's value when nothing came in and no parameter is involved (a cookie made here). */
    public FlagValue value() {
        return worst == null ? FlagValue.MISSING : worst;
    }

    public FlagEffect merge(FlagEffect other) {
        boolean mergedKeeps = keeps || other.keeps;
        FlagValue mergedWorst = worse(worst, other.worst);
        int mergedParameter = parameter;
        if (other.parameter >= 0 && parameter >= 0 && (other.parameter != parameter || other.negated != negated)) {
            mergedWorst = worse(mergedWorst, FlagValue.UNKNOWN);
            mergedParameter = -1;
        } else if (parameter < 0) {
            mergedParameter = other.parameter;
        }
        boolean mergedGuarded = mergedParameter >= 0
                && (mergedParameter == parameter && guarded || mergedParameter == other.parameter && other.guarded);
        boolean mergedNegated = mergedParameter >= 0
                && (mergedParameter == parameter ? negated : other.negated);
        return new FlagEffect(mergedKeeps, mergedWorst, mergedParameter, mergedGuarded, mergedNegated);
    }

    /** This effect followed by {@code later}: where {@code later} keeps the value, this one's shows. */
    public FlagEffect then(FlagEffect later) {
        if (!later.keeps) {
            return later;
        }
        return later.withoutKeep().merge(this);
    }

    private FlagEffect withoutKeep() {
        return new FlagEffect(false, worst, parameter, guarded, negated);
    }

    /**
     * Replaces the parameter by the value the caller passes ({@code argument}, itself an effect: a
     * constant, or the caller's own parameter).
     */
    public FlagEffect withArgument(FlagEffect argument) {
        if (parameter < 0) {
            return this;
        }
        if (guarded && argument.parameter() >= 0) {
            return new FlagEffect(keeps, worst, argument.parameter(), true, false); // still the guard, one caller up
        }
        if (guarded && argument.value() == FlagValue.SET) {
            return new FlagEffect(keeps, null, -1, false, false).merge(argument); // the skipping path is not taken
        }
        if (guarded && (argument.value() == FlagValue.MISSING || argument.value() == FlagValue.CLEARED)) {
            // only that path runs
            return new FlagEffect(keeps, worst == null ? FlagValue.MISSING : worst, -1, false, false);
        }
        return new FlagEffect(keeps, worst, -1, false, false).merge(negated ? argument.negation() : argument);
    }

    /**
     * What writing the negation of this argument gives: a constant turned over, the caller's own parameter negated
     * (or no longer, two negations cancelling); any other value (a setting, a run-time value) stays unknown.
     */
    private FlagEffect negation() {
        if (parameter >= 0) {
            return guarded || worst != null ? of(FlagValue.UNKNOWN) : new FlagEffect(false, null, parameter, false, !negated);
        }
        FlagValue value = value();
        return of(value == FlagValue.SET ? FlagValue.CLEARED : value == FlagValue.CLEARED ? FlagValue.SET : FlagValue.UNKNOWN);
    }

    private static FlagValue worse(FlagValue a, FlagValue b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.merge(b);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlagEffect)) {
            return false;
        }
        FlagEffect other = (FlagEffect) o;
        return keeps == other.keeps && worst == other.worst && parameter == other.parameter && guarded == other.guarded
                && negated == other.negated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keeps, worst, parameter, guarded, negated);
    }

    @Override
    public String toString() {
        return (keeps ? "keep|" : "") + worst
                + (parameter >= 0 ? (guarded ? "|if p" : negated ? "|!p" : "|p") + parameter : "");
    }
}
