package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.QuietClasspath;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
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
 * The fixation analysis' per-method cost screen, finer than {@link LoginReach}'s per-class one and, like
 * it, never changing a result. A method's own analysis can report a login, or show that it fixes the login
 * of a method it calls, only through its calls: one of its instructions names a session, login or id-change
 * API, or runs an application method (its target, an implementation, a lambda body or method reference)
 * whose code does, directly or further down. A method that does neither is not analysed when SpotBugs
 * visits it; it is still analysed on demand, as a callee, when a caller needs its data flow.
 *
 * <p>A method is "does not reach" only when a complete search from it found nothing, and so is every
 * method that search visited, so answers do not depend on the order of the questions. The search is a
 * work list, not a recursion.
 */
final class LoginMethodReach {
    private static final int MAX_IMPLEMENTATIONS = 8;

    /** A method of an application class, as the search walks them. */
    private static final class Node {
        final JavaClass javaClass;
        final Method method;
        final String key;

        Node(JavaClass javaClass, Method method) {
            this.javaClass = javaClass;
            this.method = method;
            this.key = keyOf(javaClass, method);
        }
    }

    private final Map<String, Boolean> known = new HashMap<>();
    /** Per class, which constant-pool entries name a login API (read once per class for this analysis). */
    private final Map<String, boolean[]> loginConstants = new HashMap<>();

    /** Can this method's own analysis report, or fix a callee's login? */
    boolean mayMatter(JavaClass javaClass, Method method) {
        Node start = new Node(javaClass, method);
        Boolean answer = known.get(start.key);
        if (answer != null) {
            return answer;
        }
        // Each visited method, with the method the search reached it from: on success, every method on
        // the path to the login call reaches it too.
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
            if (Boolean.TRUE.equals(done) || namesLoginApi(node, callees)) {
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

    /** True when an instruction names a login API; otherwise adds the application methods the code runs. */
    private boolean namesLoginApi(Node node, List<Node> callees) {
        Code code = node.method.getCode();
        if (code == null) {
            return false;
        }
        boolean[] login = loginConstants.computeIfAbsent(node.javaClass.getClassName(),
                name -> loginConstantsOf(node.javaClass));
        if (login[0]) {
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
                if (index > 0 && index < login.length && login[index]) {
                    return true;
                }
                Constant constant = pool.getConstant(index);
                if (instruction.getOpcode() == Const.INVOKEDYNAMIC) {
                    // A method reference (session::setAttribute) or a lambda body: a call in all but bytecode.
                    for (MethodHandleTargets.Target target : MethodHandleTargets.of(node.javaClass, constant)) {
                        if (LoginReach.namesLoginApi(List.of(target.owner(), target.name(), target.descriptor()))) {
                            return true;
                        }
                        addTargets(target.owner(), target.name(), target.descriptor(), callees);
                    }
                } else if (instruction.getOpcode() == Const.GETFIELD && isSessionMapField(pool, constant)) {
                    return true;
                } else if (constant instanceof ConstantCP && isInvoke(instruction.getOpcode())) {
                    ConstantCP reference = (ConstantCP) constant;
                    ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex(),
                            Const.CONSTANT_NameAndType, ConstantNameAndType.class);
                    addTargets(reference.getClass(pool).replace('.', '/'), nameAndType.getName(pool),
                            nameAndType.getSignature(pool), callees);
                }
            }
        } catch (IOException e) {
            // Bytecode that cannot be read cannot be screened: analyse the method, as before the screen.
            return true;
        }
        return false;
    }

    private static boolean isInvoke(int opcode) {
        return opcode == Const.INVOKEVIRTUAL || opcode == Const.INVOKESPECIAL || opcode == Const.INVOKESTATIC
                || opcode == Const.INVOKEINTERFACE;
    }

    /** The application bodies a call can run, as {@link LoginSummaries#of} finds them. */
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

    /** A Struts 2 action's session map, kept in a field (its writes are session writes). */
    private static boolean isSessionMapField(ConstantPool pool, Constant constant) {
        if (!(constant instanceof ConstantCP)) {
            return false;
        }
        ConstantCP field = (ConstantCP) constant;
        ConstantNameAndType nameAndType = pool.getConstant(field.getNameAndTypeIndex(), Const.CONSTANT_NameAndType,
                ConstantNameAndType.class);
        return FrameworkSessionCatalogue.MAP_SIGNATURE.equals(nameAndType.getSignature(pool))
                && FrameworkSessionWrites.isSessionMapField(field.getClass(pool).replace('.', '/'),
                        nameAndType.getName(pool), nameAndType.getSignature(pool));
    }

