package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.Site;

import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/** What each catalogue call, fluent builder call and summarised application call does to the facts. */
final class CookieCallInterpreter {
    private final MethodContext context;
    /**
     * The cookie each creating call makes (null: none), by call: it depends on the call alone (its arguments'
     * constants and origins), and the dataflow passes over each call several times.
     */
    private final Map<CallAt, CookieState> creations = new IdentityHashMap<>();

    CookieCallInterpreter(MethodContext context) {
        this.context = context;
    }

    void apply(CookieCallMatch match, CallAt call, ValueNumber result, Location location, CookieFacts fact)
            throws DataflowAnalysisException {
        Site site = new Site(context.method(), location.getHandle().getPosition());
        CookieCall row = match.call();
        CallArguments arguments = context.arguments(call);
        switch (row.role()) {
        case CREATE:
            create(match.api(), row, arguments, result, site, fact);
            return;
        case CREATE_ANY_CONSTRUCTOR:
            createFromConstructor(match.api(), row, arguments, site, fact);
            return;
        case SEND:
        case CREATE_SENT:
            followFluentCall(call, result, site, fact);
            return;
        case ADOPT:
            adopt(call, row, fact);
            return;
        case SERIALIZE:
            serialize(call, result, fact);
            return;
        default:
            break;
        }
        if (!call.hasReceiver()) {
            return;
        }
        List<CookieState> states = context.trackedStates(fact, call.receiver());
        for (CookieState state : states) {
            CookieState updated = update(row, arguments, state);
            if (row.flag() != null || row.role() == CookieCall.Role.SET_SAME_SITE || row.role() == CookieCall.Role.SET_ATTRIBUTE) {
                // Hardened here (a flag set): what it leaves unset is left to the container. Naming it is not.
                updated = updated.configured();
            }
            int guard = row.flag() != null && updated.effect(row.flag()).equals(FlagEffect.of(FlagValue.SET))
                    ? guardingField(location) : -1;
            if (guard >= 0) {
                // "if (secure) cookie.setSecure(true)" in a builder: the field decides, read where it is built.
                updated = updated.withFlag(row.flag(), FlagEffect.fromGuardingParameter(guard));
            } else if (row.flag() != null && updated.effect(row.flag()).equals(FlagEffect.of(FlagValue.SET))
                    && context.branches().guardedByMemberNamed(location,
                            row.flag().attributeName().toLowerCase(Locale.ROOT), CookieCatalogue::readsOwnFlags)) {
                // "if (config.isHttpOnly()) cookie.setHttpOnly(true)": the flag mirrors a run-time setting
                // where the path without the setter joins; on the tested path alone it is set.
                updated = updated.withFlag(row.flag(), FlagValue.SET_WHEN_TESTED);
            }
            fact.replaceObject(state, updated);
            if (states.size() == 1) {
                aliasResult(call, result, updated, site, fact);
            }
        }
    }

    /**
     * The builder field of {@code this}, or settings field of an argument, whose set side alone reaches the location
     * (see {@link BuilderClass}), or -1.
     */
    private int guardingField(Location location) throws DataflowAnalysisException {
        ValueNumber tested = context.readsFields() ? context.branches().onSetSideOf(location) : null;
        Location load = tested == null ? null : context.origins().producer(tested);
        org.apache.bcel.generic.Instruction instruction = load == null ? null : load.getHandle().getInstruction();
        String type = instruction instanceof org.apache.bcel.generic.GETFIELD
                ? ((org.apache.bcel.generic.GETFIELD) instruction).getSignature(context.cpg())
                : instruction instanceof org.apache.bcel.generic.INVOKEVIRTUAL
                ? ((org.apache.bcel.generic.INVOKEVIRTUAL) instruction).getReturnType(context.cpg()).getSignature()
                : null;
        // A boolean field's own test (if (secure) setSecure(true)); another field's (if (sameSite != null)), or a
        // Boolean's test for null (if (httpOnly != null): set however it is set), says nothing of this flag.
        return "Z".equals(type) ? context.fieldParameter(tested) : -1;
    }

