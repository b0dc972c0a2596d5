package io.github.sessionguard.flow;

import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.CodeException;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.Select;

import java.util.HashSet;
import java.util.Set;

/**
 * The offsets where paths of a method's bytecode may join: the targets of its branches and switches, and its
 * exception handlers. A detector that reads the code once, in order, forgets there what one path alone told it.
 */
public final class JoinPoints {
    private JoinPoints() {
    }

    public static Set<Integer> of(Code code) {
        Set<Integer> joins = new HashSet<>();
        for (InstructionHandle handle : new InstructionList(code.getCode()).getInstructionHandles()) {
            if (handle.getInstruction() instanceof Select) {
                for (InstructionHandle target : ((Select) handle.getInstruction()).getTargets()) {
                    joins.add(target.getPosition());
                }
            }
            if (handle.getInstruction() instanceof BranchInstruction) {
                joins.add(((BranchInstruction) handle.getInstruction()).getTarget().getPosition());
            }
        }
        for (CodeException handler : code.getExceptionTable()) {
            joins.add(handler.getHandlerPC());
        }
        return joins;
    }
}
