package io.github.sessionguard.evidence.probe;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.realm.SimpleAccountRealm;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.subject.WebSubject;

/**
 * Shiro web login inside a real servlet request: DefaultWebSecurityManager in its default session mode ("http":
 * Shiro's session is the container's HttpSession). Called by a servlet of the test; the {@code mode} request
 * parameter says whether to log in or to report who the presented session id is logged in as.
 */
public final class ShiroWebLoginProbe
        implements BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> {

    private final DefaultWebSecurityManager securityManager;

    public ShiroWebLoginProbe() {
        SimpleAccountRealm realm = new SimpleAccountRealm("probe");
        realm.addAccount("alice", "s3cret", "user");
        securityManager = new DefaultWebSecurityManager(realm);
    }

    @Override
    public Map<String, String> apply(HttpServletRequest request, HttpServletResponse response) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("httpSessionMode", String.valueOf(securityManager.isHttpSessionMode()));
        out.put("before", containerId(request));
        Subject subject = new WebSubject.Builder(securityManager, request, response).buildWebSubject();
        if ("login".equals(request.getParameter("mode"))) {
            Session shiroSession = subject.getSession(false);
            out.put("shiroSessionBefore", shiroSession == null ? "none" : String.valueOf(shiroSession.getId()));
            subject.login(new UsernamePasswordToken("alice", "s3cret"));
            out.put("after", containerId(request));
            Session after = subject.getSession(false);
            out.put("shiroSessionAfter", after == null ? "none" : String.valueOf(after.getId()));
            boolean marker;
            try {
                DefaultWebSecurityManager.class.getDeclaredMethod("beforeSuccessfulLogin", Subject.class);
                marker = true;
            } catch (NoSuchMethodException e) {
                marker = false;
            }
            out.put("webDeclaresBeforeSuccessfulLogin", String.valueOf(marker));
        }
        out.put("authenticated", String.valueOf(subject.isAuthenticated()));
        out.put("principal", String.valueOf(subject.getPrincipal()));
        return out;
    }

    private static String containerId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? "none" : session.getId();
    }
}
