package io.github.sessionguard.fixation.spring;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.NonReportingDetector;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import io.github.sessionguard.catalogue.AdviceCatalogue;
import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.TextSearch;
import io.github.sessionguard.flow.TypeChecks;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.ElementValuePair;

import java.util.Set;
import java.util.TreeSet;


/**
 * First pass (see {@code OrderingConstraints} in findbugs.xml): records the application's Spring Security
 * session configuration in {@link SpringSessionFacts} before any fixation verdict is made. Reports nothing.
 */
public class SpringSessionFactsScanner extends OpcodeStackDetector implements NonReportingDetector {
    private static final TextSearch SCREEN = TextSearch.of(SpringSessionCatalogue.SCREEN);
    private static final TextSearch SESSION_CLASS_SCREEN = TextSearch.of(FrameworkSessionCatalogue.SESSION_CLASS_SCREEN);
    private static final TextSearch ADVICE_SCREEN = TextSearch.of(AdviceCatalogue.SCREEN);

    private final BugReporter bugReporter;
    private final SpringSessionFacts facts = new SpringSessionFacts();
    private boolean methodNewsRotatingStrategy;
    private boolean methodNewsComposite;
    /** Is the visited method a strategy bean method, and the session strategies it makes. */
    private boolean methodIsStrategyBean;
    private final Set<String> methodNewStrategies = new TreeSet<>();

