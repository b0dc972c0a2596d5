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
import org.apache.shiro.web.session.mgt.DefaultWebSessionManager;
import org.apache.shiro.web.subject.WebSubject;

/**
 * A login that stores the user with Shiro's {@code Session.setAttribute}, inside a real servlet request, with
 * either of Shiro's web session managers: {@code manager=http} is {@code DefaultWebSecurityManager}'s default
 * ({@code ServletContainerSessionManager}: Shiro's session is the container's HttpSession, JSESSIONID from the
 * container); {@code manager=native} is {@code DefaultWebSessionManager} (Shiro's own sessions, its own
 * JSESSIONID cookie). The {@code mode} parameter: {@code plant} opens a Shiro session (native) and returns its
 * id; {@code check-write} checks the password itself and writes the user; {@code login-write} runs
 * {@code Subject.login} and then writes the user; {@code logout-write} checks the password itself, calls
 * {@code Subject.logout()} (the documented fix) and writes the user; {@code whoami} says what the presented
 * id's session holds.
 */
public final class ShiroSessionWriteProbe
        implements BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> {

    private final DefaultWebSecurityManager http;
    private final DefaultWebSecurityManager nativeSessions;

    public ShiroSessionWriteProbe() {
        SimpleAccountRealm realm = new SimpleAccountRealm("probe");
        realm.addAccount("alice", "s3cret", "user");
        http = new DefaultWebSecurityManager(realm);
        nativeSessions = new DefaultWebSecurityManager(realm);
        nativeSessions.setSessionManager(new DefaultWebSessionManager());
    }

    @Override
    public Map<String, String> apply(HttpServletRequest request, HttpServletResponse response) {
        DefaultWebSecurityManager manager = "native".equals(request.getParameter("manager")) ? nativeSessions : http;
        Map<String, String> out = new LinkedHashMap<>();
        out.put("httpSessionMode", String.valueOf(manager.isHttpSessionMode()));
        Subject subject = new WebSubject.Builder(manager, request, response).buildWebSubject();
        out.put("before", shiroId(subject));
        out.put("containerBefore", containerId(request));
        String mode = String.valueOf(request.getParameter("mode"));
        boolean valid = "alice".equals(request.getParameter("username"))
                && "s3cret".equals(request.getParameter("password"));
        switch (mode) {
        case "plant":
            subject.getSession().setAttribute("cart", "3 items");
            out.put("session", shiroId(subject));
            break;
        case "check-write":
            if (valid) {
                subject.getSession().setAttribute("user", "alice");
            }
            break;
        case "login-write":
            subject.login(new UsernamePasswordToken(request.getParameter("username"), request.getParameter("password")));
            subject.getSession().setAttribute("user", "alice");
            break;
        case "logout-write":
            if (valid) {
                subject.logout();
                subject.getSession().setAttribute("user", "alice");
            }
            break;
        default:
            break;
        }
        out.put("after", shiroId(subject));
        out.put("containerAfter", containerId(request));
        Session session = subject.getSession(false);
        out.put("user", session == null ? "null" : String.valueOf(session.getAttribute("user")));
        out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
        out.put("authenticated", String.valueOf(subject.isAuthenticated()));
        return out;
    }

    private static String shiroId(Subject subject) {
        Session session = subject.getSession(false);
        return session == null ? "none" : String.valueOf(session.getId());
    }

    private static String containerId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? "none" : session.getId();
    }
}
