package io.github.sessionguard.evidence.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.SecurityHandler;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.FormAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.session.SessionHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.security.Password;

/**
 * A Jetty 12 core server (compiled and run in a class loader that sees Jetty 12 only) with four contexts, each a
 * SessionHandler around a SecurityHandler that guards {@code /secure/*} for any user: BASIC and FORM, with the
 * default {@code sessionRenewedOnAuthentication} (true) and with {@code setSessionRenewedOnAuthentication(false)};
 * and a fifth, {@code /app-login}, where the application logs in itself on the core {@code Session}.
 * {@link #call()} starts it and answers the port; {@link #close()} stops it.
 */
public final class JettyRenewProbe implements Callable<Integer>, AutoCloseable {

    private final Server server = new Server();

    @Override
    public Integer call() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/basic-default", new BasicAuthenticator(), true));
        contexts.addHandler(context("/basic-kept", new BasicAuthenticator(), false));
        contexts.addHandler(context("/form-default", new FormAuthenticator("/login.html", "/error.html", false), true));
        contexts.addHandler(context("/form-kept", new FormAuthenticator("/login.html", "/error.html", false), false));
        // The application's own login on Jetty's core session (no SecurityHandler): Session.setAttribute, with and
        // without Session.renewId first.
        SessionHandler appSessions = new SessionHandler();
        appSessions.setHandler(new AppLogin());
        contexts.addHandler(new ContextHandler(appSessions, "/app-login"));
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    private static ContextHandler context(String path, Authenticator authenticator, boolean renew) {
        UserStore store = new UserStore();
        store.addUser("alice", new Password("s3cret"), new String[] {"user"});
        HashLoginService users = new HashLoginService("evidence");
        users.setUserStore(store);
        SecurityHandler.PathMapped security = new SecurityHandler.PathMapped();
        security.setLoginService(users);
        security.setAuthenticator(authenticator);
        security.put("/secure/*", Constraint.ANY_USER);
        if (!renew) {
            // The setting SESSION_FIXATION_PROTECTION_DISABLED reports.
            security.setSessionRenewedOnAuthentication(false);
        }
        security.setHandler(new App());
        SessionHandler sessions = new SessionHandler();
        sessions.setHandler(security);
        return new ContextHandler(sessions, path);
    }

    /** Plants a session, and behind the constraint answers who is logged in (storing the user as apps do). */
    private static final class App extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            Map<String, String> out = new LinkedHashMap<>();
            if (path.equals("/plant")) {
                Session session = request.getSession(true);
                session.setAttribute("cart", "3 items");
                out.put("session", session.getExtendedId());
            } else if (path.startsWith("/secure/")) {
                AuthenticationState state = AuthenticationState.getAuthenticationState(request);
                String user = state instanceof AuthenticationState.Succeeded succeeded
                        ? succeeded.getUserIdentity().getUserPrincipal().getName() : "none";
                Session session = request.getSession(false);
                if (session != null && !"none".equals(user)) {
                    session.setAttribute("user", user);
                }
                out.put("after", session == null ? "none" : session.getExtendedId());
                out.put("user", user);
                out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
            } else if (path.equals("/whoami")) {
                Session session = request.getSession(false);
                out.put("session", session == null ? "none" : session.getExtendedId());
                out.put("user", session == null ? "null" : String.valueOf(session.getAttribute("user")));
                out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
            } else {
                out.put("page", path);
            }
            StringBuilder text = new StringBuilder();
            out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            Content.Sink.write(response, true, text.toString(), callback);
            return true;
        }
    }

    /** An application handler that logs in by storing the user in Jetty's core session. */
    private static final class AppLogin extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            Map<String, String> out = new LinkedHashMap<>();
            Session session = request.getSession(!path.equals("/whoami"));
            if (path.equals("/plant")) {
                session.setAttribute("cart", "3 items");
            } else if (path.equals("/login")) {
                session.setAttribute("user", "alice");
            } else if (path.equals("/login-renewed")) {
                session.renewId(request, response);
                session.setAttribute("user", "alice");
            }
            out.put("session", session == null ? "none" : session.getExtendedId());
            out.put("user", session == null ? "null" : String.valueOf(session.getAttribute("user")));
            out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
            StringBuilder text = new StringBuilder();
            out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            Content.Sink.write(response, true, text.toString(), callback);
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
