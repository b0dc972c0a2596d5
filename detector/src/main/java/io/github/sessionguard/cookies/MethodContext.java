package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.MergeTree;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.flow.BranchConditions;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.CallSites;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the cookie analysis of one method needs to read its instructions. */
final class MethodContext {
    private final MethodDescriptor method;
    private final ConstantPoolGen cpg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    /** Reads names built by concatenation; made on first use. */
    private io.github.sessionguard.flow.StringSketchReader strings;
    private final ValueOrigins origins;
    private final CookieSummaries summaries;
    private final int[] parameterValues;
    private final Map<Integer, CookieApi> cookieParameters = new TreeMap<>();
    private final BranchConditions branches;
    private final MergeTree mergeTree;
    private final BooleanOrigins booleans;
    private final SecretValues secrets;
    /** The analysed class, for the bootstrap arguments of its lambdas; null when not known. */
    private org.apache.bcel.classfile.JavaClass javaClass;
    /** Each call read once, however often the dataflow passes over it. */
    private final CallSites calls;
    /** Each call's catalogue row looked up once ({@link #NO_MATCH}: none, here and for summaries); a call is one object (see calls). */
    private final Map<CallAt, Object> matches = new java.util.IdentityHashMap<>();
    private static final Object NO_MATCH = new Object();
    /** {@link #summaryFor} answers per call, for a call that consumes no tracked cookie [0] and one that does [1]. */
    private final Map<CallAt, Object[]> calleeSummaries = new java.util.IdentityHashMap<>();
    private final CFG cfg;
    /** The builder fields of each call's receiver, read once ({@link #NO_MATCH}: none). */
    private final Map<CallAt, Object> receiverFields = new java.util.IdentityHashMap<>();
    /** Every call of the method, listed once when a builder's chain asks. */
    private List<CallAt> allCalls;
    /** See {@link #ownBuilder}; null until asked. */
    private Optional<BuilderClass> ownBuilder;
    /** Read for a factory or constant of a settings class: its fields count as a builder's do (see {@link #ownBuilder}). */
    private boolean readsSettings;
    /** The settings objects each call's arguments are, read once per call and argument ({@link #NO_MATCH}: unreadable). */
    private final Map<CallAt, Map<Integer, Object>> argumentFields = new java.util.IdentityHashMap<>();
    /** Per parameter: is its object only read here (see {@link #onlyRead})? */
    private final Map<Integer, Boolean> onlyRead = new java.util.HashMap<>();
    /** The declared types of the parameters, as signatures. */
    private final String[] parameterTypes;
    /** Some parameter is of an application class's type (a settings object a flag may be read from). */
    private final boolean objectParameters;

