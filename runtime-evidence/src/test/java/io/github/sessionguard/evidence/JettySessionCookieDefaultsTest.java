package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.session.SessionHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session cookie of a Jetty 11 {@code SessionHandler} the application creates itself (as embedded-Jetty and
 * Dropwizard applications do: {@code new SessionHandler()}): by default its {@code JSESSIONID} has no HttpOnly and
 * no SameSite, and Secure only on requests Jetty sees as secure (none here, over plain HTTP). With
 * {@code setHttpOnly(true)} and {@code setSameSite(LAX)} it carries both. A context made with the
 * {@code SESSIONS} option gets the same default handler.
 */
@Timeout(60)
class JettySessionCookieDefaultsTest {

    private static Server server;
    private static Loopback http;

    /** Opens a session: the response carries the session cookie. */
    static final class OpensSession extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("cart", "3 items");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("session=" + request.getSession().getId() + "\n");
        }
    }

    private static ServletContextHandler context(String path, SessionHandler sessions) {
        ServletContextHandler context = sessions == null ? new ServletContextHandler(ServletContextHandler.SESSIONS)
                : new ServletContextHandler();
        if (sessions != null) {
            context.setSessionHandler(sessions);
        }
        context.setContextPath(path);
        context.addServlet(new ServletHolder(new OpensSession()), "/*");
        return context;
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        SessionHandler hardened = new SessionHandler();
        hardened.setHttpOnly(true);
        hardened.setSameSite(HttpCookie.SameSite.LAX);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/default", new SessionHandler()));
        contexts.addHandler(context("/hardened", hardened));
        contexts.addHandler(context("/sessions-option", null));
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

    /** The attributes of the response's one session cookie. */
    private static List<String> sessionCookie(String path) throws Exception {
        List<String> attributes = http.cookieAttributes(path, "JSESSIONID=");
        System.out.println("[evidence] Jetty 11 SessionHandler " + path + " JSESSIONID attributes: " + attributes);
        return attributes;
    }

    @Test
    void aNewSessionHandlerSendsNoHttpOnlyNorSameSite() throws Exception {
        List<String> attributes = sessionCookie("/default/open");
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void theSessionsOptionHasTheSameDefaults() throws Exception {
        List<String> attributes = sessionCookie("/sessions-option/open");
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void httpOnlyAndSameSiteSetOnTheHandlerAreSent() throws Exception {
        List<String> attributes = sessionCookie("/hardened/open");
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.contains("samesite=lax"), attributes.toString());
    }
}
