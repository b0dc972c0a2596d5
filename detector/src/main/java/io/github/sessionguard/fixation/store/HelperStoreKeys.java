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
        return keyedBy(helper, parameter, false);
    }

    /** The same; with {@code recordsOnly}, only a binding write into the record its map keeps counts. */
    private static boolean keyedBy(CallTargets.Target helper, int parameter, boolean recordsOnly) {
        try {
            ClassContext classContext = CalleeClassContexts.of(
                    DescriptorFactory.createClassDescriptor(helper.slashedClassName()));
            CFG cfg = classContext.getCFG(helper.method());
            ValueNumberDataflow vna = classContext.getValueNumberDataflow(helper.method());
            ConstantPoolGen cpg = classContext.getConstantPoolGen();
            ValueNumber key = vna.getAnalysis().getEntryValueForParameter(parameter);
            ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
            boolean keepsMap = SessionStoreCatalogue.keepsMapField(classContext.getJavaClass());
            Set<ValueNumber> others = otherParameters(helper, vna, parameter);
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                Location location = it.next();
                if (keepsMap && bindsKeptRecord(location, vna, cpg, origins, key, others)) {
                    return true;
                }
                if (recordsOnly || !(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
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

    /**
     * Does the helper, for some parameter, give the record its map keeps under that parameter a value another
     * parameter brought ({@code sessions.computeIfAbsent(id, k -> new LedgerSession(k)).setAccountId(accountId)},
     * {@code s.member = member})? Then the helper binds what it is handed to the id it is handed: a store write. Read
     * with value numbers, as {@link #keyedBy}.
     */
    static boolean bindsKeptRecord(CallTargets.Target helper) {
        int parameters = new SignatureParser(helper.method().getSignature()).getNumParameters();
        for (int parameter = 0; parameter < parameters; parameter++) {
            if (keyedBy(helper, parameter, true)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Does the helper give the object it is handed as one parameter a value the other parameter brought: a field of it
     * ({@code session.user = user}) or an application method called on it with that value, setter or not ({@code
     * session.accountNumber(accountNumber)}, {@code session.bind(user)})? Not a null, a time, a primitive (stamps and
     * counters), nor a getter's argument. Read with value numbers, as {@link #keyedBy}.
     */
    static boolean bindsIntoParameter(CallTargets.Target helper, int recordParameter, int valueParameter) {
        try {
            ClassContext classContext = CalleeClassContexts.of(
                    DescriptorFactory.createClassDescriptor(helper.slashedClassName()));
            CFG cfg = classContext.getCFG(helper.method());
            ValueNumberDataflow vna = classContext.getValueNumberDataflow(helper.method());
            ConstantPoolGen cpg = classContext.getConstantPoolGen();
            ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
            ValueNumber record = vna.getAnalysis().getEntryValueForParameter(recordParameter);
            Set<ValueNumber> value = Set.of(vna.getAnalysis().getEntryValueForParameter(valueParameter));
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                Location location = it.next();
                org.apache.bcel.generic.Instruction instruction = location.getHandle().getInstruction();
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                if (!frame.isValid()) {
                    continue;
                }
                if (instruction instanceof org.apache.bcel.generic.PUTFIELD && frame.getStackDepth() >= 2) {
                    org.apache.bcel.generic.Type written = ((org.apache.bcel.generic.PUTFIELD) instruction).getFieldType(cpg);
                    if (frame.getStackValue(1).equals(record) && bindingValue(written, frame.getTopValue(), value, origins)) {
                        return true;
                    }
                } else if (instruction instanceof InvokeInstruction
                        && !(instruction instanceof org.apache.bcel.generic.INVOKESTATIC)
                        && !(instruction instanceof org.apache.bcel.generic.INVOKEDYNAMIC)) {
                    InvokeInstruction call = (InvokeInstruction) instruction;
                    String name = call.getMethodName(cpg);
                    if (name.startsWith("get") || name.equals("<init>")
                            || SessionStoreCatalogue.isLibrary(call.getClassName(cpg).replace('.', '/'))
                            || !frame.getInstance(instruction, cpg).equals(record)) {
                        continue;
                    }
                    SignatureParser signature = new SignatureParser(call.getSignature(cpg));
                    org.apache.bcel.generic.Type[] types = call.getArgumentTypes(cpg);
                    for (int i = 0; i < types.length; i++) {
                        if (bindingValue(types[i], frame.getArgument(call, cpg, i, signature), value, origins)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (CheckedAnalysisException e) {
            // A helper whose analyses cannot be built (a class missing from the classpath: counted) binds nothing.
            LookupFailures.failed(e, "the record writes of " + helper.slashedClassName() + "." + helper.method().getName());
            return false;
        }
    }

    /** An object value (not a time, not null) made of the parameter's value: what binds a user to a record. */
    private static boolean bindingValue(org.apache.bcel.generic.Type written, ValueNumber candidate, Set<ValueNumber> value,
            ValueOrigins origins) throws DataflowAnalysisException {
        return written instanceof org.apache.bcel.generic.ObjectType
                && !isStamp((org.apache.bcel.generic.ObjectType) written)
                && !origins.isNullLiteral(candidate) && madeOf(candidate, value, origins);
    }

    /** The entry values of the helper's parameters other than the key: the values a binding write may bring. */
    private static Set<ValueNumber> otherParameters(CallTargets.Target helper, ValueNumberDataflow vna, int key) {
        Set<ValueNumber> others = new HashSet<>();
        int parameters = new SignatureParser(helper.method().getSignature()).getNumParameters();
        for (int i = 0; i < parameters; i++) {
            if (i != key) {
                others.add(vna.getAnalysis().getEntryValueForParameter(i));
            }
        }
        return others;
    }

    /**
     * Is the instruction a write into the record a JDK map keeps under the key ({@code record.field = value}, or an
     * application setter {@code record.setX(value)}), the record read out of the map by a call whose key is made of
     * the parameter ({@code get}, {@code computeIfAbsent}...), and the value one another parameter brought? Not a null
     * (clearing a login), nor a time or a number of no parameter (stamping an access), nor a primitive (a counter).
     */
    private static boolean bindsKeptRecord(Location location, ValueNumberDataflow vna, ConstantPoolGen cpg,
            ValueOrigins origins, ValueNumber key, Set<ValueNumber> others) throws DataflowAnalysisException {
        org.apache.bcel.generic.Instruction instruction = location.getHandle().getInstruction();
        org.apache.bcel.generic.Type written;
        boolean setter = false;
        if (instruction instanceof org.apache.bcel.generic.PUTFIELD) {
            written = ((org.apache.bcel.generic.PUTFIELD) instruction).getFieldType(cpg);
        } else if (instruction instanceof InvokeInstruction && !(instruction instanceof org.apache.bcel.generic.INVOKESTATIC)
                && !(instruction instanceof org.apache.bcel.generic.INVOKEDYNAMIC)) {
            InvokeInstruction call = (InvokeInstruction) instruction;
            String name = call.getMethodName(cpg);
            if (!name.startsWith("set") || name.length() <= 3 || call.getArgumentTypes(cpg).length != 1
                    || SessionStoreCatalogue.isLibrary(call.getClassName(cpg).replace('.', '/'))) {
                return false;
            }
            written = call.getArgumentTypes(cpg)[0];
            setter = true;
        } else {
            return false;
        }
        if (!(written instanceof org.apache.bcel.generic.ObjectType) || isStamp((org.apache.bcel.generic.ObjectType) written)) {
            return false;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (!frame.isValid() || frame.getStackDepth() < 2) {
            return false;
        }
        ValueNumber value = frame.getTopValue();
        ValueNumber record = setter ? frame.getInstance(instruction, cpg) : frame.getStackValue(1);
        if (origins.isNullLiteral(value) || !madeOf(value, others, origins)) {
            return false;
        }
        for (ValueNumber source : origins.copiedFrom(record)) {
            InvokeInstruction read = origins.producingCall(source);
            if (read != null && SessionStoreCatalogue.MAP_TYPES.contains(read.getClassName(cpg).replace('.', '/'))
                    && SessionStoreCatalogue.MAP_READS.contains(read.getMethodName(cpg))
                    && anyArgumentMadeOf(read, origins.producer(source), vna, cpg, origins, key)) {
                return true;
            }
        }
        return false;
    }

    /** A time or date: what an access stamp writes, no user. */
    private static boolean isStamp(org.apache.bcel.generic.ObjectType type) {
        String name = type.getClassName();
        return name.startsWith("java.time.") || name.equals("java.util.Date") || name.startsWith("java.sql.");
    }

    /** Is the value one of these, or made from one within a few steps (see {@link #anyArgumentMadeOf})? */
    private static boolean madeOf(ValueNumber value, Set<ValueNumber> sources, ValueOrigins origins)
            throws DataflowAnalysisException {
        List<ValueNumber> level = List.of(value);
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step <= MAX_STEPS && !level.isEmpty(); step++) {
            List<ValueNumber> next = new ArrayList<>();
            for (ValueNumber candidate : level) {
                if (candidate == null) {
                    continue;
                }
                if (sources.contains(candidate)) {
                    return true;
                }
                if (seen.add(candidate.getNumber())) {
                    next.addAll(origins.inputsOf(candidate));
                }
            }
            level = next;
        }
        return false;
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
