package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.CallPattern;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TypeChecks;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which methods are login handlers by their name or request mapping, and which classes are filters. */
final class LoginHandlers {
    private static final List<String> LOGIN_WORDS = List.of("login", "signin", "sign-in", "logon", "log-in",
            "authenticate");

    /** Request-mapping annotations (Spring MVC, JAX-RS, servlet) and the members that hold their paths. */
    private static final List<String> MAPPING_MEMBERS = List.of("value", "path", "urlPatterns");

    /**
     * Names of handler methods across web frameworks (servlets, Spring's Controller, Struts actions...): with a
     * login-named class, a login handler. Wider than the servlet request methods that make a request entry.
     */
    private static final Set<String> SERVLET_HANDLERS = Set.of("doPost", "doGet", "service", "handle", "handleRequest",
            "execute", "process");

    /** Superclasses walked for a filter-chain method (a guard against odd class graphs). */
    private static final int MAX_SUPERCLASSES = 16;
    /** Supertypes searched for an inherited request mapping (a guard against odd class graphs). */
    private static final int MAX_SUPERTYPES = 32;
    /** Concrete subclasses of an abstract handler checked one by one; beyond this it stays a request entry. */
    private static final int MAX_IMPLEMENTATIONS = 32;

    private LoginHandlers() {
    }

    static boolean isLoginHandler(JavaClass javaClass, Method method, UserSettings settings) {
        String slashed = javaClass.getClassName().replace('.', '/');
        if (settings.isLoginMethod(slashed, method.getName())) {
            return true;
        }
        if (LoginCatalogue.mentionsLogout(method.getName())) {
            return false;
        }
        if (LoginCatalogue.isLoginMethodName(method.getName())) {
            return true;
        }
        XMethod xMethod = XFactory.createXMethod(javaClass, method);
        String ownPaths = mappedPaths(xMethod.getAnnotations());
        if (!ownPaths.isBlank()) {
            // A handler mapped to a path of its own is what its path says, whatever its class is called.
            return mentionsLogin(ownPaths) && !LoginCatalogue.mentionsLogout(ownPaths);
        }
        boolean handler = SERVLET_HANDLERS.contains(method.getName()) || hasMapping(xMethod.getAnnotations());
        return handler && (mentionsLogin(simpleName(javaClass.getClassName())) || classMapsToLogin(javaClass));
    }

    /**
     * A method the framework runs for a request of its own: one mapped to a path by an annotation (a JAX-RS
     * HTTP method's annotation is enough: the class's path maps it), or a servlet's request method. A request
     * reaches it directly, so an id change in the application's callers of it never covers it (see
     * {@link LoginResponsibility}). In an abstract class (or an interface's default method) only while some
     * concrete subclass inherits it: when every one overrides it (and may change the id after
     * {@code super.login(...)}), the framework runs the overrides, which are the entries.
     */
    static boolean isRequestEntry(JavaClass javaClass, Method method) {
        if (method.isStatic()) {
            return false;
        }
        boolean mapped = mapsRequests(XFactory.createXMethod(javaClass, method).getAnnotations())
                || inheritsRequestMapping(javaClass, method)
                || (LoginCatalogue.SERVLET_REQUEST_METHODS.contains(method.getName())
                        && LoginCatalogue.SERVLET_TYPES.stream().anyMatch(servlet -> isSubtype(javaClass, servlet)));
        return mapped && !(javaClass.isAbstract() && everyImplementationOverrides(javaClass, method));
    }

    /**
     * Every concrete application subclass declares its own body for the method. False when there is none, or
     * more than the bound, or the classpath cannot tell: the method then stays an entry.
     */
    static boolean everyImplementationOverrides(JavaClass javaClass, Method method) {
        String slashed = javaClass.getClassName().replace('.', '/');
        List<String> implementations = TypeChecks.applicationImplementations(slashed, MAX_IMPLEMENTATIONS);
        return !implementations.isEmpty() && implementations.stream().allMatch(implementation -> {
            CallTargets.Target body = CallTargets.resolve(implementation, method.getName(), method.getSignature());
            return body != null && !body.slashedClassName().equals(slashed);
        });
    }

