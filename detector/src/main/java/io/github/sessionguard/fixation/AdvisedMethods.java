package io.github.sessionguard.fixation;

import io.github.sessionguard.fixation.spring.AdviceMethod;
import io.github.sessionguard.fixation.spring.SpringSessionFacts;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.Set;

/**
 * Methods the application's own advice changes the session id around: an AspectJ {@code @Around} advice, a CDI
 * interceptor or a Spring {@code MethodInterceptor} bound to an annotation the method (or its class) carries, whose
 * code changes the id on some path ({@code request.changeSessionId()} once the login returned a user). Callers reach
 * such a method through the proxy that runs the advice, so its logins are fixed when it returns, as if it changed the
 * id on every path itself; a login method without the annotation gets no such help, and is judged as it is (an
 * unannotated kiosk sign-on beside an annotated counter sign-on, both calling one {@code signIn} helper, is the one to
 * report). The binding is read by the first pass ({@code AdviceBindings}); whether the advice changes the id comes
 * from its login summary. A call from the method's own class ({@code this.login(...)}) skips a Spring proxy: not
 * told apart here.
 */
final class AdvisedMethods {
    private AdvisedMethods() {
    }

    /** Does advice bound to one of the method's (or its class's) annotations change the session id around it? */
    static boolean changeIdAround(LoginSummaries summaries, JavaClass javaClass, Method method) {
        if (method.isStatic() || method.isPrivate() || "<init>".equals(method.getName())) {
            return false; // no proxy stands in front of these
        }
        SpringSessionFacts facts = SpringSessionFacts.current();
        if (!facts.hasAdvice()) {
            return false;
        }
        String slashed = javaClass.getClassName().replace('.', '/');
        return anyRotates(summaries, facts, slashed, method.getAnnotationEntries())
                || anyRotates(summaries, facts, slashed, javaClass.getAnnotationEntries());
    }

    /**
     * The advice of another class only: a CDI interceptor carries its own binding annotation, which binds it to the
     * methods marked with it, not to itself (and asking for its own summary while it is being analysed would be a
     * cycle, which makes the summary empty).
     */
    private static boolean anyRotates(LoginSummaries summaries, SpringSessionFacts facts, String slashedClass,
            AnnotationEntry[] annotations) {
        for (AnnotationEntry annotation : annotations) {
            String type = annotation.getAnnotationType();
            String slashed = type.startsWith("L") && type.endsWith(";") ? type.substring(1, type.length() - 1) : type;
            Set<AdviceMethod> advice = facts.adviceBoundTo(slashed);
            for (AdviceMethod method : advice) {
                if (method.slashedClass().equals(slashedClass)) {
                    continue;
                }
                LoginSummary summary = summaries.of(method.slashedClass(), method.name(), method.descriptor());
                if (summary != null && summary.mayChangeId()) {
                    return true;
                }
            }
        }
        return false;
    }
}
