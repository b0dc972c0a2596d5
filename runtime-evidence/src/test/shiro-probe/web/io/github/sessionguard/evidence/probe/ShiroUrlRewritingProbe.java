package io.github.sessionguard.evidence.probe;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.shiro.realm.SimpleAccountRealm;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.servlet.ShiroHttpServletRequest;
import org.apache.shiro.web.servlet.ShiroHttpServletResponse;
import org.apache.shiro.web.session.mgt.DefaultWebSessionManager;
import org.apache.shiro.web.subject.WebSubject;

/**
 * Shiro's own web sessions ({@code DefaultWebSessionManager}) behind Shiro's request and response wrappers, as
 * {@code ShiroFilter} sets them up, with {@code sessionIdUrlRewritingEnabled} at its default (false) or switched on
 * ({@code rewriting=on}). {@code mode=plant} opens a session and answers its id and what {@code encodeURL("/home")}
 * gives (a link of the context); otherwise it answers which session the presented id (cookie, or {@code ;JSESSIONID=} in the URL) opened.
 */
public final class ShiroUrlRewritingProbe
        implements BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> {

    private final DefaultWebSecurityManager byDefault = manager(false);
    private final DefaultWebSecurityManager rewriting = manager(true);

    private static DefaultWebSecurityManager manager(boolean rewrite) {
        SimpleAccountRealm realm = new SimpleAccountRealm("probe");
        realm.addAccount("alice", "s3cret", "user");
        DefaultWebSecurityManager manager = new DefaultWebSecurityManager(realm);
        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        if (rewrite) {
            // The setting SESSION_ID_IN_URL reports.
            sessions.setSessionIdUrlRewritingEnabled(true);
        }
        manager.setSessionManager(sessions);
        return manager;
    }

    @Override
    public Map<String, String> apply(HttpServletRequest request, HttpServletResponse response) {
        DefaultWebSecurityManager manager = "on".equals(request.getParameter("rewriting")) ? rewriting : byDefault;
        ShiroHttpServletRequest shiroRequest = new ShiroHttpServletRequest(request, request.getServletContext(), false);
        ShiroHttpServletResponse shiroResponse = new ShiroHttpServletResponse(response, request.getServletContext(),
                shiroRequest);
        Subject subject = new WebSubject.Builder(manager, shiroRequest, shiroResponse).buildWebSubject();
        Map<String, String> out = new LinkedHashMap<>();
        if ("plant".equals(request.getParameter("mode"))) {
            subject.getSession().setAttribute("cart", "3 items");
            // ShiroFilter runs the chain as the subject: the wrappers reach the session through it.
            out.put("encoded", subject.execute(() -> shiroResponse.encodeURL(request.getContextPath() + "/home")));
        }
        Session session = subject.getSession(false);
        out.put("session", session == null ? "none" : String.valueOf(session.getId()));
        out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
        return out;
    }
}