    MethodContext(MethodDescriptor method, CFG cfg, ConstantPoolGen cpg, ValueNumberDataflow vna,
            ConstantDataflow constants, ValueOrigins origins, CookieSummaries summaries) {
        this.branches = new BranchConditions(cfg, vna, origins, cpg);
        this.cfg = cfg;
        this.method = method;
        this.cpg = cpg;
        this.vna = vna;
        this.constants = constants;
        this.origins = origins;
        this.summaries = summaries;
        this.mergeTree = vna.getAnalysis().getMergeTree();
        this.booleans = new BooleanOrigins(vna, origins, cpg);
        this.secrets = new SecretValues(origins, cpg);
        this.calls = new CallSites(cpg, vna, constants);
        SignatureParser signature = new SignatureParser(method.getSignature());
        this.parameterValues = new int[signature.getNumParameters()];
        this.parameterTypes = signature.getArguments();
        boolean objects = false;
        for (String type : parameterTypes) {
            objects |= type.startsWith("L") && !type.startsWith("Ljava/")
                    && io.github.sessionguard.flow.QuietClasspath.isApplicationClass(type.substring(1, type.length() - 1));
        }
        this.objectParameters = objects;
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

    /**
     * The constant text a name value surely starts with when only its start is constant ({@code "EH_BASKET_" + id}, as
     * a concatenation or a builder chain reads); null for a constant or an unknown start. The concatenation's constant
     * parts are read from the class's bootstrap arguments, so a context without its class knows none.
     */
    String namePrefix(ValueNumber value) throws DataflowAnalysisException {
        if (javaClass == null || value == null) {
            return null;
        }
        if (strings == null) {
            strings = new io.github.sessionguard.flow.StringSketchReader(cfg, vna, constants, cpg, javaClass, origins);
        }
        String text = strings.read(value, null).text();
        int hole = text.indexOf(io.github.sessionguard.flow.StringSketch.HOLE);
        return hole > 0 ? text.substring(0, hole) : null;
    }

    MethodContext inClass(org.apache.bcel.classfile.JavaClass owner) {
        this.javaClass = owner;
        return this;
    }

    /** This context reads a settings class's factory or constant (see {@link CookieSummaries#settingsOf}). */
    MethodContext readingSettings() {
        this.readsSettings = true;
        return this;
    }

    MethodDescriptor method() {
        return method;
    }

    ConstantPoolGen cpg() {
        return cpg;
    }

    CFG cfg() {
        return cfg;
    }

    ValueNumberDataflow vna() {
        return vna;
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

    /**
     * This method is a constructor of an application subclass of {@code api}'s type that leaves the cookie or
     * configuration it constructs to its callers: its {@code super(...)} makes it, unless the subclass
     * handles cookies of the API's other types itself.
     */
    boolean constructsOwnType(CookieApi api) {
        String ancestor = javaClass == null || !"<init>".equals(method.getName()) ? null
                : catalogueAncestor(method.getSlashedClassName());
        return ancestor != null && api.types().contains(ancestor) && !handlesOwnCookies(javaClass, api, ancestor);
    }

    /** Parameters whose declared type is a catalogue cookie type, by index. */
    Map<Integer, CookieApi> cookieParameters() {
        return cookieParameters;
    }

    int parameterValue(int index) {
        return parameterValues[index];
    }

    /**
     * The tracked cookies a value may be, as value numbers. Where paths holding different objects meet
     * (get-or-create: {@code if (c == null) c = new Cookie(...)}), SpotBugs gives the variable a fresh
     * "phi" value number; its merge tree names the values that flow into it, so a flag set on, a send of,
     * or an escape of the merged value applies to every tracked cookie among them.
     */
    List<Integer> trackedValues(CookieFacts fact, ValueNumber value) {
        if (fact.get(value.getNumber()) != null) {
            return List.of(value.getNumber());
        }
        if (mergeTree == null || !value.hasFlag(ValueNumber.PHI_NODE)) {
            return List.of();
        }
        BitSet inputs = mergeTree.getTransitiveInputSet(value);
        List<Integer> tracked = new ArrayList<>();
        for (int input = inputs.nextSetBit(0); input >= 0; input = inputs.nextSetBit(input + 1)) {
            if (fact.get(input) != null) {
                tracked.add(input);
            }
        }
        return tracked;
    }

    /** The distinct cookie objects (a builder and its fluent results are one) a value may be. */
    List<CookieState> trackedStates(CookieFacts fact, ValueNumber value) {
        List<CookieState> states = new ArrayList<>();
        for (int number : trackedValues(fact, value)) {
            CookieState state = fact.get(number);
            if (!containsObject(states, state)) {
                states.add(state);
            }
        }
        return states;
    }

    private static boolean containsObject(List<CookieState> states, CookieState state) {
        for (CookieState known : states) {
            if (CookieFacts.sameObject(known, state)) {
                return true;
            }
        }
        return false;
    }

    CallAt callAt(InvokeInstruction invoke, Location location) throws DataflowAnalysisException {
        return calls.at(invoke, location);
    }

    /**
     * The catalogue row of a call, or null. A sink matched on any receiver counts only on the types it
     * names: an application's own {@code addCookie(Cookie)} (a response facade) is followed as a method.
     */
    CookieCallMatch catalogueMatch(CallAt call) throws DataflowAnalysisException {
        Object known = matches.get(call);
        if (known == null) {
            CookieCallMatch match = lookUpMatch(call);
            known = match == null ? NO_MATCH : match;
            matches.put(call, known);
        }
        return known == NO_MATCH ? null : (CookieCallMatch) known;
    }

    private CookieCallMatch lookUpMatch(CallAt call) throws DataflowAnalysisException {
        if (madeAs(call) != null) {
            return null; // the application's own override runs, and passes the cookie on: followed as a method
        }
        CookieCallMatch match = CookieCatalogue.lookup(call.owner(), call.name(), call.descriptor());
        if (match == null) {
            return subclassMatch(call);
        }
        if (!match.call().call().matchesReceiver(call.owner())) {
            return null;
        }
        return match;
    }

    /**
     * A call on an application subclass of a catalogue type ({@code class MyRememberMeManager extends
     * CookieRememberMeManager}, {@code class TokenCookie extends Cookie}) that the subclass does not declare
     * itself is the catalogue type's call. {@code new MyRememberMeManager()} of a configuration holder whose
     * constructor cannot be summarised makes the holder's cookie with its defaults (see
     * {@link CookieCallInterpreter#constructsSubclass}), unless the subclass handles cookies itself.
     */
    private CookieCallMatch subclassMatch(CallAt call) {
        String ancestor = catalogueAncestor(call.owner());
        if (ancestor == null) {
            return null;
        }
        if (!"<init>".equals(call.name())) {
            return declaredBelow(call.owner(), ancestor, call.name(), call.descriptor())
                    && !overrideCallsSuper(call) ? null : CookieCatalogue.lookup(ancestor, call.name(), call.descriptor());
        }
        if (CookieCatalogue.apiForType(ancestor).kind() != CookieApi.Kind.CONFIGURATION) {
            return null; // a plain cookie's subclass: its constructor is followed
        }
        CookieCallMatch made = CookieCatalogue.lookup(ancestor, "<init>", "()V");
        io.github.sessionguard.flow.CallTargets.Target constructor =
                io.github.sessionguard.flow.CallTargets.resolve(call.owner(), call.name(), call.descriptor());
        if (made == null || constructor == null || constructor.javaClass() == null) {
            return null;
        }
        return handlesOwnCookies(constructor.javaClass(), made.api(), ancestor) ? null : made;
    }

    /**
     * The subclass names its holder's cookie types (it makes or replaces the holder's cookie itself): its own
     * code is judged where it configures them, and the holder's default cookie is not assumed.
     */
    static boolean handlesOwnCookies(org.apache.bcel.classfile.JavaClass subclass, CookieApi api, String ancestor) {
        List<String> cookieTypes = new ArrayList<>(api.types());
        cookieTypes.remove(ancestor);
        return io.github.sessionguard.flow.ConstantPoolScreen.mentionsAny(subclass,
                io.github.sessionguard.flow.TextSearch.of(cookieTypes));
    }

    /**
     * The override the call runs also calls the overridden method ({@code super.setSecure(flag)} after logging it):
     * the catalogue row stands for it.
     */
    private static boolean overrideCallsSuper(CallAt call) {
        io.github.sessionguard.flow.CallTargets.Target target =
                io.github.sessionguard.flow.CallTargets.resolve(call.owner(), call.name(), call.descriptor());
        if (target == null || target.method() == null || target.javaClass() == null) {
            return false;
        }
        String self = target.slashedClassName();
        return io.github.sessionguard.flow.MethodCalls.callsItself(target.javaClass(), target.method(),
                (owner, name, descriptor) -> !owner.equals(self) && name.equals(call.name())
                        && descriptor.equals(call.descriptor()));
    }

    /** An application class between {@code owner} and the catalogue type declares the method (overrides it). */
    private static boolean declaredBelow(String owner, String ancestor, String name, String descriptor) {
        String type = owner;
        for (int depth = 0; depth < CookieSubclasses.MAX_SUPERCLASSES && type != null && !type.equals(ancestor); depth++) {
            edu.umd.cs.findbugs.ba.XClass xClass = io.github.sessionguard.flow.QuietClasspath.find(type);
            if (xClass == null) {
                return false;
            }
            if (xClass.findMethod(name, descriptor, false) != null) {
                return true;
            }
            type = xClass.getSuperclassDescriptor() == null ? null : xClass.getSuperclassDescriptor().getClassName();
        }
        return false;
    }

    /**
     * The catalogue type a call's owner stands for: itself, or for an application class, the nearest
     * superclass that is a catalogue type: always for a configuration holder (a subclass is judged like the
     * holder), and for a plain cookie's subclass when the call runs a method the subclass does not declare
     * ({@code setPath} on a {@code TokenCookie}); the subclass's own methods are followed.
     */
    String apiOwner(CallAt call) {
        String ancestor = catalogueAncestor(call.owner());
        if (ancestor == null) {
            return call.owner();
        }
        if (CookieCatalogue.apiForType(ancestor).kind() == CookieApi.Kind.CONFIGURATION) {
            return ancestor;
        }
        return declaredBelow(call.owner(), ancestor, call.name(), call.descriptor()) ? call.owner() : ancestor;
    }

    /** For an application class, its nearest superclass that is a catalogue type; null for any other class. */
    String catalogueAncestor(String owner) {
        return summaries.subclasses().catalogueAncestor(owner);
    }

    CallArguments arguments(CallAt call) {
        return new CallArguments(call, booleans, secrets, origins, this);
    }

    /**
     * The parameter number (see {@link BuilderClass#FIELD_BASE}) of a value this method loaded from a builder field
     * of {@code this}, or -1: in a builder's own method such a field is decided by the code that configured the object.
     * Or the number of a field of a settings object the method was handed ({@code policy.secure()},
     * {@link BuilderClass#argumentField}): decided by the code that made the argument.
     */
    int fieldParameter(ValueNumber value) throws DataflowAnalysisException {
        BuilderClass builder = ownBuilder();
        Location producer = builder == null && !objectParameters ? null : origins.producer(value);
        if (producer == null) {
            return -1;
        }
        BuilderClass.MemberRead read = BuilderClass.MemberRead.at(producer, vna, cpg);
        if (read == null) {
            return -1;
        }
        if (builder != null && read.isField() && read.owner.equals(method.getSlashedClassName()) && isThis(read.object)) {
            return builder.parameterOf(read.member);
        }
        return argumentField(read);
    }

    /**
     * The number of the field {@code read} reads, when its object is a parameter of the settings class it names that
     * this method only reads (see {@link BuilderClass#argumentField}); else -1.
     */
    private int argumentField(BuilderClass.MemberRead read) throws DataflowAnalysisException {
        int argument = objectParameters ? parameterOf(read.object, read.owner) : -1;
        BuilderClass settings = argument < 0 ? null : summaries.settingsOf(read.owner);
        int field = settings == null ? -1 : settings.fieldRead(read.member);
        return field < 0 || !onlyRead(argument, settings) ? -1 : BuilderClass.argumentField(argument, field);
    }

    /**
     * Is the object parameter {@code parameter} only read in this method: handed to no call but its class's plain
     * accessors, its fields written nowhere, stored nowhere (a field, an array) where other code could change it? Only
     * then are its fields as its caller made them where this method reads them.
     */
    private boolean onlyRead(int parameter, BuilderClass settings) throws DataflowAnalysisException {
        Boolean known = onlyRead.get(parameter);
        if (known == null) {
            int object = parameterValues[parameter];
            List<CallAt> accessors = new ArrayList<>();
            for (CallAt call : allCalls()) {
                if (call.hasReceiver() && call.receiver().getNumber() == object && call.argumentCount() == 0
                        && call.owner().equals(settings.className()) && settings.isAccessor(call.name(), call.descriptor())) {
                    accessors.add(call);
                }
            }
            known = !ReceiverFields.usedElsewhere(this, java.util.Set.of(object), accessors, settings);
            onlyRead.put(parameter, known);
        }
        return known;
    }

    /** The parameter whose entry value {@code value} is, when it is declared of the type {@code owner}; else -1. */
    private int parameterOf(ValueNumber value, String owner) {
        int parameter = parameterIndexOf(value);
        return parameter >= 0 && parameterTypes[parameter].equals("L" + owner + ";") ? parameter : -1;
    }

    /** The parameter whose entry value {@code value} is, or -1. */
    int parameterIndexOf(ValueNumber value) {
        for (int i = 0; i < parameterValues.length; i++) {
            if (parameterValues[i] == value.getNumber()) {
                return i;
            }
        }
        return -1;
    }

    /** The declared type of parameter {@code index}, as a signature. */
    String parameterType(int index) {
        return parameterTypes[index];
    }

    /** Can a branch's test of a value stand for a field the method was handed (see {@link #fieldParameter})? */
    boolean readsFields() {
        return ownBuilder() != null || objectParameters;
    }

    /**
     * Is {@code value}, or another read of the same builder or settings field {@code parameter}, tested for null
     * ({@code if (policy.sameSite() != null) cookie.setAttribute("SameSite", policy.sameSite())})?
     */
    boolean testsForNull(ValueNumber value, int parameter) throws DataflowAnalysisException {
        for (ValueNumber tested : branches.nullTestedValues()) {
            if (tested.equals(value) || parameter >= 0 && fieldParameter(tested) == parameter) {
                return true;
            }
        }
        return false;
    }

    /**
     * The builder class whose fields this method's reads stand for (see {@link #fieldParameter}), or null: asked once
     * per method, so that a method of any other class pays nothing per value or per flag setter.
     */
    BuilderClass ownBuilder() {
        if (ownBuilder == null) {
            BuilderClass builder = method.isStatic() ? null
                    : readsSettings ? summaries.settingsOf(method.getSlashedClassName())
                    : summaries.builderOf(method.getSlashedClassName());
            BuilderClass.Writes own = builder == null ? null : builder.writesOf(method.getName(), method.getSignature());
            ownBuilder = own == null || own.readsOwnState ? Optional.empty() : Optional.of(builder);
        }
        return ownBuilder.orElse(null);
    }

    /** The builder fields of the call's receiver when the callee is a builder's method and they can be read; else null. */
    ReceiverFields receiverFields(CallAt call) throws DataflowAnalysisException {
        Object known = receiverFields.get(call);
        if (known == null) {
            BuilderClass builder = call.hasReceiver() && declaredByOwner(call) ? summaries.settingsOf(call.owner()) : null;
            ReceiverFields fields = builder == null ? null : ReceiverFields.of(this, call, builder);
            known = fields == null ? NO_MATCH : fields;
            receiverFields.put(call, known);
        }
        return known == NO_MATCH ? null : (ReceiverFields) known;
    }

    /** The fields of the settings object the call's argument {@code argument} is, when they can be read; else null. */
    ReceiverFields argumentFields(CallAt call, int argument) throws DataflowAnalysisException {
        Map<Integer, Object> byArgument = argumentFields.computeIfAbsent(call, c -> new java.util.HashMap<>());
        Object known = byArgument.get(argument);
        if (known == null) {
            String type = argument < call.argumentCount()
                    ? new SignatureParser(call.descriptor()).getArguments()[argument] : "";
            BuilderClass settings = type.startsWith("L") ? summaries.settingsOf(type.substring(1, type.length() - 1)) : null;
            ReceiverFields fields = settings == null ? null : ReceiverFields.ofArgument(this, call, argument, settings);
            known = fields == null ? NO_MATCH : fields;
            byArgument.put(argument, known);
        }
        return known == NO_MATCH ? null : (ReceiverFields) known;
    }

    /** See {@link CookieSummaries#enterFieldRead}. */
    boolean enterFieldRead() {
        return summaries.enterFieldRead();
    }

    void exitFieldRead() {
        summaries.exitFieldRead();
    }

    /** The class as a settings object (see {@link CookieSummaries#settingsOf}), or null. */
    BuilderClass settingsOf(String slashedClassName) {
        return summaries.settingsOf(slashedClassName);
    }

    /** The fields of the static final constant {@code owner.field}, of the class {@code builder}; null when unreadable. */
    Map<Integer, FieldValue> constantFields(String owner, String field, BuilderClass builder, int depth) {
        return summaries.constantFields(owner, field, builder, depth);
    }

    /**
     * Does the call's owner declare the method it runs (not inherit it from a superclass, whose fields are numbered
     * apart)?
     */
    static boolean declaredByOwner(CallAt call) {
        io.github.sessionguard.flow.CallTargets.Target target =
                io.github.sessionguard.flow.CallTargets.resolve(call.owner(), call.name(), call.descriptor());
        return target != null && target.slashedClassName().equals(call.owner());
    }

    /** The call that runs the constructor of the object {@code new} made as {@code made}, or null. */
    CallAt constructorCall(ValueNumber made) throws DataflowAnalysisException {
        for (CallAt call : allCalls()) {
            if ("<init>".equals(call.name()) && call.hasReceiver() && call.receiver().equals(made)) {
                return call;
            }
        }
        return null;
    }

    /** Every call of the method (dead code aside), in bytecode order. */
    List<CallAt> allCalls() throws DataflowAnalysisException {
        if (allCalls == null) {
            List<Location> locations = new ArrayList<>();
            for (java.util.Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                Location location = it.next();
                if (location.getHandle().getInstruction() instanceof InvokeInstruction) {
                    locations.add(location);
                }
            }
            locations.sort(java.util.Comparator.comparingInt(l -> l.getHandle().getPosition()));
            List<CallAt> found = new ArrayList<>();
            for (Location location : locations) {
                CallAt call = callAt((InvokeInstruction) location.getHandle().getInstruction(), location);
                if (call != null) {
                    found.add(call);
                }
            }
            allCalls = found;
        }
        return allCalls;
    }

    /**
     * The builder fields of the object an application method returns when it makes one
     * ({@code CookieBuilder.named(name)}), in the terms of this call to it; null when it cannot be read.
     */
    Map<Integer, FieldValue> factoryFields(CallAt call, BuilderClass builder, int depth) throws DataflowAnalysisException {
        if (!call.descriptor().endsWith(")L" + builder.className() + ";")) {
            return null;
        }
        return summaries.factoryFields(call, builder, depth, arguments(call));
    }

    /**
     * What a configuring lambda or method reference passed as {@code argument} does to the cookie object
     * it is handed ({@code http.rememberMe(r -> r.useSecureCookie(true))}): the application method behind
     * the invokedynamic, whose last parameter is of one of {@code api}'s types, summarised like any helper.
     * Null when the argument is no such lambda or its effect is unknown or depends on captured values.
     */
    CookieState lambdaEffect(ValueNumber argument, CookieApi api) {
        Location producer = origins.producer(argument);
        if (javaClass == null || producer == null
                || !(producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.INVOKEDYNAMIC)) {
            return null;
        }
        org.apache.bcel.generic.INVOKEDYNAMIC indy = (org.apache.bcel.generic.INVOKEDYNAMIC) producer.getHandle().getInstruction();
        CookieState effect = null;
        for (io.github.sessionguard.flow.MethodHandleTargets.Target target
                : io.github.sessionguard.flow.MethodHandleTargets.of(javaClass, cpg.getConstant(indy.getIndex()))) {
            String[] parameters = new SignatureParser(target.descriptor()).getArguments();
            if (parameters.length == 0 || !parameters[parameters.length - 1].startsWith("L")) {
                continue;
            }
            String last = parameters[parameters.length - 1];
            if (!api.types().contains(last.substring(1, last.length() - 1))) {
                continue;
            }
            MethodSummary summary = summaries.forCall(target.owner(), target.name(), target.descriptor(), true);
            CookieState candidate = summary == null || !summary.isFollowed() ? null
                    : summary.parameterEffect(parameters.length - 1);
            if (candidate == null || java.util.Arrays.stream(io.github.sessionguard.catalogue.CookieFlag.values())
                    .anyMatch(candidate::isCallerDecided)) {
                return null;
            }
            effect = candidate;
        }
        return effect;
    }

    /**
     * The summary of a static lambda body of this class that captures a tracked cookie ({@code done ->
     * response.addCookie(cookie)} handed to a reactive callback): the capture stands for a call of that body with
     * what it captured as its first arguments, the cookie sent as the body sends it. Null for any other
     * invokedynamic (a method reference, a lambda using {@code this}, a string concatenation).
     */
    MethodSummary capturingLambdaSummary(org.apache.bcel.generic.INVOKEDYNAMIC indy, CallAt capture, CookieFacts fact)
            throws DataflowAnalysisException {
        boolean capturesCookie = false;
        for (ValueNumber value : capture.consumedValues()) {
            capturesCookie |= !trackedValues(fact, value).isEmpty();
        }
        if (!capturesCookie || javaClass == null) {
            return null;
        }
        List<io.github.sessionguard.flow.MethodHandleTargets.Target> targets = io.github.sessionguard.flow.MethodHandleTargets
                .of(javaClass, cpg.getConstant(indy.getIndex()));
        if (targets.size() != 1 || !targets.get(0).isStatic() || !targets.get(0).name().startsWith("lambda$")
                || !targets.get(0).owner().equals(javaClass.getClassName().replace('.', '/'))) {
            return null;
        }
        io.github.sessionguard.flow.MethodHandleTargets.Target body = targets.get(0);
        MethodSummary summary = summaries.forCall(body.owner(), body.name(), body.descriptor(), true);
        return summary != null && summary.isFollowed() ? summary : null;
    }

    /**
     * The application class this method made the call's receiver as ({@code out = new GrantCookieResponse(resp);
     * out.addCookie(c)} through the {@code HttpServletResponse} interface), when that class declares the method
     * the call runs (an override) and that code passes a cookie it is handed on: the call runs that code, whatever
     * type the receiver is used as. Else null.
     */
    String madeAs(CallAt call) throws DataflowAnalysisException {
        if (!call.hasReceiver() || "<init>".equals(call.name()) || call.receiver() == null) {
            return null;
        }
        String made = origins.newClass(call.receiver());
        if (made == null || made.equals(call.owner()) || !io.github.sessionguard.flow.QuietClasspath.isApplicationClass(made)) {
            return null;
        }
        io.github.sessionguard.flow.CallTargets.Target target =
                io.github.sessionguard.flow.CallTargets.resolve(made, call.name(), call.descriptor());
        if (target == null || target.method() == null
                || !io.github.sessionguard.flow.QuietClasspath.isApplicationClass(target.slashedClassName())) {
            return null;
        }
        // An override that keeps the cookie for later (a de-duplicating wrapper's flush) is not followed: the
        // call is read as the interface's own, which sends the cookie as it is.
        MethodSummary override = summaries.forCall(made, call.name(), call.descriptor(), true);
        return override != null && override.isFollowed() && !override.parameterSends().isEmpty() ? made : null;
    }

    /** The summary of the application method a call runs, when it is worth following; else null. */
    MethodSummary summaryFor(CallAt call, CookieFacts fact) throws DataflowAnalysisException {
        if (CookieFlowAnalysis.isTransparent(call.owner())) {
            return null;
        }
        boolean consumesCookie = false;
        for (ValueNumber value : call.consumedValues()) {
            consumesCookie |= !trackedValues(fact, value).isEmpty();
        }
        // Asked at every pass of the dataflow: the answer for a call is fixed while this method is analysed
        // (a callee's summary is memoised once computed; one still in progress stays so until we return).
        Object[] known = calleeSummaries.computeIfAbsent(call, c -> new Object[2]);
        int slot = consumesCookie ? 1 : 0;
        if (known[slot] == null) {
            String made = madeAs(call);
            MethodSummary summary = summaries.forCall(made != null ? made : call.owner(), call.name(),
                    call.descriptor(), consumesCookie);
            known[slot] = summary == null ? NO_MATCH : summary;
        }
        return known[slot] == NO_MATCH ? null : (MethodSummary) known[slot];
    }
}
