package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** An embedded Tomcat on 127.0.0.1 and an ephemeral port, with the servlets a test adds to its contexts. */
final class EmbeddedTomcat implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "s3cret";

    /** A servlet written as a lambda that fills the {@code key=value} lines of its plain-text answer. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response, Map<String, String> out)
                throws Exception;
    }

    private final Tomcat tomcat = new Tomcat();

    EmbeddedTomcat(Path baseDir) {
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.addUser(USER, PASSWORD);
        tomcat.addRole(USER, "user");
    }

    Context addContext(String path) {
        return tomcat.addContext(path, null);
    }

    /** Maps a filter on the context, in front of everything under {@code pattern}. */
    static void addFilter(Context context, String name, jakarta.servlet.Filter filter, String pattern) {
        org.apache.tomcat.util.descriptor.web.FilterDef def = new org.apache.tomcat.util.descriptor.web.FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        context.addFilterDef(def);
        org.apache.tomcat.util.descriptor.web.FilterMap map = new org.apache.tomcat.util.descriptor.web.FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        context.addFilterMap(map);
    }

    static void addServlet(Context context, String mapping, Handler handler) {
        String name = "servlet" + mapping.replace('/', '-');
        Tomcat.addServlet(context, name, new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                Map<String, String> out = new LinkedHashMap<>();
                try {
                    handler.handle(request, response, out);
                } catch (Exception e) {
                    out.put("error", e.toString());
                }
                response.setContentType("text/plain;charset=UTF-8");
                StringBuilder text = new StringBuilder();
                out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                response.getWriter().write(text.toString());
            }
        });
        context.addServletMappingDecoded(mapping, name);
    }

    /** Adds the two servlets every scenario starts and ends with: plant a session, and ask what an id carries. */
    static void addPlantAndWhoami(Context context) {
        // The attacker's step: obtain a session id (and put something in the session to see if it survives).
        addServlet(context, "/plant", (req, resp, out) -> {
            HttpSession session = req.getSession(true);
            session.setAttribute("cart", "3 items");
            out.put("session", session.getId());
        });
        // What a given id is worth afterwards: which session it opens, and who it is logged in as.
        addServlet(context, "/whoami", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            out.put("session", session == null ? "none" : session.getId());
            out.put("remoteUser", String.valueOf(req.getRemoteUser()));
            out.put("user", session == null ? "null" : String.valueOf(session.getAttribute("user")));
            out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
        });
    }

    /**
     * What a fixation looks like through the servlets of {@link #addPlantAndWhoami}: the login (whose servlet
     * answers its session id {@code after}) kept the planted id and sent no new session cookie, and the
     * planted id now opens the attacker's own session (its cart), logged in as the user.
     */
    static void assertPlantedIdCarriesTheUser(Loopback http, String contextPath, String planted, Reply login)
            throws Exception {
        assertEquals(planted, login.get("after"), "same id after the write");
        assertTrue(login.issuedId().isEmpty(), "no new session cookie");
        Reply attacker = http.get(contextPath + "/whoami", planted);
        assertEquals(USER, attacker.get("user"), "the planted id now carries the user: fixation");
        assertEquals("3 items", attacker.get("cart"), "in the attacker's own session");
    }

    /**
     * The fix, through the same servlets: the login changed the id inside the request and sent the new one as
     * the session cookie; the planted id carries nothing, the new one the user.
     */
    static void assertNewIdCarriesTheUser(Loopback http, String contextPath, String planted, Reply login)
            throws Exception {
        assertNotEquals(planted, login.get("after"), "a new id inside the login");
        assertEquals(login.get("after"), login.issuedId().orElse(null), "the new id is sent as a cookie");
        assertEquals("null", http.get(contextPath + "/whoami", planted).get("user"), "the planted id carries nothing");
        assertEquals(USER, http.get(contextPath + "/whoami", login.get("after")).get("user"),
                "the new id carries the user");
    }

    /** Id of the request's session now, or "none". */
    static String currentId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? "none" : session.getId();
    }

    EmbeddedTomcat start() throws LifecycleException {
        tomcat.start();
        return this;
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    Loopback client() {
        return new Loopback(port());
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
