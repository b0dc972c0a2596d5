package io.github.sessionguard.tracking;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.ba.XField;
import io.github.sessionguard.catalogue.SessionTrackingApi;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.InjectedFlags;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.TextSearch;
import io.github.sessionguard.flow.ReportedMethods;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;
import org.apache.bcel.generic.ObjectType;

import java.util.HashSet;
import java.util.Set;

/**
 * Reports code that turns URL session tracking on: a tracking-mode setter
 * ({@code ServletContext.setSessionTrackingModes}, Boot's {@code Session.setTrackingModes}, Jetty's
 * {@code SessionHandler}) given a set built with {@code SessionTrackingMode.URL} (or every mode,
 * {@code EnumSet.allOf}/{@code values()}) in the same method, or a field of this class such a set was
 * stored in. A set whose contents the class does not show (a parameter) is not reported. Also a session
 * configuration that puts the id in URLs by being made ({@code new PathParameterSessionConfig()}).
 */
public class UrlTrackingDetector extends OpcodeStackDetector {
    private static final TextSearch SCREEN = TextSearch.of(SessionTrackingApi.screenTexts());

    private static final String PATTERN = "SESSION_ID_IN_URL";

    private final BugReporter bugReporter;
    /** Fields of the class being visited that hold a set built with the URL mode. */
    private final Set<String> urlFields = new HashSet<>();
    private boolean urlInMethod;
    private boolean urlPending;
    private boolean modeClassPending;

    public UrlTrackingDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        JavaClass javaClass = classContext.getJavaClass();
        MethodGuard.runClass(bugReporter, javaClass, () -> {
            if (!ConstantPoolScreen.mentionsAny(javaClass, SCREEN)) {
                return;
            }
            urlFields.clear();
            collectUrlFields(javaClass);
            super.visitClassContext(classContext);
        });
    }

    @Override
    public void visit(Code code) {
        urlInMethod = false;
        urlPending = false;
        modeClassPending = false;
        MethodGuard.run(bugReporter, getThisClass(), getMethod(), () -> super.visit(code));
    }

    @Override
    public void sawOpcode(int seen) {
        switch (seen) {
        case Const.GETSTATIC:
            if (SessionTrackingApi.isModeType(getClassConstantOperand())
                    && SessionTrackingApi.URL.equals(getNameConstantOperand())) {
                urlPending = true;
            }
            return;
        case Const.LDC:
        case Const.LDC_W:
            modeClassPending = getConstantRefOperand() instanceof org.apache.bcel.classfile.ConstantClass
                    && SessionTrackingApi.isModeType(getClassConstantOperand());
            return;
        case Const.INVOKESTATIC:
        case Const.INVOKEVIRTUAL:
        case Const.INVOKEINTERFACE:
        case Const.INVOKESPECIAL:
            sawCall();
            return;
        default:
            return;
        }
    }

    private void sawCall() {
        String owner = getClassConstantOperand();
        String name = getNameConstantOperand();
        if (urlPending) {
            // SessionTrackingMode.URL passed to remove(...) takes it out of the set.
            urlInMethod |= !name.startsWith("remove");
            urlPending = false;
        }
        if (modeClassPending && "allOf".equals(name) || SessionTrackingApi.isModeType(owner) && "values".equals(name)) {
            urlInMethod = true;
        }
        modeClassPending = false;
        SessionTrackingApi.UrlConfig config = SessionTrackingApi.urlConfig(owner, name);
        SessionTrackingApi.UrlConfig urlSwitch = SessionTrackingApi.urlSwitch(owner, name, getSigConstantOperand());
        if (urlSwitch != null && stack.getStackDepth() > 0) {
            reportSwitch(urlSwitch, stack.getStackItem(0));
            return;
        }
        if (config != null) {
            bugReporter.reportBug(ReportedMethods.addClassAndMethod(new BugInstance(this, PATTERN, Priorities.HIGH_PRIORITY),
                    getMethodDescriptor())
                    .addString(config.display + " (the session id in every URL)")
                    .addString(config.fix)
                    .addSourceLine(this));
            return;
        }
        SessionTrackingApi.Setter setter = SessionTrackingApi.setter(owner, name);
        if (setter == null || stack.getStackDepth() == 0) {
            return;
        }
        OpcodeStack.Item argument = stack.getStackItem(0);
        XField field = argument.getXField();
        boolean fromUrlField = field != null && field.getClassName().equals(getDottedClassName())
                && urlFields.contains(field.getName());
        if (urlInMethod || fromUrlField) {
            bugReporter.reportBug(ReportedMethods.addClassAndMethod(new BugInstance(this, PATTERN, Priorities.HIGH_PRIORITY),
                    getMethodDescriptor())
                    .addString(setter.display + "(...) with SessionTrackingMode.URL")
                    .addString(setter.fix())
                    .addSourceLine(this));
        }
    }

    /**
     * A URL switch turned on: by the constant true (HIGH), or by a Spring property injected in the code that is true,
     * as the application's settings give it (HIGH) or as the placeholder's default (NORMAL: what runs unless the
     * deployment sets the key).
     */
    private void reportSwitch(SessionTrackingApi.UrlConfig urlSwitch, OpcodeStack.Item argument) {
        String source = "";
        int priority = Priorities.HIGH_PRIORITY;
        if (!Integer.valueOf(1).equals(argument.getConstant())) {
            InjectedFlags.Flag flag = InjectedFlags.of(argument);
            if (flag == null || !flag.on) {
                return;
            }
            source = ", turned on by the property " + flag.key + (flag.configured ? " (true in the settings)"
                    : " (true by its default in the code)");
            priority = flag.configured ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY;
        }
        bugReporter.reportBug(ReportedMethods.addClassAndMethod(new BugInstance(this, PATTERN, priority),
                getMethodDescriptor())
                .addString(urlSwitch.display + " (the session id in the links it encodes" + source + ")")
                .addString(urlSwitch.fix)
                .addSourceLine(this));
    }

    /** Fields assigned in a method that loads the URL mode (typically a static initializer). */
    private void collectUrlFields(JavaClass javaClass) {
        ConstantPoolGen pool = new ConstantPoolGen(javaClass.getConstantPool());
        for (Method method : javaClass.getMethods()) {
            Code code = method.getCode();
            if (code == null) {
                continue;
            }
            boolean url = false;
            InstructionList instructions = new InstructionList(code.getCode());
            for (InstructionHandle handle : instructions.getInstructionHandles()) {
                Instruction instruction = handle.getInstruction();
                if (instruction instanceof GETSTATIC) {
                    FieldInstruction get = (FieldInstruction) instruction;
                    url |= get.getReferenceType(pool) instanceof ObjectType
                            && SessionTrackingApi.isModeType(((ObjectType) get.getReferenceType(pool)).getClassName()
                                    .replace('.', '/'))
                            && SessionTrackingApi.URL.equals(get.getFieldName(pool));
                } else if (instruction instanceof LDC && ((LDC) instruction).getValue(pool) instanceof ObjectType) {
                    url |= SessionTrackingApi.isModeType(
                            ((ObjectType) ((LDC) instruction).getValue(pool)).getClassName().replace('.', '/'));
                } else if (url && (instruction instanceof PUTSTATIC || instruction instanceof PUTFIELD)) {
                    urlFields.add(((FieldInstruction) instruction).getFieldName(pool));
                }
            }
        }
    }
}
