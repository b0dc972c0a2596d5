package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.CallPattern;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.PropertySources;
import edu.umd.cs.findbugs.ba.SignatureParser;
import io.github.sessionguard.flow.BoundPropertyDefaults;
import io.github.sessionguard.flow.ConstructorInjectedFields;
import io.github.sessionguard.flow.SpringPropertyText;
import io.github.sessionguard.flow.ValueOrigins;
import io.github.sessionguard.settings.AppProperties;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKEVIRTUAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.List;

/**
 * Where a boolean flag value comes from, beyond a plain constant: boxed constants
 * ({@code Boolean.FALSE}, {@code Boolean.valueOf(false)}), unboxing of a {@code Boolean} parameter, and
 * configuration fields injected with a default in the code ({@code @Value("${app.cookie.secure:false}")}), and the
 * getters of a bound {@code @ConfigurationProperties} class ({@code props.isSecure()}, its field's default).
 */
final class BooleanOrigins {
    /** How many casts are looked through to the lookup a value comes from. */
    private static final int MAX_CASTS = 4;

    private final ValueNumberDataflow vna;
    private final ValueOrigins origins;
    private final ConstantPoolGen cpg;

    BooleanOrigins(ValueNumberDataflow vna, ValueOrigins origins, ConstantPoolGen cpg) {
        this.vna = vna;
        this.origins = origins;
        this.cpg = cpg;
    }

