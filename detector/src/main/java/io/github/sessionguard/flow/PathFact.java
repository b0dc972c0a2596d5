package io.github.sessionguard.flow;

/**
 * A dataflow fact over all the paths that reach a point: "top" before any path has, joined with
 * {@link #meet} where paths come together.
 */
public interface PathFact<F extends PathFact<F>> {
    boolean isTop();

    void makeTop();

    void copyFrom(F other);

    /** Joins another path into this fact. */
    void meet(F other);

    boolean sameAs(F other);
}