    public SpringSessionFactsScanner(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
        SpringSessionFacts.register(facts);
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> visitGuarded(classContext));
    }

    private void visitGuarded(ClassContext classContext) {
        if (classContext.getJavaClass().getClassName().startsWith("org.springframework.")) {
            // The framework's own DSL code reads these settings; the application's configuration sets them.
            return;
        }
        // The class's own annotations, read directly: cheaper than screening its constant pool for their names.
        noteSessionScope(classContext);
        noteFrameworkSession(classContext.getJavaClass());
        SessionHeldTypes.collect(classContext.getJavaClass(), facts::sessionHeld);
        if (ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), ADVICE_SCREEN)) {
            AdviceBindings.collect(classContext.getJavaClass(), facts::advice);
        }
        if (ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), SCREEN)) {
            super.visitClassContext(classContext);
        }
    }

    /** A session-scoped bean: Spring's @SessionScope or @Scope("session"), CDI's or JSF's @SessionScoped. */
    private void noteSessionScope(ClassContext classContext) {
        for (AnnotationEntry annotation : classContext.getJavaClass().getAnnotationEntries()) {
            String type = annotation.getAnnotationType();
            String slashed = type.startsWith("L") && type.endsWith(";") ? type.substring(1, type.length() - 1) : type;
            if (FrameworkSessionCatalogue.SESSION_SCOPE_ANNOTATIONS.contains(slashed)
                    || (FrameworkSessionCatalogue.SPRING_SCOPE.equals(slashed) && namesSessionScope(annotation))) {
                facts.sessionScoped(classContext.getJavaClass().getClassName().replace('.', '/'));
            }
        }
    }

    /**
     * A subclass of a framework's session class (Wicket's {@code Session}): the framework keeps its instance in
     * the HTTP session. The framework's own classes are its API, not the application's session.
     */
    private void noteFrameworkSession(org.apache.bcel.classfile.JavaClass javaClass) {
        if (!ConstantPoolScreen.mentionsAny(javaClass, SESSION_CLASS_SCREEN)) {
            return;
        }
        String slashed = javaClass.getClassName().replace('.', '/');
        FrameworkSessionCatalogue.SESSION_CLASSES.forEach((root, kind) -> {
            boolean framework = slashed.startsWith(root.substring(0, root.lastIndexOf('/') + 1));
            if (!framework && TypeChecks.isKnownSubtype(slashed, root)) {
                facts.frameworkSession(slashed, kind);
            }
        });
    }

    private static boolean namesSessionScope(AnnotationEntry annotation) {
        for (ElementValuePair pair : annotation.getElementValuePairs()) {
            if ((pair.getNameString().equals("value") || pair.getNameString().equals("scopeName"))
                    && FrameworkSessionCatalogue.SESSION_SCOPE_NAME.equals(pair.getValue().stringifyValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void visit(Code code) {
        methodNewsRotatingStrategy = false;
        methodNewsComposite = false;
        if (SpringSessionCatalogue.isChainConfigurer(getMethodName(), getMethodSig())) {
            facts.chainMethod(getClassName(), getMethodName());
        }
        methodNewStrategies.clear();
        methodIsStrategyBean = isStrategyBean(getMethod());
        MethodGuard.run(bugReporter, getThisClass(), getMethod(), () -> super.visit(code));
        if (methodIsStrategyBean) {
            facts.strategyBean(getClassName(), getMethodName(), new TreeSet<>(methodNewStrategies));
        }
    }

    /** A {@code @Bean} method whose declared type is a session strategy: Spring injects what it makes. */
    private static boolean isStrategyBean(org.apache.bcel.classfile.Method method) {
        if (!method.getSignature().endsWith(")L" + SpringSessionCatalogue.STRATEGY_INTERFACE + ";")) {
            return false;
        }
        for (AnnotationEntry annotation : method.getAnnotationEntries()) {
            if (SpringSessionCatalogue.BEAN_ANNOTATION.equals(annotation.getAnnotationType())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void sawOpcode(int seen) {
        switch (seen) {
        case Const.GETSTATIC:
            if (SpringSessionCatalogue.SESSION_CREATION_POLICY.equals(getClassConstantOperand())
                    && SpringSessionCatalogue.STATELESS.equals(getNameConstantOperand())) {
                facts.statelessIn(getClassName(), getMethodName());
            }
            break;
        case Const.NEW:
            String type = getClassConstantOperand();
            methodNewsRotatingStrategy |= SpringSessionCatalogue.ROTATING_STRATEGIES.contains(type);
            methodNewsComposite |= SpringSessionCatalogue.COMPOSITE_STRATEGY.equals(type);
            if (methodIsStrategyBean && (type.startsWith(SpringSessionCatalogue.STRATEGY_PACKAGE)
                    || TypeChecks.isKnownSubtype(type, SpringSessionCatalogue.STRATEGY_INTERFACE))) {
                methodNewStrategies.add(type);
            }
            break;
        case Const.INVOKEVIRTUAL:
        case Const.INVOKEINTERFACE:
        case Const.INVOKESPECIAL:
            sawCall();
            break;
        default:
            break;
        }
    }

    private void sawCall() {
        String owner = getClassConstantOperand();
        String name = getNameConstantOperand();
        String signature = getSigConstantOperand();
        if (SpringSessionCatalogue.isChainBuild(owner, name, signature)) {
            facts.chainMethod(getClassName(), getMethodName());
        } else if (SpringSessionCatalogue.isExplicitSaveSwitch(name, signature)) {
            Object value = stack.getStackDepth() > 0 ? stack.getStackItem(0).getConstant() : null;
            if (!(value instanceof Integer) || (Integer) value == 0) {
                facts.explicitSaveOff();
            }
        } else if (SpringSessionCatalogue.isStrategySetter(name, signature) && stack.getStackDepth() > 1) {
            String builtBy = builtHere(stack.getStackItem(1));
            facts.strategySetOn(receiverType(owner, stack.getStackItem(1), builtBy),
                    changesId(stack.getStackItem(0).getSignature()), builtBy);
        } else if (SpringSessionCatalogue.isRepositorySetter(name, signature) && stack.getStackDepth() > 1) {
            String builtBy = builtHere(stack.getStackItem(1));
            boolean session = !SpringSessionCatalogue.REQUEST_ONLY_REPOSITORIES.contains(
                    slashed(stack.getStackItem(0).getSignature()));
            facts.repositorySetOn(receiverType(owner, stack.getStackItem(1), builtBy), session, builtBy);
            if (session && isOwnConstructorReceiver(stack.getStackItem(1))) {
                facts.sessionRepositorySetInConstructor(getClassName());
            }
        }
    }

    /** The receiver is the object this constructor constructs ({@code this} in {@code <init>}). */
    private boolean isOwnConstructorReceiver(OpcodeStack.Item receiver) {
        return Const.CONSTRUCTOR_NAME.equals(getMethodName()) && receiver.getRegisterNumber() == 0;
    }

    /**
     * This method, as {@link SpringSessionFacts#builtFilterUnprotected} names it, when the receiver is an object it
     * built with {@code new} (OpcodeStack keeps that mark through local variables); otherwise null.
     */
    private String builtHere(OpcodeStack.Item receiver) {
        return receiver.getSpecialKind() == OpcodeStack.Item.NEWLY_ALLOCATED ? builtBy(getClassName(), getMethodName(),
                getMethodSig()) : null;
    }

    /**
     * The type a setting is recorded on: for an object the method built, the exact type it built (a local declared
     * as a supertype still holds it); otherwise the call's declared owner.
     */
    private static String receiverType(String owner, OpcodeStack.Item receiver, String builtBy) {
        return builtBy != null && receiver.getSignature().startsWith("L") ? slashed(receiver.getSignature()) : owner;
    }

    /** How {@link SpringSessionFacts} names a method that builds a filter. */
    static String builtBy(String slashedClass, String method, String descriptor) {
        return slashedClass + '#' + method + descriptor;
    }

    /**
     * Whether a strategy of this static type changes the id: known non-rotating ones do not; a composite
     * built in this method does only with an id-changing member built here too; anything else (a bean, a
     * field, the DSL's shared strategy) is given the benefit of the doubt.
     */
    private boolean changesId(String signature) {
        String type = slashed(signature);
        if (SpringSessionCatalogue.NON_ROTATING.contains(type)) {
            return false;
        }
        boolean compositeOrInterface = SpringSessionCatalogue.COMPOSITE_STRATEGY.equals(type)
                || SpringSessionCatalogue.STRATEGY_INTERFACE.equals(type);
        if (compositeOrInterface && methodNewsComposite) {
            return methodNewsRotatingStrategy;
        }
        return true;
    }

    /** The slashed class name of an object type's signature ({@code Lpkg/Type;}); any other signature as it is. */
    static String slashed(String signature) {
        return signature.startsWith("L") && signature.endsWith(";") ? signature.substring(1, signature.length() - 1)
                : signature;
    }
}