package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.bcel.BCELUtil;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import edu.umd.cs.findbugs.ba.SignatureParser;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.engine.AnalysisStats;
import io.github.sessionguard.flow.CalleeClassContexts;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.MethodReach;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.TextSearch;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Method summaries of the application, computed on demand and memoised, so that every method is analysed
 * once whichever class SpotBugs visits first.
 *
 * <p>Recursion: a call to a method whose summary is being computed closes a cycle; every method on that
 * cycle, and every method calling one, is opaque to its callers (cookies handed to it are no longer
 * followed). That rule names the same methods whatever the order of the questions, so results do not
 * depend on it, and the analysis ends.
 */
final class CookieSummaries {
    /** The class screens' texts (this class's and the per-method CookieMethodReach): the catalogue's types. */
    static final TextSearch COOKIE_TYPES = TextSearch.of(CookieCatalogue.relevantTypes());
    /** ... and the Set-Cookie header's name and the constant field naming it, in any letter case. */
    static final TextSearch HEADER_TEXTS = TextSearch.ignoringCase(
            List.of(CookieCatalogue.headerName(), CookieCatalogue.headerField()));

    /** Deeper call chains than this are not followed (a guard against stack exhaustion). */
    private static final int MAX_DEPTH = 40;

    private final BugReporter bugReporter;
    private final MethodReach flagCarriers = new MethodReach(CookieSummaries::createsCookie, this::carriesFlag);
    private final Map<String, Boolean> relevantClasses = new HashMap<>();
    private final io.github.sessionguard.flow.CallReach methodReach =
            new io.github.sessionguard.flow.CallReach(new CookieMethodReach());
    private final Map<MethodDescriptor, MethodSummary> done = new HashMap<>();
    private final Deque<MethodDescriptor> inProgress = new ArrayDeque<>();
    private final Set<MethodDescriptor> recursive = new HashSet<>();
    private final CookieSubclasses subclasses = new CookieSubclasses();
    /** Each application class's answer as a builder ({@link #NOT_A_BUILDER}: it is none). */
    private final Map<String, Object> builders = new HashMap<>();
    private static final Object NOT_A_BUILDER = new Object();
    /** Each application class read once as a builder or settings object, screen aside (see {@link #settingsOf}). */
    private final Map<String, Object> settings = new HashMap<>();
    /** Each class's static initialiser, read once for all of its constants. */
    private final Map<String, MethodContext> initialisers = new HashMap<>();
    /** The fields of each static final constant of a builder or settings class, read once (an empty map: unreadable). */
    private final Map<String, Map<Integer, FieldValue>> constants = new HashMap<>();
    /** The builder fields each factory method's returned object has, in its own terms (an empty map: unreadable). */
    private final Map<MethodDescriptor, Map<Integer, FieldValue>> factories = new HashMap<>();
    /** Factories nested deeper than this are not read (a guard against stack exhaustion). */
    private static final int MAX_FACTORY_DEPTH = 16;
    /** Reads of fields through arguments nested deeper than this are not made (see {@link #enterFieldRead}). */
    private static final int MAX_FIELD_READS = 64;
    /** How deeply reads of fields through arguments are nested now. */
    private int fieldReads;
    /** Some read under way reached {@link #MAX_FACTORY_DEPTH}: what it answers depends on where it began, so is not kept. */
    private boolean factoryReadCut;

    /**
     * Starts a read of a field's value through the call that wrote it, which may lead into further objects' fields (a
     * copy of a copy, factories that lead back into each other); false, and nothing started, when such reads are nested
     * {@link #MAX_FIELD_READS} deep (a guard against stack exhaustion: the value is then not known).
     */
    boolean enterFieldRead() {
        if (fieldReads >= MAX_FIELD_READS) {
            return false;
        }
        fieldReads++;
        return true;
    }

    void exitFieldRead() {
        fieldReads--;
    }

