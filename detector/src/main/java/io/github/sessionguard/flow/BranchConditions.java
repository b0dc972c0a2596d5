package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the branches leading to an instruction test: whether a nearby condition reads a method or field
 * whose name mentions a word (the code does X only "if the configuration says X").
 */
public final class BranchConditions {
    /** How many blocks above the instruction are searched for the deciding branch. */
    private static final int MAX_BLOCKS = 8;

    private final CFG cfg;
    private final ValueNumberDataflow vna;
    private final ValueOrigins origins;
    private final ConstantPoolGen cpg;

    /**
     * True when {@code edge} leaves a block ending in a one-operand branch on the side where the tested
     * condition holds: the taken side of {@code takenOpcode} ({@code IFNULL}), or the fall-through side of
     * its negation {@code fallThroughOpcode} ({@code IFNONNULL}).
     */
    public static boolean isSideWhere(Edge edge, short takenOpcode, short fallThroughOpcode) {
        InstructionHandle last = edge.getSource().getLastInstruction();
        if (last == null) {
            return false;
        }
        short opcode = last.getInstruction().getOpcode();
        return (opcode == takenOpcode && edge.getType() == EdgeTypes.IFCMP_EDGE)
                || (opcode == fallThroughOpcode && edge.getType() == EdgeTypes.FALL_THROUGH_EDGE);
    }

    public BranchConditions(CFG cfg, ValueNumberDataflow vna, ValueOrigins origins, ConstantPoolGen cpg) {
        this.cfg = cfg;
        this.vna = vna;
        this.origins = origins;
        this.cpg = cpg;
    }

    /** Does any branch of the method test this value against null ({@code if (sameSite != null)})? */
    public boolean testsForNull(ValueNumber value) throws DataflowAnalysisException {
        return nullTestedValues().contains(value);
    }

    /** The values the method's branches test for null ({@code if (x != null)}), in no particular order. */
    public List<ValueNumber> nullTestedValues() throws DataflowAnalysisException {
        List<ValueNumber> tested = new ArrayList<>();
        for (Iterator<BasicBlock> it = cfg.blockIterator(); it.hasNext();) {
            BasicBlock block = it.next();
            InstructionHandle last = block.getLastInstruction();
            if (last == null || !(last.getInstruction() instanceof org.apache.bcel.generic.IFNULL
                    || last.getInstruction() instanceof org.apache.bcel.generic.IFNONNULL)) {
                continue;
            }
            ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, block));
            if (frame.isValid() && frame.getStackDepth() > 0) {
                tested.add(frame.getTopValue());
            }
        }
        return tested;
    }

    /**
     * The value whose test is the nearest branch before {@code location}, when the location is reached only on its side
     * where the value is true or not null ({@code if (secure) cookie.setSecure(true)}); else null.
     */
    public ValueNumber onSetSideOf(Location location) throws DataflowAnalysisException {
        List<Edge> edges = new ArrayList<>();
        if (!nearestBranchEdges(location, edges)) {
            return null;
        }
        ValueNumber tested = null;
        for (Edge edge : edges) {
            InstructionHandle last = edge.getSource().getLastInstruction();
            boolean setSide = isSideWhere(edge, org.apache.bcel.Const.IFNE, org.apache.bcel.Const.IFEQ)
                    || isSideWhere(edge, org.apache.bcel.Const.IFNONNULL, org.apache.bcel.Const.IFNULL);
            ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, edge.getSource()));
            if (!setSide || !frame.isValid() || frame.getStackDepth() == 0
                    || tested != null && !tested.equals(frame.getTopValue())) {
                return null;
            }
            tested = frame.getTopValue();
        }
        return tested;
    }

    /** True when a branch shortly before {@code location} tests a value read from a member named with the word. */
    public boolean guardedByMemberNamed(Location location, String lowerCaseWord) throws DataflowAnalysisException {
        return guardedByMemberNamed(location, lowerCaseWord, owner -> false);
    }

    /**
     * The same, not counting members of the owners {@code ignored} accepts (slashed): a cookie's own
     * {@code getSecure()} tested before {@code setSecure(true)} mirrors no run-time setting.
     */
    public boolean guardedByMemberNamed(Location location, String lowerCaseWord,
            java.util.function.Predicate<String> ignored) throws DataflowAnalysisException {
        List<Edge> edges = new ArrayList<>();
        nearestBranchEdges(location, edges);
        for (Edge edge : edges) {
            if (testsMemberNamed(new Location(edge.getSource().getLastInstruction(), edge.getSource()), lowerCaseWord,
                    ignored)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Collects the edges by which the nearest branches before {@code location} lead to it (walking back through the
     * blocks without a branch, at most {@link #MAX_BLOCKS}); true when the walk reached every way in.
     */
    private boolean nearestBranchEdges(Location location, List<Edge> edges) {
        Deque<BasicBlock> work = new ArrayDeque<>();
        Set<BasicBlock> seen = new HashSet<>();
        work.add(location.getBasicBlock());
        seen.add(location.getBasicBlock());
        while (!work.isEmpty() && seen.size() <= MAX_BLOCKS) {
            BasicBlock block = work.poll();
            for (Iterator<Edge> it = cfg.incomingEdgeIterator(block); it.hasNext();) {
                Edge edge = it.next();
                if (edge.isExceptionEdge()) {
                    continue;
                }
                BasicBlock source = edge.getSource();
                InstructionHandle last = source.getLastInstruction();
                if (last != null && last.getInstruction() instanceof IfInstruction) {
                    edges.add(edge);
                } else if (seen.add(source)) {
                    work.add(source);
                }
            }
        }
        return work.isEmpty();
    }

    private boolean testsMemberNamed(Location branch, String word, java.util.function.Predicate<String> ignored)
            throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(branch);
        if (!frame.isValid()) {
            return false;
        }
        int operands = branch.getHandle().getInstruction().consumeStack(cpg);
        for (int i = 0; i < operands && i < frame.getStackDepth(); i++) {
            ValueNumber operand = frame.getStackValue(i);
            Location producer = origins.producer(operand);
            if (producer != null && memberName(producer.getHandle().getInstruction()).contains(word)
                    && !ignored.test(memberOwner(producer.getHandle().getInstruction()))) {
                return true;
            }
        }
        return false;
    }

    private String memberOwner(Instruction instruction) {
        return instruction instanceof FieldInstruction || instruction instanceof InvokeInstruction
                ? ((org.apache.bcel.generic.FieldOrMethod) instruction).getReferenceType(cpg).getSignature()
                        .replaceAll("^L|;$", "")
                : "";
    }

    private String memberName(Instruction instruction) {
        if (instruction instanceof InvokeInstruction) {
            return ((InvokeInstruction) instruction).getMethodName(cpg).toLowerCase(Locale.ROOT);
        }
        if (instruction instanceof FieldInstruction) {
            return ((FieldInstruction) instruction).getFieldName(cpg).toLowerCase(Locale.ROOT);
        }
        return "";
    }
}