    /**
     * Which entries of the class's constant pool name a login API, by the texts {@link LoginReach} screens.
     * Entry 0 (never a constant) says whether the class uses a framework's session feature: then every
     * method counts, as the class-level screen decides (a session-scoped bean's own field writes, a
     * controller's model under {@code @SessionAttributes}, name no API in the method itself).
     */
    private static boolean[] loginConstantsOf(JavaClass javaClass) {
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] login = new boolean[pool.getLength()];
        login[0] = FrameworkSessionWrites.mentionsFrameworkSession(javaClass);
        for (int index = 1; index < pool.getLength(); index++) {
            // The array, not getConstant: the slot after a long or double constant is empty, and that throws.
            Constant constant = pool.getConstantPool()[index];
            // Instructions name only these kinds of entries; names, descriptors and numbers are read through them.
            boolean named = constant instanceof org.apache.bcel.classfile.ConstantClass || constant instanceof ConstantCP
                    || constant instanceof org.apache.bcel.classfile.ConstantString
                    || constant instanceof ConstantInvokeDynamic
                    || constant instanceof org.apache.bcel.classfile.ConstantMethodHandle
                    || constant instanceof org.apache.bcel.classfile.ConstantMethodType;
            login[index] = named && LoginReach.namesLoginApi(texts(pool, constant, 0));
        }
        return login;
    }

    /** The texts an entry names: its own, and those of the entries it refers to (a few levels at most). */
    private static List<String> texts(ConstantPool pool, Constant constant, int depth) {
        List<String> texts = new ArrayList<>();
        if (constant == null || depth > 3) {
            return texts;
        }
        switch (constant.getTag()) {
            case Const.CONSTANT_Utf8:
                texts.add(((org.apache.bcel.classfile.ConstantUtf8) constant).getBytes());
                break;
            case Const.CONSTANT_Class:
                texts.addAll(texts(pool, pool.getConstant(((org.apache.bcel.classfile.ConstantClass) constant)
                        .getNameIndex()), depth + 1));
                break;
            case Const.CONSTANT_String:
                texts.addAll(texts(pool, pool.getConstant(((org.apache.bcel.classfile.ConstantString) constant)
                        .getStringIndex()), depth + 1));
                break;
            case Const.CONSTANT_NameAndType:
                ConstantNameAndType nameAndType = (ConstantNameAndType) constant;
                texts.addAll(texts(pool, pool.getConstant(nameAndType.getNameIndex()), depth + 1));
                texts.addAll(texts(pool, pool.getConstant(nameAndType.getSignatureIndex()), depth + 1));
                break;
            case Const.CONSTANT_Fieldref:
            case Const.CONSTANT_Methodref:
            case Const.CONSTANT_InterfaceMethodref:
                ConstantCP reference = (ConstantCP) constant;
                texts.addAll(texts(pool, pool.getConstant(reference.getClassIndex()), depth + 1));
                texts.addAll(texts(pool, pool.getConstant(reference.getNameAndTypeIndex()), depth + 1));
                break;
            case Const.CONSTANT_InvokeDynamic:
                texts.addAll(texts(pool, pool.getConstant(((ConstantInvokeDynamic) constant).getNameAndTypeIndex()),
                        depth + 1));
                break;
            case Const.CONSTANT_MethodHandle:
                texts.addAll(texts(pool, pool.getConstant(((org.apache.bcel.classfile.ConstantMethodHandle) constant)
                        .getReferenceIndex()), depth + 1));
                break;
            case Const.CONSTANT_MethodType:
                texts.addAll(texts(pool, pool.getConstant(((org.apache.bcel.classfile.ConstantMethodType) constant)
                        .getDescriptorIndex()), depth + 1));
                break;
            default:
                break;
        }
        return texts;
    }

    private static String keyOf(JavaClass javaClass, Method method) {
        return javaClass.getClassName() + '.' + method.getName() + method.getSignature();
    }
}