    CookieSummaries(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** The cheap screen: the class names a catalogue type or a Set-Cookie header. */
    static boolean passesScreen(JavaClass javaClass) {
        return ConstantPoolScreen.mentionsAny(javaClass, COOKIE_TYPES, HEADER_TEXTS);
    }

    /**
     * A class is analysed when it names a cookie type or header itself (every factory, helper taking a
     * cookie, and their callers do: the cookie type is in the call's descriptor), or when it calls an
     * application method taking a boolean or a String that, directly or through further such calls, creates
     * a cookie: its constant may be the cookie's flag, or its name or value (which rank the finding); or
     * when it constructs an application subclass of a catalogue type.
     */
    boolean isRelevant(JavaClass javaClass) {
        return relevantClasses.computeIfAbsent(javaClass.getClassName(),
                name -> passesScreen(javaClass) || flagCarriers.classCallsReachingMethod(javaClass)
                        || subclasses.constructsOne(javaClass));
    }

    /** The application's subclasses of catalogue types, for this analysis. */
    CookieSubclasses subclasses() {
        return subclasses;
    }

    /** The same for a call's target: its class is parsed only when the answer is not known yet. */
    private boolean isRelevant(CallTargets.Target target) {
        Boolean known = relevantClasses.get(target.className());
        if (known != null) {
            return known;
        }
        return target.javaClass() != null && isRelevant(target.javaClass());
    }

    /** The same screen for one method of a class that passed it: can its own analysis find anything? */
    boolean isWorthAnalysing(JavaClass javaClass, Method method) {
        return methodReach.reaches(javaClass, method);
    }

    /**
     * The class as a builder of cookies (see {@link BuilderClass}), or null: only application classes that name a
     * cookie type or the Set-Cookie header (their build method makes the cookie) count; the class is read once, as a
     * settings object is (see {@link #settingsOf}).
     */
    BuilderClass builderOf(String slashedClassName) {
        Object known = builders.get(slashedClassName);
        if (known == null) {
            BuilderClass builder = namesCookie(slashedClassName) ? settingsOf(slashedClassName) : null;
            known = builder == null ? NOT_A_BUILDER : builder;
            builders.put(slashedClassName, known);
        }
        return known == NOT_A_BUILDER ? null : (BuilderClass) known;
    }

    /**
     * The class as a settings object whose fields a method reads to make a cookie ({@code policy.secure()} in
     * {@code Cookies.build(name, value, policy)}), or null: any application class keeping values in fields that its
     * constructors or fluent setters fill, whether or not it names a cookie type itself. Asked only for the object a
     * flag's value was read from, and by {@link #builderOf}.
     */
    BuilderClass settingsOf(String slashedClassName) {
        Object known = settings.get(slashedClassName);
        if (known == null) {
            BuilderClass builder = null;
            try {
                JavaClass javaClass = applicationClass(slashedClassName);
                builder = javaClass == null ? null : BuilderClass.read(javaClass, CalleeClassContexts.of(
                        DescriptorFactory.createClassDescriptor(slashedClassName)));
            } catch (CheckedAnalysisException | RuntimeException e) {
                bugReporter.logError("SessionGuard could not read " + slashedClassName + " as a cookie builder: " + e, e);
            }
            known = builder == null ? NOT_A_BUILDER : builder;
            settings.put(slashedClassName, known);
        }
        return known == NOT_A_BUILDER ? null : (BuilderClass) known;
    }

    /** Does the application class name a cookie type or the Set-Cookie header (see {@link #passesScreen})? */
    private boolean namesCookie(String slashedClassName) {
        try {
            JavaClass javaClass = applicationClass(slashedClassName);
            return javaClass != null && passesScreen(javaClass);
        } catch (CheckedAnalysisException | RuntimeException e) {
            bugReporter.logError("SessionGuard could not read " + slashedClassName + " as a cookie builder: " + e, e);
            return false;
        }
    }

    /** The class when it is the application's own (not the JDK's nor a library's), else null. */
    private static JavaClass applicationClass(String slashedClassName) throws CheckedAnalysisException {
        if (slashedClassName.startsWith("java/") || !io.github.sessionguard.flow.QuietClasspath.isApplicationClass(slashedClassName)) {
            return null;
        }
        return CalleeClassContexts.of(DescriptorFactory.createClassDescriptor(slashedClassName)).getJavaClass();
    }

    /**
     * The builder fields of the object a call's target returns, in the terms of {@code arguments} (this call's), or
     * null when the target is not an application method that returns one readable builder chain.
     */
    Map<Integer, FieldValue> factoryFields(io.github.sessionguard.flow.CallAt call, BuilderClass builder, int depth,
            CallArguments arguments) {
        CallTargets.Target target = CallTargets.resolve(call.owner(), call.name(), call.descriptor());
        if (target == null || target.javaClass() == null || target.method() == null) {
            return null;
        }
        MethodDescriptor factory = DescriptorFactory.instance().getMethodDescriptor(target.slashedClassName(),
                target.name(), target.descriptor(), target.isStatic());
        Map<Integer, FieldValue> inner = memoised(factories, factory, depth,
                () -> readFactory(target, factory, builder, depth));
        if (inner == null) {
            return null;
        }
        Map<Integer, FieldValue> outer = new HashMap<>();
        inner.forEach((field, value) -> outer.put(field, FieldValue.through(value, arguments)));
        return outer;
    }

    /**
     * The builder fields of the object a static final field holds ({@code CookiePolicy.REMEMBER}, an enum's constant),
     * read from the one expression its class's static initialiser stores there; null when it cannot be read.
     */
    Map<Integer, FieldValue> constantFields(String owner, String field, BuilderClass builder, int depth) {
        return memoised(constants, owner + "." + field, depth, () -> readConstant(owner, field, builder, depth));
    }

    /**
     * A factory's or constant's fields, read once into {@code memo} (an empty map: unreadable); null when unreadable or
     * nested more than {@link #MAX_FACTORY_DEPTH} deep. One reached again while it is read (recursion) is unreadable,
     * as is every one of a cycle; an answer given under a cut depends on where the reading began, so is not kept.
     */
    private <K> Map<Integer, FieldValue> memoised(Map<K, Map<Integer, FieldValue>> memo, K key, int depth,
            java.util.function.Supplier<Map<Integer, FieldValue>> read) {
        Map<Integer, FieldValue> known = memo.get(key);
        if (known == null && depth > MAX_FACTORY_DEPTH) {
            factoryReadCut = true;
            return null;
        }
        if (known == null) {
            memo.put(key, Map.of());
            boolean outermost = depth <= 1;
            known = read.get();
            if (factoryReadCut) {
                memo.remove(key);
            } else {
                memo.put(key, known);
            }
            if (outermost) {
                factoryReadCut = false;
            }
        }
        return known.isEmpty() ? null : known;
    }

    private Map<Integer, FieldValue> readConstant(String owner, String field, BuilderClass builder, int depth) {
        try {
            edu.umd.cs.findbugs.ba.XClass xClass = io.github.sessionguard.flow.QuietClasspath.find(owner);
            edu.umd.cs.findbugs.ba.XField xField = xClass == null ? null : xClass.findField(field, "L" + builder.className() + ";", true);
            CallTargets.Target target = xField != null && xField.isFinal()
                    ? CallTargets.resolve(owner, "<clinit>", "()V") : null;
            if (target == null || target.javaClass() == null || target.method() == null
                    || !target.slashedClassName().equals(owner)) {
                return Map.of();
            }
            MethodContext context = initialisers.get(owner);
            if (context == null) {
                context = contextOf(target, DescriptorFactory.instance().getMethodDescriptor(owner, "<clinit>", "()V", true))
                        .readingSettings();
                initialisers.put(owner, context);
            }
            org.apache.bcel.generic.ConstantPoolGen cpg = context.cpg();
            edu.umd.cs.findbugs.ba.vna.ValueNumber stored = onlyValueAt(context, instruction ->
                    instruction instanceof org.apache.bcel.generic.PUTSTATIC
                    && field.equals(((org.apache.bcel.generic.PUTSTATIC) instruction).getFieldName(cpg))
                    && owner.equals(((org.apache.bcel.generic.PUTSTATIC) instruction).getClassName(cpg).replace('.', '/')));
            Map<Integer, FieldValue> fields = stored == null ? null : ReceiverFields.read(context, stored, builder, null, depth);
            return fields == null ? Map.of() : fields;
        } catch (CheckedAnalysisException | RuntimeException e) {
            bugReporter.logError("SessionGuard could not read the constant " + owner + "." + field + ": " + e, e);
            return Map.of();
        }
    }

    /**
     * The value on top of the stack at the one instruction of the method that {@code at} accepts (what a method returns,
     * what its static initialiser stores in a field); null when there is none, or several.
     */
    private static edu.umd.cs.findbugs.ba.vna.ValueNumber onlyValueAt(MethodContext context,
            java.util.function.Predicate<org.apache.bcel.generic.Instruction> at)
            throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
        edu.umd.cs.findbugs.ba.vna.ValueNumber found = null;
        for (java.util.Iterator<edu.umd.cs.findbugs.ba.Location> it = context.cfg().locationIterator(); it.hasNext();) {
            edu.umd.cs.findbugs.ba.Location location = it.next();
            if (at.test(location.getHandle().getInstruction())) {
                edu.umd.cs.findbugs.ba.vna.ValueNumberFrame frame = context.vna().getFactAtLocation(location);
                if (found != null || !frame.isValid()) {
                    return null;
                }
                found = frame.getTopValue();
            }
        }
        return found;
    }