    private static boolean mapsRequests(Collection<AnnotationValue> annotations) {
        return hasMapping(annotations) || annotations.stream().anyMatch(annotation ->
                LoginCatalogue.REQUEST_METHOD_ANNOTATIONS.contains(annotation.getAnnotationClass().getClassName()));
    }

    /**
     * Spring MVC and JAX-RS also map a method by the annotations of a method it overrides: an API interface
     * (as OpenAPI generators write them) or a superclass. Searched breadth first, at most {@link #MAX_SUPERTYPES},
     * through QuietClasspath: SpotBugs' Hierarchy2.findSuperMethods would log an analysis error for every
     * absent supertype (a library interface off the aux class path), noise in the user's report.
     */
    private static boolean inheritsRequestMapping(JavaClass javaClass, Method method) {
        XClass self = QuietClasspath.find(javaClass.getClassName().replace('.', '/'));
        if (self == null) {
            return false;
        }
        Deque<ClassDescriptor> work = new ArrayDeque<>(supertypesOf(self));
        Set<ClassDescriptor> seen = new HashSet<>();
        while (!work.isEmpty() && seen.size() < MAX_SUPERTYPES) {
            ClassDescriptor type = work.poll();
            if (!seen.add(type) || type.getClassName().startsWith("java/")) {
                continue;
            }
            XClass supertype = QuietClasspath.find(type);
            if (supertype == null) {
                continue;
            }
            XMethod overridden = supertype.findMethod(method.getName(), method.getSignature(), false);
            if (overridden != null && mapsRequests(overridden.getAnnotations())) {
                return true;
            }
            work.addAll(supertypesOf(supertype));
        }
        return false;
    }

    private static List<ClassDescriptor> supertypesOf(XClass type) {
        List<ClassDescriptor> supertypes = new ArrayList<>(Arrays.asList(type.getInterfaceDescriptorList()));
        if (type.getSuperclassDescriptor() != null) {
            supertypes.add(type.getSuperclassDescriptor());
        }
        return supertypes;
    }

    /** A step Spring Security's own login runs before its session strategy (see {@link LoginCatalogue#FRAMEWORK_LOGIN_STEPS}). */
    /** Names {@code executeLogin} (a call or an override): see {@link #leavesShiroFilterLoginToShiro}. */
    private static final io.github.sessionguard.flow.TextSearch EXECUTE_LOGIN =
            io.github.sessionguard.flow.TextSearch.of(List.of("executeLogin"));

    /**
     * A subclass of Shiro's {@code AuthenticatingFilter} that neither calls nor overrides {@code executeLogin}: Shiro's
     * own code (FormAuthenticationFilter's {@code onAccessDenied}) runs its login.
     */
    static boolean leavesShiroFilterLoginToShiro(JavaClass javaClass) {
        return isSubtype(javaClass, LoginCatalogue.SHIRO_AUTHENTICATING_FILTER)
                && !io.github.sessionguard.flow.ConstantPoolScreen.mentionsAny(javaClass, EXECUTE_LOGIN);
    }

    static boolean isFrameworkLoginStep(JavaClass javaClass) {
        return LoginCatalogue.FRAMEWORK_LOGIN_STEPS.stream().anyMatch(type -> isSubtype(javaClass, type));
    }

    /**
     * A method a framework's sign-in runs as its check (Wicket's {@code authenticate}, see
     * {@link LoginCatalogue#FRAMEWORK_LOGIN_STEP_METHODS}): what it stores is judged at the sign-in's call.
     */
    static boolean isFrameworkLoginStepMethod(JavaClass javaClass, Method method) {
        String slashed = javaClass.getClassName().replace('.', '/');
        return LoginCatalogue.any(LoginCatalogue.FRAMEWORK_LOGIN_STEP_METHODS, slashed, method.getName(), method.getSignature());
    }

