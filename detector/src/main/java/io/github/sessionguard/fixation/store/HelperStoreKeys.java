package io.github.sessionguard.fixation.store;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import io.github.sessionguard.catalogue.SessionStoreCatalogue;
import io.github.sessionguard.flow.CalleeClassContexts;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Does an application helper write its store with a parameter in the key? Read with SpotBugs' value numbers on the
 * helper's own method: some argument of a store write (a map's or Redis client's key, a JDBC statement's bound
 * value) is the parameter, or is made from it within a few steps (a concatenation, a builder, a cast). A helper
 * handed the id that keys its store by something else (the user's name) binds nothing to the id.
 */
final class HelperStoreKeys {
    private static final int MAX_STEPS = 4;

    private HelperStoreKeys() {
    }

    static boolean keyedBy(CallTargets.Target helper, int parameter) {
        try {
            ClassContext classContext = CalleeClassContexts.of(
                    DescriptorFactory.createClassDescriptor(helper.slashedClassName()));
            CFG cfg = classContext.getCFG(helper.method());
            ValueNumberDataflow vna = classContext.getValueNumberDataflow(helper.method());
            ConstantPoolGen cpg = classContext.getConstantPoolGen();
            ValueNumber key = vna.getAnalysis().getEntryValueForParameter(parameter);
            ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
            boolean keepsMap = SessionStoreCatalogue.keepsMapField(classContext.getJavaClass());
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                Location location = it.next();
                if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                    continue;
                }
                InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
                String owner = call.getClassName(cpg).replace('.', '/');
                String name = call.getMethodName(cpg);
                boolean write = SessionStoreCatalogue.storeWriteByCall(owner, name, keepsMap) != null
                        || (SessionStoreCatalogue.JDBC_STATEMENTS.contains(owner) && SessionStoreCatalogue.JDBC_SETTERS.contains(name))
                        || DatabaseExecutors.isExecutor(classContext.getJavaClass(), helper.method(), owner, name,
                                call.getSignature(cpg));
                if (write && anyArgumentMadeOf(call, location, vna, cpg, origins, key)) {
                    return true;
                }
            }
            return false;
        } catch (CheckedAnalysisException e) {
            // A helper whose analyses cannot be built (a class missing from the classpath: counted) keys nothing.
            LookupFailures.failed(e, "the store keys of " + helper.slashedClassName() + "." + helper.method().getName());
            return false;
        }
    }

    private static boolean anyArgumentMadeOf(InvokeInstruction call, Location location, ValueNumberDataflow vna,
            ConstantPoolGen cpg, ValueOrigins origins, ValueNumber key) throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (!frame.isValid()) {
            return false;
        }
        SignatureParser signature = new SignatureParser(call.getSignature(cpg));
        List<ValueNumber> level = new ArrayList<>();
        for (int i = 0; i < signature.getNumParameters(); i++) {
            level.add(frame.getArgument(call, cpg, i, signature));
        }
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step <= MAX_STEPS && !level.isEmpty(); step++) {
            List<ValueNumber> next = new ArrayList<>();
            for (ValueNumber value : level) {
                if (value.equals(key)) {
                    return true;
                }
                if (seen.add(value.getNumber())) {
                    next.addAll(origins.inputsOf(value));
                }
            }
            level = next;
        }
        return false;
    }
}
