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
import org.apache.bcel.generic.CPInstruction;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.util.ByteSequence;

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
        /** The texts of one constant (type and member names, descriptors, strings) name an API of interest. */
        boolean namesApi(List<String> texts);

        /** Evidence in one constant beyond its texts (a call judged by owner and name together). */
        default boolean namesApi(ConstantPool pool, Constant constant) {
            return false;
        }

        /**
         * A call the bytecode makes without a call constant (a lambda body or method reference an
         * {@code invokedynamic} runs), by owner, name and descriptor: by default, judged by its texts.
         */
        default boolean namesCall(String owner, String name, String descriptor) {
            return namesApi(List.of(owner, name, descriptor));
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

    /** A method of an application class, as the search walks them. */
    private static final class Node {
        final JavaClass javaClass;
        final Method method;
        final String key;

        Node(JavaClass javaClass, Method method) {
            this.javaClass = javaClass;
            this.method = method;
            this.key = javaClass.getClassName() + '.' + method.getName() + method.getSignature();
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
        Node start = new Node(javaClass, method);
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
        Code code = node.method.getCode();
        if (code == null) {
            return false;
        }
        boolean[] naming = namingConstants.computeIfAbsent(node.javaClass.getClassName(),
                name -> namingConstantsOf(node.javaClass));
        if (naming[0] || screen.namesApi(List.of(node.method.getSignature()))
                || screen.namesInMethod(node.javaClass, node.method)) {
            return true;
        }
        ConstantPool pool = node.javaClass.getConstantPool();
        try (ByteSequence bytes = new ByteSequence(code.getCode())) {
            while (bytes.available() > 0) {
                Instruction instruction = Instruction.readInstruction(bytes);
                if (!(instruction instanceof CPInstruction)) {
                    continue;
                }
                int index = ((CPInstruction) instruction).getIndex();
                if (index > 0 && index < naming.length && naming[index]) {
                    return true;
                }
                int opcode = instruction.getOpcode();
                Constant constant = pool.getConstant(index);
                if (opcode == Const.INVOKEDYNAMIC) {
                    // A method reference (session::setAttribute) or a lambda body: a call in all but bytecode.
                    for (MethodHandleTargets.Target target : MethodHandleTargets.of(node.javaClass, constant)) {
                        if (screen.namesCall(target.owner(), target.name(), target.descriptor())) {
                            return true;
                        }
                        addTargets(target.owner(), target.name(), target.descriptor(), callees);
                    }
                } else if (opcode == Const.INVOKEVIRTUAL || opcode == Const.INVOKESPECIAL
                        || opcode == Const.INVOKESTATIC || opcode == Const.INVOKEINTERFACE) {
                    ConstantCP reference = (ConstantCP) constant;
                    ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex(),
                            Const.CONSTANT_NameAndType, ConstantNameAndType.class);
                    // The slashed name as the pool holds it (what getClass(pool) gives, dotted, turned back).
                    String owner = pool.getConstantString(reference.getClassIndex(), Const.CONSTANT_Class);
                    addTargets(owner, nameAndType.getName(pool), nameAndType.getSignature(pool), callees);
                }
            }
        } catch (IOException e) {
            // Bytecode that cannot be read cannot be screened: the method is analysed, as without the screen.
            return true;
        }
        return false;
    }

    /** The application bodies a call can run: its resolved target, or every implementation (at most 8). */
    private static void addTargets(String owner, String name, String descriptor, List<Node> callees) {
        if (owner.startsWith("java/") || owner.startsWith("[") || !QuietClasspath.isApplicationClass(owner)) {
            return;
        }
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target != null) {
            callees.add(new Node(target.javaClass(), target.method()));
            return;
        }
        for (CallTargets.Target implementation : CallTargets.allImplementations(owner, name, descriptor,
                MAX_IMPLEMENTATIONS)) {
            callees.add(new Node(implementation.javaClass(), implementation.method()));
        }
    }

    private boolean[] namingConstantsOf(JavaClass javaClass) {
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] naming = new boolean[pool.getLength()];
        naming[0] = screen.wholeClass(javaClass);
        for (int index = 1; index < pool.getLength(); index++) {
            // The array, not getConstant: the slot after a long or double constant is empty, and that throws.
            Constant constant = pool.getConstantPool()[index];
            // Instructions name only these kinds of entries; names, descriptors and numbers are read through them.
            boolean named = constant instanceof ConstantClass || constant instanceof ConstantCP
                    || constant instanceof ConstantString || constant instanceof ConstantMethodHandle
                    || constant instanceof ConstantMethodType;
            naming[index] = named && (screen.namesApi(texts(pool, constant)) || screen.namesApi(pool, constant));
        }
        return naming;
    }

    /** The texts an entry names: its own, and those of the entries it refers to (a few levels at most). */
    private static List<String> texts(ConstantPool pool, Constant constant) {
        List<String> texts = new ArrayList<>(4);
        addTexts(pool, constant, 0, texts);
        return texts;
    }

    /** Adds the texts in the order they are read (one list for the whole entry, not one per level). */
    private static void addTexts(ConstantPool pool, Constant constant, int depth, List<String> texts) {
        if (constant == null || depth > 3) {
            return;
        }
        switch (constant.getTag()) {
            case Const.CONSTANT_Utf8:
                texts.add(((ConstantUtf8) constant).getBytes());
                break;
            case Const.CONSTANT_Class:
                addTexts(pool, pool.getConstant(((ConstantClass) constant).getNameIndex()), depth + 1, texts);
                break;
            case Const.CONSTANT_String:
                addTexts(pool, pool.getConstant(((ConstantString) constant).getStringIndex()), depth + 1, texts);
                break;
            case Const.CONSTANT_NameAndType:
                ConstantNameAndType nameAndType = (ConstantNameAndType) constant;
                addTexts(pool, pool.getConstant(nameAndType.getNameIndex()), depth + 1, texts);
                addTexts(pool, pool.getConstant(nameAndType.getSignatureIndex()), depth + 1, texts);
                break;
            case Const.CONSTANT_Fieldref:
            case Const.CONSTANT_Methodref:
            case Const.CONSTANT_InterfaceMethodref:
                ConstantCP reference = (ConstantCP) constant;
                addTexts(pool, pool.getConstant(reference.getClassIndex()), depth + 1, texts);
                addTexts(pool, pool.getConstant(reference.getNameAndTypeIndex()), depth + 1, texts);
                break;
            case Const.CONSTANT_InvokeDynamic:
                addTexts(pool, pool.getConstant(((ConstantInvokeDynamic) constant).getNameAndTypeIndex()), depth + 1,
                        texts);
                break;
            case Const.CONSTANT_MethodHandle:
                addTexts(pool, pool.getConstant(((ConstantMethodHandle) constant).getReferenceIndex()), depth + 1,
                        texts);
                break;
            case Const.CONSTANT_MethodType:
                addTexts(pool, pool.getConstant(((ConstantMethodType) constant).getDescriptorIndex()), depth + 1,
                        texts);
                break;
            default:
                break;
        }
    }
}
