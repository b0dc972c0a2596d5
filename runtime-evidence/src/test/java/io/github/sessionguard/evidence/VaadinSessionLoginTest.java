package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vaadin Flow's sessions as a login's session write, in embedded Tomcat 11 with a planted JSESSIONID. The
 * request's {@code WrappedSession} is the servlet session: a user stored there is carried by the planted id.
 * A {@code VaadinSession} lives in the servlet session as one of its attributes (VaadinService.storeSession),
 * so a user stored in it is carried by the planted id too. {@code VaadinService.reinitializeSession(request)}
 * before the write moves the session's attributes to a new servlet session: a new id, sent as a cookie, and
 * the planted id carries nothing.
 */
@Timeout(60)
class VaadinSessionLoginTest {

    /** Where the planted session keeps its VaadinSession in this test (Vaadin's own name depends on the servlet). */
    private static final String VAADIN_SESSION = "vaadin-session";

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    /**
     * A VaadinSession without a VaadinService (which needs a deployed Vaadin servlet): its attribute calls
     * check the session lock, so it has one of its own, which the test holds around each call.
     */
    static final class StandaloneVaadinSession extends VaadinSession {
        private static final long serialVersionUID = 1L;
        private final ReentrantLock lock = new ReentrantLock();

        StandaloneVaadinSession() {
            super(null);
        }

        @Override
        public Lock getLockInstance() {
            return lock;
        }

        Object userLocked() {
            lock.lock();
            try {
                return getAttribute("user");
            } finally {
                lock.unlock();
            }
        }

        void storeUserLocked(String user) {
            lock.lock();
            try {
                setAttribute("user", user);
            } finally {
                lock.unlock();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("/vaadin");
        EmbeddedTomcat.addPlantAndWhoami(context);
        EmbeddedTomcat.addServlet(context, "/plant-vaadin", (req, resp, out) -> {
            req.getSession(true).setAttribute(VAADIN_SESSION, new StandaloneVaadinSession());
            out.put("session", req.getSession().getId());
        });
        EmbeddedTomcat.addServlet(context, "/whoami-vaadin", (req, resp, out) -> {
            Object held = req.getSession(false) == null ? null : req.getSession(false).getAttribute(VAADIN_SESSION);
            out.put("user", held == null ? "null" : String.valueOf(((StandaloneVaadinSession) held).userLocked()));
        });
        EmbeddedTomcat.addServlet(context, "/wrapped", (req, resp, out) -> login(req, out, false, vaadin ->
                vaadin.getWrappedSession().setAttribute("user", req.getParameter("username"))));
        EmbeddedTomcat.addServlet(context, "/wrapped-reinitialized", (req, resp, out) -> login(req, out, true, vaadin ->
                vaadin.getWrappedSession().setAttribute("user", req.getParameter("username"))));
        EmbeddedTomcat.addServlet(context, "/vaadin-session", (req, resp, out) -> login(req, out, false, vaadin ->
                ((StandaloneVaadinSession) vaadin.getWrappedSession().getAttribute(VAADIN_SESSION))
                        .storeUserLocked(req.getParameter("username"))));
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** The write a login makes through Vaadin's view of the request. */
    @FunctionalInterface
    interface Write {
        void to(VaadinServletRequest request);
    }

    /** The application's own password check, then the write; {@code reinitialize}: reinitializeSession() first. */
    private static void login(HttpServletRequest request, Map<String, String> out, boolean reinitialize, Write write) {
        out.put("before", EmbeddedTomcat.currentId(request));
        // The service is used only for a VaadinSession found in the session (none in the reinitialized case).
        VaadinServletRequest vaadin = new VaadinServletRequest(request, null);
        if (EmbeddedTomcat.USER.equals(request.getParameter("username"))
                && EmbeddedTomcat.PASSWORD.equals(request.getParameter("password"))) {
            if (reinitialize) {
                VaadinService.reinitializeSession(vaadin);
            }
            write.to(vaadin);
        }
        out.put("after", EmbeddedTomcat.currentId(request));
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("Vaadin " + path, planted, http.get("/vaadin" + path + "?username="
                + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted));
    }

    @Test
    void wrappedSessionWriteKeepsThePlantedId() throws Exception {
        String planted = http.get("/vaadin/plant", null).get("session");
        EmbeddedTomcat.assertPlantedIdCarriesTheUser(http, "/vaadin", planted, login("/wrapped", planted));
    }

    @Test
    void vaadinSessionWriteKeepsThePlantedId() throws Exception {
        String planted = http.get("/vaadin/plant-vaadin", null).get("session");
        Reply login = login("/vaadin-session", planted);
        assertEquals(planted, login.get("after"), "same id after the write");
        assertTrue(login.issuedId().isEmpty(), "no new session cookie");
        assertEquals("alice", http.get("/vaadin/whoami-vaadin", planted).get("user"),
                "the planted id's VaadinSession now carries the user: fixation");
    }

    @Test
    void reinitializeSessionBeforeTheWriteGivesANewId() throws Exception {
        String planted = http.get("/vaadin/plant", null).get("session");
        Reply login = login("/wrapped-reinitialized", planted);
        EmbeddedTomcat.assertNewIdCarriesTheUser(http, "/vaadin", planted, login);
        assertEquals("3 items", http.get("/vaadin/whoami", login.get("after")).get("cart"),
                "and the attributes the old session had, moved by Vaadin");
    }
}
