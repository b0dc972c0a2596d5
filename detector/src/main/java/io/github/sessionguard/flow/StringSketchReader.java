package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.constant.ConstantFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantString;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.InvokeInstruction;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.bcel.BCELUtil;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ARETURN;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a method's bytecode reveals of a string value: constants, Java 9+ string concatenation
 * ({@code makeConcatWithConstants} recipes, whose constant parts are bootstrap arguments),
 * {@code StringBuilder}/{@code StringBuffer} chains and variables, {@code String.format} and
 * {@code formatted} patterns, {@code concat}. Everything else is a hole.
 */
public final class StringSketchReader {
    private static final int MAX_DEPTH = 8;
    private static final Pattern FORMAT_SPECIFIER = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*\\d*(?:\\.\\d+)?[a-zA-Z%]");

    private final CFG cfg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final ConstantPoolGen cpg;
    private final JavaClass javaClass;
    private final ValueOrigins origins;
    private Map<Integer, List<Append>> appendsByBuilder;
    private final Map<Integer, Integer> builderAliases = new HashMap<>();
    /** In a helper read for its caller: the caller's sketches of the helper's parameters, by value number. */
    private final Map<Integer, StringSketch> parameterSketches = new HashMap<>();

    public StringSketchReader(CFG cfg, ValueNumberDataflow vna, ConstantDataflow constants, ConstantPoolGen cpg,
            JavaClass javaClass, ValueOrigins origins) {
        this.cfg = cfg;
        this.vna = vna;
        this.constants = constants;
        this.cpg = cpg;
        this.javaClass = javaClass;
        this.origins = origins;
    }

    /** The sketch of a value, given what the constant dataflow knows of it where it is used. */
    public StringSketch read(ValueNumber value, Constant constantAtUse) throws DataflowAnalysisException {
        return read(value, constantAtUse, 0);
    }

    private StringSketch read(ValueNumber value, Constant constant, int depth) throws DataflowAnalysisException {
        if (constant != null && constant.isConstantString()) {
            return StringSketch.literal(constant.getConstantString());
        }
        if (value != null && parameterSketches.containsKey(value.getNumber())) {
            return parameterSketches.get(value.getNumber());
        }
        Location producer = origins.producer(value);
        List<String> fieldValues = fieldValues(producer);
        if (fieldValues != null) {
            return fieldValues.size() == 1 ? StringSketch.literal(fieldValues.get(0)) : StringSketch.hole();
        }
        if (producer == null || depth > MAX_DEPTH || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return StringSketch.hole();
        }
        InvokeInstruction call = (InvokeInstruction) producer.getHandle().getInstruction();
        String owner = call.getClassName(cpg);
        String name = call.getMethodName(cpg);
        String signature = call.getSignature(cpg);
        if (call instanceof INVOKEDYNAMIC) {
            return readConcatenation((INVOKEDYNAMIC) call, producer, depth);
        }
        if (isStringBuilder(owner) && "toString".equals(name)) {
            return readBuilder(argumentValue(producer, call, -1), depth);
        }
        if ("java.text.MessageFormat".equals(owner) && "format".equals(name)
                && signature.startsWith("(Ljava/lang/String;")) {
            return readMessageFormat(argumentConstant(producer, call, 0));
        }
        if ("java.lang.String".equals(owner)) {
            switch (name) {
            case "format":
                int patternArg = signature.startsWith("(Ljava/util/Locale;") ? 1 : 0;
                return readFormat(argumentConstant(producer, call, patternArg),
                        formatArguments(argumentValue(producer, call, patternArg + 1), depth));
            case "formatted":
                return readFormat(argumentConstant(producer, call, -1),
                        formatArguments(argumentValue(producer, call, 0), depth));
            case "concat":
                return read(argumentValue(producer, call, -1), argumentConstant(producer, call, -1), depth + 1)
                        .then(read(argumentValue(producer, call, 0), argumentConstant(producer, call, 0), depth + 1));
            default:
                return StringSketch.hole();
            }
        }
        return StringSketch.hole();
    }

    /**
     * The value's sketch on each kind of path that builds it, at most {@link #MAX_ALTERNATIVES}: a
     * {@code StringBuilder} whose appends some paths skip (an attribute appended on one branch only) gives
     * one sketch per feasible combination of the skippable appends; a String returned by a helper method
     * of the application, one per return of the helper, with the caller's arguments in place of its
     * parameters. Anything else has the single sketch {@link #read} gives.
     */
    public List<StringSketch> readAlternatives(ValueNumber value, Constant constantAtUse)
            throws DataflowAnalysisException {
        return alternatives(value, constantAtUse, 0);
    }

