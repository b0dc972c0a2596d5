package io.github.sessionguard.flow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What a map field answers for a key, read from its generic signature. */
class MapValueTypesTest {
    @Test
    void valueTypeOfAPlainMap() {
        assertEquals("Lcom/shop/Member;", MapValueTypes.erasedValueType("Ljava/util/Map<Ljava/lang/String;Lcom/shop/Member;>;"));
    }

    @Test
    void valueTypeIsErased() {
        assertEquals("Ljava/util/Map;", MapValueTypes.erasedValueType(
                "Ljava/util/concurrent/ConcurrentHashMap<Ljava/lang/String;Ljava/util/Map<Ljava/lang/String;Ljava/lang/Object;>;>;"));
    }

    @Test
    void aGenericKeyDoesNotHideTheValue() {
        assertEquals("Lcom/shop/Member;", MapValueTypes.erasedValueType(
                "Ljava/util/Map<Ljava/util/List<Ljava/lang/String;>;Lcom/shop/Member;>;"));
    }

    @Test
    void typeVariablesStayVariables() {
        assertEquals("TV;", MapValueTypes.erasedValueType("Ljava/util/Map<TK;TV;>;"));
    }

    @Test
    void noValueTypeWithoutTwoArguments() {
        assertNull(MapValueTypes.erasedValueType(null));
        assertNull(MapValueTypes.erasedValueType("Ljava/util/Map;"));
        assertNull(MapValueTypes.erasedValueType("Ljava/util/List<Ljava/lang/String;>;"));
    }
}
