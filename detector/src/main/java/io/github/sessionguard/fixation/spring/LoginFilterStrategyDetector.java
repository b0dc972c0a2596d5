package io.github.sessionguard.fixation.spring;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.flow.ReportedMethods;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

import java.util.HashMap;
import java.util.Map;

/**
 * Reports a hand-built Spring Security login filter (an {@code AbstractAuthenticationProcessingFilter}
 * subclass: a JSON or REST login filter) that keeps its default {@code NullAuthenticatedSessionStrategy}
 * while its login reaches the HTTP session. {@code http.formLogin()} sets an id-changing strategy on the
 * filter it manages; a filter made with {@code new} and added with {@code addFilterAt} gets none (shown by
 * {@code SpringChainSessionTest} in runtime-evidence). Reported where the filter is built, or, for a filter
 * that Spring instantiates as a {@code @Component}, where it is registered in the chain.
 *
 * <p>Not reported: a filter on which an id-changing strategy is set anywhere in the application (on its
 * own type or a supertype, in its constructor or where it is built; a composite counts only with an
 * id-changing member), a filter whose own code changes the id, and a filter whose context stays out of the
 * session (Spring Security 6+ gives it a request-attribute repository unless the application sets a
 * session-backed one; before 6 a stateless application keeps none).
 */
public class LoginFilterStrategyDetector extends OpcodeStackDetector {
    private static final String PATTERN = "SESSION_FIXATION";
    private static final String COMPONENT = "org/springframework/stereotype/Component";

    private final BugReporter bugReporter;
    /** Per analysis run (the detector lives as long as the run): is this class an unprotected login filter? */
    private final Map<String, Boolean> unprotected = new HashMap<>();
    /** Per analysis run: is this type a login filter? */
    private final Map<String, Boolean> loginFilters = new HashMap<>();
    private Boolean springSecurityPresent;

