package io.github.sessionguard.fixation.spring;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.catalogue.SpringSessionCatalogue;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TypeChecks;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantCP;
import org.apache.bcel.classfile.ConstantClass;
import org.apache.bcel.classfile.ConstantDouble;
import org.apache.bcel.classfile.ConstantFieldref;
import org.apache.bcel.classfile.ConstantLong;
import org.apache.bcel.classfile.ConstantNameAndType;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.Field;
import org.apache.bcel.classfile.JavaClass;

import java.util.List;
import java.util.Set;

/**
 * A {@code SessionAuthenticationStrategy} of the application's own given to Spring Security's DSL
 * ({@code sessionManagement(s -> s.sessionAuthenticationStrategy(auditStrategy))}): the configurer then uses it
 * instead of its id-changing strategy ({@code SessionManagementConfigurer.getSessionAuthenticationStrategy}: the
 * provided strategy, when there is one, replaces the session-fixation one). One that changes no id (an audit hook that
 * only writes attributes) switches the protection off. Read from the class's bytes: it changes no id when it extends
 * nothing of Spring's, holds no other strategy (no delegation), and neither calls nor refers to anything that could
 * change the id ({@code changeSessionId}, {@code invalidate}, another strategy's {@code onAuthentication}, Spring's
 * strategy classes), nor hands the request, response or session to another class of the application.
 */
public final class ProvidedStrategies {
    private static final String STRATEGY_PACKAGE = "org/springframework/security/web/authentication/session/";
    private static final Set<String> ID_CHANGING_CALLS = Set.of("changeSessionId", "invalidate", "onAuthentication",
            "login", "renewSession", "migrateSession");
    private static final List<String> WEB_TYPES = List.of("/servlet/http/HttpServletRequest;",
            "/servlet/http/HttpServletResponse;", "/servlet/http/HttpSession;", "/servlet/ServletRequest;",
            "/servlet/ServletResponse;");

    private ProvidedStrategies() {
    }

    /** Is the type (a field descriptor, {@code Lcom/x/AuditStrategy;}) an application strategy that changes no id? */
    public static boolean keepsId(String signature) {
        if (signature == null || !signature.startsWith("L") || !signature.endsWith(";")) {
            return false;
        }
        String slashed = signature.substring(1, signature.length() - 1);
        if (!QuietClasspath.isApplicationClass(slashed)
                || !TypeChecks.isKnownSubtype(slashed, SpringSessionCatalogue.STRATEGY_INTERFACE)) {
            return false;
        }
        JavaClass javaClass;
        try {
            javaClass = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptor(slashed));
        } catch (CheckedAnalysisException e) {
            LookupFailures.missingClass();
            return false;
        }
        if (javaClass.isAbstract() || javaClass.isInterface() || !"java.lang.Object".equals(javaClass.getSuperclassName())) {
            // A subclass (of Spring's fixation strategies, of another class) inherits what it does.
            return false;
        }
        for (Field field : javaClass.getFields()) {
            String type = field.getSignature();
            if (!type.startsWith("L") || type.startsWith("Ljava/lang/String;") || type.startsWith("Lorg/slf4j/")) {
                continue;
            }
            String fieldClass = type.substring(1, type.length() - 1);
            if (fieldClass.startsWith(STRATEGY_PACKAGE) || fieldClass.startsWith("java/util/")
                    || TypeChecks.isKnownSubtype(fieldClass, SpringSessionCatalogue.STRATEGY_INTERFACE)) {
                // A delegate (or a list of them): what it does is decided elsewhere.
                return false;
            }
        }
        return !mentionsIdChange(javaClass.getConstantPool(), slashed);
    }

    private static boolean mentionsIdChange(ConstantPool pool, String self) {
        for (int i = 1; i < pool.getLength(); i++) {
            Constant constant = pool.getConstant(i);
            if (constant instanceof ConstantLong || constant instanceof ConstantDouble) {
                i++; // the second slot of a long or double is unused
                continue;
            }
            if (constant instanceof ConstantClass) {
                String name = ((ConstantClass) constant).getBytes(pool);
                if (name.startsWith(STRATEGY_PACKAGE) && !name.equals(SpringSessionCatalogue.STRATEGY_INTERFACE)) {
                    return true;
                }
                if (name.startsWith("org/springframework/web/context/request/RequestContextHolder")) {
                    return true;
                }
            } else if (constant instanceof ConstantCP && !(constant instanceof ConstantFieldref)) {
                ConstantCP ref = (ConstantCP) constant;
                ConstantNameAndType nat = (ConstantNameAndType) pool.getConstant(ref.getNameAndTypeIndex());
                String owner = ref.getClass(pool).replace('.', '/');
                String name = nat.getName(pool);
                if (ID_CHANGING_CALLS.contains(name) && !owner.equals(self)) {
                    return true;
                }
                String descriptor = nat.getSignature(pool);
                if (!owner.equals(self) && QuietClasspath.isApplicationClass(owner)
                        && WEB_TYPES.stream().anyMatch(descriptor::contains)) {
                    // The request or session handed to a helper of the application's, which may change the id.
                    return true;
                }
            }
        }
        return false;
    }
}
