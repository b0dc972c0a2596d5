package io.github.sessionguard.fixation.spring;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import io.github.sessionguard.catalogue.AdviceCatalogue;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.RawInstructions;
import io.github.sessionguard.flow.TypeChecks;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ElementValuePair;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application's advice bound to annotations (see {@link AdviceCatalogue}): for each, the annotation type
 * (slashed) and the advice method that runs around the methods it marks, or around every method of a class it
 * marks. Whether the advice changes the session id is asked later, of its login summary; here only the binding is
 * read, so that it is known whichever class SpotBugs visits first.
 */
final class AdviceBindings {
    /** {@code @annotation(x)}, {@code @within(x)}, {@code @target(x)}: x a type name or an advice parameter's name. */
    private static final Pattern ANNOTATION_DESIGNATOR = Pattern.compile("@(?:annotation|within|target)\\(\\s*([\\w.$]+)\\s*\\)");
    /**
     * A reference to a named pointcut of the same aspect, {@code rotating()} or {@code rotating(rotate)}: a name not
     * after a dot or an {@code @}, with arguments that hold no parentheses. Designators match too ({@code args(x)}), and
     * then name no {@code @Pointcut} method of the aspect.
     */
    private static final Pattern NAMED_POINTCUT = Pattern.compile("(?<![@\\w.$])(\\w+)\\([^()]*\\)");
    /** Named pointcuts that name other named pointcuts are followed this deep. */
    private static final int MAX_POINTCUT_DEPTH = 4;

    private AdviceBindings() {
    }

    /** Reports each (annotation, advice method) binding the class makes. */
    static void collect(JavaClass javaClass, BiConsumer<String, AdviceMethod> sink) {
        String slashed = javaClass.getClassName().replace('.', '/');
        boolean cdiInterceptor = hasAny(javaClass.getAnnotationEntries(), AdviceCatalogue.INTERCEPTOR);
        for (Method method : javaClass.getMethods()) {
            AdviceMethod advice = new AdviceMethod(slashed, method.getName(), method.getSignature());
            for (AnnotationEntry annotation : method.getAnnotationEntries()) {
                if (AdviceCatalogue.ASPECTJ_ADVICE.contains(annotation.getAnnotationType())) {
                    for (String type : annotationsSelected(javaClass, method, expression(annotation), 0)) {
                        sink.accept(type, advice);
                    }
                }
            }
            if (cdiInterceptor && hasAny(method.getAnnotationEntries(), AdviceCatalogue.AROUND_INVOKE)) {
                for (AnnotationEntry binding : javaClass.getAnnotationEntries()) {
                    String type = slashedType(binding.getAnnotationType());
                    if (isInterceptorBinding(type)) {
                        sink.accept(type, advice);
                    }
                }
            }
            if (method.getCode() != null) {
                programmaticAdvisor(javaClass, method, sink);
            }
        }
    }

