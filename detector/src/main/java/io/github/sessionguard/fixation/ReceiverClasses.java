package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.type.TypeDataflow;
import edu.umd.cs.findbugs.ba.type.TypeFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TypeChecks;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.Type;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The concrete classes a call's receiver can be (a framework component the handler holds: a context repository):
 * the receiver's static type when it is a class; for a field of the handler, the objects its methods (constructors,
 * setters) store there; for an injected bean (a constructor or setter argument, or a field no code of the handler
 * stores), the field's declared type when it is a class, else the application's implementations of it (at most 8;
 * none, or more, decide nothing: empty).
 */
final class ReceiverClasses {
    /** More application implementations of an injected field's type than this decide nothing. */
    private static final int MAX_INJECTABLE = 8;

    private ReceiverClasses() {
    }

    /** The concrete classes the call's receiver can be, or empty when unknown. */
    static Set<String> of(ClassContext classContext, Method method, CallAt call, Location location,
            ValueOrigins origins) throws DataflowAnalysisException {
        Set<String> types = new HashSet<>();
        String direct = concrete(typeAt(classContext, method, location, true));
        if (direct != null) {
            types.add(direct);
            return types;
        }
        Location producer = origins.producer(call.receiver());
        if (producer == null || !(producer.getHandle().getInstruction() instanceof GETFIELD)) {
            return types;
        }
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        GETFIELD load = (GETFIELD) producer.getHandle().getInstruction();
        if (!load.getClassName(cpg).equals(classContext.getJavaClass().getClassName())) {
            return types;
        }
        String field = load.getFieldName(cpg);
        boolean stored = false;
        for (Method candidate : classContext.getJavaClass().getMethods()) {
            // Every store into the field (constructors, setters): one the bytecode cannot name leaves it unknown.
            if (candidate.getCode() == null) {
                continue;
            }
            try {
                for (Iterator<Location> it = classContext.getCFG(candidate).locationIterator(); it.hasNext();) {
                    Location store = it.next();
                    if (store.getHandle().getInstruction() instanceof PUTFIELD
                            && ((PUTFIELD) store.getHandle().getInstruction()).getFieldName(cpg).equals(field)) {
                        stored = true;
                        String value = concrete(typeAt(classContext, candidate, store, false));
                        if (value == null) {
                            // A constructor or setter argument: an injected bean, judged by the field's type.
                            return injectable(load.getFieldType(cpg));
                        }
                        types.add(value);
                    }
                }
            } catch (CheckedAnalysisException e) {
                AnalysisContext.logError("SessionGuard could not read the constructors of "
                        + classContext.getJavaClass().getClassName() + ": " + e, e);
                return new HashSet<>();
            }
        }
        // Never stored by this class's code: a field the container injects (@Autowired, @Inject).
        return stored ? types : injectable(load.getFieldType(cpg));
    }

    /**
     * The repositories a bean of the field's declared type can be: that type when it is a class; for an
     * interface or abstract type, the application's own implementations of it (the bean the application
     * wrote is the one it injects; a Spring repository configured as a bean cannot be named from here).
     * Empty when there are none or too many to judge.
     */
    private static Set<String> injectable(Type declared) {
        Set<String> types = new HashSet<>();
        String direct = concrete(declared);
        if (direct != null) {
            types.add(direct);
        } else if (declared instanceof ObjectType) {
            types.addAll(TypeChecks.applicationImplementations(
                    ((ObjectType) declared).getClassName().replace('.', '/'), MAX_INJECTABLE));
        }
        return types;
    }

    /** A class type (not an interface nor an abstract class), slashed; null otherwise. */
    private static String concrete(Type type) {
        if (!(type instanceof ObjectType)) {
            return null;
        }
        String slashed = ((ObjectType) type).getClassName().replace('.', '/');
        XClass xClass = QuietClasspath.find(slashed);
        return xClass != null && !xClass.isInterface() && !xClass.isAbstract() ? slashed : null;
    }

    /** The call's receiver type ({@code receiver}) or the stored value's (top of the stack) at a location. */
    private static Type typeAt(ClassContext classContext, Method method, Location location, boolean receiver) {
        try {
            TypeDataflow dataflow = classContext.getTypeDataflow(method);
            TypeFrame frame = dataflow.getFactAtLocation(location);
            if (!frame.isValid() || frame.getStackDepth() == 0) {
                return null;
            }
            return receiver ? frame.getInstance(location.getHandle().getInstruction(), classContext.getConstantPoolGen())
                    : frame.getTopValue();
        } catch (DataflowAnalysisException e) {
            LookupFailures.typeUnknown(); // an inconsistent frame: the type is unknown (counted)
            return null;
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read the types of " + method.getName() + ": " + e, e);
            return null;
        }
    }
}
