package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.FlagValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The flag lattice that makes helpers and branches compose. */
class FlagEffectTest {
    @Test
    void aFlagSetOnOneBranchOnlyIsMissing() {
        assertEquals(FlagValue.MISSING, FlagEffect.of(FlagValue.SET).merge(FlagEffect.of(FlagValue.MISSING)).value());
    }

    @Test
    void anOptionalRunTimeValueIsUnknown() {
        assertEquals(FlagValue.UNKNOWN,
                FlagEffect.of(FlagValue.MISSING).merge(FlagEffect.of(FlagValue.UNKNOWN)).value());
    }

    @Test
    void anExplicitClearWinsEveryJoin() {
        assertEquals(FlagValue.CLEARED,
                FlagEffect.of(FlagValue.UNKNOWN).merge(FlagEffect.of(FlagValue.CLEARED)).value());
    }

    @Test
    void aHelperThatSetsTheFlagOnEveryPathReplacesTheCallersValue() {
        FlagEffect caller = FlagEffect.of(FlagValue.MISSING);
        assertEquals(FlagValue.SET, caller.then(FlagEffect.of(FlagValue.SET)).value());
    }

    @Test
    void aHelperThatSetsTheFlagOnOnePathLeavesTheCallersValueOnTheOther() {
        FlagEffect helper = FlagEffect.KEEP.merge(FlagEffect.of(FlagValue.SET));
        assertEquals(FlagValue.MISSING, FlagEffect.of(FlagValue.MISSING).then(helper).value());
        assertEquals(FlagValue.SET, FlagEffect.of(FlagValue.SET).then(helper).value());
    }

    @Test
    void aParameterIsReplacedByTheCallersConstant() {
        FlagEffect helper = FlagEffect.fromParameter(3);
        assertEquals(3, helper.parameter());
        assertEquals(FlagValue.CLEARED, helper.withArgument(FlagEffect.of(FlagValue.CLEARED)).value());
        assertEquals(FlagValue.SET, helper.withArgument(FlagEffect.of(FlagValue.SET)).value());
        assertEquals(1, helper.withArgument(FlagEffect.fromParameter(1)).parameter());
    }

    @Test
    void aGuardingParameterDecidesWhichPathRuns() {
        // if (secure) cookie.setSecure(true), joined with the path that skips it (the flag left missing)
        FlagEffect guarded = FlagEffect.fromGuardingParameter(5).merge(FlagEffect.of(FlagValue.MISSING));
        assertEquals(5, guarded.parameter());
        assertEquals(FlagValue.SET, guarded.withArgument(FlagEffect.of(FlagValue.SET)).value());
        assertEquals(FlagValue.MISSING, guarded.withArgument(FlagEffect.of(FlagValue.CLEARED)).value());
        assertEquals(FlagValue.UNKNOWN, guarded.withArgument(FlagEffect.of(FlagValue.UNKNOWN)).value());
        // handed on to the caller's own parameter: still the guard, and still resolved as one
        FlagEffect upward = guarded.withArgument(FlagEffect.fromParameter(2));
        assertEquals(2, upward.parameter());
        assertEquals(FlagValue.SET, upward.withArgument(FlagEffect.of(FlagValue.SET)).value());
        // an unguarded parameter joined with a missing path stays missing whatever the caller passes
        FlagEffect plain = FlagEffect.fromParameter(5).merge(FlagEffect.of(FlagValue.MISSING));
        assertEquals(FlagValue.MISSING, plain.withArgument(FlagEffect.of(FlagValue.SET)).value());
    }

    @Test
    void twoDifferentParametersAreUnknown() {
        FlagEffect merged = FlagEffect.fromParameter(1).merge(FlagEffect.fromParameter(2));
        assertEquals(-1, merged.parameter());
        assertEquals(FlagValue.UNKNOWN, merged.value());
    }
}