    /** The pointcut expression of an AspectJ advice or pointcut annotation, or "". */
    private static String expression(AnnotationEntry annotation) {
        for (ElementValuePair pair : annotation.getElementValuePairs()) {
            if (AdviceCatalogue.POINTCUT_ELEMENTS.contains(pair.getNameString())) {
                String text = pair.getValue().stringifyValue();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /** The annotation types an expression selects methods by, following the aspect's own named pointcuts. */
    private static Set<String> annotationsSelected(JavaClass aspect, Method advice, String expression, int depth) {
        Set<String> types = new TreeSet<>();
        Matcher designators = ANNOTATION_DESIGNATOR.matcher(expression);
        while (designators.find()) {
            String named = designators.group(1);
            String type = named.contains(".") ? named.replace('.', '/') : parameterType(advice, named);
            if (type != null) {
                types.add(type);
            }
        }
        if (depth < MAX_POINTCUT_DEPTH) {
            Matcher references = NAMED_POINTCUT.matcher(expression);
            while (references.find()) {
                for (Method pointcut : aspect.getMethods()) {
                    if (pointcut.getName().equals(references.group(1))) {
                        for (AnnotationEntry annotation : pointcut.getAnnotationEntries()) {
                            if (AdviceCatalogue.ASPECTJ_POINTCUT.equals(annotation.getAnnotationType())) {
                                types.addAll(annotationsSelected(aspect, pointcut, expression(annotation), depth + 1));
                            }
                        }
                    }
                }
            }
        }
        return types;
    }

    /**
     * The type of the advice parameter a designator names ({@code @annotation(rotate)} with a parameter {@code
     * RotateSession rotate}): by the local-variable table when the class has one, else the one parameter that is not a
     * join point, when there is exactly one.
     */
    private static String parameterType(Method advice, String name) {
        Type[] arguments = advice.getArgumentTypes();
        LocalVariableTable table = advice.getLocalVariableTable();
        if (table != null) {
            int slot = advice.isStatic() ? 0 : 1;
            for (Type argument : arguments) {
                LocalVariable variable = table.getLocalVariable(slot, 0);
                if (variable != null && variable.getName().equals(name)) {
                    return objectType(argument);
                }
                slot += argument.getSize();
            }
            return null;
        }
        List<String> candidates = new ArrayList<>();
        for (Type argument : arguments) {
            String type = objectType(argument);
            if (type != null && !AdviceCatalogue.JOIN_POINT_TYPES.contains(type)) {
                candidates.add(type);
            }
        }
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static String objectType(Type type) {
        String signature = type.getSignature();
        return signature.startsWith("L") && signature.endsWith(";") ? signature.substring(1, signature.length() - 1) : null;
    }

    /**
     * A method that builds a Spring advisor by hand: it makes an annotation pointcut from the annotation types it
     * loads ({@code AnnotationMatchingPointcut.forMethodAnnotation(RotateSession.class)}) or an expression pointcut
     * from a constant expression, and pairs it with the {@code MethodInterceptor} implementations it creates or is
     * handed. Each such type is bound to each such annotation (a method that builds several advisors binds more
     * pairs than it makes: an over-approximation that can only keep a login quiet that another advisor of the same
     * method covers).
     */
    private static void programmaticAdvisor(JavaClass javaClass, Method method, BiConsumer<String, AdviceMethod> sink) {
        ConstantPool pool = javaClass.getConstantPool();
        boolean[] pointcut = {false};
        Set<String> loadedTypes = new TreeSet<>();
        Set<String> expressions = new TreeSet<>();
        Set<String> created = new TreeSet<>();
        try {
            RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                if (index <= 0) {
                    return false;
                }
                Constant constant = pool.getConstant(index);
                if (RawInstructions.callsMethodRef(opcode) && MethodRefs.isMethodRef(constant)) {
                    String owner = MethodRefs.owner(pool, (ConstantCP) constant);
                    pointcut[0] |= AdviceCatalogue.ANNOTATION_POINTCUTS.contains(owner)
                            || AdviceCatalogue.EXPRESSION_POINTCUT.equals(owner);
                } else if ((opcode == Const.LDC || opcode == Const.LDC_W) && constant.getTag() == Const.CONSTANT_Class) {
                    loadedTypes.add(pool.getConstantString(index, Const.CONSTANT_Class));
                } else if ((opcode == Const.LDC || opcode == Const.LDC_W) && constant.getTag() == Const.CONSTANT_String) {
                    expressions.add(pool.getConstantString(index, Const.CONSTANT_String));
                } else if (opcode == Const.NEW) {
                    created.add(pool.getConstantString(index, Const.CONSTANT_Class));
                }
                return false;
            });
        } catch (IOException e) {
            // Truncated code, which SpotBugs' own decoding rejects too: this method binds nothing we can read.
            AnalysisContext.logError("SessionGuard could not read the code of " + javaClass.getClassName() + "."
                    + method.getName(), e);
            return;
        }
        if (!pointcut[0]) {
            return;
        }
        Set<String> interceptors = new TreeSet<>();
        for (Type argument : method.getArgumentTypes()) {
            String type = objectType(argument);
            if (type != null) {
                created.add(type);
            }
        }
        for (String type : created) {
            if (!type.startsWith("[") && TypeChecks.isKnownSubtype(type, AdviceCatalogue.METHOD_INTERCEPTOR)) {
                interceptors.add(type);
            }
        }
        Set<String> annotations = new TreeSet<>();
        for (String type : loadedTypes) {
            if (isAnnotationType(type)) {
                annotations.add(type);
            }
        }
        for (String expression : expressions) {
            annotations.addAll(annotationsSelected(javaClass, method, expression, MAX_POINTCUT_DEPTH));
        }
        for (String interceptor : interceptors) {
            for (String annotation : annotations) {
                sink.accept(annotation, new AdviceMethod(interceptor, AdviceCatalogue.INTERCEPTOR_METHOD,
                        AdviceCatalogue.INTERCEPTOR_DESCRIPTOR));
            }
        }
    }

    private static boolean isAnnotationType(String slashed) {
        XClass type = slashed.startsWith("[") ? null : QuietClasspath.find(slashed);
        return type != null && (type.getAccessFlags() & Const.ACC_ANNOTATION) != 0;
    }

    /** An annotation type that is meta-annotated {@code @InterceptorBinding} (CDI binds interceptors by those only). */
    private static boolean isInterceptorBinding(String slashed) {
        XClass type = QuietClasspath.find(slashed);
        if (type == null) {
            return false;
        }
        for (ClassDescriptor meta : type.getAnnotationDescriptors()) {
            if (AdviceCatalogue.INTERCEPTOR_BINDING.contains(meta.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAny(AnnotationEntry[] annotations, Set<String> types) {
        for (AnnotationEntry annotation : annotations) {
            if (types.contains(annotation.getAnnotationType())) {
                return true;
            }
        }
        return false;
    }

    private static String slashedType(String signature) {
        return signature.startsWith("L") && signature.endsWith(";") ? signature.substring(1, signature.length() - 1)
                : signature;
    }
}
