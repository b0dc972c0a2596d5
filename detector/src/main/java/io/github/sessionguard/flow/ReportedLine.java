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
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

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
     * {@code cpg} is its class's (SpotBugs' cached one: building it per finding costs a copy of the pool), and
     * {@code instructions} the method's decoded code when SpotBugs holds it (its MethodGen's), else null.
     */
    static int of(Method method, InstructionList instructions, ConstantPoolGen cpg, int pc) {
        LineNumberTable table = method.getLineNumberTable();
        if (table == null || method.getCode() == null) {
            return -1;
        }
        int line = table.getSourceLine(pc);
        if (startsEntry(table, pc)) {
            return line;
        }
        InstructionHandle handle = (instructions != null ? instructions : new InstructionList(method.getCode().getCode()))
                .findHandle(pc);
        if (handle == null) {
            return line;
        }
        // The stack above what was there before the instruction ran: true marks a slot holding its value
        // (or an array or object it was stored into). Slots below that are untainted.
        Deque<Boolean> stack = new ArrayDeque<>();
        stack.push(true);
        InstructionHandle next = handle.getNext();
        for (int step = 0; next != null && step < MAX_STEPS; step++, next = next.getNext()) {
            Instruction instruction = next.getInstruction();
            int consumed = instruction.consumeStack(cpg);
            // A call on the value (it is the receiver) comes after it in the source: no lower bound.
            boolean receiver = hasReceiver(instruction) && consumed > 0 && taintedAt(stack, consumed - 1);
            boolean consumesValue = pop(stack, consumed);
            if (receiver) {
                return line;
            }
            if (startsEntry(table, next.getPosition())) {
                return instruction instanceof InvokeInstruction && consumesValue
                        ? Math.max(line, table.getSourceLine(next.getPosition())) : line;
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
        }
        return line;
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
