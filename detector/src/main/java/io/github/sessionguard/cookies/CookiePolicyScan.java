package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.bcel.BCELUtil;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue.ServerHandler;
import io.github.sessionguard.catalogue.RequestMappingCatalogue;
import io.github.sessionguard.cookies.CookiePolicyFacts.SameSitePolicy;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.NamedReferences;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.Site;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.generic.AASTORE;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.NEW;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the policies one method installs, per value (value numbers, not "a call somewhere in the method"):
 * a SameSite supplier and the narrowing calls made on that supplier, a Tomcat processor's SameSite setting,
 * a response wrapper created here and handed to the rest of the filter chain, a server handler that hardens
 * every cookie of its stack, constructed here or used through its shared instance, and a server's SameSite default
 * set as an attribute.
 */
final class CookiePolicyScan {
    private final ClassContext classContext;
    private final Method method;
    private final CookiePolicyFacts facts;
    /** See {@link #firstBranch()}; -1 until computed. */
    private int firstBranch = -1;

    CookiePolicyScan(ClassContext classContext, Method method, CookiePolicyFacts facts) {
        this.classContext = classContext;
        this.method = method;
        this.facts = facts;
    }

    /**
     * Cost only (this runs in SpotBugs' first pass, where no other detector has built a CFG): the scan
     * records a fact only at a call whose owner is a SameSite supplier or a server handler, or of the processor
     * setter, an attribute setter or {@code doFilter}, or at a read of a server handler's shared instance; a
     * method without one is not read, read from its bytecode alone.
     */
    static boolean mayRecord(JavaClass javaClass, Method method) {
        return NamedReferences.walkOrReport(javaClass, method, (opcode, owner, name, descriptor) -> {
            switch (opcode) {
                case Const.NEW:
                    // A base class handing its own handlers a response wrapper it makes (see readOwnDispatch).
                    return QuietClasspath.isApplicationClass(owner) && isResponseWrapper(owner);
                case Const.GETSTATIC:
                    return CookiePolicyCatalogue.serverHandler(owner) != null;
                case Const.INVOKEVIRTUAL:
                case Const.INVOKESPECIAL:
                case Const.INVOKESTATIC:
                case Const.INVOKEINTERFACE:
                    return CookiePolicyCatalogue.PROCESSOR_SETTER.equals(name)
                            || CookiePolicyCatalogue.FILTER_CHAIN_CALL.equals(name)
                            || RequestMappingCatalogue.FILTER_REGISTRATIONS.contains(owner)
                            || CookiePolicyCatalogue.ATTRIBUTE_SETTER.equals(name)
                                    && CookiePolicyCatalogue.mayHoldAttributeDefault(owner)
                            || CookiePolicyCatalogue.SAME_SITE_SUPPLIERS.contains(owner)
                            || CookiePolicyCatalogue.serverHandler(owner) != null;
                default:
                    return false;
            }
        });
    }

