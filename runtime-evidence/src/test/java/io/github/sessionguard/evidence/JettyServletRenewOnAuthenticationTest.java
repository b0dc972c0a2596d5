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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Jakarta servlet variant of the Jetty setting: Jetty 11 {@code ConstraintSecurityHandler} (BASIC on
 * {@code /secure/*}) in a {@code ServletContextHandler} with sessions, on requests that present a planted
 * {@code JSESSIONID}. The default renews the id at login; {@code setSessionRenewedOnAuthentication(false)} keeps
 * the planted id, which then carries what the servlet stored for the user. (Jetty 12 core: see
 * {@link JettyRenewOnAuthenticationTest}.)
 */
@Timeout(60)
class JettyServletRenewOnAuthenticationTest {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (EmbeddedTomcat.USER + ":" + EmbeddedTomcat.PASSWORD).getBytes(StandardCharsets.UTF_8));

    private static Server server;
    private static Loopback http;

    /** Plants a session; behind the constraint stores the container's user in the session, as applications do. */
    static final class App extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, String> out = new LinkedHashMap<>();
            String path = request.getPathInfo() == null ? request.getServletPath() : request.getServletPath()
                    + request.getPathInfo();
            if (path.equals("/plant")) {
                HttpSession session = request.getSession(true);
                session.setAttribute("cart", "3 items");
                out.put("session", id(session));
            } else if (path.startsWith("/secure/")) {
                HttpSession session = request.getSession(false);
                if (session != null && request.getRemoteUser() != null) {
                    session.setAttribute("user", request.getRemoteUser());
                }
                out.put("after", id(session));
                out.put("user", String.valueOf(request.getRemoteUser()));
                out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
            } else {
                HttpSession session = request.getSession(false);
                out.put("session", id(session));
                out.put("user", session == null ? "null" : String.valueOf(session.getAttribute("user")));
            }
            response.setContentType("text/plain;charset=UTF-8");
            StringBuilder text = new StringBuilder();
            out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            response.getWriter().write(text.toString());
        }

        /** The id the cookie carries: Jetty's extended id. */
        private static String id(HttpSession session) {
            return session == null ? "none" : ((org.eclipse.jetty.server.session.Session) session).getExtendedId();
        }
    }

    private static ServletContextHandler context(String path, boolean renew) {
        ServletContextHandler context = new ServletContextHandler(
                ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        context.setContextPath(path);
        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, "user");
        constraint.setAuthenticate(true);
        constraint.setRoles(new String[] {"user"});
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setPathSpec("/secure/*");
        mapping.setConstraint(constraint);
        UserStore store = new UserStore();
        store.addUser(EmbeddedTomcat.USER, new Password(EmbeddedTomcat.PASSWORD), new String[] {"user"});
        HashLoginService users = new HashLoginService("evidence");
        users.setUserStore(store);
        ConstraintSecurityHandler security = (ConstraintSecurityHandler) context.getSecurityHandler();
        security.addConstraintMapping(mapping);
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(users);
        if (!renew) {
            // The setting SESSION_FIXATION_PROTECTION_DISABLED reports.
            security.setSessionRenewedOnAuthentication(false);
        }
        context.addServlet(new ServletHolder(new App()), "/*");
        return context;
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/default", true));
        contexts.addHandler(context("/kept", false));
        server.setHandler(contexts);
        server.start();
        http = new Loopback(connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static String plant(String context) throws Exception {
        Reply planted = http.get(context + "/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId(), "the cookie carries the planted id");
        return planted.get("session");
    }

    private static Reply login(String context, String planted) throws Exception {
        Reply login = http.get(context + "/secure/page", planted, "Authorization", BASIC);
        System.out.printf("[evidence] Jetty 11 servlet BASIC %s: planted %s -> status %d, after %s, issued %s%n",
                context, planted, login.status(), login.get("after"), login.issuedId());
        assertEquals(200, login.status());
        assertEquals(EmbeddedTomcat.USER, login.get("user"), "BASIC authenticated alice");
        assertEquals("3 items", login.get("cart"), "the request ran with the planted session's data");
        return login;
    }

    @Test
    void basicLoginRenewsThePlantedIdByDefault() throws Exception {
        String planted = plant("/default");
        Reply login = login("/default", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/default/whoami", planted).get("session"), "the planted id opens nothing");
    }

    @Test
    void basicLoginKeepsThePlantedIdWhenRenewalIsOff() throws Exception {
        String planted = plant("/kept");
        Reply login = login("/kept", planted);
        assertEquals(planted, login.get("after"), "setSessionRenewedOnAuthentication(false): same id");
        assertTrue(login.issuedId().isEmpty());
        assertEquals(EmbeddedTomcat.USER, http.get("/kept/whoami", planted).get("user"),
                "what the servlet stored at login is under the planted id");
    }
}
