package io.github.sessionguard.evidence.probe;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.realm.SimpleAccountRealm;
import org.apache.shiro.session.Session;
import org.apache.shiro.session.mgt.DefaultSessionKey;
import org.apache.shiro.subject.Subject;

/**
 * Runs Shiro's native (non-web) login on a subject whose session already exists, and reports what happened to that
 * session. Not compiled by Maven: ShiroLoginTest compiles this file against each Shiro release it checks and runs it
 * in a class loader that sees only that release, so it must use only API common to Shiro 1.x and 2.x.
 *
 * <p>Modes: {@code plain} logs in on the planted session; {@code stop-first} and {@code logout-first} do what an
 * application on an older Shiro does to protect itself; {@code stateless} switches the subject's session storage off
 * ({@code DefaultSessionStorageEvaluator.setSessionStorageEnabled(false)}), as token-per-request applications do;
 * {@code fresh} logs in on a subject built with no session at all.
 */
public final class ShiroNativeLoginProbe implements Function<String, Map<String, String>> {

    @Override
    public Map<String, String> apply(String mode) {
        Map<String, String> out = new LinkedHashMap<>();
        SimpleAccountRealm realm = new SimpleAccountRealm("probe");
        realm.addAccount("alice", "s3cret", "user");
        DefaultSecurityManager securityManager = new DefaultSecurityManager(realm);
        if ("stateless".equals(mode)) {
            // A token-per-request application: the subject DAO keeps no subject in any session.
            DefaultSessionStorageEvaluator evaluator = new DefaultSessionStorageEvaluator();
            evaluator.setSessionStorageEnabled(false);
            DefaultSubjectDAO subjectDAO = new DefaultSubjectDAO();
            subjectDAO.setSessionStorageEvaluator(evaluator);
            securityManager.setSubjectDAO(subjectDAO);
        }

        Subject subject = new Subject.Builder(securityManager).buildSubject();
        if ("fresh".equals(mode)) {
            // A subject built with no session id and no session: what does it have before and after login?
            Session before = subject.getSession(false);
            out.put("before", before == null ? "none" : String.valueOf(before.getId()));
            subject.login(new UsernamePasswordToken("alice", "s3cret"));
            Session after = subject.getSession(false);
            out.put("authenticated", String.valueOf(subject.isAuthenticated()));
            out.put("after", after == null ? "none" : String.valueOf(after.getId()));
            out.put("loadedFrom", String.valueOf(
                    DefaultSecurityManager.class.getProtectionDomain().getCodeSource().getLocation()));
            return out;
        }
        // The planted session: the subject has a session before it logs in.
        Session planted = subject.getSession();
        planted.setAttribute("cart", "3 items");
        Serializable plantedId = planted.getId();
        out.put("before", String.valueOf(plantedId));

        if ("stop-first".equals(mode)) {
            subject.getSession().stop();
        } else if ("logout-first".equals(mode)) {
            subject.logout();
        }
        subject.login(new UsernamePasswordToken("alice", "s3cret"));

        Session after = subject.getSession(false);
        out.put("authenticated", String.valueOf(subject.isAuthenticated()));
        out.put("after", after == null ? "none" : String.valueOf(after.getId()));
        out.put("cartAfter", after == null ? "null" : String.valueOf(after.getAttribute("cart")));

        // The planted id, looked up the way a later request presenting it is resolved.
        try {
            Session old = securityManager.getSession(new DefaultSessionKey(plantedId));
            old.touch();
            out.put("plantedSession", "valid");
        } catch (RuntimeException e) {
            out.put("plantedSession", "invalid: " + e.getClass().getSimpleName());
        }
        // The attacker's view: a subject built from the planted id.
        Subject attacker = new Subject.Builder(securityManager).sessionId(plantedId).buildSubject();
        out.put("attackerAuthenticated", String.valueOf(attacker.isAuthenticated()));
        out.put("attackerPrincipal", String.valueOf(attacker.getPrincipal()));

        // The static marker: does this release declare the login hook that stops the old session?
        boolean marker;
        try {
            DefaultSecurityManager.class.getDeclaredMethod("beforeSuccessfulLogin", Subject.class);
            marker = true;
        } catch (NoSuchMethodException e) {
            marker = false;
        }
        out.put("declaresBeforeSuccessfulLogin", String.valueOf(marker));
        out.put("loadedFrom", String.valueOf(
                DefaultSecurityManager.class.getProtectionDomain().getCodeSource().getLocation()));
        return out;
    }
}
