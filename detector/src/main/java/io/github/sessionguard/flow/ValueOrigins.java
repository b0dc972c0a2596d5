package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import org.apache.bcel.generic.ACONST_NULL;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;
import edu.umd.cs.findbugs.ba.SignatureParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which instruction produced each value of a method, by value number: what the constant dataflow does
 * not model (null, long and enum constants, the call that built a string) is read from the producer.
 */
public final class ValueOrigins {
    private final CFG cfg;
    private final ValueNumberDataflow vna;
    private final ConstantPoolGen cpg;
    /** Built at the first question: many methods never ask one. */
    private Map<Integer, Location> producers;
    /** Each merged value and the values it was made from, by value number; built at the first question about one. */
    private Map<Integer, Merge> merges;

    /** A value made where paths join, and the values the paths brought. */
    private static final class Merge {
        final ValueNumber value;
        final List<ValueNumber> inputs = new ArrayList<>();

        Merge(ValueNumber value) {
            this.value = value;
        }
    }

    private ValueOrigins(CFG cfg, ValueNumberDataflow vna, ConstantPoolGen cpg) {
        this.cfg = cfg;
        this.vna = vna;
        this.cpg = cpg;
    }

    public static ValueOrigins of(CFG cfg, ValueNumberDataflow vna, ConstantPoolGen cpg) {
        return new ValueOrigins(cfg, vna, cpg);
    }

    /** The constant pool of the method's class, to read the producers' operands. */
    public ConstantPoolGen constantPool() {
        return cpg;
    }

