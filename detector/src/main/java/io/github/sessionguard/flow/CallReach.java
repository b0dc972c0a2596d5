package io.github.sessionguard.flow;

import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantClass;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantMethodHandle;
import org.apache.bcel.classfile.ConstantMethodType;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantString;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-method cost screen, read from the bytecode alone: does a method name an API of interest in one of
 * its instructions (or its own signature), or run an application method that does, directly or further
 * down (its target, an implementation, a lambda body or method reference)? A method that does not cannot
 * create, send or authenticate what the screen's analysis tracks, so its own analysis at its visit can be
 * skipped; its summary is still computed on demand when a caller needs it.
 *
 * <p>A method is "does not reach" only when a complete search from it found nothing, and so is every
 * method that search visited, so answers do not depend on the order of the questions. The search is a
 * work list, not a recursion. One object per analysis (its memo holds that analysis' classes).
 */
public final class CallReach {
    /** What the screen looks for. */
    public interface Screen {
        /**
         * One text a constant names (a type or member name, a descriptor, a string) names an API of
         * interest. A constant names one when any of its texts does; each text of a class is asked once.
         */
        boolean namesText(String text);

        /** Evidence in one constant beyond its texts (a call judged by owner and name together). */
        default boolean namesApi(ConstantPool pool, Constant constant) {
            return false;
        }

        /**
         * A call the bytecode makes without a call constant (a lambda body or method reference an
         * {@code invokedynamic} runs), by owner, name and descriptor: by default, judged by its texts.
         */
        default boolean namesCall(String owner, String name, String descriptor) {
            return namesText(owner) || namesText(name) || namesText(descriptor);
        }

        /** Evidence in the method beyond its constants and signature (its parameters' names and annotations). */
        default boolean namesInMethod(JavaClass javaClass, Method method) {
            return false;
        }

        /** Every method of the class counts: a class-wide feature that a method's constants do not show. */
        default boolean wholeClass(JavaClass javaClass) {
            return false;
        }
    }

    private static final int MAX_IMPLEMENTATIONS = 8;

    /** A method of an application class, as the search walks them: by name until its body is read. */
    private static final class Node {
        final CallTargets.Target target;
        final String key;

        Node(CallTargets.Target target) {
            this.target = target;
            this.key = target.className() + '.' + target.name() + target.descriptor();
        }
    }

    private final Screen screen;
    private final Map<String, Boolean> known = new HashMap<>();
    /** Per class, which constant-pool entries name an API; entry 0 (never a constant) says "the whole class". */
    private final Map<String, boolean[]> namingConstants = new HashMap<>();

    public CallReach(Screen screen) {
        this.screen = screen;
    }

    /** Does the method, or an application method it runs, name an API of interest? */
    public boolean reaches(JavaClass javaClass, Method method) {
        return reaches(CallTargets.Target.of(javaClass, method));
    }

    /** The same for a call's target, whose class is parsed only if the answer is not known yet. */
    public boolean reaches(CallTargets.Target target) {
        Node start = new Node(target);
        Boolean answer = known.get(start.key);
        if (answer != null) {
            return answer;
        }
        // Each visited method, with the method the search reached it from: on success, every method on
        // the path to the API's call reaches it too.
        Map<String, String> cameFrom = new HashMap<>();
        Deque<Node> work = new ArrayDeque<>();
        cameFrom.put(start.key, null);
        work.add(start);
        while (!work.isEmpty()) {
            Node node = work.poll();
            Boolean done = known.get(node.key);
            if (Boolean.FALSE.equals(done)) {
                continue;
            }
            List<Node> callees = new ArrayList<>();
            if (Boolean.TRUE.equals(done) || namesApi(node, callees)) {
                for (String key = node.key; key != null; key = cameFrom.get(key)) {
                    known.put(key, true);
                }
                return true;
            }
            for (Node callee : callees) {
                if (!cameFrom.containsKey(callee.key)) {
                    cameFrom.put(callee.key, node.key);
                    work.add(callee);
                }
            }
        }
        for (String key : cameFrom.keySet()) {
            known.put(key, false);
        }
        return false;
    }

    /** True when the method names an API itself; otherwise adds the application methods its code runs. */
    private boolean namesApi(Node node, List<Node> callees) {
        JavaClass javaClass = node.target.javaClass();
        Method method = node.target.method();
        if (javaClass == null || method == null || method.getCode() == null) {
            return false; // a body that cannot be read (reported by the target) names nothing
        }
        Code code = method.getCode();
        boolean[] naming = namingConstants.computeIfAbsent(javaClass.getClassName(),
                name -> namingConstantsOf(javaClass));
        if (naming[0] || screen.namesText(method.getSignature()) || screen.namesInMethod(javaClass, method)) {
            return true;
        }
        ConstantPool pool = javaClass.getConstantPool();
        try {
            return RawInstructions.walk(code.getCode(), (offset, opcode, index) -> {
                if (index <= 0) {
                    return false;
                }
                if (index < naming.length && naming[index]) {
                    return true;
                }
                if (opcode == Const.INVOKEDYNAMIC) {
                    // A method reference (session::setAttribute) or a lambda body: a call in all but bytecode.
                    for (MethodHandleTargets.Target target : MethodHandleTargets.of(javaClass,
                            pool.getConstant(index))) {
                        if (screen.namesCall(target.owner(), target.name(), target.descriptor())) {
                            return true;
                        }
                        addTargets(target.owner(), target.name(), target.descriptor(), callees);
                    }
                } else if (RawInstructions.callsMethodRef(opcode)) {
                    ConstantCP reference = (ConstantCP) pool.getConstant(index);
                    ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex(),
                            Const.CONSTANT_NameAndType, ConstantNameAndType.class);
                    // The slashed name as the pool holds it (what getClass(pool) gives, dotted, turned back).
                    String owner = pool.getConstantString(reference.getClassIndex(), Const.CONSTANT_Class);
                    addTargets(owner, nameAndType.getName(pool), nameAndType.getSignature(pool), callees);
                }
                return false;
            });
        } catch (IOException e) {
            // Bytecode that cannot be read cannot be screened: the method is analysed, as without the screen.
            return true;
        }
    }

    /** The application bodies a call can run: its resolved target, or every implementation (at most 8). */
    private static void addTargets(String owner, String name, String descriptor, List<Node> callees) {
        if (owner.startsWith("java/") || owner.startsWith("[") || !QuietClasspath.isApplicationClass(owner)) {
            return;
        }
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target != null) {
            callees.add(new Node(target));
            return;
        }
        for (CallTargets.Target implementation : CallTargets.allImplementations(owner, name, descriptor,
                MAX_IMPLEMENTATIONS)) {
            callees.add(new Node(implementation));
        }
    }

    private boolean[] namingConstantsOf(JavaClass javaClass) {
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] naming = new boolean[pool.getLength()];
        naming[0] = screen.wholeClass(javaClass);
        // The screen's answer per text entry: a class's calls share their owners' names and descriptors.
        Boolean[] textAnswers = new Boolean[pool.getLength()];
        for (int index = 1; index < pool.getLength(); index++) {
            // The array, not getConstant: the slot after a long or double constant is empty, and that throws.
            Constant constant = pool.getConstantPool()[index];
            naming[index] = constant != null && isNamedByInstructions(constant)
                    && (anyTextNamesApi(pool, textIndices(pool, constant), textAnswers) || screen.namesApi(pool, constant));
        }
        return naming;
    }

    /** Instructions name only these kinds of entries; names, descriptors and numbers are read through them. */
    private static boolean isNamedByInstructions(Constant constant) {
        return constant instanceof ConstantClass || constant instanceof ConstantCP || constant instanceof ConstantString
                || constant instanceof ConstantMethodHandle || constant instanceof ConstantMethodType;
    }

    /** Does the screen find an API in one of these text entries? Each entry is asked once per class (textAnswers). */
    private boolean anyTextNamesApi(ConstantPool pool, int[] textIndices, Boolean[] textAnswers) {
        for (int index : textIndices) {
            if (index <= 0 || index >= textAnswers.length) {
                continue;
            }
            Boolean answer = textAnswers[index];
            if (answer == null) {
                Constant text = pool.getConstantPool()[index];
                answer = text instanceof ConstantUtf8 && screen.namesText(((ConstantUtf8) text).getBytes());
                textAnswers[index] = answer;
            }
            if (answer) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool indices of the texts an entry names: its own and those of the entries it refers to (a call:
     * its owner's name, its name, its descriptor), by the fixed shapes of the class-file format.
     */
    private static int[] textIndices(ConstantPool pool, Constant constant) {
        switch (constant.getTag()) {
            case Const.CONSTANT_Class:
                return new int[] {((ConstantClass) constant).getNameIndex()};
            case Const.CONSTANT_String:
                return new int[] {((ConstantString) constant).getStringIndex()};
            case Const.CONSTANT_MethodType:
                return new int[] {((ConstantMethodType) constant).getDescriptorIndex()};
            case Const.CONSTANT_InvokeDynamic:
                return nameAndTypeTexts(pool, ((ConstantInvokeDynamic) constant).getNameAndTypeIndex(), -1);
            case Const.CONSTANT_Fieldref:
            case Const.CONSTANT_Methodref:
            case Const.CONSTANT_InterfaceMethodref:
                return referenceTexts(pool, (ConstantCP) constant);
            case Const.CONSTANT_MethodHandle:
                Constant target = entry(pool, ((ConstantMethodHandle) constant).getReferenceIndex());
                return target instanceof ConstantCP && !(target instanceof ConstantInvokeDynamic)
                        ? referenceTexts(pool, (ConstantCP) target) : new int[0];
            default:
                return new int[0];
        }
    }

    private static int[] referenceTexts(ConstantPool pool, ConstantCP reference) {
        Constant owner = entry(pool, reference.getClassIndex());
        int ownerName = owner instanceof ConstantClass ? ((ConstantClass) owner).getNameIndex() : -1;
        return nameAndTypeTexts(pool, reference.getNameAndTypeIndex(), ownerName);
    }

    /** The owner's name (when not -1), then the name and descriptor of a name-and-type entry. */
    private static int[] nameAndTypeTexts(ConstantPool pool, int nameAndTypeIndex, int ownerName) {
        Constant entry = entry(pool, nameAndTypeIndex);
        if (!(entry instanceof ConstantNameAndType)) {
            return new int[] {ownerName};
        }
        ConstantNameAndType nameAndType = (ConstantNameAndType) entry;
        return new int[] {ownerName, nameAndType.getNameIndex(), nameAndType.getSignatureIndex()};
    }

    /** The entry at an index, or null for an index outside the pool (an odd class file is screened as far as it reads). */
    private static Constant entry(ConstantPool pool, int index) {
        Constant[] entries = pool.getConstantPool();
        return index > 0 && index < entries.length ? entries[index] : null;
    }
}
