package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.flow.BranchConditions;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.Map;
import java.util.TreeMap;

/** What the cookie analysis of one method needs to read its instructions. */
final class MethodContext {
    private final MethodDescriptor method;
    private final ConstantPoolGen cpg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final ValueOrigins origins;
    private final CookieSummaries summaries;
    private final int[] parameterValues;
    private final Map<Integer, CookieApi> cookieParameters = new TreeMap<>();
    private final BranchConditions branches;

    MethodContext(MethodDescriptor method, CFG cfg, ConstantPoolGen cpg, ValueNumberDataflow vna,
            ConstantDataflow constants, ValueOrigins origins, CookieSummaries summaries) {
        this.branches = new BranchConditions(cfg, vna, origins, cpg);
        this.method = method;
        this.cpg = cpg;
        this.vna = vna;
        this.constants = constants;
        this.origins = origins;
        this.summaries = summaries;
        SignatureParser signature = new SignatureParser(method.getSignature());
        this.parameterValues = new int[signature.getNumParameters()];
        int index = 0;
        for (String parameter : signature.parameterSignatures()) {
            parameterValues[index] = vna.getAnalysis().getEntryValueForParameter(index).getNumber();
            if (parameter.startsWith("L")) {
                CookieApi api = CookieCatalogue.apiForType(parameter.substring(1, parameter.length() - 1));
                if (api != null) {
                    cookieParameters.put(index, api);
                }
            }
            index++;
        }
    }

    MethodDescriptor method() {
        return method;
    }

    ConstantPoolGen cpg() {
        return cpg;
    }

    ValueOrigins origins() {
        return origins;
    }

    BranchConditions branches() {
        return branches;
    }

    /** True for the receiver of an instance method ({@code this}). */
    boolean isThis(ValueNumber value) {
        return !method.isStatic() && value.equals(vna.getAnalysis().getThisValue());
    }

    /** Parameters whose declared type is a catalogue cookie type, by index. */
    Map<Integer, CookieApi> cookieParameters() {
        return cookieParameters;
    }

    int parameterValue(int index) {
        return parameterValues[index];
    }

    CallAt callAt(InvokeInstruction invoke, Location location) throws DataflowAnalysisException {
        return CallAt.of(invoke, cpg, location, vna, constants);
    }

    CallArguments arguments(CallAt call) {
        return new CallArguments(call, parameterValues);
    }

    /** The summary of the application method a call runs, when it is worth following; else null. */
    MethodSummary summaryFor(CallAt call, CookieFacts fact) throws DataflowAnalysisException {
        if (CookieFlowAnalysis.isTransparent(call.owner())) {
            return null;
        }
        boolean consumesCookie = false;
        for (ValueNumber value : call.consumedValues()) {
            consumesCookie |= fact.get(value.getNumber()) != null;
        }
        return summaries.forCall(call.owner(), call.name(), call.descriptor(), consumesCookie);
    }
}
