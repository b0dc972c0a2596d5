package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.Site;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * What a call in one method means for its login paths: an id change, an authentication, a
 * credential check, or a call of an application method whose summary says which of these it does.
 */
final class LoginCallMeaning {
    private final ConstantPoolGen cpg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final MethodDescriptor method;
    private final LoginSummaries summaries;
    private boolean springLoginsCount;
    private boolean containerLoginsCount = true;
    private final boolean shiroLoginsCount;

    LoginCallMeaning(ConstantPoolGen cpg, ValueNumberDataflow vna, ConstantDataflow constants, MethodDescriptor method,
            LoginSummaries summaries, boolean shiroLoginsCount) {
        this.cpg = cpg;
        this.vna = vna;
        this.constants = constants;
        this.method = method;
        this.summaries = summaries;
        this.shiroLoginsCount = shiroLoginsCount;
    }

    /**
     * Spring Security's setAuthentication/setContext/saveContext make a login only after a credential
     * check; a filter that rebuilds the context from a bearer token on each request checks none.
     */
    void countSpringLogins(boolean count) {
        springLoginsCount = count;
    }

    /** A request wrapper's login() delegating to the wrapped request's is no login of its own. */
    void countContainerLogins(boolean count) {
        containerLoginsCount = count;
    }

    CallAt callAt(Location location) throws DataflowAnalysisException {
        if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return null;
        }
        return CallAt.of((InvokeInstruction) location.getHandle().getInstruction(), cpg, location, vna, constants);
    }

    void apply(Location location, LoginFacts fact) throws DataflowAnalysisException {
        CallAt call = callAt(location);
        if (call == null) {
            return;
        }
        if (isRotation(call)) {
            if (isInvalidate(call)) {
                fact.invalidate(call.receiver().getNumber());
            } else {
                fact.rotate();
            }
            return;
        }
        Site site = new Site(method, location.getHandle().getPosition());
        LoginEvent event = event(call, site);
        if (event != null) {
            fact.authenticate(event);
            return;
        }
        LoginSummary callee = summaries.of(call);
        if (callee != null) {
            for (LoginEvent inner : callee.exported()) {
                fact.authenticate(inner.calledFrom(site, call.name()));
            }
            if (callee.rotatesOnEveryPath()) {
                fact.rotate();
            }
        }
    }

    boolean isRotation(CallAt call) {
        if (LoginCatalogue.NULL_SESSION_STRATEGY.equals(call.owner())) {
            return false;
        }
        return LoginCatalogue.any(LoginCatalogue.ROTATIONS, call.owner(), call.name(), call.descriptor())
                || UserSettings.current().isRotationMethod(call.owner(), call.name());
    }

    private static boolean isInvalidate(CallAt call) {
        return call.name().equals("invalidate");
    }

    /** The authentication this call performs, or null. */
    LoginEvent event(CallAt call, Site site) throws DataflowAnalysisException {
        String owner = call.owner();
        String name = call.name();
        String descriptor = call.descriptor();
        if (isIdentityWrite(call)) {
            return new LoginEvent(site, LoginEventKind.SESSION_ATTRIBUTE,
                    "session attribute \"" + call.stringArgument(0) + "\"");
        }
        if (springLoginsCount && LoginCatalogue.any(LoginCatalogue.SPRING_LOGINS, owner, name, descriptor)) {
            return new LoginEvent(site, LoginEventKind.SPRING_SECURITY, "Spring Security " + simpleName(owner) + "." + name);
        }
        if (shiroLoginsCount && LoginCatalogue.any(LoginCatalogue.SHIRO_LOGINS, owner, name, descriptor)) {
            return new LoginEvent(site, LoginEventKind.SHIRO, "Shiro Subject.login");
        }
        if (containerLoginsCount && LoginCatalogue.any(LoginCatalogue.CONTAINER_LOGINS, owner, name, descriptor)) {
            return new LoginEvent(site, LoginEventKind.CONTAINER, "container login " + simpleName(owner) + "." + name);
        }
        return null;
    }

    /** {@code session.setAttribute("user", ...)}: a constant name that identifies the user. */
    boolean isIdentityWrite(CallAt call) throws DataflowAnalysisException {
        return LoginCatalogue.any(LoginCatalogue.SESSION_WRITES, call.owner(), call.name(), call.descriptor())
                && LoginCatalogue.isIdentityAttribute(call.stringArgument(0));
    }

    /** Does this call verify a credential (or lead to code that does)? */
    boolean checksCredentials(CallAt call) throws DataflowAnalysisException {
        String owner = call.owner();
        String name = call.name();
        String descriptor = call.descriptor();
        if (LoginCatalogue.any(LoginCatalogue.CREDENTIAL_CHECKS, owner, name, descriptor)
                || LoginCatalogue.any(LoginCatalogue.SHIRO_LOGINS, owner, name, descriptor)
                || LoginCatalogue.any(LoginCatalogue.CONTAINER_LOGINS, owner, name, descriptor)
                || LoginCatalogue.isCredentialCheckName(name)
                || UserSettings.current().isLoginMethod(owner, name)) {
            return true;
        }
        if (LoginCatalogue.any(LoginCatalogue.PARAMETER_READS, owner, name, descriptor)) {
            String parameter = call.stringArgument(0);
            return parameter != null && LoginCatalogue.CREDENTIAL_PARAMETERS.contains(parameter.toLowerCase());
        }
        if (LoginCatalogue.managesPasswords(name)) {
            return false;
        }
        LoginSummary callee = summaries.of(call);
        return callee != null && callee.checksCredentials();
    }

    private static String simpleName(String slashed) {
        return slashed.substring(slashed.lastIndexOf('/') + 1);
    }
}