    /** {@code new CookieUtils(defaults)}: the new object is the one tracked cookie configuration it is given. */
    private void adopt(CallAt call, CookieCall row, CookieFacts fact) throws DataflowAnalysisException {
        List<CookieState> states = context.trackedStates(fact, call.argument(row.arg()));
        if (states.size() == 1) {
            fact.put(call.receiver().getNumber(), states.get(0));
        }
    }

    /**
     * The cookie a naming SEND row writes from the object's settings: the object's flags, with the name and value
     * the call gives ({@code cookieUtils.save("remember-me", token)}).
     */
    CookieState namedBySend(CookieState state, CookieCall row, CallArguments arguments) throws DataflowAnalysisException {
        CookieState named = named(state, row.sendNameArg(), arguments);
        if (row.valueArg() < 0) {
            return named;
        }
        // save(key, "") writes a cookie that carries nothing (a "forget me").
        return valued(named, row.valueArg(), arguments).withEmptyValue(isEmptyText(arguments.call(), row.valueArg()));
    }

    /** The text of a serialised cookie stands for the cookie: written into a Set-Cookie header, it is sent. */
    private void serialize(CallAt call, ValueNumber result, CookieFacts fact) throws DataflowAnalysisException {
        List<CookieState> states = context.trackedStates(fact, call.receiver());
        if (states.size() == 1 && result != null) {
            fact.put(result.getNumber(), states.get(0));
        }
    }

    /** A cookie as a CREATE or CREATE_SENT row makes it: named, and empty when its value is "" or null. */
    CookieState created(CookieApi api, CookieCall row, CallArguments arguments, Site site)
            throws DataflowAnalysisException {
        CookieState state = named(CookieState.created(api, null, site), row.arg(), arguments);
        for (CookieFlag preset : row.presets()) {
            state = state.withFlag(preset, FlagValue.SET);
        }
        if (row.valueArg() >= 0) {
            state = valued(state, row.valueArg(), arguments);
        }
        if (row.valueArg() >= 0 && isEmptyText(arguments.call(), row.valueArg())) {
            state = state.withEmptyValue(true);
        }
        if (row.attributesArg() >= 0) {
            state = withAttributes(state, row, arguments.attributeMap(row.attributesArg()));
        }
        return row.role() == CookieCall.Role.CREATE_SENT ? sentWithArguments(state, row, arguments) : state;
    }

    /**
     * A call that makes and sends a cookie from its arguments: its booleans set the row's flags in order, its
     * int at {@link CookieCall#maxAgeInt()} is the max age. Rows without them leave every flag at the default.
     */
    private CookieState sentWithArguments(CookieState state, CookieCall row, CallArguments arguments)
            throws DataflowAnalysisException {
        CallAt call = arguments.call();
        String[] types = new SignatureParser(call.descriptor()).getArguments();
        int booleans = 0;
        int ints = 0;
        CookieState result = state;
        for (int i = 0; i < types.length; i++) {
            if ("Z".equals(types[i]) && booleans < row.booleanFlags().size()) {
                result = result.withFlag(row.booleanFlags().get(booleans++), arguments.booleanArgument(i));
            } else if ("I".equals(types[i]) && ints++ == row.maxAgeInt()) {
                result = result.withDeleting(isZero(call, i));
            }
        }
        return result;
    }

    /**
     * Where the cookie's value comes from: the caller's parameter (its callers choose it), or a call that
     * yields a token or session id (then the cookie is a credential, whatever its name).
     */
    private static CookieState valued(CookieState state, int valueArg, CallArguments arguments)
            throws DataflowAnalysisException {
        CookieState valued = state.withValueFrom(arguments.parameterOfArgument(valueArg),
                arguments.secretSourceOf(valueArg));
        // A caller passing "" or null into a helper's value clears the cookie (a logout): it carries nothing.
        return arguments.isEmptyText(valueArg) ? valued.withEmptyValue(true) : valued;
    }

