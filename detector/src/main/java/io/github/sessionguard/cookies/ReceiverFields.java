package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import io.github.sessionguard.flow.CallAt;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the builder object a call is made on, read from the one expression that made and configured it:
 * {@code CookieBuilder.named(NAME).value(v).maxAge(60).build()}, {@code new CookieSpec(true, true, -1, "/")}, or a
 * factory method returning such an object. Walking back from the call's receiver, each fluent setter's writes apply
 * (the last call's win), down to the constructor, whose writes and the fields' initial values give the rest.
 *
 * <p>Null (the fields stay the receiver's, decided by whoever reads this method) when the object comes from anywhere
 * else (a field, a parameter, a collection) or is used by any other call of the method (a setter called as a
 * statement of its own, a helper it is passed to): the chain alone would not be the whole story.
 */
final class ReceiverFields {
    /** Longer chains are not read (a guard, far above hand-written ones). */
    private static final int MAX_CHAIN = 64;

    private final BuilderClass builder;
    private final Map<Integer, FieldValue> values;

    private ReceiverFields(BuilderClass builder, Map<Integer, FieldValue> values) {
        this.builder = builder;
        this.values = values;
    }

    /** The value of the field numbered {@code parameter} (see {@link BuilderClass#FIELD_BASE}). */
    FieldValue value(int parameter) {
        FieldValue value = values.get(parameter);
        return value != null ? value : FieldValue.UNKNOWN;
    }

    /** Whether {@code parameter} numbers one of the builder's fields that this reading knows. */
    boolean covers(int parameter) {
        return values.containsKey(parameter);
    }

    String chooserOf(int parameter) {
        return builder.chooserOf(parameter);
    }

    /** The fields of the receiver of {@code call} (a method of {@code builder}), or null when they cannot be read. */
    static ReceiverFields of(MethodContext context, CallAt call, BuilderClass builder)
            throws DataflowAnalysisException {
        if (!call.hasReceiver()) {
            return null;
        }
        Map<Integer, FieldValue> values = read(context, call.receiver(), builder, call, 0);
        return values == null ? null : new ReceiverFields(builder, values);
    }

    /** The fields of the settings object the call's argument {@code argument} is, or null when they cannot be read. */
    static ReceiverFields ofArgument(MethodContext context, CallAt call, int argument, BuilderClass builder)
            throws DataflowAnalysisException {
        Map<Integer, FieldValue> values = read(context, call.argument(argument), builder, call, 0);
        return values == null ? null : new ReceiverFields(builder, values);
    }

    /**
     * The fields of the object {@code object} is, by parameter number, in the terms of {@code context}'s method; null
     * when they cannot be read. {@code reader} is the call reading them (null for a factory's returned object).
     */
    static Map<Integer, FieldValue> read(MethodContext context, ValueNumber object, BuilderClass builder,
            CallAt reader, int depth) throws DataflowAnalysisException {
        Map<Integer, FieldValue> values = new HashMap<>();
        Set<Integer> chainValues = new HashSet<>();
        List<CallAt> chainCalls = new ArrayList<>();
        if (reader != null) {
            chainCalls.add(reader);
        }
        ValueNumber current = object;
        for (int step = 0; step < MAX_CHAIN; step++) {
            chainValues.add(current.getNumber());
            boolean self = context.isThis(current);
            int parameter = self ? -1 : context.parameterIndexOf(current);
            if (self || parameter >= 0) {
                // this, in a builder's own method, or the method's parameter: its fields are its callers' choice, read
                // where the method is called (as a builder's own fields are, or as an argument's).
                boolean callersChoice = self
                        ? context.ownBuilder() != null && context.ownBuilder().className().equals(builder.className())
                        : context.parameterType(parameter).equals("L" + builder.className() + ";");
                if (!callersChoice) {
                    return null;
                }
                for (int field = BuilderClass.FIELD_BASE; field < BuilderClass.FIELD_BASE + builder.fieldCount(); field++) {
                    values.putIfAbsent(field, FieldValue.parameter(self ? field : BuilderClass.argumentField(parameter, field)));
                }
                return usedElsewhere(context, chainValues, chainCalls, builder) ? null : values;
            }
            Location producer = context.origins().producer(current);
            if (producer == null) {
                return null; // a merge of paths
            }
            if (producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.GETSTATIC) {
                org.apache.bcel.generic.GETSTATIC load = (org.apache.bcel.generic.GETSTATIC) producer.getHandle().getInstruction();
                // Only an object no method can change keeps what the static initialiser gave it.
                Map<Integer, FieldValue> constant = builder.isImmutable()
                        && load.getSignature(context.cpg()).equals("L" + builder.className() + ";")
                        ? context.constantFields(load.getClassName(context.cpg()).replace('.', '/'),
                                load.getFieldName(context.cpg()), builder, depth + 1)
                        : null;
                if (constant == null) {
                    return null;
                }
                constant.forEach(values::putIfAbsent);
                // A shared constant of a class no method changes: its other uses change nothing.
                chainValues.remove(current.getNumber());
                return usedElsewhere(context, chainValues, chainCalls, builder) ? null : values;
            }
            if (producer.getHandle().getInstruction() instanceof NEW) {
                String made = context.origins().newClass(current);
                CallAt constructor = made != null && made.equals(builder.className()) ? context.constructorCall(current) : null;
                if (constructor == null || !apply(context, constructor, builder, values)) {
                    return null;
                }
                chainCalls.add(constructor);
                defaults(builder, values);
                return usedElsewhere(context, chainValues, chainCalls, builder) ? null : values;
            }
            if (!(producer.getHandle().getInstruction() instanceof InvokeInstruction)
                    || producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
                return null;
            }
            CallAt call = context.callAt((InvokeInstruction) producer.getHandle().getInstruction(), producer);
            if (call == null) {
                return null;
            }
            chainCalls.add(call);
            BuilderClass.Writes writes = call.hasReceiver() && builder.className().equals(call.owner())
                    ? builder.writesOf(call.name(), call.descriptor()) : null;
            if (writes != null && writes.returnsThis) {
                if (!apply(context, call, builder, values)) {
                    return null;
                }
                current = call.receiver();
                continue;
            }
            Map<Integer, FieldValue> made = context.factoryFields(call, builder, depth + 1);
            if (made == null) {
                return null;
            }
            made.forEach(values::putIfAbsent);
            return usedElsewhere(context, chainValues, chainCalls, builder) ? null : values;
        }
        return null;
    }

    /** Fields the chain wrote later are kept: walking backwards, the first write seen is the last made. */
    private static boolean apply(MethodContext context, CallAt call, BuilderClass builder, Map<Integer, FieldValue> values) {
        BuilderClass.Writes writes = builder.writesOf(call.name(), call.descriptor());
        if (writes == null || writes.unreadable) {
            return false;
        }
        CallArguments arguments = context.arguments(call);
        for (Map.Entry<Integer, BuilderClass.Write> entry : writes.byField.entrySet()) {
            BuilderClass.Write write = entry.getValue();
            values.putIfAbsent(BuilderClass.FIELD_BASE + entry.getKey(),
                    !write.known ? FieldValue.UNKNOWN
                            : write.copiedOwner != null ? copied(context, arguments, write)
                            : write.parameter >= 0 ? FieldValue.argument(arguments, write.parameter)
                            : FieldValue.constant(write.constant));
        }
        return true;
    }

    /** A field the call copied from a field of its argument's object: that object's field, read where it was made. */
    private static FieldValue copied(MethodContext context, CallArguments arguments, BuilderClass.Write write) {
        BuilderClass source = context.settingsOf(write.copiedOwner);
        int field = source == null ? -1 : write.copiedField(source);
        return field < 0 ? FieldValue.UNKNOWN : FieldValue.argument(arguments, BuilderClass.argumentField(write.parameter, field));
    }

    /**
     * Does the method write a field of one of the objects, or (with {@code stores}) store one of them in a field, a
     * static field or an array (where other code may change it later)?
     */
    static boolean storedOrWritten(MethodContext context, Set<Integer> objects, boolean stores)
            throws DataflowAnalysisException {
        for (java.util.Iterator<Location> it = context.cfg().locationIterator(); it.hasNext();) {
            Location location = it.next();
            org.apache.bcel.generic.Instruction instruction = location.getHandle().getInstruction();
            boolean store = instruction instanceof org.apache.bcel.generic.PUTFIELD
                    || instruction instanceof org.apache.bcel.generic.PUTSTATIC
                    || instruction instanceof org.apache.bcel.generic.AASTORE;
            if (!store) {
                continue;
            }
            edu.umd.cs.findbugs.ba.vna.ValueNumberFrame frame = context.vna().getFactAtLocation(location);
            if (!frame.isValid() || frame.getStackDepth() == 0) {
                continue;
            }
            // The stored value is on top; a PUTFIELD's object is below it.
            if (stores && objects.contains(frame.getTopValue().getNumber())
                    || instruction instanceof org.apache.bcel.generic.PUTFIELD && frame.getStackDepth() > 1
                    && objects.contains(frame.getStackValue(1).getNumber())) {
                return true;
            }
        }
        return false;
    }

    /** Fields no call wrote hold their initial value: false, 0 or null. */
    private static void defaults(BuilderClass builder, Map<Integer, FieldValue> values) {
        for (int field = 0; field < builder.fieldCount(); field++) {
            values.putIfAbsent(BuilderClass.FIELD_BASE + field, FieldValue.constant(null));
        }
    }

    /**
     * Is the object, at any step of its chain, handed to a call outside the chain, are its fields written directly
     * ({@code b.secure = secure} in a {@code toBuilder()}), or is it stored where other code may change it? An object
     * of a class no method changes ({@link BuilderClass#isImmutable}) may go anywhere but have its fields written.
     */
    static boolean usedElsewhere(MethodContext context, Set<Integer> chainValues, List<CallAt> chainCalls,
            BuilderClass builder) throws DataflowAnalysisException {
        if (storedOrWritten(context, chainValues, !builder.isImmutable())) {
            return true;
        }
        if (builder.isImmutable()) {
            return false; // an object no method of its class changes keeps its values wherever else it goes
        }
        for (CallAt call : context.allCalls()) {
            if (chainCalls.contains(call)) {
                continue;
            }
            for (ValueNumber consumed : call.consumedValues()) {
                if (chainValues.contains(consumed.getNumber())) {
                    return true;
                }
            }
        }
        return false;
    }
}
