package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.catalogue.FlagValue;
import edu.umd.cs.findbugs.ba.SignatureParser;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.FieldStrings;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.ConstantPoolGen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a call as the cookie analysis reads them: a constant, or a parameter of the calling
 * method (the caller's caller decides), or unknown.
 */
final class CallArguments {
    private final CallAt call;
    private final BooleanOrigins booleans;
    private final SecretValues secrets;
    private final ValueOrigins origins;
    /** The calling method: its parameters, and the fields of a builder (see {@link BuilderClass}). */
    private final MethodContext context;

    CallArguments(CallAt call, BooleanOrigins booleans, SecretValues secrets, ValueOrigins origins,
            MethodContext context) {
        this.call = call;
        this.booleans = booleans;
        this.secrets = secrets;
        this.origins = origins;
        this.context = context;
    }

    /**
     * Does this call give the callee's parameter {@code index} a value: one of its arguments, or, for a builder's
     * field (see {@link BuilderClass#FIELD_BASE}), the field of the receiver when the chain that made it is read?
     */
    boolean covers(int index) throws DataflowAnalysisException {
        if (!BuilderClass.isField(index)) {
            return index >= 0 && index < call.argumentCount();
        }
        ReceiverFields fields = fieldsOf(index);
        return fields != null && fields.covers(inObject(index));
    }

    /** A read of an argument that may lead into other objects' fields (see {@link FieldValue#argument}). */
    @FunctionalInterface
    interface Read<T> {
        T get() throws DataflowAnalysisException;
    }

    /**
     * {@code read}, unless reads of fields through arguments are already nested as deep as an analysis allows (factories
     * and copies that lead back into each other): then {@code cut}, what is not known.
     */
    <T> T nested(Read<T> read, T cut) throws DataflowAnalysisException {
        if (!context.enterFieldRead()) {
            return cut;
        }
        try {
            return read.get();
        } finally {
            context.exitFieldRead();
        }
    }

    /**
     * Is the callee's field {@code index}, which this call does not show, one of an enum's: the receiver is one of its
     * constants, which one known only at run time (a loop over {@code values()}, a {@code valueOf(name)}), so the
     * flag is not known rather than decided elsewhere.
     */
    boolean unshownConstantField(int index) throws DataflowAnalysisException {
        if (!BuilderClass.isField(index) || BuilderClass.isArgumentField(index) || index == BuilderClass.LOST_FIELD
                || !call.hasReceiver()) {
            return false;
        }
        BuilderClass builder = context.settingsOf(call.owner());
        return builder != null && builder.isEnum();
    }

    /** The object whose fields a field parameter numbers: an argument's (a settings object), else the receiver's. */
    private ReceiverFields fieldsOf(int index) throws DataflowAnalysisException {
        return BuilderClass.isArgumentField(index) ? context.argumentFields(call, BuilderClass.argumentOf(index))
                : context.receiverFields(call);
    }

    /** A field parameter's number among its own object's fields. */
    private static int inObject(int index) {
        return BuilderClass.isArgumentField(index) ? BuilderClass.fieldOf(index) : index;
    }

    /**
     * Does the call hand the callee's builder fields on as they are: a builder's own method calling another on
     * {@code this} ({@code addTo(response)} calling {@code build()}), whose fields its own callers decide?
     */
    boolean passesFieldsOn() throws DataflowAnalysisException {
        return call.hasReceiver() && context.isThis(call.receiver())
                && call.owner().equals(context.method().getSlashedClassName()) && MethodContext.declaredByOwner(call);
    }

    /** The receiver's builder field numbered {@code index}, or null when {@code index} is an argument. */
    private FieldValue field(int index) throws DataflowAnalysisException {
        if (!BuilderClass.isField(index)) {
            return null;
        }
        ReceiverFields fields = fieldsOf(index);
        if (fields == null) {
            // An argument's object the analysis cannot tie to the code that made it (a field, another method's result):
            // decided elsewhere, as a builder's receiver kept in a field is.
            return BuilderClass.isArgumentField(index) ? FieldValue.parameter(BuilderClass.LOST_FIELD) : FieldValue.UNKNOWN;
        }
        return fields.value(inObject(index));
    }

    /** The call a user makes to choose the callee's parameter {@code index}: the callee, or a builder's setter. */
    String chooserOf(int index) throws DataflowAnalysisException {
        ReceiverFields fields = BuilderClass.isField(index) ? fieldsOf(index) : null;
        return fields != null ? fields.chooserOf(inObject(index))
                : call.owner().substring(call.owner().lastIndexOf('/') + 1) + "." + call.name();
    }

    /**
     * A SameSite argument as text: a constant string, an enum constant's name, a bound property's in-code default;
     * "" for null; else null (a parameter, a value known only at run time).
     */
    String sameSiteText(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        if (field != null) {
            return field.sameSiteText();
        }
        String type = new SignatureParser(call.descriptor()).getArguments()[index];
        ValueNumber value = call.argument(index);
        if (origins.isNullLiteral(value)) {
            return "";
        }
        if ("Ljava/lang/String;".equals(type)) {
            Constant constant = call.constantArgument(index);
            if (constant.isConstantString()) {
                return constant.getConstantString();
            }
            String bound = booleans.boundDefaultText(value);
            return bound != null ? bound : sameSiteOfField(origins.producer(value), origins.constantPool());
        }
        return type.startsWith("L") ? origins.staticFieldName(value, type.substring(1, type.length() - 1)) : null;
    }

    /**
     * {@code this.sameSite} of a filter made with {@code new CookieFilter("Lax")}, read at its producer: the field's
     * one value, or one of its values when all of them protect (Lax, Strict); null when they differ otherwise, the
     * value is not a String field's, or it is known only at run time (see {@link FieldStrings}).
     */
    static String sameSiteOfField(Location producer, ConstantPoolGen cpg) {
        Set<String> values = FieldStrings.current().readBy(producer, cpg);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.iterator().next()
                : CookiePolicyCatalogue.hardeningSameSite(values);
    }

    /**
     * A SameSite argument as a flag effect: its value when known, the calling method's parameter it is (its caller
     * chooses), or UNKNOWN.
     */
    FlagEffect sameSiteArgument(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        if (field != null) {
            return field.sameSiteEffect();
        }
        String text = sameSiteText(index);
        if (text != null) {
            return FlagEffect.of(CookieCallInterpreter.sameSiteValue(text));
        }
        int parameter = parameterOfArgument(index);
        return parameter >= 0 ? FlagEffect.fromParameter(parameter) : FlagEffect.of(FlagValue.UNKNOWN);
    }

    /** The argument is the constant "" or null: a value that carries nothing. */
    boolean isEmptyText(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        if (field != null) {
            return field.isEmptyText();
        }
        String text = call.stringArgument(index);
        return (text != null && text.isEmpty()) || secrets.isNullLiteral(call.argument(index));
    }

    /** The call (Owner.method) that produced the argument when it yields a token or session id, else null. */
    String secretSourceOf(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        if (field != null) {
            return field.secretSource();
        }
        return secrets.sourceOf(call.argument(index));
    }

    /**
     * The argument as a map of attributes whose keys are constant texts, in order: {@code Map.of(k1, v1, k2, v2...)}, a
     * map made empty here and filled by {@code put(key, value)} calls (whatever their paths; see
     * {@link ValueOrigins#putEntries}), or the null literal (no attributes). A value is its text ({@code "true"} for
     * {@code Boolean.TRUE} or a boxed constant), or null when it is not a constant. Null when the map is built
     * otherwise or a key is not a constant text.
     */
    Map<String, String> attributeMap(int index) throws DataflowAnalysisException {
        ValueNumber map = call.argument(index);
        if (origins.isNullLiteral(map)) {
            return Map.of();
        }
        List<ValueNumber> parts = new java.util.ArrayList<>();
        if (CONSTANT_MAP_FACTORY.equals(origins.producingStaticCall(map))) {
            parts.addAll(origins.inputsOf(map));
        } else {
            List<ValueNumber[]> entries = origins.putEntries(map, call.name());
            if (entries == null) {
                return null;
            }
            entries.forEach(entry -> parts.addAll(List.of(entry)));
        }
        if (parts.size() % 2 != 0) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i += 2) {
            String key = origins.stringLiteral(parts.get(i));
            if (key == null) {
                return null;
            }
            texts.put(key, constantText(parts.get(i + 1)));
        }
        return texts;
    }

    /** A constant attribute value as text: a string, {@code Boolean.TRUE}/{@code FALSE}, a boxed boolean; else null. */
    private String constantText(ValueNumber value) throws DataflowAnalysisException {
        String text = origins.stringLiteral(value);
        if (text != null) {
            return text;
        }
        String field = origins.staticFieldName(value, "java/lang/Boolean");
        if ("TRUE".equals(field) || "FALSE".equals(field)) {
            return field.toLowerCase(java.util.Locale.ROOT);
        }
        if ("java/lang/Boolean.valueOf".equals(origins.producingStaticCall(value))) {
            List<ValueNumber> inputs = origins.inputsOf(value);
            Number literal = inputs.size() == 1 ? origins.numberLiteral(inputs.get(0)) : null;
            return literal == null ? null : String.valueOf(literal.intValue() != 0);
        }
        return null;
    }

    /** The JDK factory whose arguments are a map's keys and values in turn. */
    private static final String CONSTANT_MAP_FACTORY = "java/util/Map.of";

    CallAt call() {
        return call;
    }

    /**
     * A boolean (or {@code Boolean}) argument as a flag: its constant, the calling method's parameter it
     * is (or its negation), a configuration field's in-code default, or UNKNOWN.
     */
    FlagEffect booleanArgument(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        if (field != null) {
            return field.booleanEffect();
        }
        Constant value = call.constantArgument(index);
        if (value.isConstantInteger()) {
            return FlagEffect.of(value.getConstantInt() != 0 ? FlagValue.SET : FlagValue.CLEARED);
        }
        ValueNumber argument = booleans.unboxed(call.argument(index));
        int parameter = parameterOf(argument);
        if (parameter >= 0) {
            return FlagEffect.fromParameter(parameter);
        }
        ValueNumber negated = context.branches().negationOf(argument);
        int negatedParameter = negated == null ? -1 : parameterOf(negated);
        if (negatedParameter >= 0) {
            // cookie.setHttpOnly(!scriptReadable): the caller's choice still, turned over.
            return FlagEffect.fromNegatedParameter(negatedParameter);
        }
        Number literal = origins.numberLiteral(argument); // a boxed constant: Boolean.valueOf(false)
        if (literal != null) {
            return FlagEffect.of(literal.intValue() != 0 ? FlagValue.SET : FlagValue.CLEARED);
        }
        FlagValue known = booleans.valueOf(argument);
        return FlagEffect.of(known != null ? known : FlagValue.UNKNOWN);
    }

    String stringArgument(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        return field != null ? field.text() : call.stringArgument(index);
    }

    /**
     * A cookie's name argument: its constant, or a settings property's in-code default or configured value
     * ({@code new Cookie(settings.getName(), id)} with {@code private String name = "TGC"}: see
     * {@link BooleanOrigins#boundDefaultText}); null when known only at run time.
     */
    String nameArgument(int index) throws DataflowAnalysisException {
        String text = stringArgument(index);
        if (text != null || BuilderClass.isField(index)
                || !"Ljava/lang/String;".equals(new SignatureParser(call.descriptor()).getArguments()[index])) {
            return text;
        }
        return booleans.boundDefaultText(call.argument(index));
    }

    /**
     * The calling method's parameter whose entry value the argument is, or, in a builder's own method, the builder
     * field of {@code this} it was loaded from (see {@link BuilderClass#FIELD_BASE}); else -1.
     */
    int parameterOfArgument(int index) throws DataflowAnalysisException {
        FieldValue field = field(index);
        return field != null ? field.parameter() : parameterOf(call.argument(index));
    }

    private int parameterOf(ValueNumber value) throws DataflowAnalysisException {
        int parameter = context.parameterIndexOf(value);
        return parameter >= 0 ? parameter : context.fieldParameter(value);
    }
}
