package io.github.sessionguard.fixation;

import io.github.sessionguard.flow.MethodHandleTargets;

/**
 * Where the parameters of a lambda body (or a method reference's target) come from at the {@code invokedynamic}
 * that makes it. The first parameters are what the lambda captured, the values the {@code invokedynamic} takes;
 * the others are handed in later by whoever calls the function (a chained {@code map} hands it the element). An
 * instance body's receiver ({@code this}, or the bound object of {@code session::setAttribute}) is the first
 * captured value and no parameter; an unbound reference ({@code Member::getId}) captures nothing and is handed
 * its receiver first.
 */
final class LambdaParameters {
    /** The parameter is the first value the function is handed (the element of a chain). */
    static final int FIRST_HANDED = -1;
    /** The parameter is a later value the function is handed (a second element of a combining function). */
    static final int LATER_HANDED = -2;

    private LambdaParameters() {
    }

    /**
     * The index among the {@code invokedynamic}'s values that parameter {@code parameter} (0 = first) of the target
     * receives, or {@link #FIRST_HANDED} / {@link #LATER_HANDED} for one the function is handed when it runs.
     */
    static int sourceOf(MethodHandleTargets.Target target, int captured, int parameter) {
        boolean instance = !target.isStatic() && !"<init>".equals(target.name());
        int handed;
        if (!instance) {
            handed = parameter - captured;
            if (handed < 0) {
                return parameter;
            }
        } else if (captured > 0) {
            // The receiver is the first captured value: parameter p is captured value p + 1.
            handed = parameter - (captured - 1);
            if (handed < 0) {
                return parameter + 1;
            }
        } else {
            // Unbound: the receiver is handed first, then the parameters.
            handed = parameter + 1;
        }
        return handed == 0 ? FIRST_HANDED : LATER_HANDED;
    }
}