    public LoginFilterStrategyDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> {
            JavaClass javaClass = classContext.getJavaClass();
            ownHookUnprotected = false;
            ownConstructorUnprotected = false;
            if (!springSecurityPresent() || javaClass.getClassName().startsWith("org.springframework.")) {
                return;
            }
            String self = javaClass.getClassName().replace('.', '/');
            ownHookUnprotected = overridesSuccessHook(javaClass) && isLoginFilter(self) && keepsNullStrategy(self);
            ownConstructorUnprotected = SpringSessionFacts.current().constructorLoginUnprotected(self)
                    && isLoginFilter(self) && !changesIdItself(self);
            if (ownHookUnprotected || ownConstructorUnprotected || mayBuildOrRegisterLoginFilter(javaClass)) {
                super.visitClassContext(classContext);
            }
        });
    }

    /**
     * Is the visited class a login filter whose {@code successfulAuthentication} override may keep the login in the
     * session while the filter keeps the Null strategy (see {@link #sawSessionSave})?
     */
    private boolean ownHookUnprotected;

    /**
     * Is the visited class a login filter whose own constructor keeps its login in the session (a session-backed
     * repository set on itself) with the Null strategy, unprotected anywhere (see {@link #sawConstructorRepository})?
     */
    private boolean ownConstructorUnprotected;

    /**
     * In such a filter's constructor, its {@code setSecurityContextRepository(sessionBacked)} on itself: the filter
     * configures its session behaviour here, so this is where the id-changing strategy belongs, once for every place
     * that builds it (they are not reported for it).
     */
    private void sawConstructorRepository(int seen) {
        if (!ownConstructorUnprotected || !Const.CONSTRUCTOR_NAME.equals(getMethodName())
                || (seen != Const.INVOKEVIRTUAL && seen != Const.INVOKESPECIAL)
                || !SpringSessionCatalogue.isRepositorySetter(getNameConstantOperand(), getSigConstantOperand())
                || stack.getStackDepth() < 2 || stack.getStackItem(1).getRegisterNumber() != 0
                || SpringSessionCatalogue.REQUEST_ONLY_REPOSITORIES.contains(
                        SpringSessionFactsScanner.slashed(stack.getStackItem(0).getSignature()))) {
            return;
        }
        String simple = simpleName(getClassName());
        reportFilter(simple, "its constructor keeps the login in the HTTP session, with its default"
                + " NullAuthenticatedSessionStrategy", SpringSessionCatalogue.constructorFilterFix(simple));
        ownConstructorUnprotected = false;
    }

    private static boolean overridesSuccessHook(JavaClass javaClass) {
        for (org.apache.bcel.classfile.Method method : javaClass.getMethods()) {
            if (method.getName().equals(SpringSessionCatalogue.SUCCESS_HOOK) && method.getCode() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * No id-changing strategy is set on the filter anywhere, its own code changes no id, and its context repository
     * is not one the application sets on it to reach the session (then the filter is reported where it is built).
     */
    private boolean keepsNullStrategy(String slashed) {
        SpringSessionFacts facts = SpringSessionFacts.current();
        return !facts.strategySetFor(slashed) && !facts.filterContextReachesSession(slashed) && !changesIdItself(slashed);
    }

    /**
     * In the filter's own {@code successfulAuthentication}: {@code new HttpSessionSecurityContextRepository()} (or a
     * field of that type) asked to {@code saveContext}, or the context put into the session under Spring's key. The
     * filter's strategy ran just before, and the Null one changed nothing: the login lands in the session the
     * request came with (a JSON login filter, a ticket SSO filter).
     */
    private void sawSessionSave(int seen) {
        if (!ownHookUnprotected || !getMethodName().equals(SpringSessionCatalogue.SUCCESS_HOOK)
                || (seen != Const.INVOKEVIRTUAL && seen != Const.INVOKEINTERFACE)) {
            return;
        }
        String name = getNameConstantOperand();
        boolean saves = SpringSessionCatalogue.SAVE_CONTEXT.equals(name) && stack.getStackDepth() > 3
                && ("L" + SpringSessionCatalogue.SESSION_REPOSITORY + ";").equals(stack.getStackItem(3).getSignature());
        boolean stores = LoginCatalogue.any(LoginCatalogue.SESSION_WRITES, getClassConstantOperand(), name, getSigConstantOperand())
                && stack.getStackDepth() > 1
                && SpringSessionCatalogue.SESSION_CONTEXT_KEY.equals(stack.getStackItem(1).getConstant());
        if (saves || stores) {
            String simple = simpleName(getClassName());
            reportFilter(simple, "its successfulAuthentication keeps the login in the session after its default"
                    + " NullAuthenticatedSessionStrategy", SpringSessionCatalogue.ownHookFix(simple));
            ownHookUnprotected = false;
        }
    }

    /**
     * Cost only: the operand stack is followed through a class only when its constant pool names what a
     * report needs, a login filter type without protection (for {@code new}) or a filter registration call.
     * Spring's own configurers build their filters and set the strategy themselves.
     */
    private boolean mayBuildOrRegisterLoginFilter(JavaClass javaClass) {
        if (javaClass.getClassName().startsWith("org.springframework.")) {
            return false;
        }
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof org.apache.bcel.classfile.ConstantClass) {
                String type = ((org.apache.bcel.classfile.ConstantClass) constant).getBytes(pool);
                if (isApplicationLoginFilter(type)) {
                    return true;
                }
            } else if (constant != null && (constant.getTag() == Const.CONSTANT_Methodref
                    || constant.getTag() == Const.CONSTANT_InterfaceMethodref)) {
                // (Invokedynamic and dynamic-constant entries are ConstantCPs too, but name no class.)
                org.apache.bcel.classfile.ConstantCP reference = (org.apache.bcel.classfile.ConstantCP) constant;
                ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex(),
                        Const.CONSTANT_NameAndType, ConstantNameAndType.class);
                if (SpringSessionCatalogue.isFilterRegistration(reference.getClass(pool).replace('.', '/'),
                        nameAndType.getName(pool))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void visit(Code code) {
        MethodGuard.run(bugReporter, getThisClass(), getMethod(), () -> super.visit(code));
    }

    @Override
    public void sawOpcode(int seen) {
        // Spring's own classes never get here: see visitClassContext.
        sawSessionSave(seen);
        sawConstructorRepository(seen);
        if (seen == Const.NEW) {
            String type = getClassConstantOperand();
            if (isBuiltUnprotected(type)) {
                SpringSessionFacts facts = SpringSessionFacts.current();
                boolean ownStrategy = facts.builtFilterKeepsIdByItsStrategy(type, builtBy());
                // A filter whose own constructor keeps the login in the session is reported there, once.
                if (ownStrategy || !facts.constructorKeepsLoginInSession(type)) {
                    report(type, ownStrategy ? "built here with a session strategy that keeps the session id"
                            : "built here with its default NullAuthenticatedSessionStrategy");
                }
            }
        } else if ((seen == Const.INVOKEVIRTUAL || seen == Const.INVOKEINTERFACE)
                && SpringSessionCatalogue.isFilterRegistration(getClassConstantOperand(), getNameConstantOperand())) {
            int filterArgument = getNameConstantOperand().equals("addFilter") ? 0 : 1;
            if (stack.getStackDepth() > filterArgument) {
                String type = SpringSessionFactsScanner.slashed(stack.getStackItem(filterArgument).getSignature());
                if (isSpringComponent(type) && isUnprotectedLoginFilter(type)
                        && !SpringSessionFacts.current().constructorKeepsLoginInSession(type)) {
                    report(type, "registered here with its default NullAuthenticatedSessionStrategy");
                }
            }
        }
    }

    private void report(String filterType, String where) {
        String simple = simpleName(filterType);
        reportFilter(simple, where, SpringSessionCatalogue.loginFilterFix(simple));
    }

    /** A HIGH finding at the visited instruction: "the login filter X (why)", with the fix. */
    private void reportFilter(String simpleFilter, String why, String fix) {
        bugReporter.reportBug(ReportedMethods.addClassAndMethod(new BugInstance(this, PATTERN, Priorities.HIGH_PRIORITY),
                getMethodDescriptor())
                .addString("the login filter " + simpleFilter + " (" + why + ")")
                .addString(fix)
                .addSourceLine(this));
    }

    /** A slashed class name as messages show it: {@code Outer.Inner}. */
    private static String simpleName(String slashed) {
        return slashed.substring(slashed.lastIndexOf('/') + 1).replace('$', '.');
    }

    /** A login filter type the application may build or register (per analysis run, cached: asked of every class). */
    private boolean isApplicationLoginFilter(String slashed) {
        if (slashed.startsWith("java/") || slashed.startsWith("[")) {
            return false;
        }
        return loginFilters.computeIfAbsent(slashed, LoginFilterStrategyDetector::isLoginFilter);
    }

    private boolean isUnprotectedLoginFilter(String slashed) {
        if (slashed.startsWith("java/") || slashed.startsWith("[")) {
            return false;
        }
        return unprotected.computeIfAbsent(slashed, this::judge);
    }

    /**
     * A login filter built here: what this method sets on the object it built decides (see
     * {@link SpringSessionFacts#builtFilterUnprotected}).
     */
    private boolean isBuiltUnprotected(String slashed) {
        if (!isApplicationLoginFilter(slashed)) {
            return false;
        }
        return SpringSessionFacts.current().builtFilterUnprotected(slashed, builtBy()) && !changesIdItself(slashed);
    }

    /** The visited method, as the facts name a method that builds a filter. */
    private String builtBy() {
        return SpringSessionFactsScanner.builtBy(getClassName(), getMethodName(), getMethodSig());
    }

    private boolean judge(String slashed) {
        if (!isLoginFilter(slashed)) {
            return false;
        }
        SpringSessionFacts facts = SpringSessionFacts.current();
        return !facts.strategySetFor(slashed) && facts.filterContextReachesSession(slashed) && !changesIdItself(slashed);
    }

    /** An application class whose hierarchy the classpath cannot place is not known to be a login filter. */
    private static boolean isLoginFilter(String slashed) {
        return SpringSessionCatalogue.LOGIN_FILTERS.stream().anyMatch(base -> TypeChecks.isKnownSubtype(slashed, base));
    }

    /** The filter's own code (an override of successfulAuthentication, say) calls a known id change. */
    private static boolean changesIdItself(String slashed) {
        if (slashed.startsWith("org/springframework/")) {
            return false;
        }
        try {
            JavaClass javaClass = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptor(slashed));
            ConstantPool pool = javaClass.getConstantPool();
            for (Constant constant : pool.getConstantPool()) {
                if (constant instanceof ConstantNameAndType) {
                    ConstantNameAndType nameAndType = (ConstantNameAndType) constant;
                    String name = ((ConstantUtf8) pool.getConstant(nameAndType.getNameIndex())).getBytes();
                    String descriptor = ((ConstantUtf8) pool.getConstant(nameAndType.getSignatureIndex())).getBytes();
                    for (String owner : new String[] {"jakarta/servlet/http/HttpServletRequest",
                            "javax/servlet/http/HttpServletRequest", "jakarta/servlet/http/HttpSession",
                            "javax/servlet/http/HttpSession"}) {
                        if (LoginCatalogue.any(LoginCatalogue.ROTATIONS, owner, name, descriptor)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (CheckedAnalysisException e) {
            // The filter's class is not readable (counted if missing, else reported): no evidence that it changes
            // the id itself.
            LookupFailures.failed(e, "the login filter " + slashed);
            return false;
        }
    }

    private static boolean isSpringComponent(String slashed) {
        try {
            XClass xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(slashed));
            for (AnnotationValue annotation : xClass.getAnnotations()) {
                if (annotation.getAnnotationClass().getClassName().equals(COMPONENT)) {
                    return true;
                }
            }
            return false;
        } catch (CheckedAnalysisException e) {
            // Not readable (counted if missing, else reported): not known to be a Spring bean, so reported (if at
            // all) where it is built.
            LookupFailures.failed(e, "the annotations of " + slashed);
            return false;
        }
    }

    private boolean springSecurityPresent() {
        if (springSecurityPresent == null) {
            try {
                springSecurityPresent = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                        DescriptorFactory.createClassDescriptor(SpringSessionCatalogue.LOGIN_FILTER_BASE)) != null;
            } catch (CheckedAnalysisException e) {
                // No Spring Security web on the classpath (counted; another failure is reported): no login filter
                // to check.
                LookupFailures.failed(e, SpringSessionCatalogue.LOGIN_FILTER_BASE);
                springSecurityPresent = false;
            }
        }
        return springSecurityPresent;
    }
}
