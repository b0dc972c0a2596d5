package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ARETURN;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GOTO;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.INVOKESPECIAL;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.PUTFIELD;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An application class whose objects carry a cookie's attributes in fields until one of its methods makes the
 * cookie from them: a builder with fluent setters ({@code CookieBuilder.named("x").secure(true).build()}) or a value
 * class its constructor fills ({@code new CookieSpec(true, true, -1, "/").toCookie(name, value)}).
 *
 * <p>Its fields count as further parameters of its own methods, numbered from {@link #FIELD_BASE}: a flag a build
 * method reads from one is decided by the code that made and configured the object, as a helper's flag is decided by
 * its caller's argument. That code is read where the build method is called (see {@link ReceiverFields}).
 */
final class BuilderClass {
    /** The first parameter number standing for a field of the receiver (far above any real parameter count). */
    static final int FIELD_BASE = 1 << 20;

    /** What one method writes into one field of {@code this}: its parameter, a constant, or something else. */
    static final class Write {
        static final Write UNKNOWN = new Write(-1, null, false);
        final int parameter;
        final Object constant;
        final boolean known;
        /**
         * For a copy ({@code this.secure = other.secure}, {@code this.secure = spec.secure()}): the class of the
         * parameter's object and the member read from it (a field's name, or an accessor's name and descriptor);
         * {@link #parameter} is that parameter. Null for any other write.
         */
        final String copiedOwner;
        final String copiedMember;

        private Write(int parameter, Object constant, boolean known) {
            this(parameter, constant, known, null, null);
        }

        private Write(int parameter, Object constant, boolean known, String copiedOwner, String copiedMember) {
            this.parameter = parameter;
            this.constant = constant;
            this.known = known;
            this.copiedOwner = copiedOwner;
            this.copiedMember = copiedMember;
        }

        /** A copy's source field, numbered among its own object's fields (see {@link #FIELD_BASE}), or -1. */
        int copiedField(BuilderClass source) {
            return source.fieldRead(copiedMember);
        }
    }

    /**
     * A read of a member of an object: a field ({@code other.secure}) or a call of a method that takes no argument
     * ({@code policy.secure()}, which may be an accessor): the object, its class (slashed) and the member, a field's
     * name or a method's name and descriptor.
     */
    static final class MemberRead {
        final ValueNumber object;
        final String owner;
        final String member;

        private MemberRead(ValueNumber object, String owner, String member) {
            this.object = object;
            this.owner = owner;
            this.member = member;
        }

        boolean isField() {
            return member.indexOf('(') < 0;
        }

        /** The read produced at {@code producer}, or null when it is none. */
        static MemberRead at(Location producer, ValueNumberDataflow vna, ConstantPoolGen cpg)
                throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
            Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
            String owner;
            String member;
            if (instruction instanceof org.apache.bcel.generic.GETFIELD) {
                org.apache.bcel.generic.GETFIELD load = (org.apache.bcel.generic.GETFIELD) instruction;
                owner = load.getClassName(cpg);
                member = load.getFieldName(cpg);
            } else if (instruction instanceof org.apache.bcel.generic.INVOKEVIRTUAL
                    && ((InvokeInstruction) instruction).getArgumentTypes(cpg).length == 0) {
                InvokeInstruction call = (InvokeInstruction) instruction;
                owner = call.getClassName(cpg);
                member = call.getMethodName(cpg) + call.getSignature(cpg);
            } else {
                return null;
            }
            ValueNumberFrame frame = vna.getFactAtLocation(producer);
            return frame.isValid() ? new MemberRead(frame.getTopValue(), owner.replace('.', '/'), member) : null;
        }
    }

    /**
     * The field a member read of one of this class's objects gives ({@link MemberRead#member}: a field's name, or an
     * accessor's name and descriptor), numbered from {@link #FIELD_BASE}; -1 when it is no builder field.
     */
    int fieldRead(String member) {
        int paren = member.indexOf('(');
        return paren < 0 ? parameterOf(member) : accessedField(member.substring(0, paren), member.substring(paren));
    }

    /** One method's writes into this class's fields, read when every path writes alike. */
    static final class Writes {
        /** By field index; empty when the method writes none. */
        final Map<Integer, Write> byField;
        /** Every return hands back {@code this}: a fluent setter. */
        final boolean returnsThis;
        /** The writes may not happen on every path, or {@code this} reaches other code: not readable as a chain step. */
        final boolean unreadable;
        /** The builder field (its parameter number) the method only returns, as an accessor does; else -1. */
        final int returnsField;
        /**
         * The method's reads of its fields are not its caller's choice: it writes fields itself (a default filled in
         * before the cookie is made), hands {@code this} to other code (its own methods, a callback), or is run by a
         * framework (it overrides a library method: a filter's {@code doFilter}), which configures no object call by call.
         */
        final boolean readsOwnState;

        Writes(Map<Integer, Write> byField, boolean returnsThis, boolean unreadable, boolean readsOwnState,
                int returnsField) {
            this.byField = byField;
            this.returnsThis = returnsThis;
            this.unreadable = unreadable;
            this.readsOwnState = readsOwnState;
            this.returnsField = returnsField;
        }
    }

    private final String className;
    private final String simpleName;
    private final List<String> fields;
    private final Map<String, Writes> methods;

    /** An enum: its objects are its constants, one of which any receiver of its type is. */
    private final boolean enumClass;
    /** No method but a constructor writes a field of the class's objects: an object keeps the values it was made with. */
    private final boolean immutable;
    /** The class's plain accessors, as name + descriptor. */
    private final java.util.Set<String> accessors;

    private BuilderClass(String className, List<String> fields, Map<String, Writes> methods, boolean enumClass,
            boolean immutable, java.util.Set<String> accessors) {
        this.enumClass = enumClass;
        this.immutable = immutable;
        this.accessors = accessors;
        this.className = className;
        this.simpleName = className.substring(className.lastIndexOf('/') + 1);
        this.fields = fields;
        this.methods = methods;
    }

    /**
     * A field of a builder the analysis lost sight of (built from a parameter or a field of a method that is not the
     * builder's own): decided by someone, so not judged, and read by no call.
     */
    static final int LOST_FIELD = Integer.MAX_VALUE;

    static boolean isField(int parameter) {
        return parameter >= FIELD_BASE;
    }

    /**
     * The first parameter number standing for a field of an object a method is handed as an argument (a settings record
     * {@code Cookies.build(name, value, policy)} reads {@code policy.secure()} from): decided where the method is called,
     * by the code that made that argument, as a builder's own fields are by the code that made its receiver.
     */
    private static final int ARGUMENT_FIELD_BASE = 1 << 24;
    /** Fields per argument in that numbering (far above any class's field count). */
    private static final int FIELDS_PER_ARGUMENT = 1 << 12;

    /** The parameter number of the field numbered {@code field} (from {@link #FIELD_BASE}) of argument {@code argument}. */
    static int argumentField(int argument, int field) {
        return ARGUMENT_FIELD_BASE + argument * FIELDS_PER_ARGUMENT + (field - FIELD_BASE);
    }

    static boolean isArgumentField(int parameter) {
        return parameter >= ARGUMENT_FIELD_BASE && parameter != LOST_FIELD;
    }

    /** For an argument's field: the argument's index. */
    static int argumentOf(int parameter) {
        return (parameter - ARGUMENT_FIELD_BASE) / FIELDS_PER_ARGUMENT;
    }

    /** For an argument's field: the field's number among its object's fields (from {@link #FIELD_BASE}). */
    static int fieldOf(int parameter) {
        return FIELD_BASE + (parameter - ARGUMENT_FIELD_BASE) % FIELDS_PER_ARGUMENT;
    }

    /** Is the method {@code name + descriptor} of this class a plain accessor (it returns one of its fields, of any kind)? */
    boolean isAccessor(String name, String descriptor) {
        return accessors.contains(name + descriptor);
    }

    /** The builder field the method {@code name + descriptor} of this class only returns (an accessor), or -1. */
    int accessedField(String name, String descriptor) {
        Writes writes = methods.get(name + descriptor);
        return writes == null ? -1 : writes.returnsField;
    }

    String className() {
        return className;
    }

    boolean isEnum() {
        return enumClass;
    }

    boolean isImmutable() {
        return immutable;
    }

    /** The parameter number of the named field, or -1 when it is no builder field. */
    int parameterOf(String field) {
        int index = fields.indexOf(field);
        return index < 0 ? -1 : FIELD_BASE + index;
    }

    int fieldCount() {
        return fields.size();
    }

    /** The writes of the method {@code name + descriptor} of this class, or null when it has no code here. */
    Writes writesOf(String name, String descriptor) {
        return methods.get(name + descriptor);
    }

    /**
     * The call a user makes to choose the field numbered {@code parameter}, as {@code Owner.setter} (the fix names it):
     * the fluent setter that writes it from its argument, else the constructor that does.
     */
    String chooserOf(int parameter) {
        int field = parameter - FIELD_BASE;
        String constructor = null;
        for (Map.Entry<String, Writes> method : methods.entrySet()) {
            Write write = method.getValue().byField.get(field);
            if (write == null || write.parameter < 0) {
                continue;
            }
            String name = method.getKey().substring(0, method.getKey().indexOf('('));
            if (method.getValue().returnsThis) {
                return simpleName + "." + name;
            }
            if ("<init>".equals(name) && constructor == null) {
                constructor = "new " + simpleName;
            }
        }
        return constructor != null ? constructor : simpleName + "." + fields.get(field);
    }

    /**
     * Reads the class, or answers null when it keeps no cookie attributes in fields: a field counts when a fluent
     * setter writes it, or a constructor writes it from a parameter in a class without a library's annotations (a
     * framework bean's injected settings are not a builder's: nothing in the application configures them call by call).
     */
    static BuilderClass read(JavaClass javaClass, ClassContext classContext) throws CheckedAnalysisException {
        if (javaClass.isInterface()) {
            return null; // an enum is read: its constants are objects its <clinit> makes with their own fields
        }
        String className = javaClass.getClassName().replace('.', '/');
        List<String> candidates = new ArrayList<>();
        List<String> annotatedFields = new ArrayList<>();
        for (Field field : javaClass.getFields()) {
            if (!field.isStatic()) {
                candidates.add(field.getName());
                if (hasLibraryAnnotation(field.getAnnotationEntries())) {
                    annotatedFields.add(field.getName());
                }
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        boolean plainClass = !hasLibraryAnnotation(javaClass.getAnnotationEntries());
        Map<String, Writes> methods = new TreeMap<>();
        List<String> builderFields = new ArrayList<>();
        for (Method method : javaClass.getMethods()) {
            if (method.isStatic() || method.getCode() == null) {
                continue;
            }
            Writes writes = writesOf(className, candidates, method, classContext, overridesLibrary(javaClass, method));
            methods.put(method.getName() + method.getSignature(), writes);
            boolean constructor = "<init>".equals(method.getName());
            for (Map.Entry<Integer, Write> write : writes.byField.entrySet()) {
                String field = candidates.get(write.getKey());
                // A copy (this.secure = config.secure) makes no field a builder's: the class is configured elsewhere.
                boolean counts = writes.returnsThis && write.getValue().known
                        || constructor && plainClass && write.getValue().parameter >= 0
                        && write.getValue().copiedOwner == null && !annotatedFields.contains(field);
                if (counts && !builderFields.contains(field)) {
                    builderFields.add(field);
                }
            }
        }
        if (builderFields.isEmpty()) {
            return null;
        }
        Collections.sort(builderFields);
        Map<String, Writes> renumbered = new LinkedHashMap<>();
        for (Map.Entry<String, Writes> method : methods.entrySet()) {
            Map<Integer, Write> byField = new TreeMap<>();
            method.getValue().byField.forEach((index, write) -> {
                int field = builderFields.indexOf(candidates.get(index));
                if (field >= 0) {
                    byField.put(field, write);
                }
            });
            Writes writes = method.getValue();
            int returned = writes.returnsField < 0 ? -1 : builderFields.indexOf(candidates.get(writes.returnsField));
            renumbered.put(method.getKey(), new Writes(byField, writes.returnsThis, writes.unreadable,
                    writes.readsOwnState || !byField.isEmpty(), returned < 0 ? -1 : FIELD_BASE + returned));
        }
        boolean immutable = methods.entrySet().stream()
                .allMatch(method -> method.getKey().startsWith("<init>") || method.getValue().byField.isEmpty());
        java.util.Set<String> accessors = new java.util.HashSet<>();
        methods.forEach((method, writes) -> {
            if (writes.returnsField >= 0) {
                accessors.add(method);
            }
        });
        return new BuilderClass(className, builderFields, renumbered, javaClass.isEnum(), immutable, accessors);
    }

    /**
     * An annotation of a library (a framework's {@code @Component}, {@code @Value}), not one the application declares
     * nor one a compiler or code generator leaves on every class (Kotlin's {@code @Metadata}, Lombok's).
     */
    private static boolean hasLibraryAnnotation(org.apache.bcel.classfile.AnnotationEntry[] annotations) {
        for (org.apache.bcel.classfile.AnnotationEntry annotation : annotations) {
            String type = annotation.getAnnotationType();
            String slashed = type.startsWith("L") && type.endsWith(";") ? type.substring(1, type.length() - 1) : type;
            if (!slashed.startsWith("kotlin/") && !slashed.startsWith("lombok/")
                    && !io.github.sessionguard.flow.QuietClasspath.isApplicationClass(slashed)) {
                return true;
            }
        }
        return false;
    }

    private static Writes writesOf(String className, List<String> fields, Method method, ClassContext classContext,
            boolean frameworkRuns) throws CheckedAnalysisException {
        CFG cfg = classContext.getCFG(method);
        ValueNumberDataflow vna = classContext.getValueNumberDataflow(method);
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
        ValueNumber self = vna.getAnalysis().getThisValue();
        int parameters = new edu.umd.cs.findbugs.ba.SignatureParser(method.getSignature()).getNumParameters();
        Map<Integer, Write> byField = new TreeMap<>();
        boolean unreadable = false;
        boolean thisEscapes = false;
        boolean returnsThis = method.getSignature().endsWith(")L" + className + ";");
        List<Location> locations = new ArrayList<>();
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            locations.add(it.next());
        }
        locations.sort(java.util.Comparator.comparingInt(l -> l.getHandle().getPosition()));
        for (Location location : locations) {
            InstructionHandle handle = location.getHandle();
            Instruction instruction = handle.getInstruction();
            if (instruction instanceof BranchInstruction && !(instruction instanceof GOTO)) {
                unreadable = true; // a write on some paths only
            }
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (!frame.isValid()) {
                continue;
            }
            if (instruction instanceof PUTFIELD) {
                PUTFIELD put = (PUTFIELD) instruction;
                int field = fields.indexOf(put.getFieldName(cpg));
                if (field < 0 || !put.getClassName(cpg).replace('.', '/').equals(className)
                        || put.getFieldType(cpg).getSize() != 1 || !frame.getStackValue(1).equals(self)) {
                    continue;
                }
                byField.put(field, writeOf(frame.getStackValue(0), vna, parameters, origins, cpg));
            } else if (instruction instanceof ARETURN) {
                returnsThis &= frame.getTopValue().equals(self);
            } else if (instruction instanceof InvokeInstruction && !(instruction instanceof org.apache.bcel.generic.INVOKEDYNAMIC)) {
                InvokeInstruction invoke = (InvokeInstruction) instruction;
                boolean own = invoke.getClassName(cpg).replace('.', '/').equals(className);
                boolean superConstructor = instruction instanceof INVOKESPECIAL && !own && "<init>".equals(invoke.getMethodName(cpg));
                if (own && !(instruction instanceof org.apache.bcel.generic.INVOKESTATIC) && !superConstructor
                        && frame.getInstance(invoke, cpg).equals(self)) {
                    thisEscapes = true; // this(...) or a call of its own setters: writes elsewhere
                }
                int arguments = invoke.getArgumentTypes(cpg).length;
                for (int i = 0; i < arguments && i < frame.getStackDepth(); i++) {
                    if (frame.getStackValue(i).equals(self)) {
                        thisEscapes = true; // handed to other code (a callback, a helper) that may set its fields
                    }
                }
            }
        }
        return new Writes(byField, returnsThis, unreadable || thisEscapes, thisEscapes || frameworkRuns,
                accessed(className, fields, method, cpg));
    }

    /**
     * The field (index among {@code fields}) a method returns and does nothing else: {@code return this.secure;}, a
     * record's accessor; else -1.
     */
    private static int accessed(String className, List<String> fields, Method method, ConstantPoolGen cpg) {
        if (method.getArgumentTypes().length != 0 || method.getCode() == null) {
            return -1;
        }
        Instruction[] body = new org.apache.bcel.generic.InstructionList(method.getCode().getCode()).getInstructions();
        if (body.length != 3 || !(body[0] instanceof org.apache.bcel.generic.ALOAD)
                || ((org.apache.bcel.generic.ALOAD) body[0]).getIndex() != 0
                || !(body[1] instanceof org.apache.bcel.generic.GETFIELD)
                || !(body[2] instanceof org.apache.bcel.generic.ReturnInstruction)) {
            return -1;
        }
        org.apache.bcel.generic.GETFIELD load = (org.apache.bcel.generic.GETFIELD) body[1];
        return load.getClassName(cpg).replace('.', '/').equals(className) ? fields.indexOf(load.getFieldName(cpg)) : -1;
    }

    /** More supertypes than this are not searched for the method a class overrides. */
    private static final int MAX_SUPERTYPES = 32;

    /** Does the method override (or implement) one a library type declares: is a framework its caller? */
    private static boolean overridesLibrary(JavaClass javaClass, Method method) {
        if ("<init>".equals(method.getName()) || method.isPrivate()) {
            return false;
        }
        java.util.Deque<String> work = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        work.add(javaClass.getClassName().replace('.', '/'));
        while (!work.isEmpty() && seen.size() < MAX_SUPERTYPES) {
            String type = work.poll();
            if (!seen.add(type)) {
                continue;
            }
            edu.umd.cs.findbugs.ba.XClass xClass = io.github.sessionguard.flow.QuietClasspath.find(type);
            if (xClass == null) {
                continue;
            }
            if (seen.size() > 1 && !type.startsWith("java/lang/Object")
                    && !io.github.sessionguard.flow.QuietClasspath.isApplicationClass(type)
                    && xClass.findMethod(method.getName(), method.getSignature(), false) != null) {
                return true;
            }
            if (xClass.getSuperclassDescriptor() != null) {
                work.add(xClass.getSuperclassDescriptor().getClassName());
            }
            for (edu.umd.cs.findbugs.classfile.ClassDescriptor face : xClass.getInterfaceDescriptorList()) {
                work.add(face.getClassName());
            }
        }
        return false;
    }

    private static Write writeOf(ValueNumber value, ValueNumberDataflow vna, int parameters, ValueOrigins origins,
            ConstantPoolGen cpg) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
        for (int i = 0; i < parameters; i++) {
            if (vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                return new Write(i, null, true);
            }
        }
        Write copy = copyOf(origins.producer(value), vna, parameters, cpg);
        if (copy != null) {
            return copy;
        }
        if (origins.isNullLiteral(value)) {
            return new Write(-1, null, true);
        }
        Object constant = origins.numberLiteral(value);
        if (constant == null) {
            constant = origins.stringLiteral(value);
        }
        if (constant == null) {
            constant = staticConstant(origins.producer(value), origins.constantPool());
        }
        return constant == null ? Write.UNKNOWN : new Write(-1, constant, true);
    }

    /**
     * A value read from a field of a parameter's object, directly or through an accessor ({@code this.secure =
     * other.secure}, {@code this.secure = b.secure}): a copy, decided by whoever made that object; else null.
     */
    private static Write copyOf(Location producer, ValueNumberDataflow vna, int parameters, ConstantPoolGen cpg)
            throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
        MemberRead read = MemberRead.at(producer, vna, cpg);
        if (read == null || !io.github.sessionguard.flow.QuietClasspath.isApplicationClass(read.owner)) {
            return null;
        }
        for (int i = 0; i < parameters; i++) {
            if (vna.getAnalysis().getEntryValueForParameter(i).equals(read.object)) {
                return new Write(i, null, true, read.owner, read.member);
            }
        }
        return null;
    }

    /**
     * A constant read from a static field: {@code Boolean.TRUE} or {@code FALSE} as 1 or 0, an enum's constant (a static
     * field of the enum's own type) by name; null for any other static field (a setting known only at run time).
     */
    private static Object staticConstant(Location producer, ConstantPoolGen cpg) {
        if (producer == null || !(producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.GETSTATIC)) {
            return null;
        }
        org.apache.bcel.generic.GETSTATIC load = (org.apache.bcel.generic.GETSTATIC) producer.getHandle().getInstruction();
        String owner = load.getClassName(cpg).replace('.', '/');
        if ("java/lang/Boolean".equals(owner)) {
            return "TRUE".equals(load.getFieldName(cpg)) ? Integer.valueOf(1)
                    : "FALSE".equals(load.getFieldName(cpg)) ? Integer.valueOf(0) : null;
        }
        return load.getSignature(cpg).equals("L" + owner + ";") ? new EnumName(load.getFieldName(cpg)) : null;
    }

    /** A constant of an enum (a SameSite enum's {@code LAX}), by name. */
    static final class EnumName {
        final String name;

        EnumName(String name) {
            this.name = name;
        }
    }
}
