package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.constant.ConstantFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.HeaderSink;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.FactsBefore;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.StringSketch;
import io.github.sessionguard.flow.StringSketchReader;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.AASTORE;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One method's cookie analysis: runs {@link CookieFlowAnalysis}, then reads every point where a cookie
 * reaches the client, leaves the method or is returned, and writes the method's summary and findings. A
 * configuration stored into a field is judged when the method returns, as configured by then.
 */
final class CookieMethodAnalysis {
    private final ClassContext classContext;
    private final Method method;
    private final MethodDescriptor descriptor;
    private final CookieSummaries summaries;
    private final MethodSummary summary = new MethodSummary(true);
    /** The objects a constructor leaves in {@code this}: its callers', judged where they go (see readConstructed). */
    private final Set<CookieState> constructed = new HashSet<>();
    /** A name test taken to hold (a wrapper read for the cookies it hardens by name), or null. */
    private final NameCondition assumed;

    CookieMethodAnalysis(ClassContext classContext, Method method, MethodDescriptor descriptor,
            CookieSummaries summaries, NameCondition assumed) {
        this.classContext = classContext;
        this.method = method;
        this.descriptor = descriptor;
        this.summaries = summaries;
        this.assumed = assumed;
    }

    MethodSummary run() throws CheckedAnalysisException {
        CFG cfg = classContext.getCFG(method);
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        ValueNumberDataflow vna = classContext.getValueNumberDataflow(method);
        ConstantDataflow constants = classContext.getConstantDataflow(method);
        ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
        MethodContext context = new MethodContext(descriptor, cfg, cpg, vna, constants, origins, summaries)
                .inClass(classContext.getJavaClass());
        CookieFlowAnalysis analysis = new CookieFlowAnalysis(classContext.getDepthFirstSearch(method), vna, context, assumed);
        Dataflow<CookieFacts, CookieFlowAnalysis> dataflow = new Dataflow<>(cfg, analysis);
        dataflow.execute();
        StringSketchReader strings = new StringSketchReader(cfg, vna, constants, cpg, classContext.getJavaClass(),
                origins);
        Map<Integer, List<Location>> arrayStores = arrayStores(cfg, vna);

        Map<Location, CookieFacts> facts = FactsBefore.of(cfg, analysis,
                instruction -> instruction instanceof InvokeInstruction || instruction instanceof ReturnInstruction);
        List<Location> locations = new ArrayList<>(facts.keySet());
        locations.sort(Comparator.comparingInt(l -> l.getHandle().getPosition()));
        for (int index = 0; index < locations.size(); index++) {
            Location location = locations.get(index);
            CookieFacts fact = facts.get(location);
            if (fact.isTop()) {
                continue;
            }
            Instruction instruction = location.getHandle().getInstruction();
            Site site = new Site(descriptor, location.getHandle().getPosition());
            if (instruction instanceof InvokeInstruction) {
                CallAt call = context.callAt((InvokeInstruction) instruction, location);
                MethodSummary lambda = call == null || !(instruction instanceof org.apache.bcel.generic.INVOKEDYNAMIC) ? null
                        : context.capturingLambdaSummary((org.apache.bcel.generic.INVOKEDYNAMIC) instruction, call, fact);
                if (lambda != null) {
                    // done -> response.addCookie(cookie): the captured cookie is sent as the lambda's body sends it,
                    // unless the method changes it after the capture (the lambda runs later and sees the change).
                    if (!usedAfter(call, fact, context, locations.subList(index + 1, locations.size()))) {
                        readCalleeSends(lambda, call, fact, context, site);
                    }
                } else if (call != null) {
                    readCall(call, fact, context, site, strings, arrayStores, vna, constants);
                }
            } else if (instruction instanceof ReturnInstruction) {
                List<CookieState> returned = List.of();
                if (instruction instanceof ARETURN) {
                    returned = readReturn(location, fact, context, vna, origins);
                } else if ("<init>".equals(context.method().getName())) {
                    readConstructed(location, fact, context, vna);
                }
                atNormalExit(fact, context, returned);
            }
        }
        return summary;
    }

