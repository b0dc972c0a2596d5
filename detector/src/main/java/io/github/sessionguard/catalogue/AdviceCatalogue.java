package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Set;

/**
 * Method interception of the application's own making: advice that runs around the methods carrying an annotation (or
 * whose class carries it). An advice that changes the session id (a {@code @RotateSession} interceptor calling
 * {@code request.changeSessionId()} after the method returned) fixes the logins of the methods it advises. Three ways
 * to bind one, each read from the application's bytecode by the first pass:
 * <ul>
 * <li>AspectJ annotation style (Spring AOP's {@code @Aspect} beans too): an advice method whose pointcut expression
 * names the annotation, {@code @Around("@annotation(com.acme.RotateSession)")}, a parameter of that type
 * ({@code @annotation(rotate)}), {@code @within}/{@code @target} for a class annotation, or a named {@code @Pointcut}
 * method of the same aspect that does;</li>
 * <li>CDI/Jakarta interceptors: an {@code @Interceptor} class's {@code @AroundInvoke} method, bound by the class's
 * {@code @InterceptorBinding} annotations;</li>
 * <li>Spring AOP built by hand: a method that makes an {@code AnnotationMatchingPointcut} (or an
 * {@code AspectJExpressionPointcut} with such an expression) from an annotation type and pairs it with a
 * {@code MethodInterceptor} it creates or is handed ({@code new DefaultPointcutAdvisor(pointcut, new
 * SessionRotationInterceptor())} in a {@code @Bean} method).</li>
 * </ul>
 */
public final class AdviceCatalogue {
    /** AspectJ advice annotations whose pointcut (value or pointcut element) selects the advised methods. */
    public static final Set<String> ASPECTJ_ADVICE = Set.of("Lorg/aspectj/lang/annotation/Around;",
            "Lorg/aspectj/lang/annotation/AfterReturning;", "Lorg/aspectj/lang/annotation/After;",
            "Lorg/aspectj/lang/annotation/Before;");
    public static final String ASPECTJ_POINTCUT = "Lorg/aspectj/lang/annotation/Pointcut;";
    /** The annotation elements that hold an AspectJ pointcut expression. */
    public static final List<String> POINTCUT_ELEMENTS = List.of("value", "pointcut");
    /** The join-point parameter types of an advice method: not the annotation a {@code @annotation(name)} binds. */
    public static final Set<String> JOIN_POINT_TYPES = Set.of("org/aspectj/lang/ProceedingJoinPoint",
            "org/aspectj/lang/JoinPoint", "org/aspectj/lang/JoinPoint$StaticPart");

    /** CDI interceptors: the class annotation, the advice method's, and the meta-annotation of a binding. */
    public static final Set<String> INTERCEPTOR = Set.of("Ljakarta/interceptor/Interceptor;",
            "Ljavax/interceptor/Interceptor;");
    public static final Set<String> AROUND_INVOKE = Set.of("Ljakarta/interceptor/AroundInvoke;",
            "Ljavax/interceptor/AroundInvoke;");
    public static final Set<String> INTERCEPTOR_BINDING = Set.of("jakarta/interceptor/InterceptorBinding",
            "javax/interceptor/InterceptorBinding");

    /** Spring AOP pointcuts built in code from an annotation type, or from an expression. */
    public static final Set<String> ANNOTATION_POINTCUTS = Set.of(
            "org/springframework/aop/support/annotation/AnnotationMatchingPointcut",
            "org/springframework/aop/support/annotation/AnnotationClassFilter",
            "org/springframework/aop/support/annotation/AnnotationMethodMatcher");
    public static final String EXPRESSION_POINTCUT = "org/springframework/aop/aspectj/AspectJExpressionPointcut";
    /** The AOP Alliance interceptor Spring advisors run, and the method that runs around the advised one. */
    public static final String METHOD_INTERCEPTOR = "org/aopalliance/intercept/MethodInterceptor";
    public static final String INTERCEPTOR_METHOD = "invoke";
    public static final String INTERCEPTOR_DESCRIPTOR = "(Lorg/aopalliance/intercept/MethodInvocation;)Ljava/lang/Object;";

    /** Text a class must mention to bind advice at all: the first pass's screen. */
    public static final List<String> SCREEN = List.of("org/aspectj/lang/annotation/", "javax/interceptor/",
            "jakarta/interceptor/", "org/springframework/aop/support/annotation/", EXPRESSION_POINTCUT);

    private AdviceCatalogue() {
    }
}
