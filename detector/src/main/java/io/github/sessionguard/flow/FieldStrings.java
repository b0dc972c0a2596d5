package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.SignatureParser;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IClassPath;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.PUTSTATIC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The string constants an application's String field can hold, for one analysis (kept in SpotBugs' analysis cache):
 * a policy that appends {@code "; SameSite=" + sameSite} holds its attribute's value in a field, written with a
 * constant ({@code sameSite = "Lax"}) or from a constructor parameter that the code making the object passes
 * ({@code new SameSiteFilter("Lax")}, {@code new Hardened(response, this.sameSite)}). Only a field no other class can
 * write (private, or final) is read; every write must give a known constant, directly, through another such field, or
 * through a constructor parameter every caller gives one; anything else (a setting read at run time, a setter) makes
 * the field's value unknown. Read from the bytes of the classes concerned, so the answer does not depend on the order
 * SpotBugs visits classes.
 */
public final class FieldStrings {
    /** How many fields and constructor parameters one question follows (field to constructor to the caller's field). */
    private static final int MAX_DEPTH = 4;
    /** More application classes than this are not searched for the callers of one constructor. */
    private static final int MAX_CALLER_CLASSES = 4096;
    private static final String STRING = "Ljava/lang/String;";

    private final IClassPath classPath;
    private final Map<String, Set<String>> answers = new HashMap<>();
    private final Map<String, Boolean> constructionOnly = new HashMap<>();
    private List<String> applicationClasses;

    public FieldStrings(IClassPath classPath) {
        this.classPath = classPath;
    }

    /** The analysis' instance. */
    public static FieldStrings current() {
        return Global.getAnalysisCache().getDatabase(FieldStrings.class);
    }

    /**
     * The constants the String field {@code slashedOwner.name} can hold (non-empty), or null when a write gives a
     * value known only at run time, or the field is not the application's, or other classes may write it.
     */
    public synchronized Set<String> of(String slashedOwner, String name) {
        String key = slashedOwner + "." + name;
        if (!answers.containsKey(key)) {
            Set<String> values = fieldValues(slashedOwner, name, 0, new HashSet<>());
            answers.put(key, values == null ? null : Collections.unmodifiableSet(values));
        }
        return answers.get(key);
    }

    /**
     * Is the application's field {@code slashedOwner.name} written only by its class's constructors, as far as the
     * application's code shows? True for a private, unannotated field of a class without a framework's run-time
     * annotations (none binds or maps it) whose other writers
     * (setters) no application class calls or refers to (no call, no method reference): a settings object whose
     * defaults are what runs ({@code private boolean secure = true;} with a {@code setSecure} nobody calls). False
     * when anything else may write it, or too many classes would be searched.
     */
    public synchronized boolean writtenOnlyAtConstruction(String slashedOwner, String name) {
        return constructionOnly.computeIfAbsent(slashedOwner + "." + name, key -> searchWriters(slashedOwner, name));
    }

