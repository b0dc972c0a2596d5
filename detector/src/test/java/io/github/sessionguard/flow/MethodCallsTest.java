package io.github.sessionguard.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Set;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.JavaClass;
import org.junit.jupiter.api.Test;

/**
 * The release check behind WicketProtection: whether a library method calls an id change, read from its bytecode.
 * Two sessions shaped like Wicket's before and after 10.9 (which added changeSessionId() to signIn).
 */
class MethodCallsTest {
    private static final String SIGN_IN = "(Ljava/lang/String;Ljava/lang/String;)Z";
    private static final Set<String> ID_CHANGES = Set.of("changeSessionId", "replaceSession");

    static class KeepsId {
        boolean signIn(String username, String password) {
            return username.equals(password);
        }

        void changeSessionId() {
        }
    }

    static class ChangesId {
        boolean signIn(String username, String password) {
            boolean authenticated = username.equals(password);
            if (authenticated) {
                changeSessionId();
            }
            return authenticated;
        }

        void changeSessionId() {
        }
    }

    private static JavaClass parse(Class<?> type) throws Exception {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = MethodCallsTest.class.getResourceAsStream(resource)) {
            return new ClassParser(in, resource).parse();
        }
    }

    @Test
    void aSignInThatCallsAnIdChangeIsSeen() throws Exception {
        assertTrue(MethodCalls.callsAnyOf(parse(ChangesId.class), "signIn", SIGN_IN, ID_CHANGES));
    }

    @Test
    void aSignInThatDoesNotIsNotAndOnlyThatMethodIsRead() throws Exception {
        assertFalse(MethodCalls.callsAnyOf(parse(KeepsId.class), "signIn", SIGN_IN, ID_CHANGES));
        assertFalse(MethodCalls.callsAnyOf(parse(ChangesId.class), "signIn", "(Ljava/lang/String;)Z", ID_CHANGES));
    }
}
