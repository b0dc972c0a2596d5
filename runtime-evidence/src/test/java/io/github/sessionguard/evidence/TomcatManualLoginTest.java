package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fact 2: a hand-written login (password checked by the application, identity stored in the session) in embedded
 * Tomcat 11. Writing the attribute leaves the planted id in place; {@code changeSessionId()} and
 * {@code invalidate()} + {@code getSession(true)} each give a new one. A session the request came with is never
 * {@code isNew()}; one the request made (an unknown id presented) has an id the container chose.
 */
@Timeout(60)
class TomcatManualLoginTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context app = tomcat.addContext("");
        EmbeddedTomcat.addPlantAndWhoami(app);

        // Vulnerable: the session the request came with becomes the authenticated one.
        EmbeddedTomcat.addServlet(app, "/login-attribute-only", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            if (checkPassword(req)) {
                req.getSession().setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("after", EmbeddedTomcat.currentId(req));
        });
        // Fixed: the container gives the same session a new id first.
        EmbeddedTomcat.addServlet(app, "/login-change-id", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            if (checkPassword(req)) {
                out.put("returned", req.changeSessionId());
                req.getSession().setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("after", EmbeddedTomcat.currentId(req));
        });
        // Fixed: drop the old session, start a new one.
        EmbeddedTomcat.addServlet(app, "/login-invalidate", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            if (checkPassword(req)) {
                HttpSession old = req.getSession(false);
                if (old != null) {
                    old.invalidate();
                }
                req.getSession(true).setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("after", EmbeddedTomcat.currentId(req));
        });

        // Fixed as well: only a session the request came with gets a new id; one this request made has the
        // container's fresh id already.
        EmbeddedTomcat.addServlet(app, "/login-unless-new", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            if (checkPassword(req)) {
                HttpSession session = req.getSession();
                out.put("new", String.valueOf(session.isNew()));
                if (!session.isNew()) {
                    req.changeSessionId();
                }
                req.getSession().setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("after", EmbeddedTomcat.currentId(req));
        });

        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static final Map<String, String> PASSWORDS = Map.of(EmbeddedTomcat.USER, EmbeddedTomcat.PASSWORD);

    /** The application's own credential check, on the {@code u} and {@code p} query parameters. */
    private static boolean checkPassword(HttpServletRequest request) {
        String expected = PASSWORDS.get(request.getParameter("u"));
        return expected != null && expected.equals(request.getParameter("p"));
    }

    private static final String CREDENTIALS = "?u=" + EmbeddedTomcat.USER + "&p=" + EmbeddedTomcat.PASSWORD;

    private static String plant() throws Exception {
        Reply planted = http.get("/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId());
        return planted.get("session");
    }

    @Test
    void settingTheUserAttributeKeepsThePlantedId() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-attribute-only" + CREDENTIALS, planted);
        System.out.printf("[evidence] Tomcat setAttribute(\"user\") only: %s -> %s%n", planted, login.get("after"));
        assertEquals(planted, login.get("before"));
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", login.get("after")).get("user"), "logged in");
        assertEquals(planted, login.get("after"), "the id is unchanged");
        assertTrue(login.issuedId().isEmpty(), "no new cookie");

        Reply attacker = http.get("/whoami", planted);
        assertEquals(EmbeddedTomcat.USER, attacker.get("user"),
                "the planted id now carries the victim's identity: session fixation");
    }

    @Test
    void changeSessionIdGivesANewIdAndKeepsAttributes() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-change-id" + CREDENTIALS, planted);
        System.out.printf("[evidence] Tomcat changeSessionId(): %s -> %s (it returned %s)%n",
                planted, login.get("after"), login.get("returned"));
        assertEquals(planted, login.get("before"));
        assertNotEquals(planted, login.get("after"));
        assertEquals(login.get("after"), login.get("returned"), "changeSessionId() returns the NEW id (Servlet API)");
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as a cookie");

        Reply attacker = http.get("/whoami", planted);
        assertEquals("none", attacker.get("session"), "the planted id opens no session any more");
        Reply victim = http.get("/whoami", login.get("after"));
        assertEquals(EmbeddedTomcat.USER, victim.get("user"));
        assertEquals("3 items", victim.get("cart"), "same session object, attributes kept");
    }

    @Test
    void aPlantedSessionIsNeverNewAndASessionMadeHereHasAFreshId() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-unless-new" + CREDENTIALS, planted);
        System.out.printf("[evidence] Tomcat isNew() with a planted id: %s (id %s -> %s)%n", login.get("new"), planted,
                login.get("after"));
        assertEquals("false", login.get("new"), "a presented session is not new, even when its maker never joined it");
        assertNotEquals(planted, login.get("after"));

        String forged = "0123456789ABCDEF0123456789ABCDEF";
        Reply fresh = http.get("/login-unless-new" + CREDENTIALS, forged);
        System.out.printf("[evidence] Tomcat isNew() with an unknown id: %s (id %s -> %s)%n", fresh.get("new"), forged,
                fresh.get("after"));
        assertEquals("true", fresh.get("new"));
        assertNotEquals(forged, fresh.get("after"), "the container does not adopt an unknown presented id");
        assertEquals(Optional.of(fresh.get("after")), fresh.issuedId(), "its own id is sent as a cookie");
    }

    @Test
    void invalidateThenGetSessionGivesANewIdAndDropsAttributes() throws Exception {
        String planted = plant();
        Reply login = http.get("/login-invalidate" + CREDENTIALS, planted);
        System.out.printf("[evidence] Tomcat invalidate()+getSession(true): %s -> %s%n", planted, login.get("after"));
        assertEquals(planted, login.get("before"));
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as a cookie");

        Reply attacker = http.get("/whoami", planted);
        assertEquals("none", attacker.get("session"), "the planted id opens no session any more");
        Reply victim = http.get("/whoami", login.get("after"));
        assertEquals(EmbeddedTomcat.USER, victim.get("user"));
        assertEquals("null", victim.get("cart"), "a new session object: old attributes are gone");
    }
}
