package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.PUTSTATIC;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The texts a constant collection of names holds: an application's {@code static final} field its class initialiser
 * sets, once, to an unmodifiable JDK collection of string constants ({@code static final Set<String> SCRIPT_READABLE =
 * Set.of("XSRF-TOKEN")}). Such a field holds those texts for good; anything else (a modifiable collection, a value
 * built elsewhere, an element not constant) is unknown.
 */
public final class ConstantNameSets {
    private ConstantNameSets() {
    }

    /** The texts of the collection field {@code slashedOwner.name}, or null when not such a constant collection. */
    public static Set<String> of(String slashedOwner, String name) {
        if (!QuietClasspath.isApplicationClass(slashedOwner)) {
            return null;
        }
        try {
            ClassContext context = CalleeClassContexts.of(DescriptorFactory.createClassDescriptor(slashedOwner));
            JavaClass javaClass = context.getJavaClass();
            Field field = declared(javaClass, name);
            Method initialiser = initialiser(javaClass);
            if (field == null || !field.isStatic() || !field.isFinal() || initialiser == null
                    || initialiser.getCode() == null) {
                return null;
            }
            return storedTexts(context, initialiser, slashedOwner, name);
        } catch (CheckedAnalysisException e) {
            // The class could not be analysed: its collection is unknown (as if not constant), and SpotBugs is told.
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read " + slashedOwner + "." + name, e);
            return null;
        }
    }

    private static Set<String> storedTexts(ClassContext context, Method initialiser, String owner, String name)
            throws CheckedAnalysisException {
        CFG cfg = context.getCFG(initialiser);
        ValueNumberDataflow vna = context.getValueNumberDataflow(initialiser);
        ConstantPoolGen cpg = context.getConstantPoolGen();
        ValueOrigins origins = ValueOrigins.of(cfg, vna, cpg);
        Set<String> texts = null;
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            Instruction instruction = location.getHandle().getInstruction();
            if (!(instruction instanceof PUTSTATIC) || !name.equals(((PUTSTATIC) instruction).getFieldName(cpg))
                    || !owner.equals(((PUTSTATIC) instruction).getClassName(cpg).replace('.', '/'))) {
                continue;
            }
            ValueNumberFrame frame = vna.getFactAtLocation(location);
            if (texts != null || !frame.isValid() || frame.getStackDepth() == 0) {
                return null; // written twice (on two branches), or not readable: not one known collection
            }
            texts = elements(frame.getTopValue(), origins, vna, cpg);
            if (texts == null) {
                return null;
            }
        }
        return texts;
    }

    /** The constant texts an unmodifiable factory call was given, one by one or as its varargs array; else null. */
    private static Set<String> elements(ValueNumber collection, ValueOrigins origins, ValueNumberDataflow vna,
            ConstantPoolGen cpg) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
        Location producer = origins.producer(collection);
        Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
        if (!(instruction instanceof INVOKESTATIC)) {
            return null;
        }
        INVOKESTATIC call = (INVOKESTATIC) instruction;
        String factory = call.getClassName(cpg).replace('.', '/') + "." + call.getMethodName(cpg);
        if (!CookiePolicyCatalogue.UNMODIFIABLE_COLLECTION_FACTORIES.contains(factory)) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        int count = call.getArgumentTypes(cpg).length;
        if (!frame.isValid() || frame.getStackDepth() < count) {
            return null;
        }
        Set<String> texts = new LinkedHashSet<>();
        for (int i = count - 1; i >= 0; i--) {
            ValueNumber argument = frame.getStackValue(i);
            String text = origins.stringLiteral(argument);
            if (text != null) {
                texts.add(text);
                continue;
            }
            // Set.of(a, b, ..., k) past ten elements: one array of constants.
            Location made = origins.producer(argument);
            List<ValueNumber> parts = made != null
                    && made.getHandle().getInstruction() instanceof org.apache.bcel.generic.ANEWARRAY
                    ? origins.partsOf(argument) : List.of();
            if (parts.isEmpty()) {
                return null;
            }
            for (ValueNumber part : parts) {
                String element = origins.stringLiteral(part);
                if (element == null) {
                    return null;
                }
                texts.add(element);
            }
        }
        return texts;
    }

    private static Method initialiser(JavaClass javaClass) {
        for (Method method : javaClass.getMethods()) {
            if ("<clinit>".equals(method.getName())) {
                return method;
            }
        }
        return null;
    }

    private static Field declared(JavaClass javaClass, String name) {
        for (Field field : javaClass.getFields()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }
}
