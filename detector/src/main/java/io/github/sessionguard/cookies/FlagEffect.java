package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.FlagValue;

import java.util.Objects;

/**
 * What the paths so far did to one flag of one cookie, in a form that also describes helpers: on some
 * paths the flag may keep the value it came in with (a cookie received as a parameter), be written as a
 * constant, or be written from a boolean parameter of the method (its caller's choice). Joins keep every
 * possibility, so a flag written on one branch only still shows the other branch.
 */
public final class FlagEffect {
    /** Nothing written yet on any path: the incoming value stands. */
    public static final FlagEffect KEEP = new FlagEffect(true, null, -1);

    private final boolean keeps;
    private final FlagValue worst;
    private final int parameter;

    private FlagEffect(boolean keeps, FlagValue worst, int parameter) {
        this.keeps = keeps;
        this.worst = worst;
        this.parameter = parameter;
    }

    public static FlagEffect of(FlagValue value) {
        return new FlagEffect(false, value, -1);
    }

    /** Written from the method's boolean parameter {@code index}. */
    public static FlagEffect fromParameter(int index) {
        return new FlagEffect(false, null, index);
    }

    /** The boolean parameter whose value some path writes into the flag, or -1. */
    public int parameter() {
        return parameter;
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
        if (other.parameter >= 0 && parameter >= 0 && other.parameter != parameter) {
            mergedWorst = worse(mergedWorst, FlagValue.UNKNOWN);
            mergedParameter = -1;
        } else if (parameter < 0) {
            mergedParameter = other.parameter;
        }
        return new FlagEffect(mergedKeeps, mergedWorst, mergedParameter);
    }

    /** This effect followed by {@code later}: where {@code later} keeps the value, this one's shows. */
    public FlagEffect then(FlagEffect later) {
        if (!later.keeps) {
            return later;
        }
        return later.withoutKeep().merge(this);
    }

    private FlagEffect withoutKeep() {
        return new FlagEffect(false, worst, parameter);
    }

    /**
     * Replaces the parameter by the value the caller passes ({@code argument}, itself an effect: a
     * constant, or the caller's own parameter).
     */
    public FlagEffect withArgument(FlagEffect argument) {
        if (parameter < 0) {
            return this;
        }
        return new FlagEffect(keeps, worst, -1).merge(argument);
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
        return keeps == other.keeps && worst == other.worst && parameter == other.parameter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keeps, worst, parameter);
    }

    @Override
    public String toString() {
        return (keeps ? "keep|" : "") + worst + (parameter >= 0 ? "|p" + parameter : "");
    }
}
