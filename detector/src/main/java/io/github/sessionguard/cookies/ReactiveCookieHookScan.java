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
import io.github.sessionguard.catalogue.CookiePolicyCatalogue.ReactiveCookieHook;
import io.github.sessionguard.cookies.CookiePolicyFacts.SameSitePolicy;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantNameAndType;
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
 * Reads one WebFlux filter class for a {@link ReactiveCookieHook}: it reads the response's cookies, copies each
 * ({@code mutate()}) and sets flags on the copy that a method answers, and never picks a cookie by name, nor tests a
 * text or a set anywhere but in that method (which may choose the cookies or requests it hardens). A flag set on every path of its
 * method (post-dominating the entry) with a protective constant is set on every {@code ResponseCookie}; a SameSite
 * chosen only for cookies without their own ({@code cookie.getSameSite() != null ? cookie.getSameSite() : "Lax"}, or
 * set under a test of {@code getSameSite()}) is given to those.
 */
final class ReactiveCookieHookScan {
    private final ClassContext classContext;
    private final CookiePolicyFacts facts;

    ReactiveCookieHookScan(ClassContext classContext, CookiePolicyFacts facts) {
        this.classContext = classContext;
        this.facts = facts;
    }

    /** The calls a class makes, by owner and name, from its bytecode alone (no dataflow). */
    private static final class Calls {
        boolean readsCookies;
        boolean copiesCookie;
        boolean picksByName;
        boolean selectsElsewhere;
        final List<Method> setting = new ArrayList<>();
    }

    void run() throws CheckedAnalysisException {
        JavaClass javaClass = classContext.getJavaClass();
        if (!TypeChecks.isSubtypeOfAny(javaClass.getClassName().replace('.', '/'), List.of(ReactiveCookieHook.FILTER))) {
            return;
        }
        Calls calls = survey(javaClass);
        if (!calls.readsCookies || !calls.copiesCookie || calls.picksByName || calls.selectsElsewhere) {
            return;
        }
        for (Method method : calls.setting) {
            readSetters(method);
        }
    }

