package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.flow.LookupFailures;

/**
 * Whether the Apache Shiro on the analysis classpath stops the pre-login session inside
 * {@code Subject.login} itself, so that application logins through it need no fix of their own.
 *
 * <p>Shiro 2.2.0 added {@code DefaultSecurityManager.beforeSuccessfulLogin(Subject)}, which login
 * calls between authentication and subject creation to stop the old session (and, on the web,
 * change the container's session id). Releases without it (2.1.0, 2.0.0, 1.x) keep the planted
 * session: the runtime-evidence module shows both behaviours with real logins.
 */
final class ShiroProtection {
    private static final String SECURITY_MANAGER = "org/apache/shiro/mgt/DefaultSecurityManager";
    private static final String MARKER = "beforeSuccessfulLogin";
    private static final String MARKER_DESCRIPTOR = "(Lorg/apache/shiro/subject/Subject;)V";

    private ShiroProtection() {
    }

    static boolean loginStopsOldSession() {
        try {
            XClass securityManager = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(SECURITY_MANAGER));
            return securityManager.findMethod(MARKER, MARKER_DESCRIPTOR, false) != null;
        } catch (CheckedAnalysisException e) {
            // Expected when Shiro core is not on the classpath (counted): nothing protects the application's
            // logins. Any other failure to read it is reported.
            LookupFailures.failed(e, SECURITY_MANAGER);
            return false;
        }
    }
}