    /** Components that run on every request: see {@link LoginCatalogue#PER_REQUEST_COMPONENTS}. */
    static boolean isPerRequestComponent(JavaClass javaClass) {
        String slashed = javaClass.getClassName().replace('.', '/');
        boolean unknown = false;
        for (String type : LoginCatalogue.PER_REQUEST_COMPONENTS) {
            Boolean answer = QuietClasspath.isSubtype(slashed, type);
            if (Boolean.TRUE.equals(answer)) {
                return true;
            }
            unknown |= answer == null;
        }
        // A supertype absent from the classpath must not change the verdict (spring-security-web analysed
        // without spring-web made its own filters logins): then the filter chain in a method's parameters,
        // in the class or a superclass the classpath has, says it is a filter.
        return unknown && handlesFilterChain(javaClass.getClassName().replace('.', '/'));
    }

    private static boolean handlesFilterChain(String slashedClass) {
        String type = slashedClass;
        for (int depth = 0; type != null && depth < MAX_SUPERCLASSES; depth++) {
            XClass xClass = QuietClasspath.find(type);
            if (xClass == null) {
                return false;
            }
            for (XMethod method : xClass.getXMethods()) {
                String parameters = method.getSignature().substring(0, method.getSignature().indexOf(')') + 1);
                if (!method.isStatic() && LoginCatalogue.FILTER_CHAIN_TYPES.stream().anyMatch(parameters::contains)) {
                    return true;
                }
            }
            type = xClass.getSuperclassDescriptor() == null ? null : xClass.getSuperclassDescriptor().getClassName();
        }
        return false;
    }

    /**
     * The method is an implementation of a container login API ({@code HttpServletRequest.login} in a
     * request wrapper or a framework's request): it is the container's login, not an application's.
     */
    static boolean implementsContainerLogin(JavaClass javaClass, Method method) {
        for (CallPattern login : LoginCatalogue.CONTAINER_LOGINS) {
            for (String owner : login.owners()) {
                if (login.matches(owner, method.getName(), method.getSignature()) && isSubtype(javaClass, owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSubtype(JavaClass javaClass, String slashedSupertype) {
        return TypeChecks.isKnownSubtype(javaClass.getClassName().replace('.', '/'), slashedSupertype);
    }

    private static boolean classMapsToLogin(JavaClass javaClass) {
        try {
            XClass xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(javaClass.getClassName().replace('.', '/')));
            return mapsToLogin(xClass.getAnnotations());
        } catch (CheckedAnalysisException e) {
            // The class being analysed is on the class path: a failure here is reported, not expected.
            LookupFailures.failed(e, "the annotations of " + javaClass.getClassName());
            return false;
        }
    }

    private static boolean hasMapping(Collection<AnnotationValue> annotations) {
        return annotations.stream().anyMatch(LoginHandlers::isMapping);
    }

    private static boolean isMapping(AnnotationValue annotation) {
        String type = annotation.getAnnotationClass().getClassName();
        return type.endsWith("Mapping") || type.endsWith("/Path") || type.endsWith("/WebServlet");
    }

    private static boolean mapsToLogin(Collection<AnnotationValue> annotations) {
        return mentionsLogin(mappedPaths(annotations));
    }

    /** Every path the request-mapping annotations name, blank when there are none. */
    private static String mappedPaths(Collection<AnnotationValue> annotations) {
        StringBuilder paths = new StringBuilder();
        for (AnnotationValue annotation : annotations) {
            if (isMapping(annotation)) {
                for (String member : MAPPING_MEMBERS) {
                    paths.append(flatten(annotation.getValue(member))).append(' ');
                }
            }
        }
        return paths.toString();
    }

    private static String flatten(Object value) {
        if (value instanceof Object[]) {
            StringBuilder all = new StringBuilder();
            for (Object element : (Object[]) value) {
                all.append(flatten(element)).append(' ');
            }
            return all.toString();
        }
        return value == null ? "" : value.toString();
    }

    private static boolean mentionsLogin(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return LOGIN_WORDS.stream().anyMatch(lower::contains);
    }

    private static String simpleName(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
