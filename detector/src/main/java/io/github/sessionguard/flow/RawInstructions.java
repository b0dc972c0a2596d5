package io.github.sessionguard.flow;

import org.apache.bcel.Const;

import java.io.IOException;

/**
 * A method's instructions read straight from its code bytes: each one's offset, opcode and the
 * constant-pool entry it names, with no instruction objects. The screens read every method of every
 * class they are shown only to learn which entries its instructions name; BCEL's
 * {@code Instruction.readInstruction} builds an object per instruction for that (and its decoder, hot in
 * the screens, was compiled again by the JIT for SessionGuard's sake). Lengths follow the JVM
 * specification, chapter 6, including the padded switches and {@code wide}.
 */
public final class RawInstructions {
    private RawInstructions() {
    }

    /** Sees one instruction; returns true to stop the walk there. */
    public interface Visitor {
        /**
         * @param offset the instruction's offset in the code
         * @param opcode its opcode ({@code wide} is reported as the opcode it widens)
         * @param constant the constant-pool index it names, or -1 when it names none
         */
        boolean visit(int offset, int opcode, int constant);
    }

    /**
     * Visits the instructions in order until the visitor stops. Returns true when it stopped, false when
     * the code ended.
     *
     * @throws IOException when the bytes are not instructions (an unknown opcode, or code cut short)
     */
    public static boolean walk(byte[] code, Visitor visitor) throws IOException {
        int offset = 0;
        while (offset < code.length) {
            int opcode = code[offset] & 0xff;
            int length;
            int constant = -1;
            boolean wide = opcode == Const.WIDE;
            if (wide) {
                if (offset + 1 >= code.length) {
                    throw new IOException("wide at the end of the code, offset " + offset);
                }
                int widened = code[offset + 1] & 0xff;
                if (!isWidenable(widened)) {
                    throw new IOException("wide before opcode " + widened + " at offset " + offset);
                }
                length = widened == Const.IINC ? 6 : 4;
                opcode = widened;
            } else if (opcode == Const.TABLESWITCH || opcode == Const.LOOKUPSWITCH) {
                length = switchLength(code, offset, opcode);
            } else {
                length = fixedLength(opcode);
                if (length < 0) {
                    throw new IOException("unknown opcode " + opcode + " at offset " + offset);
                }
            }
            if (offset + length > code.length) {
                throw new IOException("code cut short at offset " + offset);
            }
            if (!wide && opcode == Const.LDC) { // wide widens only local-variable instructions
                constant = code[offset + 1] & 0xff;
            } else if (!wide && namesConstant(opcode)) {
                constant = ((code[offset + 1] & 0xff) << 8) | (code[offset + 2] & 0xff);
            }
            if (visitor.visit(offset, opcode, constant)) {
                return true;
            }
            offset += length;
        }
        return false;
    }

    /**
     * A call of a method reference: invokevirtual, invokespecial, invokestatic, invokeinterface (not
     * invokedynamic, whose entry names a call site).
     */
    public static boolean callsMethodRef(int opcode) {
        return opcode == Const.INVOKEVIRTUAL || opcode == Const.INVOKESPECIAL || opcode == Const.INVOKESTATIC
                || opcode == Const.INVOKEINTERFACE;
    }

    /** The instructions wide may widen: the local-variable loads and stores, ret and iinc. */
    private static boolean isWidenable(int opcode) {
        return (opcode >= Const.ILOAD && opcode <= Const.ALOAD) || (opcode >= Const.ISTORE && opcode <= Const.ASTORE)
                || opcode == Const.RET || opcode == Const.IINC;
    }

    /** Instructions whose operand is a constant-pool index (the first operand bytes; one byte for ldc). */
    private static boolean namesConstant(int opcode) {
        switch (opcode) {
            case Const.LDC:
            case Const.LDC_W:
            case Const.LDC2_W:
            case Const.GETSTATIC:
            case Const.PUTSTATIC:
            case Const.GETFIELD:
            case Const.PUTFIELD:
            case Const.INVOKEVIRTUAL:
            case Const.INVOKESPECIAL:
            case Const.INVOKESTATIC:
            case Const.INVOKEINTERFACE:
            case Const.INVOKEDYNAMIC:
            case Const.NEW:
            case Const.ANEWARRAY:
            case Const.CHECKCAST:
            case Const.INSTANCEOF:
            case Const.MULTIANEWARRAY:
                return true;
            default:
                return false;
        }
    }

    /** The length of an instruction of fixed length, or -1 for an opcode the JVM does not define. */
    private static int fixedLength(int opcode) {
        if (opcode <= Const.DCONST_1 /* nop .. dconst_1 */) {
            return 1;
        }
        switch (opcode) {
            case Const.BIPUSH:
            case Const.LDC:
            case Const.ILOAD:
            case Const.LLOAD:
            case Const.FLOAD:
            case Const.DLOAD:
            case Const.ALOAD:
            case Const.ISTORE:
            case Const.LSTORE:
            case Const.FSTORE:
            case Const.DSTORE:
            case Const.ASTORE:
            case Const.RET:
            case Const.NEWARRAY:
                return 2;
            case Const.SIPUSH:
            case Const.LDC_W:
            case Const.LDC2_W:
            case Const.IINC:
            case Const.GETSTATIC:
            case Const.PUTSTATIC:
            case Const.GETFIELD:
            case Const.PUTFIELD:
            case Const.INVOKEVIRTUAL:
            case Const.INVOKESPECIAL:
            case Const.INVOKESTATIC:
            case Const.NEW:
            case Const.ANEWARRAY:
            case Const.CHECKCAST:
            case Const.INSTANCEOF:
            case Const.IFNULL:
            case Const.IFNONNULL:
                return 3;
            case Const.MULTIANEWARRAY:
                return 4;
            case Const.INVOKEINTERFACE:
            case Const.INVOKEDYNAMIC:
            case Const.GOTO_W:
            case Const.JSR_W:
                return 5;
            default:
                break;
        }
        if (opcode >= Const.IFEQ && opcode <= Const.JSR) {
            return 3; // the conditional branches, goto and jsr
        }
        if (opcode <= Const.MONITOREXIT) {
            return 1; // what is left below monitorexit takes no operand (loads/stores _n, arithmetic, returns ...)
        }
        if (opcode == Const.BREAKPOINT || opcode == Const.IMPDEP1 || opcode == Const.IMPDEP2) {
            return 1; // reserved for debuggers and the JVM itself; BCEL reads them as one byte too
        }
        return -1;
    }

    /** tableswitch and lookupswitch: padding to a multiple of four from the code's start, then their tables. */
    private static int switchLength(byte[] code, int offset, int opcode) throws IOException {
        int tables = (offset + 4) & ~3; // the first four-byte operand, after the padding
        int header = opcode == Const.TABLESWITCH ? 12 : 8;
        if (tables + header > code.length) {
            throw new IOException("switch cut short at offset " + offset);
        }
        long entries;
        if (opcode == Const.TABLESWITCH) {
            long low = readInt(code, tables + 4);
            long high = readInt(code, tables + 8);
            entries = (high - low + 1) * 4;
        } else {
            entries = readInt(code, tables + 4) * 8L;
        }
        long length = tables - offset + header + entries;
        if (entries < 0 || offset + length > code.length) {
            throw new IOException("switch with an impossible table at offset " + offset);
        }
        return (int) length;
    }

    private static int readInt(byte[] code, int at) {
        return ((code[at] & 0xff) << 24) | ((code[at + 1] & 0xff) << 16) | ((code[at + 2] & 0xff) << 8)
                | (code[at + 3] & 0xff);
    }
}
