package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;

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

    /** The line the user reads at this instruction (see {@link ReportedLine}: constructor calls, lambdas). */
    public SourceLineAnnotation sourceLine() {
        SourceLineAnnotation table = SourceLineAnnotation.fromVisitedInstruction(method, pc);
        int line;
        try {
            Method code = Global.getAnalysisCache().getMethodAnalysis(Method.class, method);
            // Most reported instructions start a line-table entry: their line is the table's, and the
            // class's ConstantPoolGen (rebuilt once SpotBugs has evicted it) is not needed.
            if (!ReportedLine.mayDifferFromTable(code, pc)) {
                return table;
            }
            line = ReportedLine.of(code,
                    Global.getAnalysisCache().getClassAnalysis(ConstantPoolGen.class, method.getClassDescriptor()), pc);
        } catch (CheckedAnalysisException e) {
            LookupFailures.failed(e, "the line table of " + method);
            return table;
        }
        if (line < 0 || line == table.getStartLine()) {
            return table;
        }
        return new SourceLineAnnotation(table.getClassName(), table.getSourceFile(), line, line, table.getStartBytecode(),
                table.getEndBytecode());
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