    void run() throws CheckedAnalysisException {
        CFG cfg = classContext.getCFG(method);
        ValueNumberDataflow vna = classContext.getValueNumberDataflow(method);
        ConstantDataflow constants = classContext.getConstantDataflow(method);
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
        MethodDescriptor descriptor = BCELUtil.getMethodDescriptor(classContext.getJavaClass(), method);

        List<Location> locations = new ArrayList<>();
        for (Iterator<Location> i = cfg.locationIterator(); i.hasNext();) {
            locations.add(i.next());
        }
        // Bytecode order: a supplier is made before it is narrowed, a wrapper before it is handed on.
        locations.sort(Comparator.comparingInt(l -> l.getHandle().getPosition()));

        Map<ValueNumber, SameSitePolicy> suppliers = new LinkedHashMap<>();
        Set<ValueNumber> narrowed = new HashSet<>();
        Map<ValueNumber, String> created = new HashMap<>();
        FilterRegistrations registrations = new FilterRegistrations(vna, constants);
        for (Location location : locations) {
            Instruction instruction = location.getHandle().getInstruction();
            if (instruction instanceof AASTORE) {
                registrations.arrayStore(location);
                continue;
            }
            if (instruction instanceof NEW) {
                ValueNumber made = result(vna, location);
                if (made != null) {
                    created.put(made, ((NEW) instruction).getLoadClassType(cpg).getClassName().replace('.', '/'));
                }
                continue;
            }
            if (instruction instanceof GETSTATIC) {
                readSharedHandler((GETSTATIC) instruction, cpg, location.getHandle().getPosition());
                continue;
            }
            if (!(instruction instanceof InvokeInstruction)) {
                continue;
            }
            CallAt call = CallAt.of((InvokeInstruction) instruction, cpg, location, vna, constants);
            if (call == null) {
                continue;
            }
            Site site = new Site(descriptor, location.getHandle().getPosition());
            registrations.call(call, created, result(vna, location));
            ServerHandler handler = CookiePolicyCatalogue.serverHandler(call.owner());
            if (handler != null && "<init>".equals(call.name())) {
                readHandlerConstruction(handler, call, site, origins);
            } else if (CookiePolicyCatalogue.SAME_SITE_SUPPLIERS.contains(call.owner())) {
                readSupplierCall(call, site, result(vna, location), origins, suppliers, narrowed);
            } else if (isProcessorSetting(call)) {
                String value = call.stringArgument(0);
                if (value == null) {
                    value = processorEnumValue(call.argument(0), origins);
                }
                if (value != null) {
                    facts.sameSite(SameSitePolicy.everyCookie(value, call.owner(), site));
                }
            } else if (isAttributeSetting(call)) {
                readAttributeDefault(call, site, origins);
            } else if (isChainCall(call)) {
                String wrapper = createdWrapper(call.argument(1), created, origins, false);
                if (wrapper != null) {
                    facts.wrapperInstalled(wrapper, site);
                }
            } else if (isOwnCall(call, vna)) {
                readOwnDispatch(call, site, created, origins,
                        instruction instanceof org.apache.bcel.generic.INVOKESPECIAL);
            }
        }
        registrations.recordInto(facts.requestPaths());
        // A supplier that is not narrowed further is the one the method hands to Boot (its bean).
        suppliers.forEach((value, policy) -> {
            if (!narrowed.contains(value)) {
                facts.sameSite(policy);
            }
        });
    }

    private static void readSupplierCall(CallAt call, Site site, ValueNumber result, ValueOrigins origins,
            Map<ValueNumber, SameSitePolicy> suppliers, Set<ValueNumber> narrowed) throws DataflowAnalysisException {
        String factoryValue = CookiePolicyCatalogue.SUPPLIER_FACTORIES.get(call.name());
        if (factoryValue == null && CookiePolicyCatalogue.SUPPLIER_OF.equals(call.name()) && call.argumentCount() == 1
                && !call.hasReceiver() && call.descriptor().startsWith("(L")) {
            // of(Cookie.SameSite.X): the enum type is the argument's; a value not read from a constant is unknown.
            String descriptor = call.descriptor();
            String enumType = descriptor.substring(2, descriptor.indexOf(';'));
            factoryValue = CookiePolicyCatalogue.sameSiteOfConstant(origins.staticFieldName(call.argument(0), enumType));
            if (factoryValue == null) {
                return;
            }
        }
        if (factoryValue != null && !call.hasReceiver() && (call.argumentCount() == 0
                || CookiePolicyCatalogue.SUPPLIER_OF.equals(call.name()))) {
            if (result != null) {
                suppliers.put(result, SameSitePolicy.everyCookie(factoryValue, call.owner(), site));
            }
            return;
        }
        if (!call.hasReceiver() || !call.name().startsWith(CookiePolicyCatalogue.SUPPLIER_NARROWING)) {
            return;
        }
        SameSitePolicy supplier = suppliers.get(call.receiver());
        if (supplier == null) {
            return;
        }
        narrowed.add(call.receiver());
        boolean oneString = "(Ljava/lang/String;)".equals(call.descriptor().substring(0, call.descriptor().indexOf(')') + 1));
        SameSitePolicy narrower;
        if (oneString && CookiePolicyCatalogue.SUPPLIER_EXACT_NAME.equals(call.name())) {
            narrower = supplier.onlyNamed(call.stringArgument(0));
        } else if (oneString && CookiePolicyCatalogue.SUPPLIER_NAME_PATTERN.equals(call.name())) {
            narrower = supplier.onlyMatching(call.stringArgument(0), 0);
        } else {
            narrower = supplier.unknownScope();
        }
        if (result != null) {
            suppliers.put(result, narrower);
        }
    }