    private List<StringSketch> alternatives(ValueNumber value, Constant constant, int depth)
            throws DataflowAnalysisException {
        if (constant != null && constant.isConstantString()) {
            return List.of(StringSketch.literal(constant.getConstantString()));
        }
        Location producer = origins.producer(value);
        if (producer != null && depth <= MAX_HELPER_DEPTH
                && producer.getHandle().getInstruction() instanceof InvokeInstruction
                && !(producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC)) {
            InvokeInstruction call = (InvokeInstruction) producer.getHandle().getInstruction();
            if (isStringBuilder(call.getClassName(cpg)) && "toString".equals(call.getMethodName(cpg))) {
                List<StringSketch> paths = builderPaths(argumentValue(producer, call, -1), producer);
                if (!paths.isEmpty()) {
                    return paths;
                }
            } else if ("Ljava/lang/String;".equals(call.getReturnType(cpg).getSignature())) {
                List<StringSketch> returned = helperReturns(producer, call, depth);
                if (!returned.isEmpty()) {
                    return returned;
                }
            }
        }
        return List.of(read(value, constant, 0));
    }

    /**
     * Where the text is made, when an application method builds and returns it ({@code String cookieHeader(String
     * token)}): the {@code return} of that text. A Set-Cookie text is changed there, so it is reported there, once for
     * all its callers, as a cookie object an application method makes is. Only when the method alone decides the text:
     * {@code decides} is handed the method's own sketches, its parameters unknown, and must find the cookie's name and
     * attributes there as the caller's reading found them (a name or attributes the caller passes in, or a text the
     * method only passes through, stay the caller's). Null for a text made here or by a library.
     */
    public Site textBuilder(ValueNumber value, java.util.function.Predicate<List<StringSketch>> decides)
            throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)
                || producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
            return null;
        }
        InvokeInstruction call = (InvokeInstruction) producer.getHandle().getInstruction();
        if (!"Ljava/lang/String;".equals(call.getReturnType(cpg).getSignature())) {
            return null;
        }
        CallTargets.Target target = CallTargets.resolve(call.getClassName(cpg).replace('.', '/'), call.getMethodName(cpg),
                call.getSignature(cpg));
        if (target == null || target.javaClass() == null || target.method() == null || target.method().getCode() == null
                || !QuietClasspath.isApplicationClass(target.javaClass().getClassName().replace('.', '/'))) {
            return null;
        }
        StringSketchReader callee = calleeReader(target);
        if (callee == null) {
            return null;
        }
        List<StringSketch> own = new ArrayList<>();
        Location textReturn = null;
        List<Location> returns = new ArrayList<>();
        for (Iterator<Location> it = callee.cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (location.getHandle().getInstruction() instanceof ARETURN) {
                returns.add(location);
            }
        }
        returns.sort(Comparator.comparingInt(l -> l.getHandle().getPosition()));
        for (Location location : returns) {
            ValueNumberFrame frame = callee.vna.getFactAtLocation(location);
            ConstantFrame constantFrame = callee.constants.getFactAtLocation(location);
            if (!frame.isValid() || !constantFrame.isValid() || callee.origins.isNullLiteral(frame.getTopValue())) {
                continue;
            }
            // The first return of a text (not a guard's return null) is the line the text is changed at.
            textReturn = textReturn == null ? location : textReturn;
            own.addAll(callee.alternatives(frame.getTopValue(), constantFrame.getTopValue(), 1));
        }
        if (textReturn == null || own.isEmpty() || !decides.test(own)) {
            return null;
        }
        return new Site(BCELUtil.getMethodDescriptor(target.javaClass(), target.method()),
                textReturn.getHandle().getPosition());
    }

    /** A reader of the target's own code, its parameters unknown; null when its analyses fail (logged). */
    private static StringSketchReader calleeReader(CallTargets.Target target) {
        try {
            ClassContext classContext = CalleeClassContexts.of(BCELUtil.getClassDescriptor(target.javaClass()));
            Method method = target.method();
            CFG calleeCfg = classContext.getCFG(method);
            ValueNumberDataflow calleeVna = classContext.getValueNumberDataflow(method);
            return new StringSketchReader(calleeCfg, calleeVna, classContext.getConstantDataflow(method),
                    classContext.getConstantPoolGen(), target.javaClass(),
                    ValueOrigins.of(calleeCfg, calleeVna, classContext.getConstantPoolGen()));
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read the String helper " + target.javaClass().getClassName()
                    + "." + target.method().getName(), e);
            return null;
        }
    }

    private static final int MAX_ALTERNATIVES = 8;
    private static final int MAX_HELPER_DEPTH = 3;
    private static final int MAX_SKIPPABLE_BLOCKS = 3;

    /** The sketches a String-returning application method returns, with this call's arguments substituted. */
    private List<StringSketch> helperReturns(Location producer, InvokeInstruction call, int depth)
            throws DataflowAnalysisException {
        CallTargets.Target target = CallTargets.resolve(call.getClassName(cpg).replace('.', '/'), call.getMethodName(cpg),
                call.getSignature(cpg));
        if (target == null || target.javaClass() == null) {
            return List.of();
        }
        // The caller's header is read without the helper, as a value known only at run time, when it cannot be read.
        StringSketchReader callee = calleeReader(target);
        if (callee == null) {
            return List.of();
        }
        int count = new SignatureParser(call.getSignature(cpg)).getNumParameters();
        for (int i = 0; i < count; i++) {
            callee.parameterSketches.put(callee.vna.getAnalysis().getEntryValueForParameter(i).getNumber(),
                    read(argumentValue(producer, call, i), argumentConstant(producer, call, i), 1));
        }
        List<StringSketch> all = new ArrayList<>();
        for (Iterator<Location> it = callee.cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (location.getHandle().getInstruction() instanceof ARETURN) {
                ValueNumberFrame frame = callee.vna.getFactAtLocation(location);
                ConstantFrame constantFrame = callee.constants.getFactAtLocation(location);
                if (!frame.isValid() || !constantFrame.isValid()) {
                    continue;
                }
                for (StringSketch sketch : callee.alternatives(frame.getTopValue(), constantFrame.getTopValue(),
                        depth + 1)) {
                    if (!all.contains(sketch) && all.size() < MAX_ALTERNATIVES) {
                        all.add(sketch);
                    }
                }
            }
        }
        return all;
    }

    /**
     * One sketch per feasible combination of the builder's skippable append blocks (blocks that some path
     * from the method's entry to the {@code toString()} avoids): a combination is feasible when a path
     * passes through its blocks, in code order, and through none of the others.
     */
    private List<StringSketch> builderPaths(ValueNumber builder, Location toString) throws DataflowAnalysisException {
        if (builder == null) {
            return List.of();
        }
        indexBuilders();
        List<Append> appends = appendsByBuilder.get(root(builder.getNumber()));
        if (appends == null) {
            return List.of();
        }
        BasicBlock end = toString.getBasicBlock();
        List<BasicBlock> skippable = new ArrayList<>();
        for (Append append : appends) {
            if (append.block != end && !skippable.contains(append.block)
                    && reaches(cfg.getEntry(), end, Set.of(append.block))) {
                skippable.add(append.block);
            }
        }
        // A field read with several known values ("; SameSite=" + this.sameSite) gives a sketch per value too.
        boolean fieldChoices = false;
        for (Append append : appends) {
            List<String> values = fieldValues(origins.producer(append.value));
            fieldChoices |= values != null && values.size() > 1;
        }
        if (!fieldChoices && (skippable.isEmpty() || skippable.size() > MAX_SKIPPABLE_BLOCKS)) {
            return List.of();
        }
        if (skippable.size() > MAX_SKIPPABLE_BLOCKS) {
            // Too many for one sketch per path: every append taken, as read() does, one sketch per field value.
            skippable.clear();
        }
        skippable.sort(Comparator.comparingInt(b -> b.getFirstInstruction() == null ? -1
                : b.getFirstInstruction().getPosition()));
        List<StringSketch> sketches = new ArrayList<>();
        for (int mask = 0; mask < (1 << skippable.size()); mask++) {
            Set<BasicBlock> taken = new HashSet<>();
            Set<BasicBlock> avoided = new HashSet<>();
            for (int i = 0; i < skippable.size(); i++) {
                ((mask & (1 << i)) != 0 ? taken : avoided).add(skippable.get(i));
            }
            if (!feasible(skippable, taken, avoided, end)) {
                continue;
            }
            List<StringSketch> path = List.of(StringSketch.literal(""));
            for (Append append : appends) {
                if (avoided.contains(append.block)) {
                    continue;
                }
                List<String> values = append.value == null ? null : fieldValues(origins.producer(append.value));
                List<StringSketch> parts = values == null || values.size() == 1
                        ? List.of(append.value == null && append.constant == null ? StringSketch.hole()
                                : read(append.value, append.constant, 1))
                        : values.stream().map(StringSketch::literal).collect(java.util.stream.Collectors.toList());
                List<StringSketch> longer = new ArrayList<>();
                for (StringSketch start : path) {
                    for (StringSketch part : parts) {
                        if (longer.size() < MAX_ALTERNATIVES) {
                            longer.add(start.then(part));
                        }
                    }
                }
                path = longer;
            }
            for (StringSketch sketch : path) {
                if (!sketches.contains(sketch) && sketches.size() < MAX_ALTERNATIVES) {
                    sketches.add(sketch);
                }
            }
        }
        return sketches;
    }

    /** For a value read from an application's String field, the constants the field can hold ({@link FieldStrings}). */
    private List<String> fieldValues(Location producer) {
        Set<String> values = FieldStrings.current().readBy(producer, cpg);
        return values == null ? null : new ArrayList<>(values);
    }

    private boolean feasible(List<BasicBlock> ordered, Set<BasicBlock> taken, Set<BasicBlock> avoided, BasicBlock end) {
        BasicBlock from = cfg.getEntry();
        for (BasicBlock block : ordered) {
            if (taken.contains(block)) {
                if (!reaches(from, block, avoided)) {
                    return false;
                }
                from = block;
            }
        }
        return reaches(from, end, avoided);
    }

    /** Whether {@code to} can be reached from {@code from} along normal edges without entering {@code avoided}. */
    private boolean reaches(BasicBlock from, BasicBlock to, Set<BasicBlock> avoided) {
        Deque<BasicBlock> work = new ArrayDeque<>();
        Set<BasicBlock> seen = new HashSet<>();
        work.add(from);
        seen.add(from);
        while (!work.isEmpty()) {
            BasicBlock block = work.poll();
            for (Iterator<Edge> it = cfg.outgoingEdgeIterator(block); it.hasNext();) {
                Edge edge = it.next();
                BasicBlock next = edge.getTarget();
                if (edge.isExceptionEdge() || avoided.contains(next) || !seen.add(next)) {
                    continue;
                }
                if (next == to) {
                    return true;
                }
                work.add(next);
            }
        }
        return false;
    }

    private StringSketch readConcatenation(INVOKEDYNAMIC call, Location producer, int depth)
            throws DataflowAnalysisException {
        String name = call.getMethodName(cpg);
        int count = new SignatureParser(call.getSignature(cpg)).getNumParameters();
        List<String> bootstrapStrings = bootstrapStrings(call);
        String recipe;
        if ("makeConcatWithConstants".equals(name) && !bootstrapStrings.isEmpty()) {
            recipe = bootstrapStrings.get(0);
        } else if ("makeConcat".equals(name)) {
            recipe = "\u0001".repeat(count);
        } else {
            return StringSketch.hole();
        }
        StringSketch sketch = StringSketch.literal("");
        int argument = 0;
        int constant = 1;
        StringBuilder literal = new StringBuilder();
        for (char c : recipe.toCharArray()) {
            if (c == '\u0001' || c == '\u0002') {
                sketch = sketch.then(StringSketch.literal(literal.toString()));
                literal.setLength(0);
                if (c == '\u0001') {
                    sketch = sketch.then(read(argumentValue(producer, call, argument),
                            argumentConstant(producer, call, argument), depth + 1));
                    argument++;
                } else {
                    sketch = sketch.then(constant < bootstrapStrings.size()
                            ? StringSketch.literal(bootstrapStrings.get(constant)) : StringSketch.hole());
                    constant++;
                }
            } else {
                literal.append(c);
            }
        }
        return sketch.then(StringSketch.literal(literal.toString()));
    }

    /** The String constants among the bootstrap arguments of an invokedynamic, in order. */
    private List<String> bootstrapStrings(INVOKEDYNAMIC call) {
        List<String> strings = new ArrayList<>();
        ConstantPool pool = javaClass.getConstantPool();
        ConstantInvokeDynamic dynamic = (ConstantInvokeDynamic) pool.getConstant(call.getIndex());
        for (org.apache.bcel.classfile.Constant argument : BootstrapArguments.of(javaClass, dynamic)) {
            strings.add(argument instanceof ConstantString ? ((ConstantString) argument).getBytes(pool) : null);
        }
        return strings;
    }

    /**
     * A format pattern with its {@code %s} (and {@code %d}) specifiers replaced by what is known of the
     * varargs elements they format (a constant cookie name, a zero max age); other specifiers are holes.
     */
    private StringSketch readFormat(Constant pattern, List<StringSketch> arguments) {
        if (pattern == null || !pattern.isConstantString()) {
            return StringSketch.hole();
        }
        Matcher matcher = FORMAT_SPECIFIER.matcher(pattern.getConstantString());
        StringSketch sketch = StringSketch.literal("");
        int last = 0;
        int next = 0;
        while (matcher.find()) {
            sketch = sketch.then(StringSketch.literal(pattern.getConstantString().substring(last, matcher.start())));
            String specifier = matcher.group();
            if (specifier.endsWith("%")) {
                sketch = sketch.then(StringSketch.literal("%"));
            } else if (specifier.endsWith("n")) {
                sketch = sketch.then(StringSketch.literal("\n"));
            } else {
                Matcher position = EXPLICIT_INDEX.matcher(specifier);
                int index = position.lookingAt() ? Integer.parseInt(position.group(1)) - 1 : next++;
                boolean plain = specifier.length() == 2 || position.matches();
                boolean textual = specifier.endsWith("s") || specifier.endsWith("d");
                sketch = sketch.then(plain && textual && index >= 0 && index < arguments.size() ? arguments.get(index)
                        : StringSketch.hole());
            }
            last = matcher.end();
        }
        return sketch.then(StringSketch.literal(pattern.getConstantString().substring(last)));
    }

    private static final Pattern EXPLICIT_INDEX = Pattern.compile("%(\\d+)\\$[sd]");

    /**
     * {@code MessageFormat.format("{0}={1}; Path=/; HttpOnly", name, value)}: the pattern's text, with a hole for each
     * {@code {n...}} argument and its quoting undone ({@code ''} is a quote, text in quotes is literal).
     */
    private static StringSketch readMessageFormat(Constant pattern) {
        if (pattern == null || !pattern.isConstantString()) {
            return StringSketch.hole();
        }
        String text = pattern.getConstantString();
        StringSketch sketch = StringSketch.literal("");
        StringBuilder literal = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    literal.append('\'');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '{' && !quoted) {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    return StringSketch.hole();
                }
                sketch = sketch.then(StringSketch.literal(literal.toString())).then(StringSketch.hole());
                literal.setLength(0);
                i = close;
            } else {
                literal.append(c);
            }
        }
        return sketch.then(StringSketch.literal(literal.toString()));
    }

    /**
     * The sketches of a varargs array's elements, by index, from the stores that fill it in this method
     * (javac's {@code new Object[]{...}}); an element stored more than once, or boxed, is a hole.
     */
    private List<StringSketch> formatArguments(ValueNumber array, int depth) throws DataflowAnalysisException {
        List<StringSketch> elements = new ArrayList<>();
        if (array == null || depth > MAX_DEPTH) {
            return elements;
        }
        Map<Integer, StringSketch> byIndex = new HashMap<>();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (!(location.getHandle().getInstruction() instanceof org.apache.bcel.generic.AASTORE)) {
                continue;
            }
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            ConstantFrame constantFrame = constants.getFactAtLocation(location);
            if (!frame.isValid() || !constantFrame.isValid() || frame.getStackDepth() < 3
                    || !frame.getStackValue(2).equals(array)) {
                continue;
            }
            Constant index = constantFrame.getStackValue(1);
            if (!index.isConstantInteger()) {
                return elements;
            }
            StringSketch element = read(frame.getStackValue(0), constantFrame.getStackValue(0), depth + 1);
            Number literal = origins.numberLiteral(unboxedNumber(frame.getStackValue(0)));
            if (literal != null) {
                element = StringSketch.literal(literal.toString());
            }
            byIndex.merge(index.getConstantInt(), element, (a, b) -> StringSketch.hole());
        }
        for (int i = 0; byIndex.containsKey(i); i++) {
            elements.add(byIndex.get(i));
        }
        return elements;
    }

    /** For {@code Integer.valueOf(x)} (javac's boxing of a format argument), the value {@code x}. */
    private ValueNumber unboxedNumber(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof InvokeInstruction) {
            InvokeInstruction call = (InvokeInstruction) producer.getHandle().getInstruction();
            if ("valueOf".equals(call.getMethodName(cpg)) && (call.getClassName(cpg).equals("java.lang.Integer")
                    || call.getClassName(cpg).equals("java.lang.Long"))) {
                ValueNumberFrame frame = vna.getFactAtLocation(producer);
                if (frame.isValid() && frame.getStackDepth() > 0) {
                    return frame.getTopValue();
                }
            }
        }
        return null;
    }

    /** Everything appended to one builder object, in code order; path-insensitive by design. */
    private StringSketch readBuilder(ValueNumber builder, int depth) throws DataflowAnalysisException {
        if (builder == null) {
            return StringSketch.hole();
        }
        indexBuilders();
        List<Append> appends = appendsByBuilder.get(root(builder.getNumber()));
        if (appends == null) {
            return StringSketch.hole();
        }
        StringSketch sketch = StringSketch.literal("");
        for (Append append : appends) {
            sketch = sketch.then(append.value == null && append.constant == null ? StringSketch.hole()
                    : read(append.value, append.constant, depth + 1));
        }
        return sketch;
    }

    private void indexBuilders() throws DataflowAnalysisException {
        if (appendsByBuilder != null) {
            return;
        }
        appendsByBuilder = new HashMap<>();
        List<Location> locations = new ArrayList<>();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            locations.add(it.next());
        }
        locations.sort(Comparator.comparingInt(l -> l.getHandle().getPosition()));
        for (Location location : locations) {
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            String name = call.getMethodName(cpg);
            if (!isStringBuilder(call.getClassName(cpg)) || !("append".equals(name) || "<init>".equals(name))) {
                continue;
            }
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (!frame.isValid()) {
                continue;
            }
            ValueNumber receiver = frame.getInstance(call, cpg);
            int builder = root(receiver.getNumber());
            String signature = call.getSignature(cpg);
            boolean textual = signature.startsWith("(Ljava/lang/String;") || signature.startsWith("(Ljava/lang/CharSequence;");
            if ("append".equals(name)) {
                ValueNumberFrame after = vna.getFactAfterLocation(location);
                if (after.isValid() && after.getStackDepth() > 0) {
                    builderAliases.put(after.getTopValue().getNumber(), builder);
                }
            }
            if (new SignatureParser(signature).getNumParameters() == 1 && (textual || "append".equals(name))) {
                Constant character = signature.startsWith("(C)") ? argumentConstant(location, call, 0) : null;
                appendsByBuilder.computeIfAbsent(builder, b -> new ArrayList<>())
                        .add(textual ? new Append(argumentValue(location, call, 0), argumentConstant(location, call, 0),
                                location.getBasicBlock())
                                // append('='): a constant character is text like any other.
                                : character != null && character.isConstantInteger()
                                        ? new Append(null, new Constant(String.valueOf((char) character.getConstantInt())),
                                                location.getBasicBlock())
                                        : new Append(null, null, location.getBasicBlock()));
            }
        }
    }

    private int root(int value) {
        Integer alias = builderAliases.get(value);
        return alias == null ? value : alias;
    }

    private static boolean isStringBuilder(String dottedName) {
        return "java.lang.StringBuilder".equals(dottedName) || "java.lang.StringBuffer".equals(dottedName);
    }

    /** The value of argument {@code index} (-1: the receiver) of the call at a location. */
    private ValueNumber argumentValue(Location location, InvokeInstruction call, int index)
            throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (!frame.isValid()) {
            return null;
        }
        return index < 0 ? frame.getInstance(call, cpg) : frame.getArgument(call, cpg, index, new SignatureParser(call.getSignature(cpg)));
    }

    private Constant argumentConstant(Location location, InvokeInstruction call, int index)
            throws DataflowAnalysisException {
        ConstantFrame frame = constants.getFactAtLocation(location);
        if (!frame.isValid()) {
            return null;
        }
        return index < 0 ? frame.getInstance(call, cpg) : frame.getArgument(call, cpg, index, new SignatureParser(call.getSignature(cpg)));
    }

    private static final class Append {
        final ValueNumber value;
        final Constant constant;
        final BasicBlock block;

        Append(ValueNumber value, Constant constant, BasicBlock block) {
            this.value = value;
            this.constant = constant;
            this.block = block;
        }
    }
}
