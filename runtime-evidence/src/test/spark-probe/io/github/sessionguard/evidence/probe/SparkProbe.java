package io.github.sessionguard.evidence.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.servlet.http.HttpSession;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * A Spark Java 2.9 service (compiled and run in a class loader that sees Spark's Jetty 9.4 only) with the login
 * routes applications write: check the password, then (the fix, if any) change the id, then
 * {@code request.session().attribute("user", ...)}; and routes that send cookies with {@code response.cookie(...)}.
 * {@link #call()} starts it and answers the port; {@link #close()} stops it.
 */
public final class SparkProbe implements Callable<Integer>, AutoCloseable {

    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret";

    private final Service http = Service.ignite();

    @Override
    public Integer call() {
        http.ipAddress("127.0.0.1");
        http.port(0);
        http.get("/plant", (req, res) -> {
            req.session(true).attribute("cart", "3 items");
            return answer(res, Map.of("session", id(req)));
        });
        http.post("/login", (req, res) -> login(req, res, r -> { }));
        http.post("/login-change", (req, res) -> login(req, res, r -> r.raw().changeSessionId()));
        http.post("/login-invalidate", (req, res) -> login(req, res, r -> {
            r.session().invalidate();
            r.session(true);
        }));
        http.get("/whoami", (req, res) -> {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("session", id(req));
            out.put("user", req.session(false) == null ? "null" : String.valueOf((Object) req.session(false).attribute("user")));
            out.put("cart", req.session(false) == null ? "null" : String.valueOf((Object) req.session(false).attribute("cart")));
            return answer(res, out);
        });
        http.get("/cookie/short", (req, res) -> {
            res.cookie("remember_token", "t0k3n");
            return answer(res, Map.of());
        });
        http.get("/cookie/flags", (req, res) -> {
            res.cookie("remember_token", "t0k3n", 3600, true, true);
            return answer(res, Map.of());
        });
        http.get("/cookie/path-secure", (req, res) -> {
            res.cookie("/", "auth_token", "t0k3n", 3600, true);
            return answer(res, Map.of());
        });
        http.awaitInitialization();
        return http.port();
    }

    /** The id the session cookie carries: Jetty's extended id (cluster id plus ".node0"), or "none". */
    private static String id(Request req) {
        HttpSession session = req.raw().getSession(false);
        return session == null ? "none" : ((org.eclipse.jetty.server.session.Session) session).getExtendedId();
    }

    private static String login(Request req, Response res, Consumer<Request> beforeWrite) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("before", id(req));
        if (USER.equals(req.queryParams("username")) && PASSWORD.equals(req.queryParams("password"))) {
            beforeWrite.accept(req);
            req.session().attribute("user", USER);
        }
        out.put("after", id(req));
        return answer(res, out);
    }

    private static String answer(Response res, Map<String, String> out) {
        res.type("text/plain;charset=UTF-8");
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    @Override
    public void close() {
        http.stop();
        http.awaitStop();
    }
}
