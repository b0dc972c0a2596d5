package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.PostDominatorsAnalysis;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.bcel.BCELUtil;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue.CookieRewriteHook;
import io.github.sessionguard.cookies.CookiePolicyFacts.SameSitePolicy;
import edu.umd.cs.findbugs.ba.XClass;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.NamedReferences;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.RawInstructions;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads one response filter class for a {@link CookieRewriteHook}: it reads the response's cookies (where the hook
 * defers, in a callback run at commit), copies each ({@code mutate()}, {@code new NewCookie.Builder(cookie)}, or a
 * rebuild from {@code cookie.getName()}) and sets flags on the copy that a method answers, and never
 * picks a cookie by name, nor tests a text or a set anywhere but in that method (which may choose the cookies or
 * requests it hardens) or in a method that rewrites a header text (which tests what the text lacks). A flag set on
 * every path of its method (post-dominating the entry) with a protective constant is set on every cookie of the hook's
 * types; a SameSite chosen only for cookies without their own ({@code cookie.getSameSite() != null ?
 * cookie.getSameSite() : "Lax"}, or set under a test of {@code getSameSite()}) is given to those.
 */
final class CookieRewriteHookScan {
    /** A method that rewrites one header text: {@code static String harden(String header)}. */
    private static final String TEXT_REWRITE = "(Ljava/lang/String;)Ljava/lang/String;";
    private final ClassContext classContext;
    private final CookiePolicyFacts facts;
    private final CookieRewriteHook hook;

    CookieRewriteHookScan(ClassContext classContext, CookiePolicyFacts facts, CookieRewriteHook hook) {
        this.classContext = classContext;
        this.facts = facts;
        this.hook = hook;
    }

    /** The calls a class makes, by owner and name, from its bytecode alone (no dataflow). */
    private static final class Calls {
        boolean readsCookies;
        /** Does the class hand a callback to the hook's deferring call ({@code response.beforeCommit(...)})? */
        boolean defers;
        boolean copiesCookie;
        /** Methods that read one entry of the cookie map ({@code cookies.get(key)}): by name, or every key in turn. */
        final List<Method> keyedReading = new ArrayList<>();
        boolean selectsElsewhere;
        final List<Method> setting = new ArrayList<>();
    }

    void run() throws CheckedAnalysisException {
        JavaClass javaClass = classContext.getJavaClass();
        boolean isFilter = TypeChecks.isSubtypeOfAny(javaClass.getClassName().replace('.', '/'), hook.filters);
        List<String> lambdaPrefixes = isFilter ? null : filterLambdas(javaClass);
        if (!isFilter && lambdaPrefixes.isEmpty() || isNameBound(javaClass) || !isDiscovered(javaClass)) {
            return;
        }
        Calls calls = survey(javaClass, hook, lambdaPrefixes);
        if (!calls.readsCookies || !calls.copiesCookie || calls.selectsElsewhere
                || hook.deferredBy != null && !calls.defers) {
            return;
        }
        for (Method method : calls.keyedReading) {
            if (picksByName(method)) {
                return;
            }
        }
        for (Method method : calls.setting) {
            readSetters(method);
        }
    }

    /**
     * The lambda bodies of the filters the class makes as lambdas ({@code @Bean WebFilter cookies() { return
     * (exchange, chain) -> ...; }}): javac names them {@code lambda$cookies$0}, nested ones too. The cookies must be
     * read there, not in some other method of the class (which the filter may not run).
     */
    private List<String> filterLambdas(JavaClass javaClass) {
        List<String> prefixes = new ArrayList<>();
        for (Method method : javaClass.getMethods()) {
            String signature = method.getSignature();
            if (hook.filters.stream().anyMatch(filter -> signature.endsWith(")L" + filter + ";"))) {
                prefixes.add("lambda$" + method.getName() + "$");
            }
        }
        return prefixes;
    }