    private Map<Integer, FieldValue> readFactory(CallTargets.Target target, MethodDescriptor factory, BuilderClass builder,
            int depth) {
        try {
            MethodContext context = contextOf(target, factory).readingSettings();
            // Several returns: the object is not one chain's.
            edu.umd.cs.findbugs.ba.vna.ValueNumber returned = onlyValueAt(context,
                    instruction -> instruction instanceof org.apache.bcel.generic.ARETURN);
            Map<Integer, FieldValue> fields = returned == null ? null
                    : ReceiverFields.read(context, returned, builder, null, depth);
            return fields == null ? Map.of() : fields;
        } catch (CheckedAnalysisException | RuntimeException e) {
            bugReporter.logError("SessionGuard could not read the builder " + factory + " returns: " + e, e);
            return Map.of();
        }
    }

    /**
     * The one test of its cookie's name a wrapper's method makes ({@code if (cookie.getName().startsWith("forum_"))}),
     * holding on its true side; null when it makes none, or several different ones.
     */
    NameCondition nameTestOf(String owner, String name, String descriptor) {
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target == null || target.javaClass() == null || target.method() == null || target.isStatic()) {
            return null;
        }
        try {
            MethodContext context = contextOf(target, DescriptorFactory.instance().getMethodDescriptor(
                    target.slashedClassName(), target.name(), target.descriptor(), target.isStatic()));
            edu.umd.cs.findbugs.ba.vna.ValueNumber cookie = context.vna().getAnalysis().getEntryValueForParameter(0);
            NameCondition found = null;
            for (java.util.Iterator<edu.umd.cs.findbugs.ba.BasicBlock> it = context.cfg().blockIterator(); it.hasNext();) {
                NameCondition tested = NameCondition.testedBy(it.next(), context.vna(), context.origins(), context.cpg(),
                        cookie::equals);
                if (tested != null && found != null && !found.equals(tested)) {
                    return null;
                }
                found = tested != null ? tested : found;
            }
            return found;
        } catch (CheckedAnalysisException | RuntimeException e) {
            bugReporter.logError("SessionGuard could not read the name tests of " + owner + "." + name + ": " + e, e);
            return null;
        }
    }

    /** The method's summary on the paths where {@code assumed} holds (not memoised: asked once per wrapper). */
    MethodSummary assuming(String owner, String name, String descriptor, NameCondition assumed) {
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target == null || target.javaClass() == null || target.method() == null) {
            return MethodSummary.OPAQUE;
        }
        MethodDescriptor callee = DescriptorFactory.instance().getMethodDescriptor(target.slashedClassName(),
                target.name(), target.descriptor(), target.isStatic());
        try {
            ClassContext classContext = CalleeClassContexts.of(BCELUtil.getClassDescriptor(target.javaClass()));
            return new CookieMethodAnalysis(classContext, target.method(), callee, this, assumed).run();
        } catch (CheckedAnalysisException | RuntimeException e) {
            bugReporter.logError("SessionGuard could not summarise " + callee + " where " + assumed + ": " + e, e);
            return MethodSummary.OPAQUE;
        }
    }

    /** A method context for a call target's body, read outside the summaries' own analysis of it. */
    private MethodContext contextOf(CallTargets.Target target, MethodDescriptor descriptor) throws CheckedAnalysisException {
        ClassContext classContext = CalleeClassContexts.of(BCELUtil.getClassDescriptor(target.javaClass()));
        Method method = target.method();
        edu.umd.cs.findbugs.ba.CFG cfg = classContext.getCFG(method);
        edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow vna = classContext.getValueNumberDataflow(method);
        return new MethodContext(descriptor, cfg, classContext.getConstantPoolGen(), vna,
                classContext.getConstantDataflow(method),
                io.github.sessionguard.flow.ValueOrigins.of(cfg, vna, classContext.getConstantPoolGen()), this)
                .inClass(target.javaClass());
    }

    private static boolean createsCookie(String owner, String name, String descriptor) {
        CookieCallMatch match = CookieCatalogue.lookup(owner, name, descriptor);
        return match != null && (match.call().role() == CookieCall.Role.CREATE
                || match.call().role() == CookieCall.Role.CREATE_ANY_CONSTRUCTOR);
    }

    /**
     * A call that may carry a cookie's flag, name or value: an application method taking a boolean or a String, or any
     * method of a cookie builder (its receiver carries them: {@code CookieSpec.named("x").sameSite("None").apply(resp)}).
     */
    private boolean carriesFlag(String owner, String name, String descriptor) {
        if (owner.startsWith("java/") || owner.startsWith("[")) {
            return false;
        }
        if (builderOf(owner) != null) {
            return true;
        }
        for (String argument : new SignatureParser(descriptor).getArguments()) {
            if ("Z".equals(argument) || "Ljava/lang/Boolean;".equals(argument) || "Ljava/lang/String;".equals(argument)) {
                return true;
            }
        }
        return false;
    }

    /** The method's own analysis: its findings, and its summary for callers (which may be opaque). */
    MethodSummary analysisOf(JavaClass javaClass, Method method) throws CheckedAnalysisException {
        MethodDescriptor descriptor = BCELUtil.getMethodDescriptor(javaClass, method);
        MethodSummary summary = done.get(descriptor);
        if (summary == null) {
            summary = compute(javaClass, method, descriptor, true);
        }
        return summary;
    }

    /**
     * The summary a caller uses for a call to an application method: null when the call is not worth
     * following, {@link MethodSummary#OPAQUE} when its effect is unknown. A method that calls a recursive
     * one becomes opaque to its own callers too.
     */
    MethodSummary forCall(String owner, String name, String descriptor, boolean consumesCookie) {
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target == null) {
            return consumesCookie ? forAnyImplementation(owner, name, descriptor) : null;
        }
        if (!(consumesCookie || isRelevant(target))) {
            return null;
        }
        return forTarget(target);
    }

    /**
     * A cookie handed to an interface method with several application implementations (a response
     * facade or an execution context): it is sent where any of them sends it.
     */
    private MethodSummary forAnyImplementation(String owner, String name, String descriptor) {
        List<CallTargets.Target> targets = CallTargets.implementations(owner, name, descriptor);
        if (targets.isEmpty()) {
            return null;
        }
        List<MethodSummary> summaries = new java.util.ArrayList<>();
        for (CallTargets.Target target : targets) {
            summaries.add(forTarget(target));
        }
        return MethodSummary.anyOf(summaries);
    }

    private MethodSummary forTarget(CallTargets.Target target) {
        MethodDescriptor callee = DescriptorFactory.instance().getMethodDescriptor(target.slashedClassName(),
                target.name(), target.descriptor(), target.isStatic());
        MethodSummary summary;
        if (inProgress.contains(callee)) {
            markCycle(callee);
            summary = MethodSummary.OPAQUE;
        } else {
            summary = done.get(callee);
            if (summary == null && target.javaClass() == null) {
                summary = MethodSummary.OPAQUE; // its class cannot be read (reported by the target)
            } else if (summary == null) {
                try {
                    summary = compute(target.javaClass(), target.method(), callee, false);
                } catch (CheckedAnalysisException | RuntimeException e) {
                    // compute() reports its own failures; this only catches what escapes it.
                    bugReporter.logError("SessionGuard could not summarise " + callee + ": " + e, e);
                    summary = MethodSummary.OPAQUE;
                }
            }
        }
        boolean opaque = recursive.contains(callee) || !summary.isFollowed();
        if (opaque && !inProgress.isEmpty() && recursive.contains(callee)) {
            recursive.add(inProgress.peek());
        }
        return opaque ? MethodSummary.OPAQUE : summary;
    }

    private void markCycle(MethodDescriptor head) {
        for (MethodDescriptor method : inProgress) {
            recursive.add(method);
            if (method.equals(head)) {
                return;
            }
        }
    }

    private MethodSummary compute(JavaClass javaClass, Method method, MethodDescriptor descriptor, boolean rethrow)
            throws CheckedAnalysisException {
        if (inProgress.size() >= MAX_DEPTH) {
            return MethodSummary.OPAQUE;
        }
        inProgress.push(descriptor);
        MethodSummary summary;
        try {
            ClassContext classContext = CalleeClassContexts.of(BCELUtil.getClassDescriptor(javaClass));
            AnalysisStats.ofThisAnalysis().cookieAnalysed(descriptor);
            summary = new CookieMethodAnalysis(classContext, method, descriptor, this, null).run();
        } catch (CheckedAnalysisException | RuntimeException e) {
            summary = MethodSummary.OPAQUE;
            done.put(descriptor, summary);
            if (rethrow) {
                throw e;
            }
            bugReporter.logError("SessionGuard could not summarise " + descriptor + ": " + e, e);
            return summary;
        } finally {
            inProgress.pop();
        }
        done.put(descriptor, summary);
        return summary;
    }
}
