package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.CPInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw reader sees the instructions BCEL's decoder sees: same offsets, opcodes and constant-pool entries. */
class RawInstructionsTest {
    @Test
    void readsWhatBcelDecodesInEveryMethodOfTwoJars() throws IOException, URISyntaxException {
        int instructions = 0;
        int switches = 0;
        for (Class<?> inJar : new Class<?>[] {Const.class, edu.umd.cs.findbugs.BugInstance.class}) {
            Path jar = Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.getName().endsWith(".class") || entry.getName().contains("module-info")) {
                        continue;
                    }
                    JavaClass javaClass;
                    try (InputStream in = file.getInputStream(entry)) {
                        javaClass = new ClassParser(in, entry.getName()).parse();
                    }
                    for (Method method : javaClass.getMethods()) {
                        Code code = method.getCode();
                        if (code == null) {
                            continue;
                        }
                        List<String> expected = decodedByBcel(code.getCode());
                        List<String> read = new ArrayList<>();
                        RawInstructions.walk(code.getCode(), (offset, opcode, constant) -> {
                            read.add(offset + ":" + opcode + ":" + constant);
                            return false;
                        });
                        assertEquals(expected, read, javaClass.getClassName() + "." + method.getName());
                        instructions += read.size();
                        switches += (int) read.stream().filter(i -> i.contains(":" + Const.TABLESWITCH + ":")
                                || i.contains(":" + Const.LOOKUPSWITCH + ":")).count();
                    }
                }
            }
        }
        assertTrue(instructions > 100_000 && switches > 100, instructions + " instructions, " + switches
                + " switches: too few to test anything");
    }

    @Test
    void stopsWhereTheVisitorSays() throws IOException {
        byte[] code = {(byte) Const.ICONST_0, (byte) Const.POP, (byte) Const.RETURN};
        List<Integer> seen = new ArrayList<>();
        assertTrue(RawInstructions.walk(code, (offset, opcode, constant) -> {
            seen.add(offset);
            return opcode == Const.POP;
        }));
        assertEquals(List.of(0, 1), seen);
        assertFalse(RawInstructions.walk(code, (offset, opcode, constant) -> false));
    }

    @Test
    void readsWideAsTheOpcodeItWidens() throws IOException {
        byte[] code = {(byte) Const.WIDE, (byte) Const.IINC, 1, 0, 0, 5, (byte) Const.WIDE, (byte) Const.ALOAD, 1, 0,
            (byte) Const.ARETURN};
        List<String> seen = new ArrayList<>();
        RawInstructions.walk(code, (offset, opcode, constant) -> {
            seen.add(offset + ":" + opcode + ":" + constant);
            return false;
        });
        assertEquals(List.of("0:" + Const.IINC + ":-1", "6:" + Const.ALOAD + ":-1", "10:" + Const.ARETURN + ":-1"),
                seen);
        assertEquals(decodedByBcel(code).size(), seen.size());
    }

    @Test
    void refusesCodeThatIsNotInstructions() {
        byte[] cutShort = {(byte) Const.INVOKEVIRTUAL, 0};
        assertThrows(IOException.class, () -> RawInstructions.walk(cutShort, (offset, opcode, constant) -> false));
        byte[] wideCall = {(byte) Const.WIDE, (byte) Const.INVOKEVIRTUAL, 0, 5, (byte) Const.RETURN};
        assertThrows(IOException.class, () -> RawInstructions.walk(wideCall, (offset, opcode, constant) -> false));
        byte[] unknown = {(byte) 0xcb};
        assertThrows(IOException.class, () -> RawInstructions.walk(unknown, (offset, opcode, constant) -> false));
        byte[] hugeSwitch = {(byte) Const.LOOKUPSWITCH, 0, 0, 0, 0, 0, 0, 0, 0x7f, (byte) 0xff, (byte) 0xff,
            (byte) 0xff};
        assertThrows(IOException.class, () -> RawInstructions.walk(hugeSwitch, (offset, opcode, constant) -> false));
    }

    @Test
    void readsTheReservedOpcodesAsBcelDoes() throws IOException {
        byte[] code = {(byte) Const.BREAKPOINT, (byte) Const.IMPDEP1, (byte) Const.IMPDEP2, (byte) Const.RETURN};
        List<String> seen = new ArrayList<>();
        RawInstructions.walk(code, (offset, opcode, constant) -> {
            seen.add(offset + ":" + opcode + ":" + constant);
            return false;
        });
        assertEquals(decodedByBcel(code), seen);
    }

    private static List<String> decodedByBcel(byte[] code) {
        List<String> decoded = new ArrayList<>();
        for (InstructionHandle handle : new InstructionList(code).getInstructionHandles()) {
            Instruction instruction = handle.getInstruction();
            int constant = instruction instanceof CPInstruction ? ((CPInstruction) instruction).getIndex() : -1;
            decoded.add(handle.getPosition() + ":" + instruction.getOpcode() + ":" + constant);
        }
        return decoded;
    }
}
