package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.flow.BranchConditions;
import io.github.sessionguard.flow.ConstantNameSets;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A test of a cookie's name against a constant ({@code cookie.getName().startsWith("forum_")}), or its membership in a
 * constant collection of names ({@code !SCRIPT_READABLE.contains(cookie.getName())}), as a response
 * wrapper uses it to harden only some cookies: on the side where it {@link #holds}, and for a cookie whose name is
 * known, the wrapper's hardening applies.
 */
final class NameCondition {
    private static final String STRING = "java/lang/String";
    /** The cookie types' name accessor. */
    private static final String NAME_READ = "getName";

    private final String test;
    private final String text;
    /** For a membership test ({@code NAMES.contains(name)}), the constant collection's names; else null. */
    private final Set<String> members;
    private final boolean holdsWhenTrue;

    private NameCondition(String test, String text, Set<String> members, boolean holdsWhenTrue) {
        this.test = test;
        this.text = text;
        this.members = members;
        this.holdsWhenTrue = holdsWhenTrue;
    }

    /** The same test, holding on its other side ({@code if (!name.startsWith("ui_")) harden}). */
    NameCondition negated() {
        return new NameCondition(test, text, members, !holdsWhenTrue);
    }

    /** Does a cookie of this name pass the test on the side this condition stands for? Null names pass nothing. */
    boolean holds(String name) {
        if (name == null) {
            return false;
        }
        boolean result;
        if (members != null) {
            return members.contains(name) == holdsWhenTrue;
        }
        switch (test) {
        case "startsWith":
            result = name.startsWith(text);
            break;
        case "endsWith":
            result = name.endsWith(text);
            break;
        case "equals":
            result = name.equals(text);
            break;
        case "equalsIgnoreCase":
            result = name.equalsIgnoreCase(text);
            break;
        case "contains":
            result = name.contains(text);
            break;
        default:
            return false; // matches(regex) and others: not evaluated, so no cookie is taken as covered
        }
        return result == holdsWhenTrue;
    }

    /**
     * The name test whose result the branch ending {@code source} takes, with {@code true} as its holding side; null
     * when the branch tests something else. {@code isCookie} tells the tracked cookies' values.
     */
    static NameCondition testedBy(BasicBlock source, ValueNumberDataflow vna, ValueOrigins origins, ConstantPoolGen cpg,
            Predicate<ValueNumber> isCookie) throws DataflowAnalysisException {
        InstructionHandle last = source.getLastInstruction();
        if (last == null || !(last.getInstruction() instanceof IfInstruction)) {
            return null;
        }
        short opcode = last.getInstruction().getOpcode();
        if (opcode != Const.IFEQ && opcode != Const.IFNE) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, source));
        if (!frame.isValid() || frame.getStackDepth() == 0) {
            return null;
        }
        Location producer = origins.producer(frame.getTopValue());
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return null;
        }
        InvokeInstruction call = (InvokeInstruction) producer.getHandle().getInstruction();
        String test = call.getMethodName(cpg);
        if (CookiePolicyCatalogue.MEMBERSHIP_TEST.equals(test) && call.getArgumentTypes(cpg).length == 1
                && CookiePolicyCatalogue.NAME_COLLECTIONS.contains(call.getClassName(cpg).replace('.', '/'))) {
            return membership(producer, vna, origins, cpg, isCookie);
        }
        if (!STRING.equals(call.getClassName(cpg).replace('.', '/')) || !CookiePolicyCatalogue.SELECTIONS.contains(test)
                || call.getArgumentTypes(cpg).length != 1) {
            return null;
        }
        ValueNumberFrame atCall = vna.getFactAtLocation(producer);
        if (!atCall.isValid() || atCall.getStackDepth() < 2) {
            return null;
        }
        ValueNumber receiver = atCall.getStackValue(1);
        ValueNumber argument = atCall.getStackValue(0);
        String text = origins.stringLiteral(argument);
        ValueNumber name = receiver;
        if (text == null && test.startsWith("equals")) {
            text = origins.stringLiteral(receiver); // "forum_token".equals(cookie.getName())
            name = argument;
        }
        return text != null && readsName(name, vna, origins, cpg, isCookie)
                ? new NameCondition(test, text, null, true) : null;
    }

    /**
     * {@code NAMES.contains(cookie.getName())} with {@code NAMES} a constant collection of names (see
     * {@link ConstantNameSets}): holds for exactly those names; with {@code names} a field of the wrapper (configured
     * at run time), holds for no name the code makes; null when the collection is not known.
     */
    private static NameCondition membership(Location call, ValueNumberDataflow vna, ValueOrigins origins,
            ConstantPoolGen cpg, Predicate<ValueNumber> isCookie) throws DataflowAnalysisException {
        ValueNumberFrame atCall = vna.getFactAtLocation(call);
        if (!atCall.isValid() || atCall.getStackDepth() < 2
                || !readsName(atCall.getStackValue(0), vna, origins, cpg, isCookie)) {
            return null;
        }
        Location read = origins.producer(atCall.getStackValue(1));
        if (read != null && read.getHandle().getInstruction() instanceof GETFIELD) {
            // A collection the wrapper was handed when made (an exemption list read from the deployment's settings):
            // its names are known only at run time, and a cookie is taken for one it does not name. Exempted names
            // are a deployer's deliberate choice; the cookies the code makes otherwise get what the other side does.
            ValueNumberFrame atRead = vna.getFactAtLocation(read);
            if (!atRead.isValid() || atRead.getStackDepth() == 0
                    || !atRead.getTopValue().equals(vna.getAnalysis().getThisValue())) {
                return null;
            }
            GETFIELD field = (GETFIELD) read.getHandle().getInstruction();
            return new NameCondition(CookiePolicyCatalogue.MEMBERSHIP_TEST,
                    "this." + field.getFieldName(cpg) + " (configured)", Set.of(), true);
        }
        if (read == null || !(read.getHandle().getInstruction() instanceof GETSTATIC)) {
            return null;
        }
        GETSTATIC field = (GETSTATIC) read.getHandle().getInstruction();
        String owner = field.getClassName(cpg).replace('.', '/');
        Set<String> members = ConstantNameSets.of(owner, field.getFieldName(cpg));
        return members == null ? null : new NameCondition(CookiePolicyCatalogue.MEMBERSHIP_TEST,
                owner + "." + field.getFieldName(cpg), Set.copyOf(members), true);
    }

    /** Is the edge the side of its branch where the branch's tested value is true? */
    static boolean isTrueSide(Edge edge) {
        return BranchConditions.isSideWhere(edge, Const.IFNE, Const.IFEQ);
    }

    private static boolean readsName(ValueNumber value, ValueNumberDataflow vna, ValueOrigins origins,
            ConstantPoolGen cpg, Predicate<ValueNumber> isCookie) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return false;
        }
        InvokeInstruction read = (InvokeInstruction) producer.getHandle().getInstruction();
        if (!NAME_READ.equals(read.getMethodName(cpg)) || read.getArgumentTypes(cpg).length != 0
                || !CookieCatalogue.isCookieType(read.getClassName(cpg).replace('.', '/'))) {
            return false;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        return frame.isValid() && frame.getStackDepth() > 0 && isCookie.test(frame.getTopValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameCondition && ((NameCondition) o).test.equals(test) && ((NameCondition) o).text.equals(text)
                && Objects.equals(((NameCondition) o).members, members) && ((NameCondition) o).holdsWhenTrue == holdsWhenTrue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(test, text, members, holdsWhenTrue);
    }

    @Override
    public String toString() {
        return (holdsWhenTrue ? "" : "!") + "name." + test + "(\"" + text + "\")";
    }
}
