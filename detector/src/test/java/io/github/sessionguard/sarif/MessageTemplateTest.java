package io.github.sessionguard.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
    @Test
    void replacesPlaceholdersAndKeepsEscapedBraces() {
        assertEquals("cookie \"sid\" in A.b(); fix: x {y}.",
                MessageTemplate.format("{0} in {1}; fix: x {{y}}.", List.of("cookie \"sid\"", "A.b()")));
        assertEquals("B then A", MessageTemplate.format("{1} then {0}", List.of("A", "B")));
    }

    @Test
    void aMissingArgumentLeavesTheMessageAsItWas() {
        assertNull(MessageTemplate.format("{0} and {1}", List.of("only one")));
        assertNull(MessageTemplate.format("{x}", List.of("a")));
        assertNull(MessageTemplate.format("{0", List.of("a")));
    }
}
