package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AbstractDataflowAnalysis;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The facts of a forward dataflow that has run, before the instructions a pass over the method reads:
 * one walk of each basic block from its start fact. SpotBugs' {@code getFactAtLocation} replays the block
 * from its start for every location asked, which is quadratic in the block's length and runs every
 * instruction's transfer function again for each later location of its block.
 */
public final class FactsBefore {
    private FactsBefore() {
    }

    /** Reads the fact before one instruction; the fact is the walk's own, to read and not to keep. */
    public interface Visitor<F> {
        void visit(Location location, F fact) throws DataflowAnalysisException;
    }

    /**
     * Calls the visitor at each instruction of each block whose start fact is valid (dead code has none),
     * in the order of SpotBugs' {@code cfg.locationIterator()}, with the fact before the instruction.
     */
    public static <F> void walk(CFG cfg, AbstractDataflowAnalysis<F> analysis, Visitor<F> visitor)
            throws DataflowAnalysisException {
        for (Iterator<BasicBlock> blocks = cfg.blockIterator(); blocks.hasNext();) {
            BasicBlock block = blocks.next();
            F fact = analysis.createFact();
            analysis.copy(analysis.getStartFact(block), fact);
            if (!analysis.isFactValid(fact)) {
                continue;
            }
            for (Iterator<InstructionHandle> handles = block.instructionIterator(); handles.hasNext();) {
                InstructionHandle handle = handles.next();
                visitor.visit(new Location(handle, block), fact);
                analysis.transferInstruction(handle, block, fact);
            }
        }
    }

    /** The fact before each instruction {@code wanted} accepts, by location: copies, the caller's to keep. */
    public static <F> Map<Location, F> of(CFG cfg, AbstractDataflowAnalysis<F> analysis,
            Predicate<Instruction> wanted) throws DataflowAnalysisException {
        Map<Location, F> facts = new HashMap<>();
        walk(cfg, analysis, (location, fact) -> {
            if (wanted.test(location.getHandle().getInstruction())) {
                F before = analysis.createFact();
                analysis.copy(fact, before);
                facts.put(location, before);
            }
        });
        return facts;
    }
}
