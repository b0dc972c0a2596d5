package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.CallTargets;
import org.apache.bcel.classfile.Method;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Login summaries of application methods, computed on demand and memoised for one analysis run (the
 * detector that owns them lives as long as the run). A summary depends only on the method and its
 * callees, never on the order classes are visited in; a recursive cycle is cut by treating the
 * method being computed as doing nothing.
 */
final class LoginSummaries {
    private final Map<MethodDescriptor, LoginMethodResult> done = new HashMap<>();
    private final Set<MethodDescriptor> inProgress = new HashSet<>();
    private final LoginMethodAnalyzer analyzer = new LoginMethodAnalyzer(this);
    private final UserSettings settings;

    LoginSummaries(UserSettings settings) {
        this.settings = settings;
    }

    /** This analysis' settings, handed down to the code that reads calls and attributes. */
    UserSettings settings() {
        return settings;
    }

    /** The summary of a called application method, or null for library code and unresolvable calls. */
    LoginSummary of(String owner, String name, String descriptor) {
        if (AnalysisContext.currentAnalysisContext() == null) {
            return null;
        }
        CallTargets.Target target = CallTargets.resolve(owner, name, descriptor);
        if (target == null) {
            return null;
        }
        ClassDescriptor targetClass = DescriptorFactory.createClassDescriptor(
                target.javaClass().getClassName().replace('.', '/'));
        try {
            return of(Global.getAnalysisCache().getClassAnalysis(ClassContext.class, targetClass), target.method());
        } catch (CheckedAnalysisException e) {
            AnalysisContext.logError("SessionGuard could not read " + targetClass + " for its login summary", e);
            return null;
        }
    }

    LoginSummary of(ClassContext classContext, Method method) {
        return resultOf(classContext, method).summary();
    }

    /** The whole result for a method; failures go to SpotBugs' error channel and count as nothing. */
    LoginMethodResult resultOf(ClassContext classContext, Method method) {
        MethodDescriptor descriptor = DescriptorFactory.instance().getMethodDescriptor(
                classContext.getJavaClass().getClassName().replace('.', '/'), method.getName(), method.getSignature(),
                method.isStatic());
        LoginMethodResult result = done.get(descriptor);
        if (result != null) {
            return result;
        }
        if (method.getCode() == null || !inProgress.add(descriptor)) {
            return LoginMethodResult.NOTHING;
        }
        try {
            result = analyzer.analyze(classContext, method, descriptor);
        } catch (CheckedAnalysisException | RuntimeException e) {
            AnalysisContext.logError("SessionGuard could not analyse " + descriptor + ": " + e, e);
            result = LoginMethodResult.NOTHING;
        } finally {
            inProgress.remove(descriptor);
        }
        done.put(descriptor, result);
        return result;
    }
}
