package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.BranchConditions;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.PathFactAnalysis;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.Const;
import org.apache.bcel.generic.AASTORE;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Forward must-analysis over one method: for each cookie object made in it, or received as a parameter,
 * what every path so far did to its flags (by value number). A join keeps every possibility of each
 * flag, so a flag set on one branch only counts as missing after the branches meet. Calls to application
 * methods apply their summaries; cookies handed to code the analysis cannot see stop being tracked.
 */
final class CookieFlowAnalysis extends PathFactAnalysis<CookieFacts> {
    private final ValueNumberDataflow vna;
    private final MethodContext context;
    private final CookieCallInterpreter interpreter;
    /** Each call's result value ({@link #NO_RESULT}: none), by call: a call is one object per location. */
    private final Map<CallAt, Object> results = new IdentityHashMap<>();
    /** Values that hold a cookie's own flag, read back (see meetInto), by value number. */
    private final Map<Integer, FlagRead> flagReads = new java.util.HashMap<>();
    private static final Object NO_RESULT = new Object();
    /** The servlet cookie's max age accessor: 0 makes the cookie a deletion. */
    private static final String MAX_AGE_READ = "getMaxAge";
    /** A test of a tracked cookie's name taken to hold (see {@link NameCondition}): paths where it fails are not followed. */
    private final NameCondition assumed;
    /**
     * Cost only: does the class's constant pool name {@link #MAX_AGE_READ} at all? Without it no branch can test a
     * deletion, and {@link #deletionSide}, asked at every branch edge of every pass, is not asked.
     */
    private final boolean namesMaxAge;

    CookieFlowAnalysis(DepthFirstSearch dfs, ValueNumberDataflow vna, MethodContext context, NameCondition assumed) {
        super(dfs, CookieFacts::new);
        this.vna = vna;
        this.context = context;
        this.interpreter = new CookieCallInterpreter(context);
        this.assumed = assumed;
        this.namesMaxAge = context.cpg().lookupUtf8(MAX_AGE_READ) >= 0;
    }

    /**
     * On the side of a test of a cookie's own flag where the cookie has it ({@code getSecure()} true,
     * {@code getAttribute("SameSite")} not null), the flag counts as set: a wrapper that sets it only where it is
     * missing sets it on every cookie it passes on.
     */
    @Override
    public void meetInto(CookieFacts fact, Edge edge, CookieFacts result) throws DataflowAnalysisException {
        if (assumed != null && !fact.isTop() && !edge.isExceptionEdge()) {
            NameCondition tested = NameCondition.testedBy(edge.getSource(), vna, context.origins(), context.cpg(),
                    value -> fact.get(value.getNumber()) != null);
            if (tested != null && !(NameCondition.isTrueSide(edge) ? tested : tested.negated()).equals(assumed)) {
                return; // the side where the assumed name test fails: not a path of the cookies assumed
            }
        }
        Integer deleted = !namesMaxAge || fact.isTop() || edge.isExceptionEdge() ? null : deletionSide(edge, fact);
        if (deleted != null) {
            // A cookie sent with max age 0 only removes the browser's copy (never reported, see CookieVerdict): on
            // that side its flags do not matter, so they count as set, and a wrapper that hardens every cookie but
            // the deletions it passes on ({@code if (cookie.getMaxAge() != 0) cookie.setSecure(true)}) hardens all.
            CookieState cookie = fact.get(deleted);
            CookieFacts incoming = createFact();
            copy(fact, incoming);
            CookieState settled = cookie;
            for (CookieFlag flag : CookieFlag.values()) {
                settled = settled.withFlag(flag, FlagValue.SET);
            }
            incoming.put(deleted, settled);
            super.meetInto(incoming, edge, result);
            return;
        }
        FlagRead read = fact.isTop() || flagReads.isEmpty() ? null : presentSide(edge);
        if (read == null) {
            super.meetInto(fact, edge, result);
            return;
        }
        CookieState cookie = fact.get(read.cookie);
        if (cookie == null) {
            super.meetInto(fact, edge, result);
            return;
        }
        CookieFacts incoming = createFact();
        copy(fact, incoming);
        incoming.put(read.cookie, cookie.withFlag(read.flag, FlagValue.SET));
        super.meetInto(incoming, edge, result);
    }

