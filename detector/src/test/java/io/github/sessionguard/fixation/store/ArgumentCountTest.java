package io.github.sessionguard.fixation.store;

import org.apache.bcel.generic.Type;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The detector's argument count must be what BCEL's parse of the descriptor gives. */
class ArgumentCountTest {
    @Test
    void countsAsBcelParsesTheDescriptor() {
        String[] descriptors = {"()V", "(I)V", "(JD)J", "(Ljava/lang/String;)Ljava/lang/String;",
            "([I[[Ljava/lang/Object;Z)V", "(Ljava/lang/String;Ljava/lang/Object;)V", "([[[J)[Ljava/lang/String;",
            "(BCSFLjava/util/Map;[Ljava/util/List;)Ljava/lang/Object;", "(La/b$C;[La/b$C;)V"};
        for (String descriptor : descriptors) {
            assertEquals(Type.getArgumentTypes(descriptor).length, SessionStoreFixationDetector.argumentCount(descriptor),
                    descriptor);
        }
    }
}
