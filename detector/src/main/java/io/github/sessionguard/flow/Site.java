package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.Objects;

/** An instruction in some method of the application: where a finding is reported and what makes it unique. */
public final class Site {
    private final MethodDescriptor method;
    private final int pc;

    public Site(MethodDescriptor method, int pc) {
        this.method = method;
        this.pc = pc;
    }

    public MethodDescriptor method() {
        return method;
    }

    public int pc() {
        return pc;
    }

    public SourceLineAnnotation sourceLine() {
        return SourceLineAnnotation.fromVisitedInstruction(method, pc);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Site)) {
            return false;
        }
        Site other = (Site) o;
        return pc == other.pc && method.equals(other.method);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, pc);
    }

    @Override
    public String toString() {
        return method + "@" + pc;
    }
}
