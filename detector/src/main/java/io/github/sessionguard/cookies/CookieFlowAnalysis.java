package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.ForwardDataflowAnalysis;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.MergeTree;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Forward must-analysis over one method: for each cookie object created in it (by value number), the
 * flags set on every path so far. A join keeps the worse value of each flag, so a flag set on one
 * branch only counts as missing after the branches meet.
 */
final class CookieFlowAnalysis extends ForwardDataflowAnalysis<CookieFacts> {
    /**
     * JDK packages whose methods run application code handed to them (a {@code Consumer<Cookie>} cookie
     * policy, reflection, method handles): a cookie passed there may well be hardened.
     */
    private static final List<String> JDK_CALLBACK_PACKAGES = List.of("java/util/function/", "java/lang/reflect/",
            "java/lang/invoke/");

    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final ConstantPoolGen cpg;
    private final MethodDescriptor method;
    private final MergeTree mergeTree;

    CookieFlowAnalysis(DepthFirstSearch dfs, ValueNumberDataflow vna, ConstantDataflow constants, ConstantPoolGen cpg,
            MethodDescriptor method) {
        super(dfs);
        this.vna = vna;
        this.constants = constants;
        this.cpg = cpg;
        this.method = method;
        this.mergeTree = vna.getAnalysis().getMergeTree();
    }

    /**
     * The tracked cookies a value may be, as value numbers. Where paths holding different objects meet
     * (get-or-create: {@code if (c == null) c = new Cookie(...)}), SpotBugs gives the variable a fresh
     * "phi" value number; its merge tree names the values that flow into it, so a flag set on, or a send
     * of, the merged value applies to every tracked cookie among them.
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

    @Override
    public CookieFacts createFact() {
        return new CookieFacts();
    }

    @Override
    public void copy(CookieFacts source, CookieFacts dest) {
        dest.copyFrom(source);
    }

    @Override
    public void initEntryFact(CookieFacts result) {
        result.clear();
    }

    @Override
    public void makeFactTop(CookieFacts fact) {
        fact.makeTop();
    }

    @Override
    public boolean isTop(CookieFacts fact) {
        return fact.isTop();
    }

    @Override
    public boolean same(CookieFacts a, CookieFacts b) {
        return a.sameAs(b);
    }

    @Override
    public void meetInto(CookieFacts fact, Edge edge, CookieFacts result) {
        result.meet(fact);
    }

    @Override
    public boolean isFactValid(CookieFacts fact) {
        return !fact.isTop();
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, CookieFacts fact)
            throws DataflowAnalysisException {
        if (!(handle.getInstruction() instanceof InvokeInstruction) || fact.isTop()) {
            return;
        }
        CallAt call = CallAt.of((InvokeInstruction) handle.getInstruction(), cpg, new Location(handle, block), vna,
                constants);
        if (call == null) {
            return;
        }
        CookieCallMatch match = CookieCatalogue.lookup(call.owner(), call.name(), call.descriptor());
        if (match == null) {
            forgetEscapingCookies(call, fact);
            return;
        }
        CookieCall row = match.call();
        if (row.role() == CookieCall.Role.CREATE) {
            String name = row.arg() >= 0 ? call.stringArgument(row.arg()) : null;
            fact.put(call.receiver().getNumber(),
                    CookieState.created(match.api(), name, new Site(method, handle.getPosition())));
            return;
        }
        if (row.role() == CookieCall.Role.SEND) {
            return;
        }
        for (int cookie : trackedValues(fact, call.receiver())) {
            fact.put(cookie, apply(row, call, fact.get(cookie)));
        }
    }

    private static CookieState apply(CookieCall row, CallAt call, CookieState state) throws DataflowAnalysisException {
        switch (row.role()) {
        case SET_FLAG:
            return state.withFlag(row.flag(), booleanFlag(call.constantArgument(row.arg())));
        case SET_MAX_AGE:
            Constant maxAge = call.constantArgument(row.arg());
            return state.withDeleting(maxAge.isConstantInteger() && maxAge.getConstantInt() == 0);
        case SET_ATTRIBUTE:
            return applyAttribute(state, call.stringArgument(0), call.constantArgument(1));
        default:
            return state;
        }
    }

    private static FlagValue booleanFlag(Constant value) {
        if (!value.isConstantInteger()) {
            return FlagValue.UNKNOWN;
        }
        return value.getConstantInt() != 0 ? FlagValue.SET : FlagValue.CLEARED;
    }

    /** {@code setAttribute(name, value)}, Servlet 6's generic form of every cookie attribute. */
    private static CookieState applyAttribute(CookieState state, String attribute, Constant value) {
        if (attribute == null) {
            return state;
        }
        String text = value.isConstantString() ? value.getConstantString().trim().toLowerCase(Locale.ROOT) : null;
        switch (attribute.toLowerCase(Locale.ROOT)) {
        case "samesite":
            if (text == null) {
                return state.withFlag(CookieFlag.SAME_SITE, FlagValue.UNKNOWN);
            }
            if (text.equals("none")) {
                return state.withSameSiteNone();
            }
            return state.withFlag(CookieFlag.SAME_SITE,
                    text.equals("lax") || text.equals("strict") ? FlagValue.SET : FlagValue.CLEARED);
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
        return text.equals("false") ? FlagValue.CLEARED : FlagValue.SET;
    }

    /**
     * A cookie handed to code outside the catalogue may be hardened there, so it is no longer tracked:
     * silence beats a guess. The JDK never touches cookie attributes, so its methods (collections,
     * logging, string building) keep the cookie tracked, and so do the cookie's own other methods; JDK
     * types that call back into code chosen at run time are the exception.
     */
    private void forgetEscapingCookies(CallAt call, CookieFacts fact) throws DataflowAnalysisException {
        if (fact.isEmpty() || CookieCatalogue.isCookieType(call.owner()) || isJdkOwnCode(call.owner())) {
            return;
        }
        for (ValueNumber value : call.consumedValues()) {
            for (int cookie : trackedValues(fact, value)) {
                fact.remove(cookie);
            }
        }
    }

    private static boolean isJdkOwnCode(String owner) {
        return owner.startsWith("java/") && JDK_CALLBACK_PACKAGES.stream().noneMatch(owner::startsWith);
    }
}
