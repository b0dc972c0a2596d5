package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.bcel.BCELUtil;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCallMatch;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.MethodGuard;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.Iterator;

/**
 * Reports cookies that reach the client without Secure, HttpOnly or SameSite, per cookie object and
 * per path: at every place a cookie is sent, the flags set on all paths from its creation count.
 */
public class InsecureCookieDetector implements Detector {
    private final BugReporter bugReporter;
    private final CookieFindings findings;

    public InsecureCookieDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
        this.findings = new CookieFindings(this, bugReporter);
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        if (!ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), CookieCatalogue.relevantTypes())) {
            return;
        }
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() != null) {
                MethodGuard.run(bugReporter, classContext, method, () -> analyze(classContext, method));
            }
        }
    }

    private void analyze(ClassContext classContext, Method method) throws CheckedAnalysisException {
        MethodDescriptor descriptor = BCELUtil.getMethodDescriptor(classContext.getJavaClass(), method);
        CFG cfg = classContext.getCFG(method);
        ConstantPoolGen cpg = classContext.getConstantPoolGen();
        ValueNumberDataflow vna = classContext.getValueNumberDataflow(method);
        ConstantDataflow constants = classContext.getConstantDataflow(method);
        CookieFlowAnalysis analysis = new CookieFlowAnalysis(classContext.getDepthFirstSearch(method), vna, constants,
                cpg, descriptor);
        new Dataflow<>(cfg, analysis).execute();

        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
            Location location = it.next();
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                continue;
            }
            InvokeInstruction invoke = (InvokeInstruction) location.getHandle().getInstruction();
            CookieCallMatch match = CookieCatalogue.lookup(invoke.getClassName(cpg).replace('.', '/'),
                    invoke.getMethodName(cpg), invoke.getSignature(cpg));
            if (match == null || match.call().role() != CookieCall.Role.SEND) {
                continue;
            }
            CookieFacts facts = analysis.getFactAtLocation(location);
            CallAt call = CallAt.of(invoke, cpg, location, vna, constants);
            if (call == null || facts.isTop()) {
                continue;
            }
            for (int cookie : analysis.trackedValues(facts, call.argument(match.call().arg()))) {
                findings.sent(facts.get(cookie));
            }
        }
        findings.flush();
    }

    @Override
    public void report() {
        // Findings are reported per method, as soon as its analysis ends.
    }
}
