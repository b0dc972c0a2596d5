package io.github.sessionguard.flow;

import java.util.ArrayList;
import java.util.List;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * Resolves a call to the application method it runs, statically: the method declared in the named class
 * or inherited from its nearest application superclass; for an interface or abstract method, its one
 * application implementation. Other overrides in subclasses are not considered, as in SpotBugs' own
 * first-pass databases: with several possible bodies, a summary of one of them would be a guess.
 */
public final class CallTargets {
    private static final int MAX_SUPERCLASSES = 20;

    private CallTargets() {
    }

    /**
     * The application class and method a call reaches, or null (library code, abstract, native). The walk
     * reads SpotBugs' class summaries (XClass, kept for the whole analysis); only the class that holds the
     * body is parsed (a JavaClass, of which SpotBugs keeps the 3,000 most recent, so a class read only to
     * look past it was often parsed again from its jar).
     */
    public static Target resolve(String slashedOwner, String name, String descriptor) {
        String owner = slashedOwner;
        for (int i = 0; i < MAX_SUPERCLASSES && owner != null && !owner.startsWith("java/"); i++) {
            if (!QuietClasspath.isApplicationClass(owner)) {
                return null;
            }
            XClass type = QuietClasspath.find(owner);
            if (type == null) {
                return null;
            }
            XMethod declared = declared(type, name, descriptor);
            if (declared != null) {
                if (!declared.isAbstract() && !declared.isNative()) {
                    return target(owner, declared);
                }
                return declared.isAbstract() ? uniqueImplementation(slashedOwner, name, descriptor) : null;
            }
            if ("<init>".equals(name) || "<clinit>".equals(name)) {
                return null;
            }
            if (type.isInterface()) {
                return uniqueImplementation(slashedOwner, name, descriptor);
            }
            ClassDescriptor superclass = type.getSuperclassDescriptor();
            owner = superclass == null ? null : superclass.getClassName();
        }
        return null;
    }

    /** The method the class declares with this name and descriptor (static or not), or null. */
    private static XMethod declared(XClass type, String name, String descriptor) {
        for (XMethod method : type.getXMethods()) {
            if (method.getName().equals(name) && method.getSignature().equals(descriptor)) {
                return method;
            }
        }
        return null;
    }

    /** The body of a method its class declares with code, by name: the class is parsed when it is asked for. */
    private static Target target(String slashedOwner, XMethod body) {
        return new Target(slashedOwner, body.getName(), body.getSignature(), body.isStatic());
    }

    /** More implementations than this are not summarised one by one. */
    private static final int MAX_IMPLEMENTATIONS = 8;

    /**
     * For a call to an application interface or abstract method with several application implementations
     * (a response facade, an execution context), each of them; empty when the call resolves to one body,
     * reaches library code, or has more implementations than are worth summarising.
     */
    public static List<Target> implementations(String slashedOwner, String name, String descriptor) {
        ClassDescriptor owner = DescriptorFactory.createClassDescriptor(slashedOwner);
        if (slashedOwner.startsWith("java/") || !QuietClasspath.isApplicationClass(slashedOwner)) {
            return List.of();
        }
        List<Target> found = new ArrayList<>();
        try {
            XClass declaring = QuietClasspath.find(owner);
            if (declaring == null) {
                return List.of();
            }
            XMethod declared = declared(declaring, name, descriptor);
            boolean abstractHere = declared == null ? declaring.isInterface() : declared.isAbstract();
            if (!abstractHere) {
                return List.of();
            }
            found.addAll(applicationImplementations(owner, name, descriptor, MAX_IMPLEMENTATIONS));
        } catch (ClassNotFoundException e) {
            // Expected: a type of the hierarchy is not on the class path; counted, and no implementations.
            LookupFailures.missingClass();
            return List.of();
        } catch (CheckedAnalysisException e) {
            LookupFailures.failed(e, "the implementations of " + slashedOwner + "." + name);
            return List.of();
        }
        if (found.size() < 2 || found.size() > MAX_IMPLEMENTATIONS) {
            return List.of();
        }
        found.sort(java.util.Comparator.comparing(Target::className));
        return found;
    }

    private static Target uniqueImplementation(String slashedOwner, String name, String descriptor) {
        try {
            List<Target> found = applicationImplementations(DescriptorFactory.createClassDescriptor(slashedOwner),
                    name, descriptor, 1);
            return found.size() == 1 ? found.get(0) : null;
        } catch (ClassNotFoundException e) {
            // Expected: a type of the hierarchy is not on the class path; counted, and no single target.
            LookupFailures.missingClass();
            return null;
        } catch (CheckedAnalysisException e) {
            LookupFailures.failed(e, "the implementations of " + slashedOwner + "." + name);
            return null;
        }
    }

