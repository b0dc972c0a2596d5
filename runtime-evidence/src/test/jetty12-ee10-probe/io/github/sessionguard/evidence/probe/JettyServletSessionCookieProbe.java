package io.github.sessionguard.evidence.probe;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * A Jetty 12 ee10 server (compiled and run in a class loader that sees Jetty 12 ee10 only) whose servlet contexts
 * ({@code ServletContextHandler} with the {@code SESSIONS} option) each run a servlet that opens a session and adds
 * a servlet {@code Cookie} "theme" with nothing set. {@code /default}: as made. {@code /jetty-web}: what
 * {@code WEB-INF/jetty-web.xml}'s {@code <Call name="setAttribute">} and {@code <Get name="sessionHandler"><Set
 * name="secureCookies">} do, {@code context.setAttribute("org.eclipse.jetty.cookie.sameSiteDefault", "Lax")} and
 * {@code getSessionHandler().setSecureCookies(true)}. {@code /hardened}: {@code getSessionHandler().setHttpOnly(true)}
 * and {@code setSameSite(STRICT)}. {@code /cookie-config}: {@code getSessionCookieConfig().setHttpOnly(true)}, what
 * web.xml's {@code <cookie-config><http-only>} sets. {@code /request-only-off}: {@code getSessionHandler().setSecureRequestOnly(false)}. The connector honours {@code X-Forwarded-Proto}.
 * {@link #call()} starts it and answers the port; {@link #close()} stops it.
 */
public final class JettyServletSessionCookieProbe implements Callable<Integer>, AutoCloseable {

    private final Server server = new Server();

    @Override
    public Integer call() throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new ForwardedRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/default"));
        ServletContextHandler jettyWeb = context("/jetty-web");
        jettyWeb.setAttribute("org.eclipse.jetty.cookie.sameSiteDefault", "Lax");
        jettyWeb.getSessionHandler().setSecureCookies(true);
        contexts.addHandler(jettyWeb);
        ServletContextHandler hardened = context("/hardened");
        hardened.getSessionHandler().setHttpOnly(true);
        hardened.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        contexts.addHandler(hardened);
        ServletContextHandler cookieConfig = context("/cookie-config");
        cookieConfig.getSessionHandler().getSessionCookieConfig().setHttpOnly(true);
        contexts.addHandler(cookieConfig);
        ServletContextHandler requestOnlyOff = context("/request-only-off");
        requestOnlyOff.getSessionHandler().setSecureRequestOnly(false);
        contexts.addHandler(requestOnlyOff);
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    private static ServletContextHandler context(String path) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath(path);
        context.addServlet(new ServletHolder(new OpensSession()), "/*");
        return context;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Opens a session and adds a servlet cookie with no flag of its own. */
    public static final class OpensSession extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("cart", "3 items");
            Cookie theme = new Cookie("theme", "dark");
            theme.setPath("/");
            response.addCookie(theme);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("secure=" + request.isSecure() + "\n");
        }
    }
}
