package io.github.sessionguard.evidence;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.WebUtils;

/**
 * Spring's session helpers as a login's session write, in embedded Tomcat 11 with a planted JSESSIONID:
 * {@code WebUtils.setSessionAttribute(request, name, value)} and session-scoped request attributes
 * ({@code ServletRequestAttributes.setAttribute(name, value, SCOPE_SESSION)}, what
 * {@code RequestContextHolder.currentRequestAttributes()} answers inside a DispatcherServlet) store into the
 * HttpSession the request already has, so the planted id carries the user; {@code request.changeSessionId()}
 * before the helper gives a new id and the planted one carries nothing.
 */
@Timeout(60)
class SpringWebUtilsSessionLoginTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("/helpers");
        EmbeddedTomcat.addPlantAndWhoami(context);
        EmbeddedTomcat.addServlet(context, "/webutils", (req, resp, out) -> login(req, out, false,
                () -> WebUtils.setSessionAttribute(req, "user", req.getParameter("username"))));
        EmbeddedTomcat.addServlet(context, "/webutils-change", (req, resp, out) -> login(req, out, true,
                () -> WebUtils.setSessionAttribute(req, "user", req.getParameter("username"))));
        EmbeddedTomcat.addServlet(context, "/scope", (req, resp, out) -> login(req, out, false, () -> {
            ServletRequestAttributes attributes = new ServletRequestAttributes(req, resp);
            attributes.setAttribute("user", req.getParameter("username"), RequestAttributes.SCOPE_SESSION);
            attributes.requestCompleted();
        }));
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** The application's own password check, then the helper's write; {@code change}: changeSessionId() first. */
    private static void login(HttpServletRequest request, Map<String, String> out, boolean change, Runnable write) {
        out.put("before", EmbeddedTomcat.currentId(request));
        if (EmbeddedTomcat.USER.equals(request.getParameter("username"))
                && EmbeddedTomcat.PASSWORD.equals(request.getParameter("password"))) {
            if (change) {
                request.changeSessionId();
            }
            write.run();
        }
        out.put("after", EmbeddedTomcat.currentId(request));
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("Spring " + path, planted, http.get("/helpers" + path + "?username="
                + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted));
    }

    private static void assertPlantedIdCarriesTheUser(String path) throws Exception {
        String planted = http.get("/helpers/plant", null).get("session");
        EmbeddedTomcat.assertPlantedIdCarriesTheUser(http, "/helpers", planted, login(path, planted));
    }

    @Test
    void webUtilsSetSessionAttributeKeepsThePlantedId() throws Exception {
        assertPlantedIdCarriesTheUser("/webutils");
    }

    @Test
    void sessionScopedRequestAttributeKeepsThePlantedId() throws Exception {
        assertPlantedIdCarriesTheUser("/scope");
    }

    @Test
    void changeSessionIdBeforeWebUtilsGivesANewId() throws Exception {
        String planted = http.get("/helpers/plant", null).get("session");
        EmbeddedTomcat.assertNewIdCarriesTheUser(http, "/helpers", planted, login("/webutils-change", planted));
    }
}
