package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import io.github.sessionguard.catalogue.ProtectionOverride;
import io.github.sessionguard.catalogue.ProtectionSwitch;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.engine.AnalysisSettings;
import io.github.sessionguard.fixation.spring.ProvidedStrategies;
import io.github.sessionguard.fixation.spring.SpringSessionFacts;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.TextSearch;
import io.github.sessionguard.flow.ReportedMethods;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;

/**
 * Reports configuration that switches a framework's session-id change on login off: Spring
 * Security's {@code sessionFixation().none()} (chained, in the lambda DSL, or as a method
 * reference), a {@code NullAuthenticatedSessionStrategy}, Tomcat's
 * {@code setChangeSessionIdOnAuthentication(false)}; and an application override of a framework's id-changing method
 * that changes no id (Wicket's {@code Session.changeSessionId()}: see {@link ProtectionOverride}).
 */
public class ProtectionDisabledDetector extends OpcodeStackDetector {
    private static final TextSearch RELEVANT_NAMES = TextSearch.of(ProtectionSwitch.relevantNames());
    private static final TextSearch OVERRIDE_SCREEN = TextSearch.of(ProtectionOverride.relevantNames());

    private final BugReporter bugReporter;
    /**
     * The constant the previous instruction boxed ({@code Boolean.valueOf(false)}, javac's boxing of {@code false}: 0),
     * else null: the stack keeps no constant for a boxed value.
     */
    private Object previousBoxedConstant;