    /**
     * A normal return: what happened to the caller's cookies is the method's effect on them; the
     * configurations made here and still held are final, and so are the cookies the response holds, unless
     * {@code returned} to the caller. (Exceptional exits are not effects: a caller whose helper threw does not go on
     * to send the cookie.)
     */
    private void atNormalExit(CookieFacts fact, MethodContext context, List<CookieState> returned) {
        for (int parameter : context.cookieParameters().keySet()) {
            if (!holdsParameter(fact, parameter)) {
                summary.parameterLost(parameter);
            }
        }
        for (CookieState state : fact.all().values()) {
            if (state.isParameter()) {
                summary.parameterEffect(state.parameter(), state);
            } else if (!constructed.contains(state) && !returned.contains(state)) {
                leaves(state);
                ends(state);
            }
        }
    }

    private static boolean holdsParameter(CookieFacts fact, int parameter) {
        for (CookieState state : fact.all().values()) {
            if (state.parameter() == parameter) {
                return true;
            }
        }
        return false;
    }

    /** Is a cookie this lambda captures handed to a call after the capture (a setter, a helper, a send)? */
    private static boolean usedAfter(CallAt capture, CookieFacts fact, MethodContext context, List<Location> later)
            throws DataflowAnalysisException {
        java.util.Set<ValueNumber> captured = new java.util.HashSet<>();
        for (ValueNumber value : capture.consumedValues()) {
            if (!context.trackedValues(fact, value).isEmpty()) {
                captured.add(value);
            }
        }
        for (Location location : later) {
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                continue;
            }
            CallAt call = context.callAt((InvokeInstruction) location.getHandle().getInstruction(), location);
            if (call == null) {
                continue;
            }
            for (ValueNumber value : call.consumedValues()) {
                if (captured.contains(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What a followed callee (or a lambda body a cookie is captured by) sends of what this call hands it. */
    private void readCalleeSends(MethodSummary callee, CallAt call, CookieFacts fact, MethodContext context, Site site)
            throws DataflowAnalysisException {
        CallArguments arguments = context.arguments(call);
        for (Map.Entry<Integer, CookieState> send : callee.parameterSends().entrySet()) {
            if (send.getKey() >= call.argumentCount()) {
                continue; // a lambda's own parameter (the value its callback is handed), not one it captured
            }
            for (CookieState caller : context.trackedStates(fact, call.argument(send.getKey()))) {
                sent(caller.then(CookieCallInterpreter.resolve(send.getValue(), arguments, null, false)),
                        EnumSet.allOf(CookieFlag.class));
            }
        }
        for (Sent decided : callee.callerDecidedSends()) {
            sent(CookieCallInterpreter.resolve(decided.cookie(), arguments, site, true), decided.flags());
        }
        for (Sent named : callee.callerNamedSends()) {
            namedHere(CookieCallInterpreter.resolve(named.cookie(), arguments, null, false), named.flags());
        }
    }

    private void readCall(CallAt call, CookieFacts fact, MethodContext context, Site site, StringSketchReader strings,
            Map<Integer, List<Location>> arrayStores, ValueNumberDataflow vna, ConstantDataflow constants)
            throws DataflowAnalysisException {
        CookieCallMatch match = context.catalogueMatch(call);
        if (match != null) {
            if (match.call().role() == CookieCall.Role.CREATE_SENT) {
                sent(new CookieCallInterpreter(context).created(match.api(), match.call(), context.arguments(call), site),
                        EnumSet.allOf(CookieFlag.class));
                return;
            }
            if (match.call().role() == CookieCall.Role.SEND && match.call().sendNameArg() >= 0) {
                CookieCallInterpreter interpreter = new CookieCallInterpreter(context);
                for (CookieState state : context.trackedStates(fact, call.receiver())) {
                    sent(interpreter.namedBySend(state, match.call(), context.arguments(call)),
                            EnumSet.allOf(CookieFlag.class));
                }
            } else if (match.call().role() == CookieCall.Role.SEND) {
                ValueNumber cookie = match.call().arg() < 0 ? call.receiver() : call.argument(match.call().arg());
                sendValue(cookie, match.api(), fact, context);
            }
            return;
        }
        HeaderSink sink = CookieCatalogue.headerSink(call.owner(), call.name(), call.descriptor());
        if (sink != null) {
            if (isSetCookie(call, sink, context)) {
                readHeaderValue(call, sink, fact, context, site, strings, arrayStores, vna, constants);
            }
            return;
        }
        if (CookieFlowAnalysis.isTransparent(context.apiOwner(call))) {
            return; // the cookie classes, and application subclasses of a configuration holder
        }
        MethodSummary callee = context.summaryFor(call, fact);
        if (callee != null && callee.isFollowed()) {
            readCalleeSends(callee, call, fact, context, site);
            return;
        }
        for (ValueNumber value : call.consumedValues()) {
            context.trackedStates(fact, value).forEach(this::leaves);
        }
    }

    /**
     * The header's name is the text Set-Cookie (any case), or a constant field named {@code SET_COOKIE}
     * (Netty's {@code HttpHeaderNames}, Vert.x's {@code HttpHeaders}, Undertow's {@code Headers}: a
     * {@code CharSequence} or {@code HttpString}, so no string constant javac could inline).
     */
    private static boolean isSetCookie(CallAt call, HeaderSink sink, MethodContext context)
            throws DataflowAnalysisException {
        String header = call.stringArgument(sink.nameArg());
        if (header != null) {
            return header.trim().equalsIgnoreCase(CookieCatalogue.headerName());
        }
        return CookieCatalogue.headerField().equals(context.origins().staticFieldName(call.argument(sink.nameArg())));
    }

    /** A header value: a tracked cookie object, or text read from its constants. */
    private void readHeaderValue(CallAt call, HeaderSink sink, CookieFacts fact, MethodContext context, Site site,
            StringSketchReader strings, Map<Integer, List<Location>> arrayStores, ValueNumberDataflow vna,
            ConstantDataflow constants) throws DataflowAnalysisException {
        ValueNumber value = call.argument(sink.valueArg());
        String type = new SignatureParser(call.descriptor()).getArguments()[sink.valueArg()];
        if (type.startsWith("[")) {
            for (Location store : arrayStores.getOrDefault(value.getNumber(), List.of())) {
                ValueNumberFrame frame = vna.getFactAtLocation(store);
                ConstantFrame constantFrame = constants.getFactAtLocation(store);
                if (frame.isValid() && constantFrame.isValid()) {
                    readHeaderText(frame.getStackValue(0), constantFrame.getStackValue(0), fact, context, site,
                            strings);
                }
            }
            return;
        }
        readHeaderText(value, call.constantArgument(sink.valueArg()), fact, context, site, strings);
    }

    private void readHeaderText(ValueNumber value, Constant constant, CookieFacts fact, MethodContext context,
            Site site, StringSketchReader strings) throws DataflowAnalysisException {
        if (!context.trackedValues(fact, value).isEmpty()) {
            sendValue(value, null, fact, context); // a serialised cookie of any API, written as Set-Cookie
            return;
        }
        // One cookie, judged over every way the code builds its text (a branch that appends an attribute).
        List<StringSketch> sketches = strings.readAlternatives(value, constant);
        CookieState header = headerOf(sketches, site);
        // Where the text is made: an application method that alone decides its name and attributes, else here.
        CookieState read = header;
        Site textSite = header == null ? null
                : strings.textBuilder(value, own -> decidesAlike(headerOf(own, site), read));
        if (textSite != null) {
            header = headerOf(sketches, textSite);
        }
        if (header != null) {
            sent(header, EnumSet.allOf(CookieFlag.class));
        }
    }

    /** The cookie the sketches of a Set-Cookie text describe, merged over them, made at the site; null if none. */
    private static CookieState headerOf(List<StringSketch> sketches, Site site) {
        CookieState header = null;
        for (StringSketch sketch : sketches) {
            CookieState path = SetCookieHeader.parse(sketch, site);
            if (path != null) {
                header = header == null ? path : header.merge(path);
            }
        }
        return header;
    }

    /** Does a helper's own text give the cookie the caller's reading found: its name and every flag alike? */
    private static boolean decidesAlike(CookieState own, CookieState read) {
        if (own == null || own.name() == null || !own.name().equals(read.name())) {
            return false;
        }
        for (CookieFlag flag : CookieFlag.values()) {
            if (own.flag(flag) != read.flag(flag)) {
                return false;
            }
        }
        return true;
    }

    /** A sent value: a tracked cookie (any of those a merged value may be), or an array of them. */
    /**
     * A send row hands over cookies of its own API only: a row on a general-purpose owner (a reactive
     * response's MultiValueMap of ResponseCookies) must not send a servlet Cookie put into some other map.
     * A null API sends cookies of every API (their text written into a Set-Cookie header).
     */
    private void sendValue(ValueNumber value, CookieApi api, CookieFacts fact, MethodContext context) {
        for (CookieState state : context.trackedStates(fact, value)) {
            if (api == null || state.api() == api) {
                sent(state, EnumSet.allOf(CookieFlag.class));
            }
        }
        for (int member : fact.arrayMembers(value.getNumber())) {
            CookieState memberState = fact.get(member);
            if (memberState != null && (api == null || memberState.api() == api)) {
                sent(memberState, EnumSet.allOf(CookieFlag.class));
            }
        }
    }

    /** The cookies and configurations the method returns here (empty when the frame is not known). */
    private List<CookieState> readReturn(Location location, CookieFacts fact, MethodContext context,
            ValueNumberDataflow vna, ValueOrigins origins) throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (!frame.isValid()) {
            return List.of();
        }
        ValueNumber value = frame.getTopValue();
        List<CookieState> states = context.trackedStates(fact, value);
        if (states.isEmpty() && !origins.isNullLiteral(value)) {
            summary.returnsSomethingElse();
        }
        for (CookieState state : states) {
            if (state.api().kind() == CookieApi.Kind.CONFIGURATION && !state.isParameter()) {
                leaves(state);
            } else {
                summary.returns(state);
            }
        }
        return states;
    }

    /**
     * A subclass's constructor returning: the cookie or configuration its {@code super(...)} made in {@code this}
     * is what {@code new} gives the caller, who configures and sends it (see {@code constructsSubclass}).
     */
    private void readConstructed(Location location, CookieFacts fact, MethodContext context, ValueNumberDataflow vna)
            throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (frame.isValid()) {
            for (CookieState state : context.trackedStates(fact, vna.getAnalysis().getThisValue())) {
                if (!state.isParameter()) {
                    summary.returns(state);
                    constructed.add(state);
                }
            }
        }
    }

    /** A configuration leaving the code that configures it is judged there; plain cookies wait for a send. */
    private void leaves(CookieState state) {
        if (state != null && state.api().kind() == CookieApi.Kind.CONFIGURATION) {
            sent(state, EnumSet.allOf(CookieFlag.class));
        }
    }

    /** A cookie the response holds, at the end of the method that holds it: sent as it is now. */
    private void ends(CookieState state) {
        if (state != null && state.api().kind() == CookieApi.Kind.IN_RESPONSE) {
            sent(state, EnumSet.allOf(CookieFlag.class));
        }
    }

    /**
     * A cookie reaching the client: the caller's cookie goes into the summary; the flags the caller
     * chooses wait for the caller; the rest is judged here.
     */
    private void sent(CookieState state, Set<CookieFlag> flags) {
        if (state.isParameter()) {
            summary.parameterSent(state);
            return;
        }
        Set<CookieFlag> own = EnumSet.noneOf(CookieFlag.class);
        Set<CookieFlag> decided = EnumSet.noneOf(CookieFlag.class);
        for (CookieFlag flag : flags) {
            (state.isCallerDecided(flag) ? decided : own).add(flag);
        }
        if (!own.isEmpty() && !CookieCatalogue.isFrameworkImplementation(descriptor.getSlashedClassName())) {
            summary.finding(new Sent(state, own));
            if (state.nameParameter() >= 0 || state.valueParameter() >= 0) {
                summary.callerNamedSend(new Sent(state, own));
            }
        }
        if (!decided.isEmpty()) {
            summary.callerDecidedSend(new Sent(state, decided));
        }
    }

    /**
     * A cookie a callee made and judged, with the name and value this method passes in: when this method
     * says what it carries (a constant name, a token-yielding value, or an unknown of its own), that is
     * evidence for the finding at the cookie's creation; what this method's own callers choose goes up.
     */
    private void namedHere(CookieState resolved, Set<CookieFlag> flags) {
        boolean nameFromCallers = resolved.name() == null && resolved.nameParameter() >= 0;
        if (nameFromCallers || resolved.valueParameter() >= 0) {
            summary.callerNamedSend(new Sent(resolved, flags));
        }
        if (!nameFromCallers || resolved.secretSource() != null) {
            String caller = descriptor.getSlashedClassName();
            caller = caller.substring(caller.lastIndexOf('/') + 1) + "." + descriptor.getName();
            summary.finding(new Sent(resolved.namedBy(caller), flags));
        }
    }

    /** The AASTORE locations of each array value, for varargs header values. */
    private static Map<Integer, List<Location>> arrayStores(CFG cfg, ValueNumberDataflow vna)
            throws DataflowAnalysisException {
        Map<Integer, List<Location>> stores = new HashMap<>();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (location.getHandle().getInstruction() instanceof AASTORE) {
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                if (frame.isValid() && frame.getStackDepth() >= 3) {
                    stores.computeIfAbsent(frame.getStackValue(2).getNumber(), a -> new ArrayList<>()).add(location);
                }
            }
        }
        return stores;
    }
}