    private boolean searchWriters(String owner, String name) {
        JavaClass javaClass = QuietClasspath.isApplicationClass(owner) ? javaClass(owner) : null;
        Field field = javaClass == null ? null : declared(javaClass, name);
        if (field == null || !field.isPrivate() || field.getAnnotationEntries().length > 0
                || runtimeAnnotated(javaClass.getAnnotationEntries()) || nest(owner).size() > 1) {
            // Written by a framework (@Value, a bound or mapped class: a framework's annotations are visible at run
            // time) or by nested classes: not this code's constants alone.
            return false;
        }
        List<Method> writers = new ArrayList<>();
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() != null && !"<init>".equals(method.getName())
                    && writes(javaClass, method, owner, name)) {
                if (method.isPrivate() || method.isStatic() || runtimeAnnotated(method.getAnnotationEntries())) {
                    return false;
                }
                writers.add(method);
            }
        }
        if (writers.isEmpty()) {
            return true;
        }
        List<String> classes = applicationClasses();
        if (classes.size() > MAX_CALLER_CLASSES) {
            return false;
        }
        for (String candidate : classes) {
            JavaClass other = javaClass(candidate);
            if (other != null && refersTo(other.getConstantPool(), owner, writers)) {
                return false;
            }
        }
        return true;
    }

    private static boolean runtimeAnnotated(org.apache.bcel.classfile.AnnotationEntry[] annotations) {
        for (org.apache.bcel.classfile.AnnotationEntry annotation : annotations) {
            String type = annotation.getAnnotationType();
            if (annotation.isRuntimeVisible() && !(type.startsWith("L") && type.endsWith(";")
                    && QuietClasspath.isApplicationClass(type.substring(1, type.length() - 1)))) {
                // A framework's annotation (an application's own one binds nothing by itself).
                return true;
            }
        }
        return false;
    }

    /**
     * Does the constant pool name one of the methods of {@code owner} (or of a subclass, the receiver's type), for a
     * call or a method reference?
     */
    private static boolean refersTo(ConstantPool pool, String owner, List<Method> methods) {
        for (int i = 1; i < pool.getLength(); i++) {
            org.apache.bcel.classfile.Constant constant = pool.getConstant(i);
            if (constant instanceof org.apache.bcel.classfile.ConstantLong
                    || constant instanceof org.apache.bcel.classfile.ConstantDouble) {
                i++; // a long or double takes two slots; the second is unused
                continue;
            }
            if (constant instanceof org.apache.bcel.classfile.ConstantCP
                    && !(constant instanceof org.apache.bcel.classfile.ConstantFieldref)) {
                org.apache.bcel.classfile.ConstantNameAndType nat = (org.apache.bcel.classfile.ConstantNameAndType)
                        pool.getConstant(((org.apache.bcel.classfile.ConstantCP) constant).getNameAndTypeIndex());
                for (Method method : methods) {
                    if (method.getName().equals(nat.getName(pool)) && method.getSignature().equals(nat.getSignature(pool))
                            && isOwnerOrSubclass(((org.apache.bcel.classfile.ConstantCP) constant).getClass(pool)
                                    .replace('.', '/'), owner)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * For a value an instruction read from an application's String field ({@code this.sameSite}), the constants the
     * field can hold; null for any other value, or a field whose value is known only at run time.
     */
    public Set<String> readBy(Location producer, ConstantPoolGen cpg) {
        Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
        if (!(instruction instanceof GETFIELD || instruction instanceof GETSTATIC)
                || !STRING.equals(((FieldInstruction) instruction).getSignature(cpg))) {
            return null;
        }
        FieldInstruction read = (FieldInstruction) instruction;
        return of(read.getReferenceType(cpg).toString().replace('.', '/'), read.getFieldName(cpg));
    }

    /** The same for a field reference in a class's constant pool (an instruction read from the raw bytes). */
    public Set<String> readBy(ConstantPool pool, org.apache.bcel.classfile.ConstantFieldref field) {
        org.apache.bcel.classfile.ConstantNameAndType nat =
                (org.apache.bcel.classfile.ConstantNameAndType) pool.getConstant(field.getNameAndTypeIndex());
        return STRING.equals(nat.getSignature(pool))
                ? of(field.getClass(pool).replace('.', '/'), nat.getName(pool)) : null;
    }

    private Set<String> fieldValues(String owner, String name, int depth, Set<String> seen) {
        String key = owner + "." + name;
        if (depth > MAX_DEPTH || !QuietClasspath.isApplicationClass(owner) || !seen.add(key)) {
            return null;
        }
        try {
            return writtenValues(owner, name, depth, seen);
        } finally {
            // A recursion stack, not a visited set: the same field read on two paths has the same answer on both.
            seen.remove(key);
        }
    }

    private Set<String> writtenValues(String owner, String name, int depth, Set<String> seen) {
        JavaClass javaClass = javaClass(owner);
        Field field = javaClass == null ? null : declared(javaClass, name);
        if (field == null || !STRING.equals(field.getSignature()) || !(field.isPrivate() || field.isFinal())
                || field.getAnnotationEntries().length > 0) {
            // Another class may write it, or a framework injects it (@Value, @Inject): its value is not in this code.
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        boolean inConstructor = false;
        // A private field may be written by the classes nested with its own (javac lets them since Java 11).
        for (String writer : field.isPrivate() ? nest(owner) : List.of(owner)) {
            JavaClass writerClass = writer.equals(owner) ? javaClass : javaClass(writer);
            if (writerClass == null) {
                continue;
            }
            for (Method method : writerClass.getMethods()) {
                if (method.getCode() == null || !writes(writerClass, method, owner, name)) {
                    continue;
                }
                inConstructor |= writer.equals(owner) && "<init>".equals(method.getName());
                if (!valuesStored(writerClass, method, owner, name, depth, seen, values)) {
                    return null;
                }
            }
        }
        // Never written by a constructor: until another method writes it, it holds null (SameSite=null is no value).
        return inConstructor && !values.isEmpty() ? values : null;
    }

    /** The class and the classes nested with it (its top-level class and that one's nested classes). */
    private List<String> nest(String owner) {
        String outer = owner.contains("$") ? owner.substring(0, owner.indexOf('$')) : owner;
        List<String> nest = new ArrayList<>();
        for (String name : applicationClasses()) {
            if (name.equals(outer) || name.startsWith(outer + "$")) {
                nest.add(name);
            }
        }
        return nest.isEmpty() ? List.of(owner) : nest;
    }

    /** Adds the constants the method's writes of the field store; false when one of them stores something else. */
    private boolean valuesStored(JavaClass javaClass, Method method, String owner, String name, int depth,
            Set<String> seen, Set<String> values) {
        return valuesAt(javaClass, method, (instruction, cpg) -> (instruction instanceof PUTFIELD
                || instruction instanceof PUTSTATIC) && isField((FieldInstruction) instruction, cpg, owner, name), 0,
                depth, seen, values, "the writes of " + owner + "." + name);
    }

    /**
     * Adds the constants the value {@code fromTop} slots below the top of the stack can be at each instruction of the
     * method the test accepts (the value a write stores, an argument a call passes); false when one is unknown, or
     * the method cannot be analysed (reported to SpotBugs).
     */
    private boolean valuesAt(JavaClass javaClass, Method method,
            java.util.function.BiPredicate<Instruction, ConstantPoolGen> wanted, int fromTop, int depth,
            Set<String> seen, Set<String> values, String what) {
        String className = javaClass.getClassName().replace('.', '/');
        try {
            ClassContext context = CalleeClassContexts.of(DescriptorFactory.createClassDescriptor(className));
            CFG cfg = context.getCFG(method);
            ValueNumberDataflow vna = context.getValueNumberDataflow(method);
            ConstantPoolGen cpg = context.getConstantPoolGen();
            ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                Location location = it.next();
                if (!wanted.test(location.getHandle().getInstruction(), cpg)) {
                    continue;
                }
                ValueNumberFrame frame = vna.getFactAtLocation(location);
                ConstantFrame constants = context.getConstantDataflow(method).getFactAtLocation(location);
                if (!frame.isValid() || !constants.isValid()) {
                    continue;
                }
                Set<String> found = valueSet(javaClass, method, vna, origins, cpg, frame.getStackValue(fromTop),
                        constants.getStackValue(fromTop), depth, seen);
                if (found == null) {
                    return false;
                }
                values.addAll(found);
            }
            return true;
        } catch (CheckedAnalysisException e) {
            // The class could not be analysed: the value is then unknown, and SpotBugs is told.
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read " + what + " in " + className
                    + "." + method.getName(), e);
            return false;
        }
    }

    /** What a value in the method can be: a constant, another field's constants, a constructor parameter's. */
    private Set<String> valueSet(JavaClass javaClass, Method method, ValueNumberDataflow vna, ValueOrigins origins,
            ConstantPoolGen cpg, ValueNumber value, Constant constant, int depth, Set<String> seen) {
        if (constant != null && constant.isConstantString()) {
            return Set.of(constant.getConstantString());
        }
        Location producer = origins.producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof FieldInstruction
                && producer.getHandle().getInstruction().getOpcode() != Const.PUTFIELD) {
            FieldInstruction read = (FieldInstruction) producer.getHandle().getInstruction();
            return fieldValues(read.getReferenceType(cpg).toString().replace('.', '/'), read.getFieldName(cpg),
                    depth + 1, seen);
        }
        // A parameter's value number is the method's entry value (the aload that pushes it is not its origin).
        if ("<init>".equals(method.getName())) {
            int count = new SignatureParser(method.getSignature()).getNumParameters();
            for (int i = 0; i < count; i++) {
                if (vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                    return constructorArguments(javaClass, method, i, depth + 1, seen);
                }
            }
        }
        return null;
    }

    /** The constants every caller of the constructor passes as its parameter {@code index}; null if one is unknown. */
    private Set<String> constructorArguments(JavaClass javaClass, Method constructor, int index, int depth,
            Set<String> seen) {
        String owner = javaClass.getClassName().replace('.', '/');
        String key = owner + ".<init>" + constructor.getSignature() + "#" + index;
        if (depth > MAX_DEPTH || constructor.getAnnotationEntries().length > 0
                || java.util.Arrays.stream(constructor.getParameterAnnotationEntries())
                        .anyMatch(parameter -> parameter.getAnnotationEntries().length > 0)
                || !seen.add(key)) {
            // A constructor a framework calls (@Autowired, @Value on a parameter) gets values this code does not show.
            return null;
        }
        try {
            return passedValues(javaClass, constructor, owner, index, depth, seen);
        } finally {
            seen.remove(key);
        }
    }

    private Set<String> passedValues(JavaClass javaClass, Method constructor, String owner, int index, int depth,
            Set<String> seen) {
        Set<String> values = new LinkedHashSet<>();
        boolean called = false;
        edu.umd.cs.findbugs.classfile.ClassDescriptor constructed = DescriptorFactory.createClassDescriptor(owner);
        for (String candidate : callerCandidates(owner, javaClass, constructor)) {
            // SpotBugs' own summary of each class (the classes whose methods it calls) screens before its bytes are
            // parsed: most application classes construct nothing of this one.
            edu.umd.cs.findbugs.ba.XClass summary = QuietClasspath.find(candidate);
            if (summary == null || !summary.getCalledClassDescriptors().contains(constructed)) {
                continue;
            }
            JavaClass caller = javaClass(candidate);
            if (caller == null) {
                continue;
            }
            for (Method method : caller.getMethods()) {
                if (method.getCode() == null || !MethodCalls.callsItself(caller, method, (o, n, d) ->
                        owner.equals(o) && "<init>".equals(n) && constructor.getSignature().equals(d))) {
                    continue;
                }
                called = true;
                if (!argumentsPassed(caller, method, owner, constructor, index, depth, seen, values)) {
                    return null;
                }
            }
        }
        return called && !values.isEmpty() ? values : null;
    }

    private boolean argumentsPassed(JavaClass caller, Method method, String owner, Method constructor, int index,
            int depth, Set<String> seen, Set<String> values) {
        int count = new SignatureParser(constructor.getSignature()).getNumParameters();
        return valuesAt(caller, method, (instruction, cpg) -> instruction instanceof INVOKESPECIAL
                && "<init>".equals(((INVOKESPECIAL) instruction).getMethodName(cpg))
                && constructor.getSignature().equals(((INVOKESPECIAL) instruction).getSignature(cpg))
                && owner.equals(((INVOKESPECIAL) instruction).getClassName(cpg).replace('.', '/')),
                count - 1 - index, depth, seen, values, "the arguments passed to " + owner);
    }

    /**
     * The classes that may call the constructor: its own class and its nest for a private one, its package for a
     * package-private one, every application class for any other.
     */
    private List<String> callerCandidates(String owner, JavaClass javaClass, Method constructor) {
        String outer = owner.contains("$") ? owner.substring(0, owner.indexOf('$')) : owner;
        String pkg = owner.contains("/") ? owner.substring(0, owner.lastIndexOf('/') + 1) : "";
        List<String> candidates = new ArrayList<>();
        for (String name : applicationClasses()) {
            boolean nest = name.equals(outer) || name.startsWith(outer + "$");
            boolean samePackage = name.startsWith(pkg) && name.indexOf('/', pkg.length()) < 0;
            if (nest || (!constructor.isPrivate() && (samePackage || constructor.isPublic() || constructor.isProtected()))) {
                candidates.add(name);
            }
        }
        return candidates.size() > MAX_CALLER_CLASSES ? List.of() : candidates;
    }

    private List<String> applicationClasses() {
        if (applicationClasses == null) {
            List<String> names = new ArrayList<>();
            for (String resource : classPath.getApplicationCodebaseEntries().keySet()) {
                if (resource.endsWith(".class")) {
                    names.add(resource.substring(0, resource.length() - ".class".length()));
                }
            }
            Collections.sort(names);
            applicationClasses = names;
        }
        return applicationClasses;
    }

    private static boolean writes(JavaClass javaClass, Method method, String owner, String name) {
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] found = {false};
        try {
            RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                if ((opcode == Const.PUTFIELD || opcode == Const.PUTSTATIC) && index > 0 && index < pool.getLength()
                        && pool.getConstant(index) instanceof org.apache.bcel.classfile.ConstantFieldref) {
                    org.apache.bcel.classfile.ConstantFieldref ref =
                            (org.apache.bcel.classfile.ConstantFieldref) pool.getConstant(index);
                    org.apache.bcel.classfile.ConstantNameAndType nat =
                            (org.apache.bcel.classfile.ConstantNameAndType) pool.getConstant(ref.getNameAndTypeIndex());
                    found[0] |= name.equals(nat.getName(pool)) && owner.equals(ref.getClass(pool).replace('.', '/'));
                }
                return found[0];
            });
        } catch (java.io.IOException e) {
            // Truncated code, which SpotBugs' own decoding rejects too: taken to write the field (value unknown).
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                    + javaClass.getClassName() + "." + method.getName(), e);
            return true;
        }
        return found[0];
    }

    private static boolean isOwnerOrSubclass(String referenced, String owner) {
        return referenced.equals(owner)
                || QuietClasspath.isApplicationClass(referenced) && TypeChecks.isKnownSubtype(referenced, owner);
    }

    private static boolean isField(FieldInstruction instruction, ConstantPoolGen cpg, String owner, String name) {
        return name.equals(instruction.getFieldName(cpg))
                && owner.equals(instruction.getReferenceType(cpg).toString().replace('.', '/'));
    }

    /** The field of that name the class declares itself, or null. */
    static Field declared(JavaClass javaClass, String name) {
        for (Field field : javaClass.getFields()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** The parsed class, or null when it is absent from the classpath (counted). */
    static JavaClass javaClass(String slashed) {
        try {
            return Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptor(slashed));
        } catch (CheckedAnalysisException e) {
            // Absent from the classpath: no value known from it; counted, not reported.
            LookupFailures.missingClass();
            return null;
        }
    }
}
