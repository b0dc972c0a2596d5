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

    /**
     * The boolean whose negation {@code value} is ({@code !secure}, which javac compiles to {@code iload; ifne L;
     * iconst_1; goto M; L: iconst_0; M:}), or null: the value is made where two paths join, the one from the side of a
     * branch where the tested value is true bringing the constant 0, the one from its false side the constant 1.
     */
    public ValueNumber negationOf(ValueNumber value) throws DataflowAnalysisException {
        for (Iterator<BasicBlock> blocks = cfg.blockIterator(); blocks.hasNext();) {
            BasicBlock block = blocks.next();
            if (cfg.getNumIncomingEdges(block) != 2) {
                continue;
            }
            ValueNumberFrame start = vna.getStartFact(block);
            if (start.isValid() && start.getStackDepth() > 0 && value.equals(start.getTopValue())) {
                return negatedAtJoin(block);
            }
        }
        return null;
    }

    /** The value both paths into the join test, when each brings the constant that negates it; else null. */
    private ValueNumber negatedAtJoin(BasicBlock join) throws DataflowAnalysisException {
        ValueNumber tested = null;
        for (Iterator<Edge> edges = cfg.incomingEdgeIterator(join); edges.hasNext();) {
            Edge edge = edges.next();
            ValueNumberFrame end = vna.getResultFact(edge.getSource());
            Edge branch = edge.isExceptionEdge() ? null : branchLeadingTo(edge.getSource());
            if (branch == null || !end.isValid() || end.getStackDepth() == 0) {
                return null;
            }
            Number constant = origins.numberLiteral(end.getTopValue());
            ValueNumberFrame atBranch = vna.getFactAtLocation(
                    new Location(branch.getSource().getLastInstruction(), branch.getSource()));
            boolean trueSide = isSideWhere(branch, org.apache.bcel.Const.IFNE, org.apache.bcel.Const.IFEQ);
            boolean falseSide = isSideWhere(branch, org.apache.bcel.Const.IFEQ, org.apache.bcel.Const.IFNE);
            if (constant == null || !atBranch.isValid() || atBranch.getStackDepth() == 0
                    || !(trueSide && constant.intValue() == 0 || falseSide && constant.intValue() == 1)
                    || tested != null && !tested.equals(atBranch.getTopValue())) {
                return null;
            }
            tested = atBranch.getTopValue();
        }
        return tested;
    }

    /**
     * The edge from a branch that alone leads into {@code block} (through blocks with one way in and no branch, at
     * most {@link #MAX_BLOCKS}), or null.
     */
    private Edge branchLeadingTo(BasicBlock block) {
        BasicBlock current = block;
        for (int step = 0; step < MAX_BLOCKS; step++) {
            if (cfg.getNumIncomingEdges(current) != 1) {
                return null;
            }
            Edge edge = cfg.incomingEdgeIterator(current).next();
            InstructionHandle last = edge.getSource().getLastInstruction();
            if (edge.isExceptionEdge()) {
                return null;
            }
            if (last != null && last.getInstruction() instanceof IfInstruction) {
                return edge;
            }
            current = edge.getSource();
        }
        return null;
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
