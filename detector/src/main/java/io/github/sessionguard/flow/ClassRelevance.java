package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantClass;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.JavaClass;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The constant-pool pre-screen, extended across the application: a class is relevant when its own
 * constant pool passes the screen, or when it refers to an application class that is relevant (a caller
 * of a cookie helper mentions no cookie type itself). Answers do not depend on the order of the questions:
 * a class is irrelevant only when a complete search from it found nothing, and every class that search
 * visited is irrelevant too.
 */
public final class ClassRelevance {
    private final Predicate<JavaClass> screen;
    private final Map<String, Boolean> known = new HashMap<>();
    private final Map<String, Boolean> ownScreen = new HashMap<>();

    public ClassRelevance(Predicate<JavaClass> screen) {
        this.screen = screen;
    }

    public boolean isRelevant(JavaClass start) {
        String startName = start.getClassName().replace('.', '/');
        Boolean answer = known.get(startName);
        if (answer != null) {
            return answer;
        }
        Set<String> visited = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        visited.add(startName);
        work.add(startName);
        while (!work.isEmpty()) {
            String name = work.poll();
            Boolean done = known.get(name);
            if (Boolean.FALSE.equals(done)) {
                continue;
            }
            JavaClass javaClass = name.equals(startName) ? start : load(name);
            if (javaClass == null) {
                continue;
            }
            if (Boolean.TRUE.equals(done) || passesOwnScreen(name, javaClass)) {
                known.put(startName, true);
                return true;
            }
            for (String referenced : referencedApplicationClasses(javaClass)) {
                if (visited.add(referenced)) {
                    work.add(referenced);
                }
            }
        }
        for (String name : visited) {
            known.put(name, false);
        }
        return false;
    }

    private boolean passesOwnScreen(String name, JavaClass javaClass) {
        return ownScreen.computeIfAbsent(name, n -> screen.test(javaClass));
    }

    private static Set<String> referencedApplicationClasses(JavaClass javaClass) {
        Set<String> names = new HashSet<>();
        ConstantPool pool = javaClass.getConstantPool();
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        for (Constant constant : pool.getConstantPool()) {
            if (constant instanceof ConstantClass) {
                String name = ((ConstantClass) constant).getBytes(pool);
                if (!name.startsWith("[") && !name.startsWith("java/")
                        && context.isApplicationClass(DescriptorFactory.createClassDescriptor(name))) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static JavaClass load(String slashedName) {
        try {
            ClassDescriptor descriptor = DescriptorFactory.createClassDescriptor(slashedName);
            return Global.getAnalysisCache().getClassAnalysis(JavaClass.class, descriptor);
        } catch (CheckedAnalysisException | RuntimeException e) {
            return null;
        }
    }
}