    /** Does the runtime find the filter by itself (JAX-RS' {@code @Provider}), where the row asks for it? */
    private boolean isDiscovered(JavaClass javaClass) {
        if (hook.discoveredBy == null) {
            return true;
        }
        for (org.apache.bcel.classfile.AnnotationEntry annotation : javaClass.getAnnotationEntries()) {
            if (hook.discoveredBy.equals(annotation.getAnnotationType())) {
                return true;
            }
        }
        return false;
    }

    /** Does the method push a text naming a cookie attribute ({@code "; Secure"}): a header-text hardener? */
    private static boolean addsAttributeText(Method method, ConstantPool pool) {
        for (Instruction instruction : new InstructionList(method.getCode().getCode()).getInstructions()) {
            if (instruction instanceof LDC && pool.getConstant(((LDC) instruction).getIndex())
                    instanceof org.apache.bcel.classfile.ConstantString) {
                String text = ((org.apache.bcel.classfile.ConstantString) pool.getConstant(((LDC) instruction).getIndex()))
                        .getBytes(pool).toLowerCase(java.util.Locale.ROOT);
                if (text.contains("secure") || text.contains("httponly") || text.contains("samesite")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Does one of the class's annotations carry JAX-RS' {@code @NameBinding} (the filter then runs only for the
     * resources that carry it too)? An annotation type the classpath lacks cannot say, and is taken to carry none.
     */
    private static boolean isNameBound(JavaClass javaClass) {
        for (org.apache.bcel.classfile.AnnotationEntry annotation : javaClass.getAnnotationEntries()) {
            String type = annotation.getAnnotationType();
            XClass annotationClass = type.startsWith("L") && type.endsWith(";")
                    ? QuietClasspath.find(type.substring(1, type.length() - 1)) : null;
            if (annotationClass != null && annotationClass.getAnnotationDescriptors().stream()
                    .anyMatch(meta -> CookiePolicyCatalogue.NAME_BINDINGS.contains(meta.getSignature()))) {
                return true;
            }
        }
        return false;
    }

    /** What one method's calls showed (see survey). */
    private static final class MethodSurvey {
        boolean sets;
        boolean selects;
        boolean putsBack;
        boolean keyedRead;
        /** Was the reference just seen a cookie's own name ({@code cookie.getName()})? */
        boolean afterOwnName;
        // A test between a copy's mutate() and its build() decides one of its flags (httpOnly(!readable.contains(
        // name))), not which cookies are copied.
        boolean inCopy;
        boolean selectsOutsideCopy;
    }

    private static Calls survey(JavaClass javaClass, CookieRewriteHook hook, List<String> lambdaPrefixes) {
        Calls calls = new Calls();
        ConstantPool pool = javaClass.getConstantPool();
        // A filter that runs before the handler sees its cookies only in a callback run later (a WebFilter's read of
        // getCookies() in filter() itself finds none yet, and its copies harden nothing).
        java.util.Set<String> callbacks = hook.deferredBy == null ? null : CallbackBodies.reached(javaClass, hook.filters);
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            MethodSurvey seen = new MethodSurvey();
            boolean deferred = callbacks == null || callbacks.contains(method.getName() + method.getSignature());
            NamedReferences.walkOrReport(javaClass, method, (opcode, owner, name, descriptor) -> {
                if (!RawInstructions.callsMethodRef(opcode)) {
                    return false;
                }
                // A rebuild from the cookie's own name (new Builder(cookie.getName()) then each getter) copies it too.
                boolean copy = hook.isCopy(owner, name, descriptor)
                        || seen.afterOwnName && hook.isRebuild(owner, name, descriptor);
                seen.afterOwnName = hook.readsOwnName(owner, name);
                calls.readsCookies |= hook.cookiesRead.equals(name) && TypeChecks.isSubtypeOfAny(owner, hook.responses)
                        && (lambdaPrefixes == null || lambdaPrefixes.stream().anyMatch(method.getName()::startsWith))
                        && deferred;
                calls.defers |= name.equals(hook.deferredBy) && TypeChecks.isSubtypeOfAny(owner, hook.responses);
                calls.copiesCookie |= copy;
                seen.keyedRead |= CookiePolicyCatalogue.KEYED_READS.contains(name) && hook.cookieMaps.contains(owner);
                seen.sets |= hook.builders.contains(owner) && CookiePolicyCatalogue.REWRITE_SETTERS.containsKey(name);
                boolean selection = CookiePolicyCatalogue.SELECTIONS.contains(name) && owner.startsWith("java/");
                seen.selects |= selection;
                seen.selectsOutsideCopy |= selection && !seen.inCopy;
                seen.putsBack |= hook.putsBack.getOrDefault(owner, java.util.Set.of()).contains(name);
                if (copy) {
                    seen.inCopy = true;
                } else if (hook.build.equals(name) && hook.builders.contains(owner)) {
                    seen.inCopy = false;
                }
                return false;
            });
            // The copy must be what the method answers (the hook puts it in place of the cookie), or what it puts
            // back into the cookie map itself; a copy built and dropped changes nothing. A selection in the setting
            // method itself is judged per path below.
            if (seen.keyedRead) {
                calls.keyedReading.add(method);
            }
            boolean returnsCopy = hook.answersCookie(method.getSignature());
            boolean answersCopy = returnsCopy || seen.putsBack;
            if (seen.sets && answersCopy) {
                calls.setting.add(method);
            }
            // In a loop that puts copies back, a test may skip cookies (continue) where no path says so: a test there
            // outside a copy's builder makes the filter no policy for every cookie. A method that rewrites a header
            // text (String in, String out) tests what the text lacks, not which cookies the hook rewrites.
            boolean rewritesText = TEXT_REWRITE.equals(method.getSignature()) && addsAttributeText(method, pool);
            calls.selectsElsewhere |= returnsCopy && seen.sets || rewritesText ? false
                    : seen.putsBack && seen.sets ? seen.selectsOutsideCopy : seen.selects;
        }
        return calls;
    }

    /** The locations of the method's calls (not invokedynamic: a lambda or a concatenation names no method). */
    private static List<Location> callsIn(CFG cfg) {
        List<Location> calls = new ArrayList<>();
        for (Iterator<Location> i = cfg.locationIterator(); i.hasNext();) {
            Location location = i.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (instruction instanceof InvokeInstruction && !(instruction instanceof INVOKEDYNAMIC)) {
                calls.add(location);
            }
        }
        return calls;
    }

    /** How many values the walk from a read's key back to the map's own keys visits at most. */
    private static final int MAX_KEY_STEPS = 12;

    /**
     * Does the method read an entry of the cookie map by a key that is not one of the map's own names
     * ({@code cookies.get("SESSION")}, a name from a list of its own)? A key taken from the map's
     * {@code keySet()} or {@code entrySet()} (through a loop, a copy, a cast) reads every cookie in turn.
     */
    private boolean picksByName(Method method) throws CheckedAnalysisException {
        CFG cfg = classContext.getCFG(method);
        edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow vna = classContext.getValueNumberDataflow(method);
        ValueOrigins origins = ValueOrigins.of(cfg, vna, classContext.getConstantPoolGen());
        for (Location location : callsIn(cfg)) {
            InvokeInstruction invoke = (InvokeInstruction) location.getHandle().getInstruction();
            String owner = CallAt.ownerOf(invoke, classContext.getConstantPoolGen());
            if (!CookiePolicyCatalogue.KEYED_READS.contains(invoke.getMethodName(classContext.getConstantPoolGen()))
                    || !hook.cookieMaps.contains(owner)) {
                continue;
            }
            CallAt call = CallAt.of(invoke, classContext.getConstantPoolGen(), location, vna,
                    classContext.getConstantDataflow(method));
            if (call == null || call.argumentCount() != 1 || !isOwnName(call.argument(0), origins)) {
                return true;
            }
        }
        return false;
    }

    /** Was the key taken from a cookie map's own names (a bounded walk back through its inputs)? */
    private boolean isOwnName(ValueNumber key, ValueOrigins origins) throws DataflowAnalysisException {
        java.util.Deque<ValueNumber> todo = new java.util.ArrayDeque<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        todo.add(key);
        while (!todo.isEmpty() && seen.size() < MAX_KEY_STEPS) {
            ValueNumber value = todo.pop();
            if (value == null || !seen.add(value.getNumber())) {
                continue;
            }
            InvokeInstruction producer = origins.producingCall(value);
            if (producer != null && !(producer instanceof INVOKEDYNAMIC)
                    && CookiePolicyCatalogue.KEY_VIEWS.contains(producer.getMethodName(classContext.getConstantPoolGen()))
                    && hook.cookieMaps.contains(CallAt.ownerOf(producer, classContext.getConstantPoolGen()))) {
                return true;
            }
            todo.addAll(origins.inputsOf(value));
        }
        return false;
    }

    private void readSetters(Method method) throws CheckedAnalysisException {
        CFG cfg = classContext.getCFG(method);
        java.util.BitSet everyPath = everyPathOfCopy(method, cfg);
        ValueOrigins origins = ValueOrigins.of(cfg, classContext.getValueNumberDataflow(method),
                classContext.getConstantPoolGen());
        boolean readsOwnSameSite = false;
        List<Location> setters = new ArrayList<>();
        for (Location location : callsIn(cfg)) {
            InvokeInstruction invoke = (InvokeInstruction) location.getHandle().getInstruction();
            String owner = CallAt.ownerOf(invoke, classContext.getConstantPoolGen());
            String name = invoke.getMethodName(classContext.getConstantPoolGen());
            readsOwnSameSite |= hook.ownSameSite.equals(name) && hook.cookies.contains(owner);
            if (hook.builders.contains(owner) && CookiePolicyCatalogue.REWRITE_SETTERS.containsKey(name)) {
                setters.add(location);
            }
        }
        for (Location location : setters) {
            CallAt call = CallAt.of((InvokeInstruction) location.getHandle().getInstruction(),
                    classContext.getConstantPoolGen(), location, classContext.getValueNumberDataflow(method),
                    classContext.getConstantDataflow(method));
            if (call == null || call.argumentCount() != 1) {
                continue;
            }
            CookieFlag flag = CookiePolicyCatalogue.REWRITE_SETTERS.get(call.name());
            boolean onEveryPath = everyPath.get(location.getBasicBlock().getLabel());
            Site site = new Site(BCELUtil.getMethodDescriptor(classContext.getJavaClass(), method),
                    location.getHandle().getPosition());
            if (flag != CookieFlag.SAME_SITE) {
                Constant value = call.constantArgument(0);
                if (onEveryPath && value.isConstantInteger() && value.getConstantInt() == 1) {
                    facts.forced(flag, hook.cookies);
                }
                continue;
            }
            // A field's value (sameSite(this.sameSite)): a None among its values protects nothing, below.
            String constant = call.stringArgument(0) != null ? call.stringArgument(0)
                    : hook.sameSiteValues != null ? enumSameSite(call.argument(0), origins)
                    : CallArguments.sameSiteOfField(origins.producer(call.argument(0)), classContext.getConstantPoolGen());
            if (constant != null && CookiePolicyCatalogue.isHardeningSameSite(constant)) {
                // Unconditional: every cookie's own value replaced; under a test of the cookie's own: a default.
                if (onEveryPath) {
                    facts.sameSite(SameSitePolicy.everyCookieReplacing(constant, hook.filter(), site, hook.cookies));
                } else if (readsOwnSameSite) {
                    facts.sameSite(SameSitePolicy.everyCookieWithout(constant, hook.filter(), site, hook.cookies));
                }
                continue;
            }
            String fallback = onEveryPath ? defaultForOwnSameSite(call.argument(0), origins) : null;
            if (fallback != null) {
                facts.sameSite(SameSitePolicy.everyCookieWithout(fallback, hook.filter(), site, hook.cookies));
            }
        }
    }

    /**
     * The blocks every copy passes through: for a method answering the copy, those every path from its entry takes;
     * for one that puts copies back into the cookie map (a loop over the cookies), those every path from its one
     * {@code mutate()} takes, provided every element some loop takes ({@code Iterator.next()}) is copied there (and
     * the method tests no text or set, see survey). Empty when such a method copies in more than one place, or may
     * put an element back as it was.
     */
    private java.util.BitSet everyPathOfCopy(Method method, CFG cfg) throws CheckedAnalysisException {
        PostDominatorsAnalysis postDominators = classContext.getNonExceptionPostDominatorsAnalysis(method);
        if (hook.answersCookie(method.getSignature())) {
            return postDominators.getAllDominatorsOf(cfg.getEntry());
        }
        Location copy = null;
        List<Location> elements = new ArrayList<>();
        for (Location location : callsIn(cfg)) {
            InvokeInstruction invoke = (InvokeInstruction) location.getHandle().getInstruction();
            String name = invoke.getMethodName(classContext.getConstantPoolGen());
            if (hook.isCopy(CallAt.ownerOf(invoke, classContext.getConstantPoolGen()), name,
                    invoke.getSignature(classContext.getConstantPoolGen()))) {
                if (copy != null) {
                    return new java.util.BitSet();
                }
                copy = location;
            } else if (CookiePolicyCatalogue.NEXT_ELEMENT.equals(name)) {
                elements.add(location);
            }
        }
        if (copy == null) {
            return new java.util.BitSet();
        }
        int copyBlock = copy.getBasicBlock().getLabel();
        for (Location element : elements) {
            if (postDominators.getAllDominatorsOf(element.getBasicBlock()).get(copyBlock)) {
                return postDominators.getAllDominatorsOf(copy.getBasicBlock());
            }
        }
        return new java.util.BitSet();
    }

    /**
     * An enum SameSite ({@code NewCookie.SameSite.STRICT}, or a choice between constants:
     * {@code own == STRICT ? STRICT : LAX}): the protective value every constant it may be gives, else null.
     */
    private String enumSameSite(ValueNumber value, ValueOrigins origins) throws DataflowAnalysisException {
        List<String> values = new ArrayList<>();
        for (ValueNumber input : origins.copiedFrom(value)) {
            String constant = input == null ? null
                    : CookiePolicyCatalogue.sameSiteOfConstant(origins.staticFieldName(input, hook.sameSiteValues));
            if (constant == null) {
                return null;
            }
            values.add(constant);
        }
        return CookiePolicyCatalogue.hardeningSameSite(values);
    }

    /**
     * {@code own != null ? own : "Lax"} with {@code own = cookie.getSameSite()} (or {@code : NewCookie.SameSite.LAX}):
     * the protective constant the merge gives a cookie without its own SameSite; null for anything else.
     */
    private String defaultForOwnSameSite(ValueNumber value, ValueOrigins origins) throws DataflowAnalysisException {
        String constant = null;
        for (ValueNumber input : origins.inputsOf(value)) {
            Location producer = input == null ? null : origins.producer(input);
            Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
            // The default as an enum constant (NewCookie.SameSite.LAX) is read as its text.
            String enumText = input == null || hook.sameSiteValues == null ? null
                    : CookiePolicyCatalogue.sameSiteOfConstant(origins.staticFieldName(input, hook.sameSiteValues));
            if (enumText != null || instruction instanceof LDC
                    && ((LDC) instruction).getValue(classContext.getConstantPoolGen()) instanceof String) {
                String text = enumText != null ? enumText
                        : (String) ((LDC) instruction).getValue(classContext.getConstantPoolGen());
                if (!CookiePolicyCatalogue.isHardeningSameSite(text)) {
                    return null;
                }
                constant = text;
            } else if (!(instruction instanceof InvokeInstruction) || !hook.ownSameSite.equals(
                    ((InvokeInstruction) instruction).getMethodName(classContext.getConstantPoolGen()))) {
                return null;
            }
        }
        return constant;
    }
}