    /**
     * The tracked cookie (its value number) this edge leaves known to be a deletion: the side where the cookie's
     * {@code getMaxAge()} is 0, tested directly ({@code if (cookie.getMaxAge() != 0)}) or through a boolean local
     * javac made of the comparison ({@code boolean deletion = cookie.getMaxAge() == 0; if (!deletion)}); else null.
     */
    private Integer deletionSide(Edge edge, CookieFacts fact) throws DataflowAnalysisException {
        InstructionHandle last = edge.getSource().getLastInstruction();
        if (last == null) {
            return null;
        }
        short opcode = last.getInstruction().getOpcode();
        if (opcode != Const.IFEQ && opcode != Const.IFNE) {
            return null;
        }
        // Which value of the tested int means a deletion: 0 for getMaxAge() itself, 1 or 0 for a boolean of it.
        Integer cookie = maxAgeReceiver(new Location(last, edge.getSource()), fact);
        boolean deletionWhenZero = true;
        if (cookie == null) {
            InstructionHandle diamondTest = booleanLocalTest(last);
            if (diamondTest == null) {
                return null;
            }
            cookie = maxAgeReceiver(new Location(diamondTest, blockEndingWith(diamondTest)), fact);
            // boolean b = x == 0 is "ifne L; iconst_1; goto J; L: iconst_0": b is true where x is 0 (ifeq: not 0).
            deletionWhenZero = diamondTest.getInstruction().getOpcode() != Const.IFNE;
        }
        if (cookie == null) {
            return null;
        }
        boolean zeroSide = BranchConditions.isSideWhere(edge, Const.IFEQ, Const.IFNE);
        return zeroSide == deletionWhenZero ? cookie : null;
    }

    /** The block that ends with the branch, or null. */
    private BasicBlock blockEndingWith(InstructionHandle handle) {
        for (Iterator<BasicBlock> blocks = context.cfg().blockIterator(); blocks.hasNext();) {
            BasicBlock block = blocks.next();
            if (block.getLastInstruction() == handle) {
                return block;
            }
        }
        return null;
    }

