package io.github.sessionguard.evidence.probe;

import java.util.concurrent.Callable;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpCookieUtils;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.session.SessionHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 core server (compiled and run in a class loader that sees Jetty 12 only) whose contexts each wrap a
 * handler that opens a session in a core {@code SessionHandler} configured differently:
 * {@code /default} (as made), {@code /hardened} ({@code setHttpOnly(true)}, {@code setSecureCookies(true)},
 * {@code setSameSite(LAX)}), {@code /lax-default}
 * (a default handler in a context whose {@code HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE} is "Lax") and
 * {@code /none-in-lax} ({@code setSameSite(NONE)} in such a context). The connector honours
 * {@code X-Forwarded-Proto}, so a request carrying {@code https} there is one Jetty sees as secure
 * ({@code request.isSecure()}) on a plain connection.
 * {@link #call()} starts it and answers the port; {@link #close()} stops it.
 */
public final class JettySessionCookieProbe implements Callable<Integer>, AutoCloseable {

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
        contexts.addHandler(context("/default", new SessionHandler(), null));
        SessionHandler hardened = new SessionHandler();
        hardened.setHttpOnly(true);
        hardened.setSecureCookies(true);
        hardened.setSameSite(HttpCookie.SameSite.LAX);
        contexts.addHandler(context("/hardened", hardened, null));
        contexts.addHandler(context("/lax-default", new SessionHandler(), "Lax"));
        SessionHandler none = new SessionHandler();
        none.setSameSite(HttpCookie.SameSite.NONE);
        contexts.addHandler(context("/none-in-lax", none, "Lax"));
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    private static ContextHandler context(String path, SessionHandler sessions, String sameSiteDefault) {
        sessions.setHandler(new OpensSession());
        ContextHandler context = new ContextHandler(sessions, path);
        if (sameSiteDefault != null) {
            context.setAttribute(HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE, sameSiteDefault);
        }
        return context;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Opens a session: the response carries the session cookie. */
    private static final class OpensSession extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            request.getSession(true).setAttribute("cart", "3 items");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            Content.Sink.write(response, true, "secure=" + request.isSecure() + "\n", callback);
            return true;
        }
    }
}
