package io.github.sessionguard.flow;

/**
 * A string value as far as the bytecode reveals it: its constant text, with {@link #HOLE} where a part
 * is only known at run time.
 */
public final class StringSketch {
    /** Stands for a part of unknown text (a variable, a call result). */
    public static final char HOLE = '\uE000';

    private final String text;

    private StringSketch(String text) {
        this.text = text;
    }

    public static StringSketch literal(String text) {
        return new StringSketch(text.replace(HOLE, ' '));
    }

    public static StringSketch hole() {
        return new StringSketch(String.valueOf(HOLE));
    }

    public StringSketch then(StringSketch next) {
        return new StringSketch(text + next.text);
    }

    /** The text, with {@link #HOLE} for every unknown part. */
    public String text() {
        return text;
    }

    /** True when nothing of the value is known. */
    public boolean isUnknown() {
        return text.chars().allMatch(c -> c == HOLE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringSketch && ((StringSketch) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text.replace(HOLE, '?');
    }
}