    /** A server handler's shared instance read ({@code SecureCookieCommitListener.INSTANCE}): it is installed. */
    private void readSharedHandler(GETSTATIC read, ConstantPoolGen cpg, int position) {
        ServerHandler handler = CookiePolicyCatalogue.serverHandler(read.getClassName(cpg).replace('.', '/'));
        // The first branch is looked for only once such a read is found, not for every static field read.
        if (handler != null && handler.modeArgument < 0
                && CookiePolicyCatalogue.SHARED_HANDLER_FIELD.equals(read.getFieldName(cpg)) && position < firstBranch()) {
            facts.forced(handler.flag, handler.reaches);
        }
    }

    /**
     * The offset of the method's first branch: a shared instance read before it is used on every run of the
     * method ({@code exchange.addResponseCommitListener(SecureCookieCommitListener.INSTANCE)} first thing in a
     * handler); one read after it may depend on a condition ({@code if (exchange.isSecure()) ...}, which hardens
     * HTTPS exchanges only).
     */
    private int firstBranch() {
        if (firstBranch < 0) {
            firstBranch = Integer.MAX_VALUE;
            for (org.apache.bcel.generic.InstructionHandle handle : new InstructionList(method.getCode().getCode())
                    .getInstructionHandles()) {
                if (handle.getInstruction() instanceof org.apache.bcel.generic.BranchInstruction) {
                    firstBranch = handle.getPosition();
                    break;
                }
            }
        }
        return firstBranch;
    }

    /**
     * A server handler constructed: a flag it always sets, or the SameSite mode it gives every cookie (the ones its
     * name pattern matches, when one is passed). A mode or pattern not known here installs nothing the analysis
     * can credit.
     */
    private void readHandlerConstruction(ServerHandler handler, CallAt call, Site site, ValueOrigins origins)
            throws DataflowAnalysisException {
        if (handler.modeArgument < 0) {
            facts.forced(handler.flag, handler.reaches);
            return;
        }
        String mode = call.argumentCount() > handler.modeArgument ? call.stringArgument(handler.modeArgument) : null;
        if (mode == null) {
            return;
        }
        SameSitePolicy policy = SameSitePolicy.everyCookieReplacing(mode, handler.type, site, handler.reaches);
        String pattern = handler.patternArgument >= 0 && call.argumentCount() > handler.patternArgument
                ? call.stringArgument(handler.patternArgument) : null;
        boolean everyCookie = handler.patternArgument < 0 || call.argumentCount() <= handler.patternArgument
                || "".equals(pattern) || origins.isNullLiteral(call.argument(handler.patternArgument));
        if (!everyCookie) {
            // A null or empty pattern reaches every cookie, as the handler reads it; one not known here reaches
            // cookies the analysis cannot name.
            policy = policy.onlyMatching(pattern, caseInsensitive(handler, call) ? Pattern.CASE_INSENSITIVE : 0);
        }
        facts.sameSite(policy);
    }

    /** Is the handler's pattern told to ignore case (the constant false for its case-sensitivity argument)? */
    private static boolean caseInsensitive(ServerHandler handler, CallAt call) throws DataflowAnalysisException {
        if (handler.caseArgument < 0 || call.argumentCount() <= handler.caseArgument) {
            return false;
        }
        Constant sensitive = call.constantArgument(handler.caseArgument);
        return sensitive.isConstantInteger() && sensitive.getConstantInt() == 0;
    }

