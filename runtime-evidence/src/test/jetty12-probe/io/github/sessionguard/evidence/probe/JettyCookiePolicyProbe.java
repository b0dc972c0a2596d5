package io.github.sessionguard.evidence.probe;

import java.util.concurrent.Callable;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpCookieUtils;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 core server (compiled and run in a class loader that sees Jetty 12 only) with two contexts whose
 * handler adds two cookies with {@code Response.addCookie}: {@code theme} with no SameSite of its own and
 * {@code remember_me} with its own {@code SameSite=None}, and two made from attribute maps ({@code map_token} with
 * HttpOnly "true" and Secure "yes", {@code map_off} with HttpOnly "false"). {@code /lax} sets the context attribute
 * {@code HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE} to "Lax"; {@code /plain} sets nothing.
 * {@link #call()} starts it and answers the port; {@link #close()} stops it.
 */
public final class JettyCookiePolicyProbe implements Callable<Integer>, AutoCloseable {

    private final Server server = new Server();

    @Override
    public Integer call() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        ContextHandler lax = new ContextHandler(new AddsCookies(), "/lax");
        lax.setAttribute(HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE, "Lax");
        contexts.addHandler(lax);
        contexts.addHandler(new ContextHandler(new AddsCookies(), "/plain"));
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class AddsCookies extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Response.addCookie(response, HttpCookie.build("theme", "dark").path("/").build());
            Response.addCookie(response, HttpCookie.build("remember_me", "t0k3n").path("/").secure(true)
                    .sameSite(HttpCookie.SameSite.NONE).build());
            // Attributes given as a map: a flag's attribute with any value but "false" is on.
            Response.addCookie(response, HttpCookie.from("map_token", "t0k3n",
                    java.util.Map.of(HttpCookie.HTTP_ONLY_ATTRIBUTE, "true", HttpCookie.SECURE_ATTRIBUTE, "yes")));
            Response.addCookie(response, HttpCookie.from("map_off", "t0k3n",
                    java.util.Map.of(HttpCookie.HTTP_ONLY_ATTRIBUTE, "false")));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            Content.Sink.write(response, true, "ok\n", callback);
            return true;
        }
    }
}