    /** The tracked cookie whose {@code getMaxAge()} (an int) is the value tested at the branch, or null. */
    private Integer maxAgeReceiver(Location branch, CookieFacts fact) throws DataflowAnalysisException {
        if (branch.getBasicBlock() == null) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(branch);
        if (!frame.isValid() || frame.getStackDepth() == 0) {
            return null;
        }
        Location producer = context.origins().producer(frame.getTopValue());
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return null;
        }
        InvokeInstruction call = (InvokeInstruction) producer.getHandle().getInstruction();
        if (!MAX_AGE_READ.equals(call.getMethodName(context.cpg())) || !"()I".equals(call.getSignature(context.cpg()))
                || call.getOpcode() == Const.INVOKESTATIC) {
            return null;
        }
        ValueNumberFrame atCall = vna.getFactAtLocation(producer);
        if (!atCall.isValid() || atCall.getStackDepth() == 0) {
            return null;
        }
        int receiver = atCall.getTopValue().getNumber();
        return fact.get(receiver) != null ? receiver : null;
    }

    /**
     * For a branch on a boolean local ({@code iload n; ifeq}), the int test javac compiled the local's only
     * assignment from ({@code ifne L; iconst_1; goto J; L: iconst_0; J: istore n}); null for any other shape.
     */
    private static InstructionHandle booleanLocalTest(InstructionHandle branch) {
        InstructionHandle load = branch.getPrev();
        if (load == null || !(load.getInstruction() instanceof org.apache.bcel.generic.ILOAD)) {
            return null;
        }
        int local = ((org.apache.bcel.generic.ILOAD) load.getInstruction()).getIndex();
        InstructionHandle store = null;
        for (InstructionHandle h = load.getPrev(); h != null; h = h.getPrev()) {
            if (h.getInstruction() instanceof org.apache.bcel.generic.StoreInstruction
                    && ((org.apache.bcel.generic.StoreInstruction) h.getInstruction()).getIndex() == local) {
                if (store != null) {
                    return null; // assigned more than once before the test
                }
                store = h;
            }
        }
        for (InstructionHandle h = load.getNext(); h != null; h = h.getNext()) {
            if (h.getInstruction() instanceof org.apache.bcel.generic.StoreInstruction
                    && ((org.apache.bcel.generic.StoreInstruction) h.getInstruction()).getIndex() == local) {
                return null; // reassigned later (a loop may bring it back)
            }
        }
        if (store == null || !(store.getInstruction() instanceof org.apache.bcel.generic.ISTORE)) {
            return null;
        }
        InstructionHandle zero = store.getPrev();
        InstructionHandle jump = zero == null ? null : zero.getPrev();
        InstructionHandle one = jump == null ? null : jump.getPrev();
        InstructionHandle test = one == null ? null : one.getPrev();
        if (test == null || zero.getInstruction().getOpcode() != Const.ICONST_0
                || !(jump.getInstruction() instanceof org.apache.bcel.generic.GOTO)
                || ((org.apache.bcel.generic.GOTO) jump.getInstruction()).getTarget() != store
                || one.getInstruction().getOpcode() != Const.ICONST_1
                || test.getInstruction().getOpcode() != Const.IFNE && test.getInstruction().getOpcode() != Const.IFEQ
                || ((org.apache.bcel.generic.IfInstruction) test.getInstruction()).getTarget() != zero) {
            return null;
        }
        return test;
    }

    /** The flag read this edge leaves the flag present on, or null. */
    private FlagRead presentSide(Edge edge) throws DataflowAnalysisException {
        InstructionHandle last = edge.getSource().getLastInstruction();
        if (last == null || edge.isExceptionEdge()) {
            return null;
        }
        boolean booleanTest = BranchConditions.isSideWhere(edge, Const.IFNE, Const.IFEQ);
        boolean nullTest = BranchConditions.isSideWhere(edge, Const.IFNONNULL, Const.IFNULL);
        if (!booleanTest && !nullTest) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, edge.getSource()));
        if (!frame.isValid() || frame.getStackDepth() == 0) {
            return null;
        }
        FlagRead read = flagReads.get(frame.getTopValue().getNumber());
        return read != null && (read.flag == CookieFlag.SAME_SITE) == nullTest ? read : null;
    }

    private void noteFlagRead(CallAt call, ValueNumber result) throws DataflowAnalysisException {
        if (result == null || !call.hasReceiver()) {
            return;
        }
        CookieFlag flag = CookieCatalogue.flagRead(call.owner(), call.name(), call.descriptor(),
                call.argumentCount() == 1 ? call.stringArgument(0) : null);
        if (flag != null) {
            flagReads.put(result.getNumber(), new FlagRead(call.receiver().getNumber(), flag));
        }
    }

    /** A cookie's flag read into a value: which cookie, which flag. */
    private static final class FlagRead {
        final int cookie;
        final CookieFlag flag;

        FlagRead(int cookie, CookieFlag flag) {
            this.cookie = cookie;
            this.flag = flag;
        }
    }

    /** At entry, each parameter of a cookie type is the caller's cookie, untouched. */
    @Override
    public void initEntryFact(CookieFacts result) {
        result.clear();
        for (Map.Entry<Integer, CookieApi> parameter : context.cookieParameters().entrySet()) {
            result.put(context.parameterValue(parameter.getKey()),
                    CookieState.parameter(parameter.getValue(), parameter.getKey()));
        }
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, CookieFacts fact)
            throws DataflowAnalysisException {
        if (fact.isTop()) {
            return;
        }
        Location location = new Location(handle, block);
        if (handle.getInstruction() instanceof AASTORE) {
            noteArrayStore(location, fact);
            return;
        }
        if (handle.getInstruction() instanceof FieldInstruction) {
            followField((FieldInstruction) handle.getInstruction(), location, fact);
            return;
        }
        if (handle.getInstruction() instanceof org.apache.bcel.generic.AALOAD) {
            noteRequestCookie(location, fact);
            return;
        }
        if (!(handle.getInstruction() instanceof InvokeInstruction)) {
            return;
        }
        CallAt call = context.callAt((InvokeInstruction) handle.getInstruction(), location);
        if (call == null) {
            return;
        }
        ValueNumber result = resultOf(call, location);
        noteFlagRead(call, result);
        if (interpreter.constructsSubclass(call, new Site(context.method(), handle.getPosition()), fact)) {
            return;
        }
        CookieCallMatch match = context.catalogueMatch(call);
        if (match != null) {
            interpreter.apply(match, call, result, location, fact);
            return;
        }
        if (interpreter.followFluentCall(call, result, new Site(context.method(), handle.getPosition()), fact)) {
            return;
        }
        if (handle.getInstruction() instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            MethodSummary body = context.capturingLambdaSummary((org.apache.bcel.generic.INVOKEDYNAMIC) handle.getInstruction(),
                    call, fact);
            if (body != null) {
                interpreter.applySummary(body, call, null, new Site(context.method(), handle.getPosition()), fact);
                return;
            }
        }
        if (isTransparent(context.apiOwner(call))) {
            return;
        }
        MethodSummary summary = context.summaryFor(call, fact);
        if (summary != null && summary.isFollowed()) {
            interpreter.applySummary(summary, call, result, new Site(context.method(), handle.getPosition()), fact);
            return;
        }
        forgetEscapingCookies(call, fact);
    }

    /**
     * JDK types whose methods run application code handed to them (a {@code Consumer<Cookie>} cookie
     * policy, reflection, method handles, tasks): a cookie passed there may well be hardened.
     */
    private static final List<String> JDK_CALLBACK_PACKAGES = List.of("java/util/function/", "java/lang/reflect/",
            "java/lang/invoke/");
    private static final List<String> JDK_CALLBACK_TYPES = List.of("java/lang/Runnable",
            "java/util/concurrent/Callable");

    /**
     * The JDK and the cookie classes themselves never change a cookie's flags behind its back; JDK
     * callbacks (functional interfaces, reflection, method handles) run application code, so they do not
     * count as JDK.
     */
    static boolean isTransparent(String owner) {
        if (owner.startsWith("java/")) {
            if (JDK_CALLBACK_TYPES.contains(owner)) {
                return false;
            }
            for (String callbacks : JDK_CALLBACK_PACKAGES) {
                if (owner.startsWith(callbacks)) {
                    return false;
                }
            }
            return true;
        }
        return CookieCatalogue.isCookieType(owner);
    }

    /**
     * The value a call returns (null for void, long and double results), read once per call: the value
     * numbers are final, and the dataflow passes over each call several times.
     */
    private ValueNumber resultOf(CallAt call, Location location) throws DataflowAnalysisException {
        Object known = results.get(call);
        if (known == null) {
            ValueNumberFrame after = vna.getFactAfterLocation(location);
            String descriptor = call.descriptor();
            char returned = descriptor.charAt(descriptor.indexOf(')') + 1);
            boolean oneSlot = returned != 'V' && returned != 'J' && returned != 'D';
            known = after.isValid() && oneSlot && after.getStackDepth() > 0 ? after.getTopValue() : NO_RESULT;
            results.put(call, known);
        }
        return known == NO_RESULT ? null : (ValueNumber) known;
    }

    /**
     * A cookie stored into a field and loaded again in the same method (a generator kept in a field and
     * configured in the constructor) is the same cookie.
     */
    private void followField(FieldInstruction instruction, Location location, CookieFacts fact)
            throws DataflowAnalysisException {
        String field = instruction.getClassName(context.cpg()) + "." + instruction.getFieldName(context.cpg());
        if (instruction instanceof PUTFIELD || instruction instanceof PUTSTATIC) {
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (!frame.isValid() || instruction.getFieldType(context.cpg()).getSize() != 1) {
                return;
            }
            List<Integer> tracked = context.trackedValues(fact, frame.getTopValue());
            if (tracked.size() == 1) {
                fact.storeField(field, tracked.get(0));
            } else {
                fact.forgetField(field);
            }
        } else if (instruction instanceof GETFIELD || instruction instanceof GETSTATIC) {
            int holder = fact.fieldHolder(field);
            ValueNumberFrame after = vna.getFactAfterLocation(location);
            if (holder >= 0 && fact.get(holder) != null && after.isValid() && after.getStackDepth() > 0) {
                fact.put(after.getTopValue().getNumber(), fact.get(holder));
            }
        }
    }

    /**
     * {@code cookies[i]} of {@code request.getCookies()} (a for-each loop over them): a cookie as the browser sent it,
     * name and value only, so one sent back carries no flag it is not given here (see
     * {@link CookieCatalogue#requestCookies}). Made where it is read.
     */
    private void noteRequestCookie(Location location, CookieFacts fact) throws DataflowAnalysisException {
        ValueNumberFrame before = vna.getFactAtLocation(location);
        ValueNumberFrame after = vna.getFactAfterLocation(location);
        if (!before.isValid() || before.getStackDepth() < 2 || !after.isValid() || after.getStackDepth() < 1) {
            return;
        }
        org.apache.bcel.generic.InvokeInstruction read = context.origins().producingCall(before.getStackValue(1));
        if (read == null || read instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return;
        }
        CookieApi api = CookieCatalogue.requestCookies(read.getMethodName(context.cpg()), read.getSignature(context.cpg()));
        if (api != null) {
            fact.put(after.getTopValue().getNumber(),
                    CookieState.created(api, null, new Site(context.method(), location.getHandle().getPosition())));
        }
    }

    private void noteArrayStore(Location location, CookieFacts fact) throws DataflowAnalysisException {
        ValueNumberFrame frame = vna.getFactAtLocation(location);
        if (!frame.isValid() || frame.getStackDepth() < 3) {
            return;
        }
        ValueNumber value = frame.getStackValue(0);
        ValueNumber array = frame.getStackValue(2);
        for (int cookie : context.trackedValues(fact, value)) {
            fact.addArrayMember(array.getNumber(), cookie);
        }
    }

    /**
     * A cookie handed to code outside the catalogue may be hardened there, so it is no longer tracked:
     * silence beats a guess. A merged value (get-or-create) escapes with every tracked cookie it may be.
     */
    private void forgetEscapingCookies(CallAt call, CookieFacts fact) throws DataflowAnalysisException {
        if (fact.isEmpty()) {
            return;
        }
        for (ValueNumber value : call.consumedValues()) {
            for (CookieState state : context.trackedStates(fact, value)) {
                fact.removeObject(state);
            }
        }
    }
}