    /**
     * For {@code b.booleanValue()} (javac's unboxing), the boxed value {@code b}; for {@code Boolean.valueOf(z)} (its
     * boxing of a {@code boolean} handed on as a {@code Boolean}), the value {@code z}; else the value itself.
     */
    public ValueNumber unboxed(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer != null && isBooleanCall(producer.getHandle().getInstruction(), "booleanValue")) {
            ValueNumberFrame frame = vna.getFactAtLocation(producer);
            if (frame.isValid()) {
                return frame.getInstance(producer.getHandle().getInstruction(), cpg);
            }
        }
        if (producer != null && isBooleanCall(producer.getHandle().getInstruction(), "valueOf")
                && "(Z)Ljava/lang/Boolean;".equals(((InvokeInstruction) producer.getHandle().getInstruction()).getSignature(cpg))) {
            ValueNumberFrame frame = vna.getFactAtLocation(producer);
            if (frame.isValid() && frame.getStackDepth() > 0) {
                return frame.getTopValue();
            }
        }
        return value;
    }

    /**
     * The flag a value stands for: SET or CLEARED for a boxed constant, the in-code default of an
     * injected property (CONFIGURED_OFF_BY_DEFAULT when it is false, UNKNOWN when there is none); null
     * when nothing is known.
     */
    public FlagValue valueOf(ValueNumber value) throws DataflowAnalysisException {
        return valueOf(value, 0);
    }

    private FlagValue valueOf(ValueNumber value, int casts) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null) {
            return null;
        }
        Instruction instruction = producer.getHandle().getInstruction();
        if (instruction instanceof org.apache.bcel.generic.CHECKCAST) {
            // (Boolean) env.getProperty(key, Boolean.class, Boolean.TRUE): the value before the cast.
            List<ValueNumber> before = origins.inputsOf(value);
            return casts < MAX_CASTS && before.size() == 1 ? valueOf(before.get(0), casts + 1) : null;
        }
        ValueNumber[] lookup = propertyLookup(producer, PropertySources.TYPED_LOOKUPS);
        if (lookup != null) {
            // As the settings give the key, else the default the code passes.
            String configured = AppProperties.current().placeholderValue(origins.stringLiteral(lookup[0]));
            if (configured != null) {
                Boolean flag = booleanText(configured);
                return flag == null ? FlagValue.UNKNOWN : flag ? FlagValue.SET : FlagValue.CONFIGURED_OFF;
            }
            FlagValue fallback = casts < MAX_CASTS ? valueOf(lookup[1], casts + 1) : null;
            return fallback == FlagValue.CLEARED ? FlagValue.CONFIGURED_OFF_BY_DEFAULT : fallback;
        }
        if (instruction instanceof GETSTATIC) {
            GETSTATIC load = (GETSTATIC) instruction;
            if ("java.lang.Boolean".equals(load.getClassName(cpg))) {
                String field = load.getFieldName(cpg);
                return "TRUE".equals(field) ? FlagValue.SET : "FALSE".equals(field) ? FlagValue.CLEARED : null;
            }
            return null;
        }
        if (isBooleanCall(instruction, "valueOf")) {
            ValueNumberFrame frame = vna.getFactAtLocation(producer);
            if (!frame.isValid() || frame.getStackDepth() == 0) {
                return null;
            }
            Location argument = origins.producer(frame.getTopValue());
            if (argument != null && argument.getHandle().getInstruction() instanceof ConstantPushInstruction
                    && "Z".equals(((InvokeInstruction) instruction).getArgumentTypes(cpg)[0].getSignature())) {
                Number constant = ((ConstantPushInstruction) argument.getHandle().getInstruction()).getValue();
                return constant.intValue() != 0 ? FlagValue.SET : FlagValue.CLEARED;
            }
            return null;
        }
        if (instruction instanceof GETFIELD) {
            return injectedDefault((GETFIELD) instruction);
        }
        INVOKEVIRTUAL getter = propertyGetter(instruction, "()Z");
        if (getter != null) {
            // props.isSecure() on a @ConfigurationProperties class: as the settings give it, else its field's default.
            String owner = getter.getClassName(cpg).replace('.', '/');
            String configured = configuredValue(owner, getter.getMethodName(cpg), "()Z");
            if (configured != null) {
                Boolean flag = booleanText(configured);
                return flag == null ? FlagValue.UNKNOWN : flag ? FlagValue.SET : FlagValue.CONFIGURED_OFF;
            }
            Boolean bound = BoundPropertyDefaults.flag(owner, getter.getMethodName(cpg));
            return bound == null ? null : bound ? FlagValue.SET : FlagValue.CONFIGURED_OFF_BY_DEFAULT;
        }
        return null;
    }

    /**
     * The text of a property read by the instruction that produced {@code value}: an injected field's
     * ({@code @Value("${app.cookie.same-site:Lax}")}) or a bound property's ({@code props.getSameSite()}), as the
     * application's settings give it, else its default in the code; null when unknown.
     */
    String boundDefaultText(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof GETFIELD) {
            return injectedText((GETFIELD) producer.getHandle().getInstruction());
        }
        ValueNumber[] lookup = producer == null ? null : propertyLookup(producer, PropertySources.TEXT_LOOKUPS);
        if (lookup != null) {
            String configured = AppProperties.current().placeholderValue(origins.stringLiteral(lookup[0]));
            return configured != null ? configured.trim() : origins.stringLiteral(lookup[1]);
        }
        INVOKEVIRTUAL getter = producer == null ? null
                : propertyGetter(producer.getHandle().getInstruction(), "()Ljava/lang/String;");
        if (getter == null) {
            return null;
        }
        String owner = getter.getClassName(cpg).replace('.', '/');
        String configured = configuredValue(owner, getter.getMethodName(cpg), "()Ljava/lang/String;");
        return configured != null ? configured.trim() : BoundPropertyDefaults.text(owner, getter.getMethodName(cpg));
    }

    /**
     * A Spring property lookup with a constant key and a default ({@code env.getProperty("app.cookie.secure",
     * Boolean.class, Boolean.TRUE)}, or the text form): its key and its default value; null for anything else.
     */
    private ValueNumber[] propertyLookup(Location producer, List<CallPattern> lookups) throws DataflowAnalysisException {
        Instruction instruction = producer.getHandle().getInstruction();
        if (!(instruction instanceof InvokeInstruction) || instruction instanceof org.apache.bcel.generic.INVOKESTATIC
                || instruction instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        InvokeInstruction call = (InvokeInstruction) instruction;
        String descriptor = call.getSignature(cpg);
        if (!LoginCatalogue.any(lookups, call.getClassName(cpg).replace('.', '/'), call.getMethodName(cpg), descriptor)) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        if (!frame.isValid()) {
            return null;
        }
        SignatureParser signature = new SignatureParser(descriptor);
        ValueNumber key = frame.getArgument(call, cpg, 0, signature);
        ValueNumber fallback = frame.getArgument(call, cpg, signature.getNumParameters() - 1, signature);
        return origins.stringLiteral(key) == null ? null : new ValueNumber[] {key, fallback};
    }

    /** The value the application's settings give the bound property the getter reads, or null. */
    private static String configuredValue(String owner, String getter, String descriptor) {
        String key = BoundPropertyDefaults.propertyKey(owner, getter, descriptor);
        return key == null ? null : AppProperties.current().value(key);
    }

    /** The instruction as a no-argument instance getter with this descriptor ({@code props.isSecure()}), or null. */
    private INVOKEVIRTUAL propertyGetter(Instruction instruction, String descriptor) {
        return instruction instanceof INVOKEVIRTUAL && descriptor.equals(((INVOKEVIRTUAL) instruction).getSignature(cpg))
                ? (INVOKEVIRTUAL) instruction : null;
    }

    /**
     * An injected property's flag: the value the application's settings give its key, else the placeholder's default
     * in the code ({@code @Value("${app.cookie.secure:false}")}): true is SET; false set in the settings is CONFIGURED_OFF,
     * false only as the code's default is CONFIGURED_OFF_BY_DEFAULT; no value, or another one, is UNKNOWN.
     */
    private FlagValue injectedDefault(GETFIELD load) {
        String[] placeholder = injectedPlaceholder(load);
        if (placeholder == null) {
            return null;
        }
        String configured = AppProperties.current().placeholderValue(placeholder[0]);
        Boolean flag = booleanText(configured != null ? configured : placeholder[1]);
        if (flag == null) {
            return FlagValue.UNKNOWN;
        }
        return flag ? FlagValue.SET : configured != null ? FlagValue.CONFIGURED_OFF : FlagValue.CONFIGURED_OFF_BY_DEFAULT;
    }

    /** An injected property's text: the settings' value for its key, else the placeholder's default; else null. */
    private String injectedText(GETFIELD load) {
        String[] placeholder = injectedPlaceholder(load);
        if (placeholder == null) {
            return null;
        }
        String configured = AppProperties.current().placeholderValue(placeholder[0]);
        return configured != null ? configured.trim() : placeholder[1] == null ? null : placeholder[1].trim();
    }

    /**
     * For a field injected from a property ({@code @Value("${key:default}")}, on the field or on the constructor parameter
     * a final field is copied from): its key and its default (null when the placeholder has none); {"", null} for an
     * injection that is no single placeholder; null for any other field.
     */
    private String[] injectedPlaceholder(GETFIELD load) {
        XField field = XFactory.createXField(load, cpg);
        for (String annotation : PropertySources.INJECTION_ANNOTATIONS) {
            AnnotationValue value = field.getAnnotation(DescriptorFactory.createClassDescriptor(annotation));
            if (value != null) {
                Object text = value.getValue("value");
                return placeholder(text == null ? "" : text.toString());
            }
        }
        // A final field its constructors copy from an injected parameter (constructor injection) holds that injection.
        String text = ConstructorInjectedFields.injectedText(load.getClassName(cpg).replace('.', '/'),
                load.getFieldName(cpg), PropertySources.INJECTION_ANNOTATIONS);
        return text == null ? null : placeholder(text);
    }

    /** An injection's key and default (null when none), or {"", null} when it is no single placeholder. */
    private static String[] placeholder(String text) {
        String[] keyAndDefault = SpringPropertyText.keyAndDefault(text);
        return keyAndDefault != null ? keyAndDefault : new String[] {"", null};
    }

    private static Boolean booleanText(String text) {
        return SpringPropertyText.booleanValue(text);
    }

    private boolean isBooleanCall(Instruction instruction, String name) {
        return instruction instanceof InvokeInstruction
                && "java.lang.Boolean".equals(((InvokeInstruction) instruction).getClassName(cpg))
                && name.equals(((InvokeInstruction) instruction).getMethodName(cpg));
    }
}
