package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.catalogue.FrameworkSessionCatalogue;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.MethodCalls;
import org.apache.bcel.classfile.JavaClass;

/**
 * Whether the Apache Wicket on the analysis classpath changes the session id inside
 * {@code AuthenticatedWebSession.signIn(username, password)} itself: releases from 10.9 (and 9.23, 8.18) call
 * {@code changeSessionId()} there, earlier ones keep the id. Where it does, that sign-in (and the sign-in
 * components built on it) is an id change, not a login to fix; {@code signIn(true)} only sets a flag either way.
 */
final class WicketProtection {
    private WicketProtection() {
    }

    static boolean signInChangesId() {
        String type = FrameworkSessionCatalogue.WICKET_AUTHENTICATED_SESSION;
        try {
            JavaClass session = Global.getAnalysisCache().getClassAnalysis(JavaClass.class,
                    DescriptorFactory.createClassDescriptor(type));
            return MethodCalls.callsAnyOf(session, LoginCatalogue.WICKET_CHECKED_SIGN_IN.name(),
                    "(Ljava/lang/String;Ljava/lang/String;)Z", LoginCatalogue.WICKET_SIGN_IN_ID_CHANGES);
        } catch (CheckedAnalysisException e) {
            // Expected when wicket-auth-roles is not on the classpath (counted): no Wicket sign-in to judge.
            LookupFailures.failed(e, type);
            return false;
        }
    }
}