    private Map<Integer, Location> producers() {
        if (producers == null) {
            producers = new HashMap<>();
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                Location location = it.next();
                Instruction instruction = location.getHandle().getInstruction();
                if (instruction.produceStack(cpg) < 1) {
                    continue;
                }
                try {
                    ValueNumberFrame after = vna.getFactAfterLocation(location);
                    if (after.isValid() && after.getStackDepth() > 0) {
                        producers.putIfAbsent(after.getTopValue().getNumber(), location);
                    }
                } catch (DataflowAnalysisException e) {
                    // The location is the CFG's own and the stack is not empty: the value numbers have the
                    // frame, so this is a bug, reported through the detector's guard.
                    throw new IllegalStateException("no value numbers after " + location, e);
                }
            }
        }
        return producers;
    }

    /** The location whose instruction produced the value, or null (parameters, merged values). */
    public Location producer(ValueNumber value) {
        return value == null ? null : producers().get(value.getNumber());
    }

    /** The class a {@code new} of this method made the value as (slashed), or null when none made it. */
    public String newClass(ValueNumber value) {
        Location producer = producer(value);
        return producer == null || !(producer.getHandle().getInstruction() instanceof NEW) ? null
                : ((NEW) producer.getHandle().getInstruction()).getLoadClassType(cpg).getClassName().replace('.', '/');
    }

    public boolean isNullLiteral(ValueNumber value) {
        Location producer = producer(value);
        return producer != null && producer.getHandle().getInstruction() instanceof ACONST_NULL;
    }

    /** The value of an int or long constant pushed by a constant instruction, or null. */
    public Number numberLiteral(ValueNumber value) {
        Location producer = producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof ConstantPushInstruction) {
            return ((ConstantPushInstruction) producer.getHandle().getInstruction()).getValue();
        }
        return null;
    }

    /** The text a string constant pushed ({@code ldc "HttpOnly"}), or null. */
    public String stringLiteral(ValueNumber value) {
        Location producer = producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.LDC) {
            Object constant = ((org.apache.bcel.generic.LDC) producer.getHandle().getInstruction()).getValue(cpg);
            return constant instanceof String ? (String) constant : null;
        }
        return null;
    }

    /** The class a class literal pushed ({@code ldc SessionModule.class}), slashed, or null. */
    public String classLiteral(ValueNumber value) {
        Location producer = producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.LDC) {
            Object constant = ((org.apache.bcel.generic.LDC) producer.getHandle().getInstruction()).getValue(cpg);
            return constant instanceof org.apache.bcel.generic.ObjectType
                    ? ((org.apache.bcel.generic.ObjectType) constant).getClassName().replace('.', '/') : null;
        }
        return null;
    }

    /** For a value loaded from a static field of {@code slashedOwner} (an enum constant), the field's name. */
    public String staticFieldName(ValueNumber value, String slashedOwner) {
        Location producer = producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof GETSTATIC)) {
            return null;
        }
        GETSTATIC load = (GETSTATIC) producer.getHandle().getInstruction();
        return load.getClassName(cpg).replace('.', '/').equals(slashedOwner) ? load.getFieldName(cpg) : null;
    }

    /** For a value loaded from any static field, the field's name; else null. */
    public String staticFieldName(ValueNumber value) {
        Location producer = producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof GETSTATIC)) {
            return null;
        }
        return ((GETSTATIC) producer.getHandle().getInstruction()).getFieldName(cpg);
    }

    /**
     * The object the call that produced the value was called on ({@code found} for {@code found.get()}), or null
     * (a static call, or no call).
     */
    public ValueNumber receiverOfProducingCall(ValueNumber value) throws DataflowAnalysisException {
        Location producer = producer(value);
        InvokeInstruction call = producingCall(value);
        if (call == null || call instanceof org.apache.bcel.generic.INVOKESTATIC
                || call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        return frame.isValid() ? frame.getInstance(call, cpg) : null;
    }

    /** The last argument of the call that produced the value ({@code vo} for {@code GSON.toJson(vo)}), or null. */
    public ValueNumber lastArgumentOfProducingCall(ValueNumber value) throws DataflowAnalysisException {
        InvokeInstruction call = producingCall(value);
        if (call == null || call.getArgumentTypes(cpg).length == 0) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer(value));
        return frame.isValid() && frame.getStackDepth() > 0 ? frame.getTopValue() : null;
    }

    /**
     * The values this one is made of, one step back: the object a field or a no-argument getter was read
     * from ({@code member.id}, {@code user.getId()}), the argument of a one-argument JDK static call
     * ({@code Long.valueOf(id)}, {@code String.valueOf(id)}), or the arguments of the constructor that
     * made it ({@code new SessionMember(member.id, member.name)}). Empty for anything else.
     */
    public List<ValueNumber> partsOf(ValueNumber value) throws DataflowAnalysisException {
        return partsOf(value, member -> true);
    }

    /** The same, reading only the fields and getters whose names {@code members} accepts. */
    public List<ValueNumber> partsOf(ValueNumber value, java.util.function.Predicate<String> members)
            throws DataflowAnalysisException {
        Location producer = producer(value);
        if (producer == null) {
            return List.of();
        }
        Instruction instruction = producer.getHandle().getInstruction();
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        if (!frame.isValid()) {
            return List.of();
        }
        if (instruction instanceof GETFIELD) {
            return members.test(((GETFIELD) instruction).getFieldName(cpg)) ? List.of(frame.getTopValue()) : List.of();
        }
        if (instruction instanceof NEW) {
            return constructorArguments(value);
        }
        if (instruction instanceof org.apache.bcel.generic.ANEWARRAY) {
            return arrayElements(value);
        }
        if (!(instruction instanceof InvokeInstruction) || instruction instanceof INVOKEDYNAMIC) {
            return List.of();
        }
        InvokeInstruction call = (InvokeInstruction) instruction;
        int arguments = call.getArgumentTypes(cpg).length;
        if (call instanceof INVOKESTATIC) {
            return arguments == 1 && call.getClassName(cpg).startsWith("java.") ? List.of(frame.getTopValue()) : List.of();
        }
        return arguments == 0 && members.test(call.getMethodName(cpg)) ? List.of(frame.getInstance(call, cpg)) : List.of();
    }

    /**
     * The values stored into an array of references the method made ({@code new Object[] {userId, now, sessionId}},
     * as javac builds a varargs argument): {@code aastore}s whose array is this value.
     */
    private List<ValueNumber> arrayElements(ValueNumber array) throws DataflowAnalysisException {
        List<ValueNumber> elements = new ArrayList<>();
        for (java.util.Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (location.getHandle().getInstruction() instanceof org.apache.bcel.generic.AASTORE) {
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                if (frame.isValid() && frame.getStackDepth() >= 3 && array.equals(frame.getStackValue(2))) {
                    elements.add(frame.getTopValue());
                }
            }
        }
        return elements;
    }

    /**
     * Every value this one was computed from, one step back: the receiver and arguments of the call that produced
     * it, else its {@link #partsOf parts} (a field's object, a constructor's arguments).
     */
    public List<ValueNumber> inputsOf(ValueNumber value) throws DataflowAnalysisException {
        Location producer = producer(value);
        if (value != null && movesOnly(producer)) {
            // (Long) session.getAttribute(...) on one branch, null on the other: both are inputs.
            Merge merge = merges().get(value.getNumber());
            return merge == null ? List.of() : merge.inputs;
        }
        Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
        // A call, or a string concatenation by invokedynamic (its arguments are the parts).
        boolean call = instruction instanceof InvokeInstruction;
        if (!call && !(instruction instanceof org.apache.bcel.generic.CHECKCAST)) {
            return partsOf(value);
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        if (!frame.isValid()) {
            return List.of();
        }
        if (!call) {
            // (Long) session.getAttribute(...): the value before the cast.
            return List.of(frame.getTopValue());
        }
        InvokeInstruction invoke = (InvokeInstruction) instruction;
        SignatureParser signature = new SignatureParser(invoke.getSignature(cpg));
        List<ValueNumber> inputs = new ArrayList<>();
        if (!(invoke instanceof INVOKESTATIC) && !(invoke instanceof INVOKEDYNAMIC)) {
            inputs.add(frame.getInstance(invoke, cpg));
        }
        for (int i = 0; i < signature.getNumParameters(); i++) {
            inputs.add(frame.getArgument(invoke, cpg, i, signature));
        }
        return inputs;
    }

    /** How many values {@link #copiedFrom} visits at most. */
    private static final int MAX_COPY_STEPS = 16;

    /**
     * The values this one is only a copy of, through casts and the joins of paths (a bounded walk): for
     * {@code me = session == null ? null : (Member) session.getAttribute(KEY)}, the null and the attribute read.
     * Past the bound, the values not followed yet are answered as they are.
     */
    public List<ValueNumber> copiedFrom(ValueNumber value) throws DataflowAnalysisException {
        List<ValueNumber> sources = new ArrayList<>();
        java.util.Deque<ValueNumber> todo = new java.util.ArrayDeque<>();
        todo.add(value);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            ValueNumber next = todo.pop();
            if (!seen.add(next.getNumber())) {
                continue;
            }
            Location producer = producer(next);
            boolean copy = producer != null && producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.CHECKCAST
                    || movesOnly(producer) && merges().containsKey(next.getNumber());
            if (copy && seen.size() < MAX_COPY_STEPS) {
                inputsOf(next).stream().filter(java.util.Objects::nonNull).forEach(todo::add);
            } else {
                sources.add(next);
            }
        }
        return sources;
    }

    /** Each value made where paths join (a local or a conditional expression's value), with its inputs. */
    public void forEachMerge(java.util.function.BiConsumer<ValueNumber, List<ValueNumber>> action)
            throws DataflowAnalysisException {
        merges().values().forEach(merge -> action.accept(merge.value, merge.inputs));
    }

    /**
     * No producer, or one that only moves a value made elsewhere (a load or a dup: the first place a parameter or
     * a merged value was pushed).
     */
    private static boolean movesOnly(Location producer) {
        if (producer == null) {
            return true;
        }
        Instruction instruction = producer.getHandle().getInstruction();
        return instruction instanceof org.apache.bcel.generic.LoadInstruction
                || instruction instanceof org.apache.bcel.generic.StackInstruction;
    }

    /**
     * Where paths join, a slot whose values differ on the incoming edges holds a new value number (SpotBugs
     * keeps no record of a merge's inputs unless asked before the analysis runs): its inputs are the values
     * the slot held at the end of each predecessor.
     */
    private Map<Integer, Merge> merges() throws DataflowAnalysisException {
        if (merges == null) {
            merges = new HashMap<>();
            for (Iterator<edu.umd.cs.findbugs.ba.BasicBlock> blocks = cfg.blockIterator(); blocks.hasNext();) {
                edu.umd.cs.findbugs.ba.BasicBlock block = blocks.next();
                if (cfg.getNumIncomingEdges(block) < 2) {
                    continue;
                }
                ValueNumberFrame start = vna.getStartFact(block);
                if (!start.isValid()) {
                    continue;
                }
                for (Iterator<edu.umd.cs.findbugs.ba.Edge> edges = cfg.incomingEdgeIterator(block); edges.hasNext();) {
                    edu.umd.cs.findbugs.ba.Edge edge = edges.next();
                    ValueNumberFrame end = vna.getResultFact(edge.getSource());
                    if (!end.isValid()) {
                        continue;
                    }
                    // The stack too (a conditional expression's value), except where an exception replaced it.
                    int slots = edge.isExceptionEdge() ? Math.min(start.getNumLocals(), end.getNumLocals())
                            : Math.min(start.getNumSlots(), end.getNumSlots());
                    for (int slot = 0; slot < slots; slot++) {
                        ValueNumber merged = start.getValue(slot);
                        ValueNumber input = end.getValue(slot);
                        if (!merged.equals(input) && movesOnly(producer(merged))) {
                            List<ValueNumber> inputs = merges.computeIfAbsent(merged.getNumber(), k -> new Merge(merged)).inputs;
                            if (!inputs.contains(input)) {
                                inputs.add(input);
                            }
                        }
                    }
                }
            }
        }
        return merges;
    }

    /** The arguments of the {@code <init>} call on an object made by {@code new} in this method. */
    private List<ValueNumber> constructorArguments(ValueNumber made) throws DataflowAnalysisException {
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (!(instruction instanceof INVOKESPECIAL) || !"<init>".equals(((INVOKESPECIAL) instruction).getMethodName(cpg))) {
                continue;
            }
            INVOKESPECIAL init = (INVOKESPECIAL) instruction;
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (!frame.isValid() || !made.equals(frame.getInstance(init, cpg))) {
                continue;
            }
            SignatureParser signature = new SignatureParser(init.getSignature(cpg));
            int count = signature.getNumParameters();
            List<ValueNumber> arguments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                arguments.add(frame.getArgument(init, cpg, i, signature));
            }
            return arguments;
        }
        return List.of();
    }

    /** Map classes whose fresh, empty instances {@link #putEntries} reads. */
    private static final java.util.Set<String> EMPTY_MAPS = java.util.Set.of("java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap");

    /** Calls on such a map that neither add entries nor let it escape. */
    private static final java.util.Set<String> MAP_READS = java.util.Set.of("get", "getOrDefault", "containsKey",
            "containsValue", "isEmpty", "size", "toString", "hashCode", "equals");

    /**
     * The entries a map made empty in this method ({@code new HashMap<>()}) receives from {@code put(key, value)} calls
     * on it, as {@code [key, value]} pairs in code order, whatever the paths; null when the map is made otherwise or
     * is used in any way that may add entries this method does not show: handed to a call other than
     * {@code consumer} (by name), filled by another method ({@code putAll}, {@code computeIfAbsent}), stored in a field
     * or an array, or returned.
     */
    public List<ValueNumber[]> putEntries(ValueNumber map, String consumer) throws DataflowAnalysisException {
        String made = newClass(map);
        if (made == null || !EMPTY_MAPS.contains(made)) {
            return null;
        }
        List<ValueNumber[]> entries = new ArrayList<>();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            Instruction instruction = location.getHandle().getInstruction();
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (!frame.isValid()) {
                continue;
            }
            if (instruction instanceof InvokeInstruction) {
                if (!mapUseAllowed((InvokeInstruction) instruction, frame, map, consumer, entries)) {
                    return null;
                }
            } else if (stores(instruction) && frame.getStackDepth() > 0 && map.equals(frame.getTopValue())) {
                return null;
            }
        }
        return entries;
    }

    /** Instructions that let the value on top of the stack leave the method's locals. */
    private static boolean stores(Instruction instruction) {
        return instruction instanceof org.apache.bcel.generic.PUTFIELD
                || instruction instanceof org.apache.bcel.generic.PUTSTATIC
                || instruction instanceof org.apache.bcel.generic.AASTORE
                || instruction instanceof org.apache.bcel.generic.ARETURN;
    }

    /** One call seen by {@link #putEntries}: false when it may add entries to the map or let it escape. */
    private boolean mapUseAllowed(InvokeInstruction invoke, ValueNumberFrame frame, ValueNumber map, String consumer,
            List<ValueNumber[]> entries) throws DataflowAnalysisException {
        String name = invoke.getMethodName(cpg);
        SignatureParser signature = new SignatureParser(invoke.getSignature(cpg));
        boolean onMap = !(invoke instanceof INVOKESTATIC) && !(invoke instanceof INVOKEDYNAMIC)
                && map.equals(frame.getInstance(invoke, cpg));
        if (onMap && name.equals("put") && signature.getNumParameters() == 2) {
            entries.add(new ValueNumber[] {frame.getArgument(invoke, cpg, 0, signature),
                frame.getArgument(invoke, cpg, 1, signature)});
            return true;
        }
        if (onMap && name.equals("<init>")) {
            // new HashMap<>() or with a capacity; not a copy of another map's entries.
            for (int i = 0; i < signature.getNumParameters(); i++) {
                if (signature.getParameter(i).startsWith("L") || signature.getParameter(i).startsWith("[")) {
                    return false;
                }
            }
            return true;
        }
        if (onMap && !MAP_READS.contains(name)) {
            return false;
        }
        for (int i = 0; i < signature.getNumParameters(); i++) {
            if (map.equals(frame.getArgument(invoke, cpg, i, signature)) && !name.equals(consumer)) {
                return false;
            }
        }
        return true;
    }

    /** The static call that produced the value, as slashed owner, a dot and its name ({@code java/util/Map.of}), or null. */
    public String producingStaticCall(ValueNumber value) {
        InvokeInstruction call = producingCall(value);
        if (!(call instanceof INVOKESTATIC)) {
            return null;
        }
        return call.getClassName(cpg).replace('.', '/') + "." + call.getMethodName(cpg);
    }

    /**
     * The declared type (a signature) of what produced the value: a field read, a {@code new}, a call's return type;
     * null for anything else (a parameter, a merged value, a constant).
     */
    public String producedType(ValueNumber value) {
        Location producer = producer(value);
        Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
        if (instruction instanceof org.apache.bcel.generic.FieldInstruction) {
            return ((org.apache.bcel.generic.FieldInstruction) instruction).getSignature(cpg);
        }
        if (instruction instanceof NEW) {
            return "L" + newClass(value) + ";";
        }
        if (instruction instanceof InvokeInstruction && !(instruction instanceof INVOKEDYNAMIC)) {
            return ((InvokeInstruction) instruction).getReturnType(cpg).getSignature();
        }
        return null;
    }

    /** The calls of the method (not invokedynamic) that take the value as their argument {@code index}. */
    public List<InvokeInstruction> callsTaking(ValueNumber value, int index) throws DataflowAnalysisException {
        List<InvokeInstruction> calls = new ArrayList<>();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (!(instruction instanceof InvokeInstruction) || instruction instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction invoke = (InvokeInstruction) instruction;
            SignatureParser signature = new SignatureParser(invoke.getSignature(cpg));
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (index < signature.getNumParameters() && frame.isValid()
                    && value.equals(frame.getArgument(invoke, cpg, index, signature))) {
                calls.add(invoke);
            }
        }
        return calls;
    }

    /**
     * The names the class file's local variable table gives the value: the parameter it is, and each local variable
     * it is stored in. Empty without a table (classes compiled without {@code -g}).
     */
    public List<String> variableNames(ValueNumber value) throws DataflowAnalysisException {
        org.apache.bcel.generic.MethodGen method = cfg.getMethodGen();
        org.apache.bcel.classfile.LocalVariableTable table = method == null ? null : method.getLocalVariableTable(cpg);
        if (table == null || value == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        int slot = method.isStatic() ? 0 : 1;
        org.apache.bcel.generic.Type[] types = method.getArgumentTypes();
        for (int i = 0; i < types.length; i++) {
            if (vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                addName(table.getLocalVariable(slot, 0), names);
            }
            slot += types[i].getSize();
        }
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (instruction instanceof org.apache.bcel.generic.ASTORE) {
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                if (frame.isValid() && frame.getStackDepth() > 0 && value.equals(frame.getTopValue())) {
                    // The variable's scope starts after the store.
                    int after = location.getHandle().getPosition() + instruction.getLength();
                    addName(table.getLocalVariable(((org.apache.bcel.generic.ASTORE) instruction).getIndex(), after), names);
                }
            }
        }
        return names;
    }

    private static void addName(org.apache.bcel.classfile.LocalVariable variable, List<String> names) {
        if (variable != null && !names.contains(variable.getName())) {
            names.add(variable.getName());
        }
    }

    /** The call that produced the value, or null. */
    public InvokeInstruction producingCall(ValueNumber value) {
        Location producer = producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof InvokeInstruction) {
            return (InvokeInstruction) producer.getHandle().getInstruction();
        }
        return null;
    }
}