    /** {@code SameSiteCookies.STRICT.getValue()}: the enum constant's value ("Strict"), or null. */
    private String processorEnumValue(ValueNumber argument, ValueOrigins origins) throws DataflowAnalysisException {
        InvokeInstruction getter = origins.producingCall(argument);
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        if (getter == null || !CookiePolicyCatalogue.PROCESSOR_VALUE_GETTER.equals(getter.getMethodName(cpg))
                || !CookiePolicyCatalogue.PROCESSOR_VALUES.equals(getter.getClassName(cpg).replace('.', '/'))) {
            return null;
        }
        ValueNumber constant = origins.receiverOfProducingCall(argument);
        return constant == null ? null : CookiePolicyCatalogue.sameSiteOfConstant(
                origins.staticFieldName(constant, CookiePolicyCatalogue.PROCESSOR_VALUES));
    }

    private static boolean isProcessorSetting(CallAt call) {
        return CookiePolicyCatalogue.PROCESSOR_SETTER.equals(call.name())
                && CookiePolicyCatalogue.PROCESSOR_SETTER_DESCRIPTOR.equals(call.descriptor()) && call.hasReceiver()
                && TypeChecks.isSubtypeOfAny(call.owner(), CookiePolicyCatalogue.SAME_SITE_PROCESSORS);
    }

    private static boolean isAttributeSetting(CallAt call) {
        return CookiePolicyCatalogue.ATTRIBUTE_SETTER.equals(call.name())
                && CookiePolicyCatalogue.ATTRIBUTE_SETTER_DESCRIPTOR.equals(call.descriptor()) && call.hasReceiver();
    }

    /**
     * {@code context.setAttribute(HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE, "Lax")} (or the enum constant
     * {@code HttpCookie.SameSite.LAX}) on a holder of such a default: its value for every cookie without its own.
     */
    private void readAttributeDefault(CallAt call, Site site, ValueOrigins origins) throws DataflowAnalysisException {
        String key = call.stringArgument(0);
        for (CookiePolicyCatalogue.AttributeDefault attribute : CookiePolicyCatalogue.SAME_SITE_ATTRIBUTES) {
            if (!attribute.key.equals(key) || !TypeChecks.isSubtypeOfAny(call.owner(), attribute.holder)) {
                continue;
            }
            String value = call.stringArgument(1);
            if (value == null) {
                value = CookiePolicyCatalogue.sameSiteOfConstant(origins.staticFieldName(call.argument(1), attribute.values));
            }
            if (value != null) {
                facts.sameSite(SameSitePolicy.everyCookieWithout(value, attribute.holder.get(0), site, attribute.reaches));
            }
        }
    }

    private static boolean isChainCall(CallAt call) {
        return CookiePolicyCatalogue.FILTER_CHAIN_CALL.equals(call.name()) && call.hasReceiver()
                && call.argumentCount() == 2
                && TypeChecks.isSubtypeOfAny(call.owner(), CookiePolicyCatalogue.FILTER_CHAINS);
    }

    /** A call on this object itself ({@code super.service(...)}, {@code handleSubmit(...)}). */
    private boolean isOwnCall(CallAt call, ValueNumberDataflow vna) throws DataflowAnalysisException {
        return call.hasReceiver() && !method.isStatic() && !"<init>".equals(call.name())
                && call.receiver().equals(vna.getAnalysis().getThisValue());
    }

