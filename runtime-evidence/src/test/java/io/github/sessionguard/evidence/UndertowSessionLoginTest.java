package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.sessionguard.evidence.Loopback.Reply;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.session.InMemorySessionManager;
import io.undertow.server.session.Session;
import io.undertow.server.session.SessionAttachmentHandler;
import io.undertow.server.session.SessionConfig;
import io.undertow.server.session.SessionCookieConfig;
import io.undertow.server.session.SessionManager;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Undertow core's own sessions (a {@code SessionAttachmentHandler} with an {@code InMemorySessionManager} and the
 * {@code JSESSIONID} cookie), on requests that present a planted id: an application login that stores the user with
 * {@code Session.setAttribute} keeps the planted id, which is then logged in; {@code session.changeSessionId(exchange,
 * config)} first gives a new id and the planted one keeps no login. The facts behind reporting the write and
 * counting the id change (fixtures {@code fixation/frameworks/undertow}).
 */
@Timeout(60)
class UndertowSessionLoginTest {

    private static Undertow server;
    private static Loopback http;

    @BeforeAll
    static void start() {
        SessionConfig config = new SessionCookieConfig();
        SessionManager manager = new InMemorySessionManager("evidence");
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new SessionAttachmentHandler(UndertowSessionLoginTest::handle, manager, config))
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        http = new Loopback(port);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * A {@code PathParameterSessionConfig} instead of the cookie: the id travels as {@code ;jsessionid=} in URLs,
     * and a session named in a link's URL is the one the request gets (so a link can plant it). The fact behind
     * reporting {@code new PathParameterSessionConfig()} as SESSION_ID_IN_URL.
     */
    @Test
    void pathParameterSessionsTakeTheIdFromTheUrl() throws Exception {
        Undertow urlServer = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new SessionAttachmentHandler(UndertowSessionLoginTest::handle,
                        new InMemorySessionManager("evidence-url"), new io.undertow.server.session.PathParameterSessionConfig()))
                .build();
        urlServer.start();
        try {
            Loopback url = new Loopback(((InetSocketAddress) urlServer.getListenerInfo().get(0).getAddress()).getPort());
            Reply planted = url.get("/plant", null);
            String id = planted.get("session");
            assertEquals(Optional.empty(), planted.issuedId(), "no cookie: the id is for URLs");
            Reply login = url.get("/login;jsessionid=" + id, null);
            System.out.printf("[evidence] Undertow PathParameterSessionConfig: planted %s in the URL -> session %s%n", id,
                    login.get("session"));
            assertEquals(id, login.get("session"), "the session named in the URL is the request's");
            assertEquals("3 items", login.get("cart"));
            assertEquals("alice", url.get("/whoami;jsessionid=" + id, null).get("user"), "and it is logged in");
        } finally {
            urlServer.stop();
        }
    }

    private static void handle(HttpServerExchange exchange) {
        SessionManager manager = exchange.getAttachment(SessionManager.ATTACHMENT_KEY);
        SessionConfig config = exchange.getAttachment(SessionConfig.ATTACHMENT_KEY);
        Session session = manager.getSession(exchange, config);
        String path = exchange.getRelativePath();
        if (session == null && !path.equals("/whoami")) {
            session = manager.createSession(exchange, config);
        }
        if (path.equals("/plant")) {
            session.setAttribute("cart", "3 items");
        } else if (path.equals("/login")) {
            session.setAttribute("user", "alice");
        } else if (path.equals("/login-renewed")) {
            session.changeSessionId(exchange, config);
            session.setAttribute("user", "alice");
        }
        StringBuilder text = new StringBuilder();
        text.append("session=").append(session == null ? "none" : session.getId()).append('\n');
        text.append("user=").append(session == null ? "null" : session.getAttribute("user")).append('\n');
        text.append("cart=").append(session == null ? "null" : session.getAttribute("cart")).append('\n');
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain;charset=UTF-8");
        exchange.getResponseSender().send(text.toString());
    }

    private static String plant() throws Exception {
        Reply planted = http.get("/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId(), "the cookie carries the planted id");
        return planted.get("session");
    }

    @Test
    void setAttributeLogsThePlantedIdIn() throws Exception {
        String planted = plant();
        Reply login = http.get("/login", planted);
        System.out.printf("[evidence] Undertow core Session.setAttribute: planted %s -> after %s, issued %s%n", planted,
                login.get("session"), login.issuedId());
        assertEquals(planted, login.get("session"), "the write keeps the id");
        assertEquals("3 items", login.get("cart"));
        assertEquals("alice", http.get("/whoami", planted).get("user"), "the planted id is logged in");
    }

    @Test
    void changeSessionIdBeforeTheWriteGivesANewId() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-renewed", planted);
        System.out.printf("[evidence] Undertow core Session.changeSessionId: planted %s -> after %s, issued %s%n",
                planted, login.get("session"), login.issuedId());
        assertNotEquals(planted, login.get("session"));
        assertEquals(Optional.of(login.get("session")), login.issuedId(), "the new id is sent as JSESSIONID");
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals("alice", http.get("/whoami", login.get("session")).get("user"));
    }
}
