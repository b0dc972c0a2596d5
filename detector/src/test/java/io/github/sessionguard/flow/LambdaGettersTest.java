package io.github.sessionguard.flow;

import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which compiled lambdas are one getter of their argument, read from javac's own output. */
class LambdaGettersTest {
    public static final class Member {
        public long getId() {
            return 1;
        }

        public String getUsername() {
            return "alice";
        }
    }

    static final class BoxedId {
        static final Function<Member, Long> F = m -> m.getId();
    }

    static final class Name {
        static final Function<Member, String> F = m -> m.getUsername();
    }

    static final class MoreThanAGetter {
        static final Function<Member, Long> F = m -> m.getId() + 1;
    }

    static final class OtherArgument {
        static final BiFunction<Member, Member, String> F = (a, b) -> a.getUsername();
    }

    static final class JdkGetter {
        static final Function<Object, String> F = o -> o.toString();
    }

    @Test
    void aBoxedGetterIsTheGetter() throws Exception {
        assertEquals("getId", getterOf(BoxedId.class));
    }

    @Test
    void aGetterIsTheGetter() throws Exception {
        assertEquals("getUsername", getterOf(Name.class));
    }

    @Test
    void arithmeticAfterTheGetterIsNotTheGetter() throws Exception {
        assertNull(getterOf(MoreThanAGetter.class));
    }

    @Test
    void aGetterOfAnotherArgumentIsNotTheFunctionsGetter() throws Exception {
        assertNull(getterOf(OtherArgument.class));
    }

    @Test
    void aJdkMethodIsNoApplicationGetter() throws Exception {
        assertNull(getterOf(JdkGetter.class));
    }

    /** The one lambda body of {@code holder}, read as a method-handle target. */
    private static String getterOf(Class<?> holder) throws Exception {
        String resource = "/" + holder.getName().replace('.', '/') + ".class";
        JavaClass javaClass;
        try (InputStream in = LambdaGettersTest.class.getResourceAsStream(resource)) {
            javaClass = new ClassParser(in, resource).parse();
        }
        for (Method method : javaClass.getMethods()) {
            if (method.getName().startsWith("lambda$")) {
                return LambdaGetters.getterOf(javaClass, new MethodHandleTargets.Target(
                        javaClass.getClassName().replace('.', '/'), method.getName(), method.getSignature(), method.isStatic()));
            }
        }
        throw new AssertionError("no lambda in " + holder);
    }
}
