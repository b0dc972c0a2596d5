package io.github.sessionguard.evidence.probe;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.mgt.CookieRememberMeManager;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.session.mgt.DefaultWebSessionContext;
import org.apache.shiro.web.session.mgt.DefaultWebSessionManager;
import org.apache.shiro.web.subject.WebSubject;

/**
 * Writes the cookies of a {@code CookieRememberMeManager} and a {@code DefaultWebSessionManager} exactly as
 * configured by their constructors, through their own code paths: the remember-me cookie through
 * {@code rememberSerializedIdentity} (what a remember-me login calls), Shiro's session id cookie through
 * {@code start(context)} (a new native session). {@code ?hardened=true} first calls
 * {@code getCookie().setSecure(true)} / {@code getSessionIdCookie().setSecure(true)}.
 */
public final class ShiroDefaultCookiesProbe
        implements BiFunction<HttpServletRequest, HttpServletResponse, Map<String, String>> {

    /** Exposes the protected writer a remember-me login uses. */
    static final class RememberMe extends CookieRememberMeManager {
        void write(Subject subject) {
            rememberSerializedIdentity(subject, new byte[] {1, 2, 3});
        }
    }

    @Override
    public Map<String, String> apply(HttpServletRequest request, HttpServletResponse response) {
        boolean hardened = "true".equals(request.getParameter("hardened"));
        Map<String, String> out = new LinkedHashMap<>();
        DefaultWebSecurityManager securityManager = new DefaultWebSecurityManager();
        RememberMe rememberMe = new RememberMe();
        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        if (hardened) {
            rememberMe.getCookie().setSecure(true);
            sessions.getSessionIdCookie().setSecure(true);
        }
        WebSubject subject = new WebSubject.Builder(securityManager, request, response).buildWebSubject();
        rememberMe.write(subject);
        DefaultWebSessionContext context = new DefaultWebSessionContext();
        context.setServletRequest(request);
        context.setServletResponse(response);
        Session session = sessions.start(context);
        out.put("shiroSession", String.valueOf(session.getId()));
        return out;
    }
}
