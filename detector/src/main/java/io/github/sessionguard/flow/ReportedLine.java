package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.LineNumber;
import org.apache.bcel.classfile.LineNumberTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ArrayInstruction;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.util.ByteSequence;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The source line of an instruction as the user reads it. javac writes a line-table entry where a
 * statement starts and at each method call, never at a constructor call or an {@code invokedynamic}
 * (a lambda, a method reference): those inherit the line of the entry before them, which for
 * {@code .cookie(new NewCookie(...))} or {@code .map(x -> ...)} written below {@code return builder()}
 * is the statement's first line, not theirs. When the value such an instruction produces feeds the next
 * call that has its own entry (an enclosing call: it consumes the value), that call's line is a lower
 * bound of the instruction's own line (javac marks a call at its name, which precedes its arguments), so
 * the later of the two lines is reported.
 */
final class ReportedLine {
    /** Instructions followed to the next entry; an expression is far shorter. */
    private static final int MAX_STEPS = 200;

    private ReportedLine() {
    }

    /**
     * False when the line to report at {@code pc} is certainly the line table's: the instruction starts an
     * entry, or there is no table to improve on.
     */
    static boolean mayDifferFromTable(Method method, int pc) {
        LineNumberTable table = method.getLineNumberTable();
        return table != null && method.getCode() != null && !startsEntry(table, pc);
    }

    /**
     * The line to report for the instruction at {@code pc}, or -1 when the method has no line table;
     * {@code cpg} is its class's (SpotBugs' cached one: building it per finding costs a copy of the pool).
     */
    static int of(Method method, ConstantPoolGen cpg, int pc) {
        LineNumberTable table = method.getLineNumberTable();
        if (table == null || method.getCode() == null) {
            return -1;
        }
        int line = table.getSourceLine(pc);
        if (startsEntry(table, pc)) {
            return line;
        }
        byte[] code = method.getCode().getCode();
        if (!startsInstruction(code, pc)) {
            return line;
        }
        // The stack above what was there before the instruction ran: true marks a slot holding its value
        // (or an array or object it was stored into). Slots below that are untainted.
        Deque<Boolean> stack = new ArrayDeque<>();
        stack.push(true);
        // Only the few instructions after pc are read, decoded from there: decoding the whole method (an
        // InstructionList) for each finding was most of this method's cost. The stream's index is the
        // offset in the code, as the padding of a switch needs.
        try (ByteSequence bytes = new ByteSequence(code)) {
            if (bytes.skipBytes(pc) != pc) {
                throw new IOException("code shorter than offset " + pc);
            }
            Instruction.readInstruction(bytes); // the instruction at pc, whose value is followed
            for (int step = 0; bytes.available() > 0 && step < MAX_STEPS; step++) {
                int position = bytes.getIndex();
                Instruction instruction = Instruction.readInstruction(bytes);
                Integer answer = follow(instruction, position, stack, table, line, cpg);
                if (answer != null) {
                    return answer;
                }
            }
        } catch (IOException e) {
            // Code cut short (BCEL throws its own exception for a bad opcode). SpotBugs built its analyses
            // from this code, so it is readable: this is a bug, for the detector's guard to report.
            throw new IllegalStateException("unreadable code after offset " + pc, e);
        }
        return line;
    }

    /**
     * One instruction after the one at pc: the line to report, when this instruction decides it; otherwise
     * null, with the stack updated.
     */
    private static Integer follow(Instruction instruction, int position, Deque<Boolean> stack, LineNumberTable table,
            int line, ConstantPoolGen cpg) {
        int consumed = instruction.consumeStack(cpg);
        // A call on the value (it is the receiver) comes after it in the source: no lower bound.
        boolean receiver = hasReceiver(instruction) && consumed > 0 && taintedAt(stack, consumed - 1);
        boolean consumesValue = pop(stack, consumed);
        if (receiver) {
            return line;
        }
        if (startsEntry(table, position)) {
            return instruction instanceof InvokeInstruction && consumesValue
                    ? Math.max(line, table.getSourceLine(position)) : line;
        }
        if (instruction instanceof BranchInstruction || instruction instanceof ReturnInstruction
                || instruction.getOpcode() == Const.ATHROW) {
            return line;
        }
        int produced = instruction.produceStack(cpg);
        if (consumesValue && produced == 0 && storesInto(instruction)) {
            // The array or object stored into is the slot left on top (javac dup'ed it).
            if (!stack.isEmpty()) {
                stack.pop();
            }
            stack.push(true);
        }
        for (int i = 0; i < produced; i++) {
            stack.push(consumesValue);
        }
        if (!stack.contains(true)) {
            return line;
        }
        return null;
    }

    /** Whether an instruction starts at pc (a site always names one; anything else gets the table's line). */
    private static boolean startsInstruction(byte[] code, int pc) {
        if (pc < 0 || pc >= code.length) {
            return false;
        }
        boolean[] found = new boolean[1];
        try {
            RawInstructions.walk(code, (offset, opcode, constant) -> {
                found[0] = offset == pc;
                return offset >= pc;
            });
        } catch (IOException e) {
            // As in of(): SpotBugs read this code, so unreadable bytes here are a bug, for the detector's guard.
            throw new IllegalStateException("unreadable code before offset " + pc, e);
        }
        return found[0];
    }

    private static boolean hasReceiver(Instruction instruction) {
        return instruction instanceof InvokeInstruction && instruction.getOpcode() != Const.INVOKESTATIC
                && instruction.getOpcode() != Const.INVOKEDYNAMIC;
    }

    /** Whether the slot {@code depth} below the top (0: the top) holds the value; unmodelled slots do not. */
    private static boolean taintedAt(Deque<Boolean> stack, int depth) {
        int i = 0;
        for (boolean slot : stack) {
            if (i++ == depth) {
                return slot;
            }
        }
        return false;
    }

    /** An array store, or a constructor taking the value: the array or new object left below carries it. */
    private static boolean storesInto(Instruction instruction) {
        return instruction instanceof ArrayInstruction || instruction instanceof INVOKESPECIAL;
    }

    private static boolean pop(Deque<Boolean> stack, int count) {
        boolean any = false;
        for (int i = 0; i < count && !stack.isEmpty(); i++) {
            any |= stack.pop();
        }
        return any;
    }

    private static boolean startsEntry(LineNumberTable table, int pc) {
        for (LineNumber entry : table.getLineNumberTable()) {
            if (entry.getStartPC() == pc) {
                return true;
            }
        }
        return false;
    }
}