    /**
     * The argument is the constant "" or null: a cookie with no value carries nothing (a logout or
     * "clear" cookie), like one with max-age 0.
     */
    private boolean isEmptyText(CallAt call, int arg) throws DataflowAnalysisException {
        String text = call.stringArgument(arg);
        return (text != null && text.isEmpty()) || context.origins().isNullLiteral(call.argument(arg));
    }

    private void create(CookieApi api, CookieCall row, CallArguments arguments, ValueNumber result, Site site,
            CookieFacts fact) throws DataflowAnalysisException {
        CallAt call = arguments.call();
        CookieState held = api.isContainerOwned() ? heldConfiguration(api, fact) : null;
        if (held != null && result != null) {
            fact.put(result.getNumber(), held); // the same object again: one cookie, configured in steps
            return;
        }
        CookieState state = creations.containsKey(call) ? creations.get(call)
                : remember(call, creation(api, row, arguments, site));
        if (state == null) {
            return;
        }
        if ("<init>".equals(call.name())) {
            fact.put(call.receiver().getNumber(), state);
        } else if (result != null) {
            fact.put(result.getNumber(), state);
        }
    }

    /** The configuration of {@code api} this method already got from the container, or null. */
    private static CookieState heldConfiguration(CookieApi api, CookieFacts fact) {
        for (CookieState state : fact.all().values()) {
            if (state.api() == api && !state.isParameter()) {
                return state;
            }
        }
        return null;
    }

    private CookieState remember(CallAt call, CookieState state) {
        creations.put(call, state);
        return state;
    }

    /** The cookie a CREATE row's call makes, or null when it makes none. */
    private CookieState creation(CookieApi api, CookieCall row, CallArguments arguments, Site site)
            throws DataflowAnalysisException {
        CallAt call = arguments.call();
        if ("<init>".equals(call.name()) && context.isThis(call.receiver()) && !context.constructsOwnType(api)) {
            return null; // super(...) of a subclass that handles its cookies itself: no cookie of its own
        }
        if (row.classArg() >= 0
                && !row.classLiteral().equals(context.origins().classLiteral(call.argument(row.classArg())))) {
            return null; // the generic call configures another class's object (see CookieCall.whenClassArgument)
        }
        if (!row.unlessClassCalls().isEmpty()
                && classCalls(row.unlessClassCalls().get(0), row.unlessClassCalls().get(1))) {
            return null; // configured through something judged elsewhere (see CookieCall.unlessClassCalls)
        }
        return configuredByLambda(created(api, row, arguments, site), api, arguments);
    }

    /**
     * A factory handed a configuring lambda ({@code http.rememberMe(r -> r.useSecureCookie(true))}): the
     * object it makes is configured as the lambda configures its parameter.
     */
    private CookieState configuredByLambda(CookieState state, CookieApi api, CallArguments arguments)
            throws DataflowAnalysisException {
        CallAt call = arguments.call();
        String[] types = new SignatureParser(call.descriptor()).getArguments();
        for (int i = 0; i < types.length; i++) {
            if (types[i].startsWith("L")) {
                CookieState effect = context.lambdaEffect(call.argument(i), api);
                if (effect != null) {
                    state = state.then(effect);
                }
            }
        }
        return state;
    }

    /** True when this method's class refers to the method {@code name} of {@code slashedOwner} (any descriptor). */
    private boolean classCalls(String slashedOwner, String name) {
        org.apache.bcel.generic.ConstantPoolGen cpg = context.cpg();
        String dotted = slashedOwner.replace('/', '.');
        for (int i = 1; i < cpg.getSize(); i++) {
            org.apache.bcel.classfile.Constant constant = cpg.getConstant(i);
            if (constant instanceof org.apache.bcel.classfile.ConstantCP) {
                org.apache.bcel.classfile.ConstantCP ref = (org.apache.bcel.classfile.ConstantCP) constant;
                org.apache.bcel.classfile.ConstantPool pool = cpg.getConstantPool();
                org.apache.bcel.classfile.ConstantNameAndType nat =
                        (org.apache.bcel.classfile.ConstantNameAndType) pool.getConstant(ref.getNameAndTypeIndex());
                if (name.equals(nat.getName(pool)) && dotted.equals(ref.getClass(pool))) {
                    return true;
                }
            }
        }
        return false;
    }