    /**
     * A base class handing its own dispatch a wrapped response: {@code super.service(request, wrapped)} in a servlet
     * reaches every handler of its subclasses ({@code doGet}, {@code doPost}); {@code handleSubmit(request, wrapped)}
     * (a template method) reaches the subclasses' overrides of the method called.
     */
    private void readOwnDispatch(CallAt call, Site site, Map<ValueNumber, String> created, ValueOrigins origins,
            boolean superCall) throws DataflowAnalysisException {
        for (int i = 0; i < call.argumentCount(); i++) {
            String wrapper = createdWrapper(call.argument(i), created, origins, true);
            if (wrapper == null) {
                continue;
            }
            boolean servletDispatch = CookiePolicyCatalogue.SERVLET_DISPATCH.equals(call.name())
                    && TypeChecks.isSubtypeOfAny(call.owner(), CookiePolicyCatalogue.SERVLETS);
            // A template method the class also calls where it makes no wrapper (doGet's handle(request, response))
            // gets the container's response there: no policy for its overrides.
            // super.handle(...) runs the superclass's method, not the subclasses' overrides.
            if (servletDispatch || !superCall && everyCallerWraps(call.name(), call.descriptor(), wrapper)) {
                facts.wrapperInstalledForSubclasses(wrapper, site, servletDispatch ? null : call.name() + call.descriptor());
            }
        }
    }

    /** Does every method of this class that calls the method also make the wrapper (from bytecode alone)? */
    private boolean everyCallerWraps(String name, String descriptor, String wrapper) {
        JavaClass javaClass = classContext.getJavaClass();
        for (Method caller : javaClass.getMethods()) {
            boolean[] callsAndWraps = {false, false};
            NamedReferences.walkOrReport(javaClass, caller, (opcode, owner, calleeName, calleeDescriptor) -> {
                if (opcode == Const.NEW) {
                    callsAndWraps[1] |= wrapper.equals(owner);
                } else if (calleeName != null && opcode != Const.GETFIELD && opcode != Const.PUTFIELD
                        && opcode != Const.GETSTATIC && opcode != Const.PUTSTATIC) {
                    callsAndWraps[0] |= name.equals(calleeName) && descriptor.equals(calleeDescriptor);
                }
                return false;
            });
            if (callsAndWraps[0] && !callsAndWraps[1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The application class made here that the value is, or may be: {@code new Wrapper(response)}, or
     * {@code response instanceof Wrapper ? response : new Wrapper(response)} (a response already wrapped is handed on
     * as it is: a choice with another value counts only where the method tests for the wrapper's type); null when no
     * value it may be was made here as one. Handed to the filter chain, any such class is the response the chain gets;
     * handed to one of the class's own methods, only a servlet response wrapper is taken for one (the argument may be
     * anything else).
     */
    private String createdWrapper(ValueNumber value, Map<ValueNumber, String> created, ValueOrigins origins,
            boolean responseWrapperOnly) throws DataflowAnalysisException {
        List<ValueNumber> inputs = origins.copiedFrom(value);
        for (ValueNumber input : inputs) {
            String type = input == null ? null : created.get(input);
            if (type != null && QuietClasspath.isApplicationClass(type)
                    && (!responseWrapperOnly || isResponseWrapper(type))
                    && (inputs.size() == 1 || testsForType(type))) {
                return type;
            }
        }
        return null;
    }

    /** Does the method test a value for the type ({@code response instanceof Wrapper})? */
    private boolean testsForType(String slashedType) {
        return NamedReferences.walkOrReport(classContext.getJavaClass(), method, (opcode, owner, name, descriptor) ->
                opcode == Const.INSTANCEOF && slashedType.equals(owner));
    }

    private static boolean isResponseWrapper(String type) {
        return CookiePolicyCatalogue.RESPONSE_WRAPPERS.stream().anyMatch(wrapper -> TypeChecks.isKnownSubtype(type, wrapper));
    }

    /** The value an instruction leaves on top of the stack, or null (dead code, nothing pushed). */
    private static ValueNumber result(ValueNumberDataflow vna, Location location) throws DataflowAnalysisException {
        ValueNumberFrame after = vna.getFactAfterLocation(location);
        if (!after.isValid() || after.getStackDepth() == 0) {
            return null;
        }
        return after.getTopValue();
    }
}
