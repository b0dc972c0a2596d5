package io.github.sessionguard.evidence.probe;

import com.jfinal.config.Constants;
import com.jfinal.config.Handlers;
import com.jfinal.config.Interceptors;
import com.jfinal.config.JFinalConfig;
import com.jfinal.config.Plugins;
import com.jfinal.config.Routes;
import com.jfinal.core.Controller;
import com.jfinal.core.JFinalFilter;
import com.jfinal.template.Engine;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpSession;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * A JFinal 5 application in Jetty 9.4 (compiled and run in a class loader that sees Jetty 9.4 and javax.servlet
 * only): a controller whose login action checks the password, then (the fix, if any) changes the id, then calls
 * {@code setSessionAttr("user", ...)}; and actions that send cookies with {@code setCookie(...)}.
 * {@link #call()} starts it and answers the port; {@link #close()} stops it.
 */
public final class JFinalProbe implements Callable<Integer>, AutoCloseable {

    private final Server server = new Server();

    @Override
    public Integer call() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new JFinalFilter(new App())), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The application's configuration: one controller at "/". */
    public static final class App extends JFinalConfig {
        @Override
        public void configConstant(Constants me) {
        }

        @Override
        public void configRoute(Routes me) {
            me.add("/", Probe.class);
        }

        @Override
        public void configEngine(Engine me) {
        }

        @Override
        public void configPlugin(Plugins me) {
        }

        @Override
        public void configInterceptor(Interceptors me) {
        }

        @Override
        public void configHandler(Handlers me) {
        }
    }

    /** The controller: each action is a path. */
    public static final class Probe extends Controller {
        public void plant() {
            setSessionAttr("cart", "3 items");
            answer(Map.of("session", id()));
        }

        public void login() {
            login(0);
        }

        public void loginChange() {
            login(1);
        }

        public void loginInvalidate() {
            login(2);
        }

        private void login(int fix) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("before", id());
            if ("alice".equals(getPara("username")) && "s3cret".equals(getPara("password"))) {
                if (fix == 1) {
                    getRequest().changeSessionId();
                } else if (fix == 2) {
                    getSession().invalidate();
                }
                setSessionAttr("user", "alice");
            }
            out.put("after", id());
            answer(out);
        }

        public void whoami() {
            Map<String, String> out = new LinkedHashMap<>();
            HttpSession session = getSession(false);
            out.put("session", id());
            out.put("user", session == null ? "null" : String.valueOf(session.getAttribute("user")));
            out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
            answer(out);
        }

        public void cookieShort() {
            setCookie("remember_token", "t0k3n", 3600);
            answer(Map.of());
        }

        public void cookieHttpOnly() {
            setCookie("remember_token", "t0k3n", 3600, true);
            answer(Map.of());
        }

        /** The id the session cookie carries: Jetty's extended id (cluster id plus ".node0"), or "none". */
        private String id() {
            HttpSession session = getSession(false);
            return session == null ? "none" : ((org.eclipse.jetty.server.session.Session) session).getExtendedId();
        }

        private void answer(Map<String, String> out) {
            StringBuilder text = new StringBuilder();
            out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            renderText(text.toString());
        }
    }
}
