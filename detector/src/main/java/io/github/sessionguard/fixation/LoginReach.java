package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TextSearch;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantInvokeDynamic;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantUtf8;
import org.apache.bcel.classfile.JavaClass;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixation analysis' cost screen, which must never change a result: a class is analysed when its
 * constant pool names a session, login or id-change API, or when an application method it calls
 * (through any of its implementations) lives in a class that does, directly or further down. A class
 * that reaches none cannot authenticate a session, so skipping it loses no finding. Read from the
 * bytecode alone; an answer is memoised as "no" only for classes a complete search found nothing from,
 * so answers do not depend on the order of the questions.
 */
final class LoginReach {
    private static final int MAX_IMPLEMENTATIONS = 8;
    /** Method names of catalogue calls that any owner may declare (id changes, session strategies, Shiro's executeLogin). */
    static final List<String> ANY_OWNER_NAMES = LoginCatalogue.anyOwnerLoginNames();

    private final Map<String, Boolean> known = new HashMap<>();
    /**
     * What the search needs of each class it passed through, read once for this analysis (every search
     * through it asks again): names only, so the parsed classes stay SpotBugs' to keep or drop.
     */
    private final Map<String, ClassNode> nodes = new HashMap<>();

    /**
     * The texts whose mention names a login API: the catalogue's types and the framework session texts
     * ({@link FrameworkSessionWrites#frameworkSessionTexts}, which include this analysis' session-scoped and
     * session-held classes). Built at the first question (the fixation pass, after the first pass gathered
     * those classes), then kept: the screen reads every constant of every class.
     */
    private TextSearch loginTexts;

    /** A class as the search sees it: does it name a login API, and which application classes it calls. */
    private static final class ClassNode {
        final boolean namesLoginApi;
        final java.util.Collection<String> callees;

        ClassNode(JavaClass javaClass, boolean namesLoginApi) {
            this.namesLoginApi = namesLoginApi;
            this.callees = namesLoginApi ? List.of() : calledApplicationClasses(javaClass);
        }
    }

    /** The detector's question: can this class, or anything it calls, authenticate a session? */
    boolean isRelevant(JavaClass start) {
        Boolean answer = known.get(start.getClassName());
        if (answer != null) {
            return answer;
        }
        nodes.computeIfAbsent(start.getClassName(), name -> new ClassNode(start, namesLoginApi(start)));
        // Each visited class, with the class the search reached it from: on success, every class on the
        // path to the login class reaches it too.
        Map<String, String> visited = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        visited.put(start.getClassName(), null);
        work.add(start.getClassName());
        while (!work.isEmpty()) {
            String className = work.poll();
            Boolean done = known.get(className);
            if (Boolean.FALSE.equals(done)) {
                continue;
            }
            ClassNode node = nodeOf(className);
            if (node == null) {
                continue;
            }
            if (Boolean.TRUE.equals(done) || node.namesLoginApi) {
                for (String name = className; name != null; name = visited.get(name)) {
                    known.put(name, true);
                }
                return true;
            }
            for (String callee : node.callees) {
                if (!visited.containsKey(callee)) {
                    visited.put(callee, className);
                    work.add(callee);
                }
            }
        }
        for (String name : visited.keySet()) {
            known.put(name, false);
        }
        return false;
    }

    /** The node of a class, from SpotBugs' cache of parsed classes at the first question; null if unreadable. */
    private ClassNode nodeOf(String dottedName) {
        ClassNode node = nodes.get(dottedName);
        if (node == null) {
            JavaClass javaClass;
            try {
                javaClass = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                        DescriptorFactory.createClassDescriptorFromDottedClassName(dottedName));
            } catch (CheckedAnalysisException e) {
                // Resolved a moment ago as a call's target, so this is unexpected: counted or reported.
                LookupFailures.failed(e, "class " + dottedName + " for the login screen");
                return null;
            }
            node = new ClassNode(javaClass, namesLoginApi(javaClass));
            nodes.put(dottedName, node);
        }
        return node;
    }

    private boolean namesLoginApi(JavaClass javaClass) {
        if (loginTexts == null) {
            List<String> texts = new java.util.ArrayList<>(LoginCatalogue.relevantTypes());
            texts.addAll(FrameworkSessionWrites.frameworkSessionTexts());
            loginTexts = TextSearch.of(texts);
        }
        if (ConstantPoolScreen.mentionsAny(javaClass, loginTexts)) {
            return true;
        }
        for (Constant constant : javaClass.getConstantPool().getConstantPool()) {
            if (constant instanceof ConstantUtf8 && ANY_OWNER_NAMES.contains(((ConstantUtf8) constant).getBytes())) {
                return true;
            }
        }
        return false;
    }

    /** The application classes (dotted names) whose methods this class's method references can run. */
    private static java.util.Collection<String> calledApplicationClasses(JavaClass javaClass) {
        java.util.Set<String> classes = new java.util.TreeSet<>();
        ConstantPool pool = javaClass.getConstantPool();
        for (Constant constant : pool.getConstantPool()) {
            if (!(constant instanceof ConstantCP) || constant instanceof ConstantInvokeDynamic
                    || constant instanceof org.apache.bcel.classfile.ConstantDynamic) {
                continue;
            }
            ConstantCP reference = (ConstantCP) constant;
            if (!(pool.getConstant(reference.getNameAndTypeIndex()) instanceof ConstantNameAndType)) {
                continue;
            }
            ConstantNameAndType nameAndType = pool.getConstant(reference.getNameAndTypeIndex());
            String owner = reference.getClass(pool).replace('.', '/');
            String descriptor = nameAndType.getSignature(pool);
            if (owner.startsWith("java/") || owner.startsWith("[") || !descriptor.startsWith("(")
                    || !QuietClasspath.isApplicationClass(owner)) {
                continue;
            }
            String name = nameAndType.getName(pool);
            CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
            if (target != null) {
                classes.add(target.className());
            } else {
                for (CallTargets.Target implementation : CallTargets.allImplementations(owner, name, descriptor,
                        MAX_IMPLEMENTATIONS)) {
                    classes.add(implementation.className());
                }
            }
        }
        return List.copyOf(classes);
    }
}