    public ProtectionDisabledDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> {
            if (AnalysisSettings.ofThisAnalysis().usable(bugReporter) == null) {
                return;
            }
            if (ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), RELEVANT_NAMES)) {
                super.visitClassContext(classContext);
            }
            if (ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), OVERRIDE_SCREEN)) {
                ProtectionOverrides.find(classContext.getJavaClass(), (method, row) -> reportOverride(classContext, method, row));
            }
        });
    }

    @Override
    public void sawOpcode(int seen) {
        MethodGuard.run(bugReporter, getThisClass(), getMethod(), () -> sawOpcodeGuarded(seen));
    }

    private void sawOpcodeGuarded(int seen) {
        Object boxedConstant = previousBoxedConstant;
        previousBoxedConstant = seen == Const.INVOKESTATIC && "java/lang/Boolean".equals(getClassConstantOperand())
                && "valueOf".equals(getNameConstantOperand()) && "(Z)Ljava/lang/Boolean;".equals(getSigConstantOperand())
                && stack.getStackDepth() > 0 ? stack.getStackItem(0).getConstant() : null;
        if (seen == Const.INVOKEDYNAMIC) {
            for (MethodHandleTargets.Target target : MethodHandleTargets.of(getThisClass(), getConstantRefOperand())) {
                for (ProtectionSwitch protection : ProtectionSwitch.ALL) {
                    if (protection.trigger() == ProtectionSwitch.Trigger.ANY_CALL
                            && protection.matches(target.owner(), target.name(), target.descriptor())) {
                        report(protection, Priorities.HIGH_PRIORITY);
                    }
                }
            }
            return;
        }
        if (seen != Const.INVOKEVIRTUAL && seen != Const.INVOKEINTERFACE && seen != Const.INVOKESTATIC
                && seen != Const.INVOKESPECIAL) {
            return;
        }
        for (ProtectionSwitch protection : ProtectionSwitch.ALL) {
            if (protection.matches(getClassConstantOperand(), getNameConstantOperand(), getSigConstantOperand())) {
                int priority = priorityOf(protection, boxedConstant);
                if (priority != 0) {
                    report(protection, priority);
                }
            }
        }
    }

    private int priorityOf(ProtectionSwitch protection, Object boxedConstant) {
        switch (protection.trigger()) {
        case ARGUMENT_OF_TYPE:
            if (stack.getStackDepth() == 0) {
                return 0;
            }
            OpcodeStack.Item argument = stack.getStackItem(0);
            if (protection.argumentType().equals(argument.getSignature())) {
                return Priorities.HIGH_PRIORITY;
            }
            // A strategy Spring injects (a parameter of the bean method, or captured by its lambda): the class's
            // strategy bean decides what it is.
            String strategyType = "L" + SpringSessionCatalogue.STRATEGY_INTERFACE + ";";
            String local = localName(argument);
            String kept = strategyType.equals(argument.getSignature()) && isBeanMethodParameter(local, strategyType)
                    ? SpringSessionFacts.current().injectedStrategyKeepingId(getClassName(), local) : null;
            return kept != null && protection.argumentType().equals("L" + kept + ";") ? Priorities.HIGH_PRIORITY : 0;
        case APPLICATION_ARGUMENT:
            return stack.getStackDepth() > 0 && ProvidedStrategies.keepsId(stack.getStackItem(0).getSignature())
                    ? Priorities.HIGH_PRIORITY : 0;
        case FALSE_ARGUMENT:
            if (stack.getStackDepth() == 0) {
                return 0;
            }
            Object value = stack.getStackItem(0).getConstant();
            if (value == null) {
                return Priorities.LOW_PRIORITY;
            }
            return value instanceof Integer && (Integer) value == 0 ? Priorities.HIGH_PRIORITY : 0;
        case FALSE_BOXED_ARGUMENT:
            if (stack.getStackDepth() == 0) {
                return 0;
            }
            if (boxedConstant instanceof Integer) {
                return (Integer) boxedConstant == 0 ? Priorities.HIGH_PRIORITY : 0;
            }
            OpcodeStack.Item boxed = stack.getStackItem(0);
            edu.umd.cs.findbugs.ba.XField field = boxed.getXField();
            if (field != null && field.isStatic() && "java.lang.Boolean".equals(field.getClassName())) {
                return "FALSE".equals(field.getName()) ? Priorities.HIGH_PRIORITY : 0;
            }
            // A null keeps the framework's default (the protection); any other value the bytecode cannot see.
            return boxed.isNull() ? 0 : Priorities.LOW_PRIORITY;
        default:
            return Priorities.HIGH_PRIORITY;
        }
    }

    /**
     * Is {@code name} a parameter of this type of the bean method the code is in (for a lambda, of the method that made
     * it: the lambda's captured parameter keeps the name)? A local variable made in the method is not injected.
     */
    private boolean isBeanMethodParameter(String name, String type) {
        if (name == null) {
            return false;
        }
        String enclosing = SpringSessionFacts.enclosingMethod(getMethodName());
        for (org.apache.bcel.classfile.Method candidate : getThisClass().getMethods()) {
            if (!candidate.getName().equals(enclosing) || candidate.getLocalVariableTable() == null) {
                continue;
            }
            int slot = candidate.isStatic() ? 0 : 1;
            for (org.apache.bcel.generic.Type parameter : candidate.getArgumentTypes()) {
                LocalVariable variable = candidate.getLocalVariableTable().getLocalVariable(slot, 0);
                if (variable != null && name.equals(variable.getName()) && type.equals(parameter.getSignature())) {
                    return true;
                }
                slot += parameter.getSize();
            }
        }
        return false;
    }

    /** The name of the local variable (or parameter) the item was loaded from, when the class has their names. */
    private String localName(OpcodeStack.Item item) {
        LocalVariableTable names = getMethod().getLocalVariableTable();
        LocalVariable local = item.getRegisterNumber() < 0 || names == null ? null
                : names.getLocalVariable(item.getRegisterNumber(), getPC());
        return local == null ? null : local.getName();
    }

    private void report(ProtectionSwitch protection, int priority) {
        if (protection.isFrameworkInternal(getClassName())) {
            return;
        }
        if (protection.isMootInStatelessChain()
                && SpringSessionFacts.current().isStatelessChain(getClassName(), getMethodName())) {
            // A STATELESS chain keeps nothing in the session: there is no session id to protect.
            return;
        }
        bugReporter.reportBug(ReportedMethods.addClassAndMethod(new BugInstance(this, protection.bugPattern(), priority),
                getMethodDescriptor())
                .addString(protection.description())
                .addString(protection.fix())
                .addSourceLine(this));
    }

    /** An override of a framework's id-changing method that changes no id: reported at the override. */
    private void reportOverride(ClassContext classContext, org.apache.bcel.classfile.Method method, ProtectionOverride row) {
        bugReporter.reportBug(new BugInstance(this, "SESSION_FIXATION_PROTECTION_DISABLED", Priorities.HIGH_PRIORITY)
                .addClassAndMethod(classContext.getJavaClass(), method)
                .addString(row.description())
                .addString(row.fix())
                .addSourceLine(edu.umd.cs.findbugs.SourceLineAnnotation.forEntireMethod(classContext.getJavaClass(), method)));
    }

    @Override
    public void report() {
        MethodGuard.runReport(bugReporter, "count its class lookups", LookupFailures::logOnce);
    }
}
