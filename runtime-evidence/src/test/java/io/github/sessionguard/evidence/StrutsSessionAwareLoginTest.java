package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.struts2.ServletActionContext;
import org.apache.struts2.action.SessionAware;
import org.apache.struts2.dispatcher.SessionMap;
import org.apache.struts2.dispatcher.filter.StrutsPrepareAndExecuteFilter;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Struts 2 (7.0, {@code StrutsPrepareAndExecuteFilter} with the default interceptor stack) in embedded Tomcat 11, on
 * login requests that present a planted {@code JSESSIONID}. The map a {@code SessionAware} action receives is a
 * {@code SessionMap} over the {@code HttpSession}: {@code session.put("user", ...)} at login stores the user under the
 * planted id, which is then logged in. The fixes the plugin names, {@code ((SessionMap) session).invalidate()} or
 * {@code request.changeSessionId()} before the put, give a new id and the planted one opens nothing.
 */
@Timeout(60)
class StrutsSessionAwareLoginTest {

    /** The login action people write: check the password, then put the user into the injected session map. */
    public static class LoginAction implements SessionAware {
        protected Map<String, Object> session;

        @Override
        public void withSession(Map<String, Object> session) {
            this.session = session;
        }

        public String execute() throws IOException {
            HttpServletRequest request = ServletActionContext.getRequest();
            String before = EmbeddedTomcat.currentId(request);
            if (EmbeddedTomcat.USER.equals(request.getParameter("username"))
                    && EmbeddedTomcat.PASSWORD.equals(request.getParameter("password"))) {
                beforePut(request);
                session.put("user", EmbeddedTomcat.USER);
            }
            HttpServletResponse response = ServletActionContext.getResponse();
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("before=" + before + "\nafter=" + EmbeddedTomcat.currentId(request)
                    + "\nmap=" + session.getClass().getName() + "\n");
            return "none";
        }

        protected void beforePut(HttpServletRequest request) {
        }
    }

    /** The Struts way to drop the old session: {@code SessionMap.invalidate()}; the next put opens a new one. */
    public static class InvalidateLoginAction extends LoginAction {
        @Override
        protected void beforePut(HttpServletRequest request) {
            ((SessionMap) session).invalidate();
        }
    }

    public static class ChangeIdLoginAction extends LoginAction {
        @Override
        protected void beforePut(HttpServletRequest request) {
            request.changeSessionId();
        }
    }

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context app = tomcat.addContext("");
        FilterDef def = new FilterDef();
        def.setFilterName("struts");
        def.setFilter(new StrutsPrepareAndExecuteFilter());
        def.addInitParameter("config", "struts-default.xml,struts-evidence.xml");
        app.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("struts");
        map.addURLPattern("/*");
        app.addFilterMap(map);
        EmbeddedTomcat.addPlantAndWhoami(app);
        // Tomcat answers an unmapped path with 404 before any filter: a default servlet lets *.action reach Struts.
        EmbeddedTomcat.addServlet(app, "/", (req, resp, out) -> out.put("reached", "servlet"));
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static Reply login(String action, String planted) throws Exception {
        Reply login = Loopback.ranInPlantedSession("Struts " + action, planted,
                http.postLogin("/" + action + ".action", planted));
        assertEquals(SessionMap.class.getName(), login.get("map"), "SessionAware received Struts' SessionMap");
        return login;
    }

    @Test
    void sessionAwarePutKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("login", planted);
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty(), "no new id issued");
        Reply whoami = http.get("/whoami", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals(EmbeddedTomcat.USER, whoami.get("user"), "the map is the HttpSession: the planted id is logged in");
        assertEquals("3 items", whoami.get("cart"));
    }

    @Test
    void sessionMapInvalidateBeforeThePutGivesANewId() throws Exception {
        String planted = http.plant();
        Reply login = login("login-invalidate", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        Reply renewed = http.get("/whoami", login.get("after"));
        assertEquals(EmbeddedTomcat.USER, renewed.get("user"));
        assertEquals("null", renewed.get("cart"), "invalidate drops the old attributes");
    }

    @Test
    void changeSessionIdBeforeThePutGivesANewId() throws Exception {
        String planted = http.plant();
        Reply login = login("login-change", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", login.get("after")).get("user"));
    }
}
