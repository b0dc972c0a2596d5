package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.ForwardDataflowAnalysis;

import java.util.function.Supplier;

/**
 * The part of a SpotBugs forward dataflow that is the same for every {@link PathFact}: creating,
 * copying, comparing and joining facts. Subclasses say what the method's entry is and what an
 * instruction does.
 */
public abstract class PathFactAnalysis<F extends PathFact<F>> extends ForwardDataflowAnalysis<F> {
    private final Supplier<F> factory;

    protected PathFactAnalysis(DepthFirstSearch dfs, Supplier<F> factory) {
        super(dfs);
        this.factory = factory;
    }

    @Override
    public F createFact() {
        return factory.get();
    }

    @Override
    public void copy(F source, F dest) {
        dest.copyFrom(source);
    }

    @Override
    public void makeFactTop(F fact) {
        fact.makeTop();
    }

    @Override
    public boolean isTop(F fact) {
        return fact.isTop();
    }

    @Override
    public boolean same(F a, F b) {
        return a.sameAs(b);
    }

    @Override
    public void meetInto(F fact, Edge edge, F result) throws DataflowAnalysisException {
        result.meet(fact);
    }

    @Override
    public boolean isFactValid(F fact) {
        return !fact.isTop();
    }
}