    private CookieState named(CookieState state, int nameArg, CallArguments arguments)
            throws DataflowAnalysisException {
        if (nameArg < 0) {
            return state;
        }
        String name = arguments.nameArgument(nameArg);
        if (name != null) {
            return state.withName(name, -1);
        }
        CookieState renamed = state.withName(null, arguments.parameterOfArgument(nameArg));
        // "EH_BASKET_" + id: a policy narrowed to the names that start so reaches it.
        String prefix = renamed.nameParameter() < 0 ? context.namePrefix(arguments.call().argument(nameArg)) : null;
        return prefix == null ? renamed : renamed.withNamePrefix(prefix);
    }

    /** Any constructor: booleans set the flags in order, the SameSite enum argument SameSite, the last int the max age. */
    private void createFromConstructor(CookieApi api, CookieCall row, CallArguments arguments, Site site,
            CookieFacts fact) throws DataflowAnalysisException {
        CallAt call = arguments.call();
        CookieState state = creations.containsKey(call) ? creations.get(call)
                : remember(call, constructed(api, row, arguments, site));
        if (state != null) {
            fact.put(call.receiver().getNumber(), state);
        }
    }

    /** The cookie a constructor of a CREATE_ANY_CONSTRUCTOR row makes, or null (see {@link #creation}). */
    private CookieState constructed(CookieApi api, CookieCall row, CallArguments arguments, Site site)
            throws DataflowAnalysisException {
        CallAt call = arguments.call();
        if (context.isThis(call.receiver()) && !context.constructsOwnType(api)) {
            return null;
        }
        List<String> types = List.of(new SignatureParser(call.descriptor()).getArguments());
        CookieState state = CookieState.created(api, null, site);
        if (!types.isEmpty() && "Ljava/lang/String;".equals(types.get(0))) {
            state = named(state, 0, arguments);
        }
        boolean empty = types.size() > 1 && "Ljava/lang/String;".equals(types.get(1)) && isEmptyText(call, 1);
        // Kotlin's default-argument constructor passes a placeholder false for every defaulted boolean.
        boolean kotlinDefaults = call.descriptor().contains("Lkotlin/jvm/internal/DefaultConstructorMarker;");
        int booleans = 0;
        List<Integer> ints = new java.util.ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if ("Z".equals(type) && booleans < row.booleanFlags().size()) {
                FlagEffect value = arguments.booleanArgument(i);
                if (kotlinDefaults && value.equals(FlagEffect.of(FlagValue.CLEARED))) {
                    value = FlagEffect.of(FlagValue.MISSING);
                }
                state = state.withFlag(row.booleanFlags().get(booleans++), value);
            } else if (type.equals(row.sameSiteType())) {
                String sameSite = arguments.sameSiteText(i);
                // A defaulted argument of Kotlin's default-argument constructor is a placeholder null.
                state = kotlinDefaults && "".equals(sameSite) ? state : sameSiteFrom(state, arguments, i);
            } else if ("I".equals(type)) {
                ints.add(i);
            }
        }
        if (kotlinDefaults) {
            ints.remove(ints.size() - 1); // the default-argument mask
        }
        int maxAge = row.maxAgeInt() < 0 ? ints.size() - 1 : row.maxAgeInt();
        if (maxAge >= 0 && maxAge < ints.size()) {
            state = state.withDeleting(isZero(call, ints.get(maxAge)));
        }
        if (types.size() > 1 && "Ljava/lang/String;".equals(types.get(1))) {
            state = valued(state, 1, arguments);
        }
        return empty ? state.withEmptyValue(true) : state;
    }

    /**
     * Jetty's {@code setSecureRequestOnly(on)}: Secure set already stays set; otherwise {@code true} gives Secure on
     * the requests that arrive secure (the explicit choice of the container's behaviour, as a setter guarded by
     * {@code request.isSecure()} is), {@code false} leaves the cookie without it, and a run-time value leaves it unknown.
     */
    private static CookieState secureOnSecureRequests(CookieState state, CookieFlag flag, FlagEffect on) {
        FlagValue current = state.flag(flag);
        if (current == FlagValue.SET) {
            return state;
        }
        boolean followsRequest = current == FlagValue.SET_WHEN_TESTED || current == FlagValue.CONTAINER_DEFAULT;
        if (on.equals(FlagEffect.of(FlagValue.SET))) {
            return state.withFlag(flag, FlagValue.SET_WHEN_TESTED);
        }
        if (on.equals(FlagEffect.of(FlagValue.CLEARED))) {
            return followsRequest ? state.withFlag(flag, FlagValue.MISSING) : state;
        }
        return followsRequest ? state.withFlag(flag, FlagValue.UNKNOWN) : state;
    }

    private CookieState update(CookieCall row, CallArguments arguments, CookieState state)
            throws DataflowAnalysisException {
        CallAt call = arguments.call();
        switch (row.role()) {
        case SET_FLAG:
            if (row.onSecureRequests()) {
                return secureOnSecureRequests(state, row.flag(), arguments.booleanArgument(row.arg()));
            }
            return state.withFlag(row.flag(), row.arg() < 0 ? FlagEffect.of(FlagValue.SET)
                    : arguments.booleanArgument(row.arg()));
        case SET_VALUE:
            // A value written later replaces an empty one: the cookie carries something again.
            return valued(state, row.arg(), arguments).withEmptyValue(isEmptyText(call, row.arg()));
        case SET_SAME_SITE:
            return sameSiteFrom(state, arguments, row.arg());
        case SET_MAX_AGE:
            return state.withDeleting(isZero(call, row.arg()));
        case DELETE:
            return state.withDeleting(row.arg() < 0 || arguments.booleanArgument(row.arg()).equals(
                    FlagEffect.of(row.offWhenFalse() ? FlagValue.CLEARED : FlagValue.SET)));
        case SET_NAME:
            return named(state, row.arg(), arguments);
        case SET_ATTRIBUTE:
            return attribute(state, arguments);
        case CONFIGURED_BY_CALLBACK:
            CookieState effect = context.lambdaEffect(call.argument(row.arg()),
                    CookieCatalogue.apiForType(row.callbackCookieType()));
            return effect == null ? state.withEmptyValue(true) : state.then(effect);
        case DECIDED_ELSEWHERE:
            // What is sent is decided by the replacement or the callback: like a cookie that carries
            // nothing of its own, this object is no longer judged.
            return state.withEmptyValue(true);
        default:
            return state;
        }
    }

    /**
     * A SameSite setter's argument: its value, or the method's parameter it is (the caller chooses, as for a boolean
     * flag), or a value known only at run time. A parameter the method tests for null ({@code if (sameSite != null)
     * cookie.setAttribute("SameSite", sameSite)}) is an optional attribute copied when given: known only at run time,
     * as before (the path without it is not the caller's choice the lattice can express). A builder's field tested
     * for null is the builder's user's choice all the same: null there is no SameSite, read where it is built.
     */
    private CookieState sameSiteFrom(CookieState state, CallArguments arguments, int arg)
            throws DataflowAnalysisException {
        String text = arguments.sameSiteText(arg);
        int parameter = text == null ? arguments.parameterOfArgument(arg) : -1;
        if (parameter >= 0 && BuilderClass.isField(parameter)) {
            FlagEffect field = context.testsForNull(arguments.call().argument(arg), parameter)
                    ? FlagEffect.fromGuardingParameter(parameter) : FlagEffect.fromParameter(parameter);
            return state.withFlag(CookieFlag.SAME_SITE, field).withSameSiteNone(false);
        }
        if (parameter >= 0 && !context.branches().testsForNull(arguments.call().argument(arg))) {
            return state.withFlag(CookieFlag.SAME_SITE, FlagEffect.fromParameter(parameter)).withSameSiteNone(false);
        }
        return sameSite(state, text);
    }

    private boolean isZero(CallAt call, int arg) throws DataflowAnalysisException {
        Constant constant = call.constantArgument(arg);
        if (constant.isConstantInteger()) {
            return constant.getConstantInt() == 0;
        }
        ValueNumber value = call.argument(arg);
        Number literal = context.origins().numberLiteral(value);
        return (literal != null && literal.longValue() == 0)
                || "ZERO".equals(context.origins().staticFieldName(value, "java/time/Duration"));
    }

    /**
     * A SameSite value: Lax and Strict protect; None needs Secure, and on a session or credential cookie
     * is improper (see {@link CookieVerdict}); an empty text (null) removes the attribute; anything else browsers ignore.
     */
    static CookieState sameSite(CookieState state, String text) {
        // None is valid, but on a session or credential cookie improper: CookieVerdict judges it by name.
        return state.withFlag(CookieFlag.SAME_SITE, sameSiteValue(text)).withSameSiteNone(isNone(text));
    }

    /**
     * The flags an attribute map gives a new cookie, under the row's keys: Jetty looks its keys up as written
     * ("Secure", "HttpOnly", "SameSite"), and a flag's attribute set to anything but "false" is on (runtime-evidence
     * JettyCookiePolicyTest); Faces reads "secure" and "httpOnly" as Booleans. A map not known here leaves every flag
     * unknown, a value not known the flag it sets.
     */
    private static CookieState withAttributes(CookieState state, CookieCall row, Map<String, String> attributes) {
        if (attributes == null) {
            CookieState unknown = state;
            for (CookieFlag flag : CookieFlag.values()) {
                unknown = unknown.withFlag(flag, FlagValue.UNKNOWN);
            }
            return unknown;
        }
        CookieState result = state;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            for (CookieFlag flag : CookieFlag.values()) {
                if (!row.attributeKey(flag).equals(attribute.getKey())) {
                    continue;
                }
                String value = attribute.getValue();
                if (value == null) {
                    result = result.withFlag(flag, FlagValue.UNKNOWN);
                } else {
                    result = flag == CookieFlag.SAME_SITE ? sameSite(result, value)
                            : result.withFlag(flag, "false".equalsIgnoreCase(value.trim()) ? FlagValue.CLEARED
                                    : FlagValue.SET);
                }
            }
        }
        return result;
    }

    /** A SameSite text as a flag: Lax, Strict and None are set (None judged apart), anything else cleared. */
    static FlagValue sameSiteValue(String text) {
        if (text == null) {
            return FlagValue.UNKNOWN;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        return value.equals("none") || value.equals("lax") || value.equals("strict") ? FlagValue.SET : FlagValue.CLEARED;
    }

    static boolean isNone(String text) {
        return text != null && text.trim().equalsIgnoreCase("none");
    }

    /** {@code setAttribute(name, value)}, Servlet 6's generic form of every cookie attribute. */
    private CookieState attribute(CookieState state, CallArguments arguments)
            throws DataflowAnalysisException {
        String attribute = arguments.stringArgument(0);
        if (attribute == null) {
            return state;
        }
        String text = arguments.sameSiteText(1);
        switch (attribute.toLowerCase(Locale.ROOT)) {
        case "samesite":
            return sameSiteFrom(state, arguments, 1);
        case "secure":
            return state.withFlag(CookieFlag.SECURE, attributeSwitch(text));
        case "httponly":
            return state.withFlag(CookieFlag.HTTP_ONLY, attributeSwitch(text));
        default:
            return state;
        }
    }

    /** Servlet 6: an empty value or "true" switches a boolean attribute on, "false" off. */
    private static FlagValue attributeSwitch(String text) {
        if (text == null) {
            return FlagValue.UNKNOWN;
        }
        return text.trim().equalsIgnoreCase("false") ? FlagValue.CLEARED : FlagValue.SET;
    }

    /**
     * A builder call outside the catalogue (path, domain, value, build, mutate): when it returns one of
     * the cookie's own types, its result is the same cookie. Returns true when the call was on a cookie.
     */
    boolean followFluentCall(CallAt call, ValueNumber result, Site site, CookieFacts fact)
            throws DataflowAnalysisException {
        if (!call.hasReceiver()) {
            return false;
        }
        List<CookieState> states = context.trackedStates(fact, call.receiver());
        String owner = context.apiOwner(call);
        if (states.isEmpty() || states.stream().noneMatch(state -> state.api().types().contains(owner))) {
            return false;
        }
        if (states.size() == 1) {
            aliasResult(call, result, states.get(0), site, fact);
        }
        return true;
    }

    private static void aliasResult(CallAt call, ValueNumber result, CookieState state, Site site, CookieFacts fact) {
        String returnType = new SignatureParser(call.descriptor()).getReturnTypeSignature();
        if (result == null || !returnType.startsWith("L")) {
            return;
        }
        if (CLONE.equals(call.name())) {
            // A copy with the same name, value and flags, but another object: what is done to one is not done to the
            // other (a wrapper that hardens a copy and passes the original on hardens nothing).
            fact.put(result.getNumber(), state.copiedAt(site));
        } else if (state.api().types().contains(returnType.substring(1, returnType.length() - 1))) {
            fact.put(result.getNumber(), state); // a fluent call answers the cookie itself
        }
    }

    private static final String CLONE = "clone";

    /**
     * {@code new TokenCookie(...)}, {@code new RememberMeGenerator()}, or {@code this(...)} and {@code super(...)}
     * between an application subclass's constructors: the object is the catalogue cookie or configuration its
     * constructor leaves in {@code this}, flags set there included. False when the constructor cannot be
     * followed or leaves none (the subclass handles its cookies itself), so that the call is read as before.
     */
    boolean constructsSubclass(CallAt call, Site site, CookieFacts fact) throws DataflowAnalysisException {
        if (!"<init>".equals(call.name()) || context.catalogueAncestor(call.owner()) == null) {
            return false;
        }
        MethodSummary summary = context.summaryFor(call, fact);
        CookieState made = summary == null || !summary.isFollowed() ? null : summary.returned();
        if (made == null || made.isParameter() || made.equals(CookieState.created(made.api(), null, made.origin()))) {
            return false; // and a holder left as its super() made it is judged where it is made, at this new
        }
        applySummary(summary, call, null, site, fact);
        return true;
    }

    /**
     * A call to a summarised application method: the caller's cookies it receives get its effect, and
     * the cookie it returns (made there, or one of the caller's own) is tracked from here. A constructor
     * "returns" the object it constructs (see {@link #constructsSubclass}).
     */
    void applySummary(MethodSummary summary, CallAt call, ValueNumber result, Site site, CookieFacts fact)
            throws DataflowAnalysisException {
        CallArguments arguments = context.arguments(call);
        if (call.hasReceiver() && !"<init>".equals(call.name()) && context.catalogueAncestor(call.owner()) != null) {
            // A cookie subclass's own method (an override that does not call the cookie's): its effect on the
            // cookie itself is not known, so the cookie is no longer judged.
            context.trackedStates(fact, call.receiver()).forEach(fact::removeObject);
        }
        int count = call.argumentCount();
        for (int i = 0; i < count; i++) {
            for (CookieState state : context.trackedStates(fact, call.argument(i))) {
                CookieState effect = summary.parameterEffect(i);
                if (effect == null) {
                    fact.removeObject(state);
                } else {
                    fact.replaceObject(state, state.then(resolve(effect, arguments, null, false)));
                }
            }
        }
        CookieState returned = summary.returned();
        if ("<init>".equals(call.name()) && returned != null && !returned.isParameter()) {
            fact.put(call.receiver().getNumber(), resolve(returned, arguments, site, true));
            return;
        }
        if (returned == null || result == null) {
            return;
        }
        if (returned.isParameter()) {
            List<CookieState> callers = context.trackedStates(fact, call.argument(returned.parameter()));
            if (callers.size() == 1) {
                fact.put(result.getNumber(), callers.get(0).then(resolve(returned, arguments, null, false)));
            }
        } else {
            fact.put(result.getNumber(), resolve(returned, arguments, site, false));
        }
    }

    /**
     * A builder field of the callee that this call neither shows (its receiver's chain is not read) nor hands on as it
     * is (a builder's own method calling another on {@code this}): no caller decides it.
     */
    private static boolean lostField(int parameter, CallArguments arguments) throws DataflowAnalysisException {
        return BuilderClass.isField(parameter) && !arguments.covers(parameter)
                && (BuilderClass.isArgumentField(parameter) || !arguments.passesFieldsOn());
    }

    /** The calling method as a message names it ({@code PreferencesResource.currency}). */
    private static String callerName(Site callSite) {
        String owner = callSite.method().getSlashedClassName();
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + callSite.method().getName();
    }

    /**
     * Replaces the callee's parameters in a state by what this call passes. When the caller chose a flag
     * and {@code callSite} is given, the cookie is reported at the call; so it is when the caller chose the
     * name and {@code nameMovesReport} (an application cookie subclass's constructor that leaves the flags as
     * the cookie type made them: the caller's {@code new} is where it is fixed). A name the caller passes to a
     * factory method that decides the flags itself leaves the cookie where the factory made it (the fix goes
     * there, once for every caller), named by this caller ({@code namedBy}), ranked by the strongest caller.
     */
    static CookieState resolve(CookieState state, CallArguments arguments, Site callSite, boolean nameMovesReport)
            throws DataflowAnalysisException {
        CookieState resolved = state;
        Map<CookieFlag, String> choosers = new java.util.EnumMap<>(CookieFlag.class);
        java.util.Set<CookieFlag> inverted = java.util.EnumSet.noneOf(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            FlagEffect effect = state.effect(flag);
            if (lostField(effect.parameter(), arguments)) {
                // A builder this call's receiver does not show (kept in a field, handed in): no caller decides it; an
                // enum's constant not shown is one of its constants, the flag known only at run time.
                resolved = resolved.withFlag(flag, arguments.unshownConstantField(effect.parameter())
                        ? FlagEffect.of(FlagValue.UNKNOWN) : effect.withParameter(BuilderClass.LOST_FIELD));
            } else if (effect.parameter() >= 0 && arguments.covers(effect.parameter())) {
                if (flag == CookieFlag.SAME_SITE) {
                    // The caller's SameSite argument: its text (None judged apart), or its own caller's choice.
                    resolved = resolved.withFlag(flag, effect.withArgument(arguments.sameSiteArgument(effect.parameter())))
                            .withSameSiteNone(isNone(arguments.sameSiteText(effect.parameter())));
                } else {
                    resolved = resolved.withFlag(flag, effect.withArgument(arguments.booleanArgument(effect.parameter())));
                }
                choosers.put(flag, arguments.chooserOf(effect.parameter()));
                if (effect.isNegated()) {
                    inverted.add(flag);
                }
            }
        }
        boolean namedHere = false;
        if (lostField(state.nameParameter(), arguments)) {
            resolved = resolved.withName(null, -1);
        } else if (state.nameParameter() >= 0 && arguments.covers(state.nameParameter())) {
            String name = arguments.nameArgument(state.nameParameter());
            resolved = resolved.withName(name, name != null ? -1 : arguments.parameterOfArgument(state.nameParameter()));
            namedHere = true;
        }
        if (lostField(state.valueParameter(), arguments)) {
            resolved = resolved.withValueFrom(-1, resolved.secretSource());
        } else if (state.valueParameter() >= 0 && arguments.covers(state.valueParameter())) {
            resolved = valued(resolved, state.valueParameter(), arguments);
            if (resolved.secretSource() == null && state.secretSource() != null) {
                // The helper's own evidence ("deviceCookie(String deviceToken)") is about every value it is given.
                resolved = resolved.withValueFrom(resolved.valueParameter(), state.secretSource());
            }
        }
        if (callSite == null) {
            return resolved;
        }
        if (choosers.isEmpty() && !(namedHere && nameMovesReport)) {
            return namedHere && resolved.name() != null ? resolved.namedBy(callerName(callSite)) : resolved;
        }
        return resolved.chosenAt(callSite, choosers, inverted);
    }
}