    private static Calls survey(JavaClass javaClass) {
        Calls calls = new Calls();
        ConstantPool pool = javaClass.getConstantPool();
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            boolean sets = false;
            boolean selects = false;
            boolean putsBack = false;
            // A test between a copy's mutate() and its build() decides one of its flags (httpOnly(!readable.contains(
            // name))), not which cookies are copied.
            boolean inCopy = false;
            boolean selectsOutsideCopy = false;
            for (Instruction instruction : new InstructionList(method.getCode().getCode()).getInstructions()) {
                if (!(instruction instanceof InvokeInstruction) || instruction instanceof INVOKEDYNAMIC) {
                    continue;
                }
                ConstantCP reference = pool.getConstant(((InvokeInstruction) instruction).getIndex());
                ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex());
                String owner = reference.getClass(pool).replace('.', '/');
                String name = nameAndType.getName(pool);
                calls.readsCookies |= ReactiveCookieHook.COOKIES_READ.equals(name)
                        && TypeChecks.isSubtypeOfAny(owner, List.of(ReactiveCookieHook.RESPONSE));
                calls.copiesCookie |= ReactiveCookieHook.COPY.equals(name) && ReactiveCookieHook.COOKIE.equals(owner);
                calls.picksByName |= ReactiveCookieHook.KEYED_READS.contains(name)
                        && ReactiveCookieHook.MAPS.contains(owner);
                sets |= ReactiveCookieHook.BUILDER.equals(owner) && ReactiveCookieHook.SETTERS.containsKey(name);
                boolean selection = ReactiveCookieHook.SELECTIONS.contains(name) && owner.startsWith("java/");
                selects |= selection;
                selectsOutsideCopy |= selection && !inCopy;
                putsBack |= ReactiveCookieHook.PUTS_BACK.getOrDefault(owner, java.util.Set.of()).contains(name);
                if (ReactiveCookieHook.COPY.equals(name) && ReactiveCookieHook.COOKIE.equals(owner)) {
                    inCopy = true;
                } else if (ReactiveCookieHook.BUILD.equals(name) && ReactiveCookieHook.BUILDER.equals(owner)) {
                    inCopy = false;
                }
            }
            // The copy must be what the method answers (the hook puts it in place of the cookie), or what it puts
            // back into the cookie map itself; a copy built and dropped changes nothing. A selection in the setting
            // method itself is judged per path below.
            boolean returnsCopy = method.getSignature().endsWith(")L" + ReactiveCookieHook.COOKIE + ";");
            boolean answersCopy = returnsCopy || putsBack;
            if (sets && answersCopy) {
                calls.setting.add(method);
            }
            // In a loop that puts copies back, a test may skip cookies (continue) where no path says so: a test there
            // outside a copy's builder makes the filter no policy for every cookie.
            calls.selectsElsewhere |= returnsCopy && sets ? false : putsBack && sets ? selectsOutsideCopy : selects;
        }
        return calls;
    }

    private void readSetters(Method method) throws CheckedAnalysisException {
        CFG cfg = classContext.getCFG(method);
        java.util.BitSet everyPath = everyPathOfCopy(method, cfg);
        ValueOrigins origins = ValueOrigins.of(cfg, classContext.getValueNumberDataflow(method),
                classContext.getConstantPoolGen());
        boolean readsOwnSameSite = false;
        List<Location> setters = new ArrayList<>();
        for (Iterator<Location> i = cfg.locationIterator(); i.hasNext();) {
            Location location = i.next();
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)
                    || location.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction invoke = (InvokeInstruction) location.getHandle().getInstruction();
            String owner = CallAt.ownerOf(invoke, classContext.getConstantPoolGen());
            String name = invoke.getMethodName(classContext.getConstantPoolGen());
            readsOwnSameSite |= ReactiveCookieHook.OWN_SAME_SITE.equals(name) && ReactiveCookieHook.COOKIE.equals(owner);
            if (ReactiveCookieHook.BUILDER.equals(owner) && ReactiveCookieHook.SETTERS.containsKey(name)) {
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
            CookieFlag flag = ReactiveCookieHook.SETTERS.get(call.name());
            boolean onEveryPath = everyPath.get(location.getBasicBlock().getLabel());
            Site site = new Site(BCELUtil.getMethodDescriptor(classContext.getJavaClass(), method),
                    location.getHandle().getPosition());
            if (flag != CookieFlag.SAME_SITE) {
                Constant value = call.constantArgument(0);
                if (onEveryPath && value.isConstantInteger() && value.getConstantInt() == 1) {
                    facts.forced(flag, ReactiveCookieHook.REACHES);
                }
                continue;
            }
            // A field's value (sameSite(this.sameSite)): a None among its values protects nothing, below.
            String constant = call.stringArgument(0) != null ? call.stringArgument(0)
                    : CallArguments.sameSiteOfField(origins.producer(call.argument(0)), classContext.getConstantPoolGen());
            if (constant != null && CookiePolicyCatalogue.isHardeningSameSite(constant)) {
                // Unconditional: every cookie's own value replaced; under a test of the cookie's own: a default.
                if (onEveryPath) {
                    facts.sameSite(SameSitePolicy.everyCookieReplacing(constant, ReactiveCookieHook.FILTER, site,
                            ReactiveCookieHook.REACHES));
                } else if (readsOwnSameSite) {
                    facts.sameSite(SameSitePolicy.everyCookieWithout(constant, ReactiveCookieHook.FILTER, site,
                            ReactiveCookieHook.REACHES));
                }
                continue;
            }
            String fallback = onEveryPath ? defaultForOwnSameSite(call.argument(0), origins) : null;
            if (fallback != null) {
                facts.sameSite(SameSitePolicy.everyCookieWithout(fallback, ReactiveCookieHook.FILTER, site,
                        ReactiveCookieHook.REACHES));
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
        if (method.getSignature().endsWith(")L" + ReactiveCookieHook.COOKIE + ";")) {
            return postDominators.getAllDominatorsOf(cfg.getEntry());
        }
        Location copy = null;
        List<Location> elements = new ArrayList<>();
        for (Iterator<Location> i = cfg.locationIterator(); i.hasNext();) {
            Location location = i.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (!(instruction instanceof InvokeInstruction) || instruction instanceof INVOKEDYNAMIC) {
                continue;
            }
            String name = ((InvokeInstruction) instruction).getMethodName(classContext.getConstantPoolGen());
            if (ReactiveCookieHook.COPY.equals(name)) {
                if (copy != null) {
                    return new java.util.BitSet();
                }
                copy = location;
            } else if (ReactiveCookieHook.NEXT_ELEMENT.equals(name)) {
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
     * {@code own != null ? own : "Lax"} with {@code own = cookie.getSameSite()}: the protective constant the merge
     * gives a cookie without its own SameSite; null for anything else.
     */
    private String defaultForOwnSameSite(ValueNumber value, ValueOrigins origins) throws DataflowAnalysisException {
        String constant = null;
        for (ValueNumber input : origins.inputsOf(value)) {
            Location producer = input == null ? null : origins.producer(input);
            Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
            if (instruction instanceof LDC && ((LDC) instruction).getValue(classContext.getConstantPoolGen()) instanceof String) {
                String text = (String) ((LDC) instruction).getValue(classContext.getConstantPoolGen());
                if (!CookiePolicyCatalogue.isHardeningSameSite(text)) {
                    return null;
                }
                constant = text;
            } else if (!(instruction instanceof InvokeInstruction) || !ReactiveCookieHook.OWN_SAME_SITE.equals(
                    ((InvokeInstruction) instruction).getMethodName(classContext.getConstantPoolGen()))) {
                return null;
            }
        }
        return constant;
    }
}
