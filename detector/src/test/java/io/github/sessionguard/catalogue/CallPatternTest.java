package io.github.sessionguard.catalogue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one call matcher, and the by-name index that must answer as a scan of the rows would. */
class CallPatternTest {
    private static final String COOKIE = "jakarta/servlet/http/Cookie";

    @Test
    void exactDescriptorsMatchWholly() {
        CallPattern pattern = CallPattern.of(COOKIE, "setSecure", "(Z)V");
        assertTrue(pattern.matches(COOKIE, "setSecure", "(Z)V"));
        assertFalse(pattern.matches(COOKIE, "setSecure", "(Z)Ljakarta/servlet/http/Cookie;"));
        assertFalse(pattern.matches("other/Cookie", "setSecure", "(Z)V"));
        assertFalse(pattern.matches(COOKIE, "setHttpOnly", "(Z)V"));
    }

    @Test
    void argumentShapesMatchWhateverIsReturned() {
        CallPattern pattern = CallPattern.withArguments(List.of("org/example/Builder"), "secure", "(Z)");
        assertTrue(pattern.matches("org/example/Builder", "secure", "(Z)Lorg/example/Builder;"));
        assertTrue(pattern.matches("org/example/Builder", "secure", "(Z)Lorg/example/SubBuilder;"));
        assertFalse(pattern.matches("org/example/Builder", "secure", "()Lorg/example/Builder;"));
    }

    @Test
    void nullPartsMatchAnything() {
        assertTrue(CallPattern.anyOwner("changeSessionId", null).matches("any/Owner", "changeSessionId", "()V"));
        assertTrue(CallPattern.withArguments(null, "addHeader", null).matches("x/Y", "addHeader", "(I)V"));
        assertTrue(CallPattern.of(Set.of("a/B"), null, null).matches("a/B", "anything", "()V"));
        assertTrue(CallPattern.of("a/B", "m", null).receiverTypes().isEmpty());
    }

    @Test
    void theIndexAnswersTheFirstMatchingRowInCatalogueOrder() {
        CallPattern anyName = CallPattern.of(Set.of("a/B"), null, "()V");
        CallPattern named = CallPattern.of("a/B", "run", "()V");
        CallPattern other = CallPattern.of("a/B", "stop", "()V");
        CallIndex<CallPattern> index = new CallIndex<>(List.of(other, anyName, named), row -> row);
        assertEquals(anyName, index.first("a/B", "run", "()V"), "the any-name row comes first in the catalogue");
        assertEquals(other, index.first("a/B", "stop", "()V"));
        CallIndex<CallPattern> reversed = new CallIndex<>(List.of(named, anyName), row -> row);
        assertEquals(named, reversed.first("a/B", "run", "()V"));
        assertNull(index.first("c/D", "run", "()V"));
    }
}
