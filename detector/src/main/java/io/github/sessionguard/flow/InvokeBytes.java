package io.github.sessionguard.flow;

import org.apache.bcel.Const;

/**
 * A cost pre-filter on raw bytecode: could this code call one of the marked constant-pool entries? Every
 * byte is read as if an instruction started there, so an operand byte can give a false "maybe" (the
 * caller then decodes the code properly), but a real call is never missed: its opcode and index bytes are
 * in the array. No instruction objects are made, which matters for code read only to be ruled out.
 */
public final class InvokeBytes {
    private InvokeBytes() {
    }

    /** Might the code hold an invoke (not invokedynamic) of an entry marked in {@code marked}? */
    public static boolean mayInvoke(byte[] code, boolean[] marked) {
        return find(code, marked, false);
    }

    /** The same, with a {@code checkcast} right after that invoke. */
    public static boolean mayInvokeThenCast(byte[] code, boolean[] marked) {
        return find(code, marked, true);
    }

    private static boolean find(byte[] code, boolean[] marked, boolean thenCast) {
        for (int i = 0; i + 2 < code.length; i++) {
            int opcode = code[i] & 0xff;
            int length;
            if (opcode == Const.INVOKEVIRTUAL || opcode == Const.INVOKESPECIAL || opcode == Const.INVOKESTATIC) {
                length = 3;
            } else if (opcode == Const.INVOKEINTERFACE) {
                length = 5;
            } else {
                continue;
            }
            int index = ((code[i + 1] & 0xff) << 8) | (code[i + 2] & 0xff);
            if (index >= marked.length || !marked[index]) {
                continue;
            }
            if (!thenCast || (i + length < code.length && (code[i + length] & 0xff) == Const.CHECKCAST)) {
                return true;
            }
        }
        return false;
    }
}
