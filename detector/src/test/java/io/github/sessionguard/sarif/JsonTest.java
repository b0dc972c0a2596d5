package io.github.sessionguard.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsEveryKindOfValueAndWritesItBack() {
        String text = "{\"s\": \"a\\\"b\\\\c\\n\\u00e9\\/\", \"n\": [0, -1.5, 2e3, 12345678901234567890], \"t\": true, "
                + "\"f\": false, \"z\": null, \"o\": {}, \"a\": []}";
        Map<?, ?> value = (Map<?, ?>) Json.parse(text);
        assertEquals("a\"b\\c\né/", value.get("s"));
        assertEquals(List.of(new BigDecimal("0"), new BigDecimal("-1.5"), new BigDecimal("2e3"), new BigDecimal("12345678901234567890")), value.get("n"));
        assertEquals(Boolean.TRUE, value.get("t"));
        assertEquals(Boolean.FALSE, value.get("f"));
        assertTrue(value.containsKey("z"));
        assertNull(value.get("z"));
        assertEquals(List.of("s", "n", "t", "f", "z", "o", "a"), List.copyOf(value.keySet()), "member order is kept");
        assertEquals(value, Json.parse(Json.write(value)));
        assertEquals("\"tab\\tctl\\u0001\"\n", Json.write("tab\tctl\u0001"));
    }

    @Test
    void rejectsMalformedInputNamingTheOffset() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "[1 2]", "\"open", "tru", "{\"a\":1} x", "01x", "\"\\q\"", "\"\\u12\"", "-")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("not valid JSON at offset "), e.getMessage());
        }
    }

    @Test
    void nestingIsBounded() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        String fine = "[".repeat(100) + "]".repeat(100);
        assertEquals(fine, Json.write(Json.parse(fine)).replaceAll("\\s", ""));
    }
}
