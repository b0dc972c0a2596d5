package io.github.sessionguard.flow;

import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.CHECKCAST;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.util.ByteSequence;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw-byte pre-filter may say "maybe" wrongly, but must never miss a call the decoded code makes. */
class InvokeBytesTest {
    @Test
    void neverMissesADecodedCall() throws IOException {
        int calls = 0;
        int casts = 0;
        for (Class<?> type : new Class<?>[] {CallReach.class, java.util.HashMap.class, ConstantPoolScreen.class}) {
            for (Method method : parse(type).getMethods()) {
                Code code = method.getCode();
                if (code == null) {
                    continue;
                }
                byte[] bytes = code.getCode();
                assertFalse(InvokeBytes.mayInvoke(bytes, new boolean[65536]), "nothing marked: " + method);
                try (ByteSequence sequence = new ByteSequence(bytes)) {
                    Instruction previous = null;
                    while (sequence.available() > 0) {
                        Instruction instruction = Instruction.readInstruction(sequence);
                        if (instruction instanceof InvokeInstruction && !(instruction instanceof INVOKEDYNAMIC)) {
                            boolean[] marked = new boolean[65536];
                            marked[((InvokeInstruction) instruction).getIndex()] = true;
                            assertTrue(InvokeBytes.mayInvoke(bytes, marked), method + " " + instruction);
                            calls++;
                        }
                        if (instruction instanceof CHECKCAST && previous instanceof InvokeInstruction
                                && !(previous instanceof INVOKEDYNAMIC)) {
                            boolean[] marked = new boolean[65536];
                            marked[((InvokeInstruction) previous).getIndex()] = true;
                            assertTrue(InvokeBytes.mayInvokeThenCast(bytes, marked), method + " " + previous);
                            casts++;
                        }
                        previous = instruction;
                    }
                }
            }
        }
        assertTrue(calls > 100 && casts > 5, calls + " calls, " + casts + " casts: too few to test anything");
    }

    private static JavaClass parse(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return new ClassParser(in, resource).parse();
        }
    }
}
