package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.fixation.spring.SpringSessionFacts;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.Collection;
import java.util.List;

/**
 * {@code request.login(user, password)} in a Spring MVC handler of an application that builds a Spring
 * Security filter chain is not the container's login: Spring Security's servlet API integration (on by
 * default) wraps the request, and its {@code login} authenticates through the {@code AuthenticationManager},
 * saves the context in the session and keeps the id (runtime-evidence {@code SpringChainSessionTest},
 * {@code /dsl/request-login}). Tomcat's id change on authentication never runs, so it is no LOW container
 * login. Servlets and JAX-RS resources of such an application stay LOW: they may be mapped outside the
 * Spring Security filter.
 */
final class SpringWrappedRequestLogin {
    private static final String MVC_ANNOTATIONS = "org/springframework/web/bind/annotation/";
    private static final List<String> CONTROLLERS = List.of("org/springframework/stereotype/Controller",
            "org/springframework/web/bind/annotation/RestController");

    private SpringWrappedRequestLogin() {
    }

    /** The event for a {@code HttpServletRequest.login} call, when Spring Security's wrapper performs it; else null. */
    static LoginEvent event(JavaClass javaClass, Method method, String owner, Site site) {
        if (!owner.endsWith("servlet/http/HttpServletRequest") || !SpringSessionFacts.current().buildsChains()
                || !isSpringHandler(javaClass, method)) {
            return null;
        }
        return new LoginEvent(site, LoginEventKind.SPRING_SECURITY,
                "request.login through Spring Security's request wrapper (it keeps the session id)");
    }

    private static boolean isSpringHandler(JavaClass javaClass, Method method) {
        XMethod xMethod = XFactory.createXMethod(javaClass, method);
        if (mentions(xMethod.getAnnotations(), MVC_ANNOTATIONS)) {
            return true;
        }
        try {
            XClass xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(javaClass.getClassName().replace('.', '/')));
            for (AnnotationValue annotation : xClass.getAnnotations()) {
                if (CONTROLLERS.contains(annotation.getAnnotationClass().getClassName())) {
                    return true;
                }
            }
            return false;
        } catch (CheckedAnalysisException e) {
            // The class is being analysed, so this should not happen: reported (counted if missing); no evidence of
            // a controller otherwise.
            LookupFailures.failed(e, "the annotations of " + javaClass.getClassName());
            return false;
        }
    }

    private static boolean mentions(Collection<AnnotationValue> annotations, String prefix) {
        return annotations.stream().anyMatch(a -> a.getAnnotationClass().getClassName().startsWith(prefix)
                && a.getAnnotationClass().getClassName().endsWith("Mapping"));
    }
}