    /**
     * Every application implementation of an interface or abstract method (at most {@code limit}, sorted
     * by class name so callers see them in one order); empty when there are more, or none.
     */
    public static java.util.List<Target> allImplementations(String slashedOwner, String name, String descriptor,
            int limit) {
        ClassDescriptor owner = DescriptorFactory.createClassDescriptor(slashedOwner);
        java.util.List<Target> found = new java.util.ArrayList<>();
        try {
            if (!QuietClasspath.isApplicationClass(slashedOwner)) {
                return found;
            }
            found.addAll(applicationImplementations(owner, name, descriptor, limit));
        } catch (ClassNotFoundException e) {
            // Expected: a type of the hierarchy is not on the class path; counted, and no implementations.
            LookupFailures.missingClass();
            return new java.util.ArrayList<>();
        } catch (CheckedAnalysisException e) {
            LookupFailures.failed(e, "the implementations of " + slashedOwner + "." + name);
            return new java.util.ArrayList<>();
        }
        if (found.size() > limit) {
            return new java.util.ArrayList<>();
        }
        found.sort(java.util.Comparator.comparing(Target::className));
        return found;
    }

    /**
     * The bodies of {@code name descriptor} in the application subtypes of {@code owner} (not itself). The
     * search stops at {@code stopAbove} + 1 bodies: every caller treats more than its limit as "too many",
     * so the rest need not be read (a widely implemented interface has hundreds).
     */
    private static List<Target> applicationImplementations(ClassDescriptor owner, String name, String descriptor,
            int stopAbove) throws ClassNotFoundException, CheckedAnalysisException {
        List<Target> found = new ArrayList<>();
        for (ClassDescriptor subtype : AnalysisContext.currentAnalysisContext().getSubtypes2().getSubtypes(owner)) {
            if (found.size() > stopAbove) {
                break;
            }
            if (subtype.equals(owner) || !QuietClasspath.isApplicationClass(subtype.getClassName())) {
                continue;
            }
            XClass type = QuietClasspath.find(subtype);
            XMethod declared = type == null ? null : declared(type, name, descriptor);
            if (declared == null || declared.isAbstract() || declared.isNative()) {
                continue; // no body here: the class is not parsed (see resolve)
            }
            found.add(target(subtype.getClassName(), declared));
        }
        return found;
    }

    /**
     * A resolved call target: the class and method by name, and the parsed class and method when a caller
     * reads the body. Most questions (which class, which method, has it been answered before?) need only
     * the names, and SpotBugs keeps a bounded number of parsed classes, so parsing waits for a reader.
     */
    public static final class Target {
        private final String slashedClass;
        private final String name;
        private final String descriptor;
        private final boolean isStatic;
        private boolean loaded;
        private JavaClass javaClass;
        private Method method;

        Target(String slashedClass, String name, String descriptor, boolean isStatic) {
            this.slashedClass = slashedClass;
            this.name = name;
            this.descriptor = descriptor;
            this.isStatic = isStatic;
        }

        /** A method already parsed (the class SpotBugs is visiting). */
        public static Target of(JavaClass javaClass, Method method) {
            Target target = new Target(javaClass.getClassName().replace('.', '/'), method.getName(),
                    method.getSignature(), method.isStatic());
            target.loaded = true;
            target.javaClass = javaClass;
            target.method = method;
            return target;
        }

        /** The class's dotted name. */
        public String className() {
            return slashedClass.replace('/', '.');
        }

        public String slashedClassName() {
            return slashedClass;
        }

        public String name() {
            return name;
        }

        public String descriptor() {
            return descriptor;
        }

        public boolean isStatic() {
            return isStatic;
        }

        /** The parsed class, or null when it cannot be read (reported once, as a failed look-up). */
        public JavaClass javaClass() {
            load();
            return javaClass;
        }

        /** The parsed method, with its code; null when its class cannot be read. */
        public Method method() {
            load();
            return method;
        }

        private void load() {
            if (loaded) {
                return;
            }
            loaded = true;
            JavaClass parsed;
            try {
                parsed = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                        DescriptorFactory.createClassDescriptor(slashedClass));
            } catch (CheckedAnalysisException e) {
                // A missing application class is an expected answer (counted); anything else is reported.
                LookupFailures.failed(e, "class " + slashedClass + " to read the body of " + name);
                return;
            }
            for (Method candidate : parsed.getMethods()) {
                if (candidate.getName().equals(name) && candidate.getSignature().equals(descriptor)
                        && candidate.getCode() != null) {
                    javaClass = parsed;
                    method = candidate;
                    return;
                }
            }
        }
    }
}
