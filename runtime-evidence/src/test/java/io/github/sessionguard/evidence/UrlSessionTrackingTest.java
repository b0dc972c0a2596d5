package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.SessionTrackingMode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fact behind SESSION_ID_IN_URL: in embedded Tomcat 11, a session id handed to the victim in a link
 * ({@code ;jsessionid=}) is adopted when URL tracking is on: the victim's requests, login included, run in
 * the attacker's session. With cookie-only tracking the same link opens nothing. A context that never sets
 * its tracking modes behaves like URL tracking on (Tomcat's default is COOKIE and URL).
 */
@Timeout(60)
class UrlSessionTrackingTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        context("/url", EnumSet.of(SessionTrackingMode.COOKIE, SessionTrackingMode.URL));
        context("/cookie", EnumSet.of(SessionTrackingMode.COOKIE));
        context("/default", null);
        tomcat.start();
        http = tomcat.client();
    }

    /** A context whose tracking modes are set the way applications do it, in a container initializer. */
    private static void context(String path, Set<SessionTrackingMode> modes) {
        Context app = tomcat.addContext(path);
        if (modes != null) {
            app.addServletContainerInitializer((classes, servletContext) -> servletContext.setSessionTrackingModes(modes),
                    null);
        }
        EmbeddedTomcat.addPlantAndWhoami(app);
        // A login that stores the user in whatever session the request came with.
        EmbeddedTomcat.addServlet(app, "/login", (req, resp, out) -> {
            if (EmbeddedTomcat.PASSWORD.equals(req.getParameter("p"))) {
                req.getSession().setAttribute("user", EmbeddedTomcat.USER);
            }
            out.put("session", EmbeddedTomcat.currentId(req));
        });
    }

    private static String plant(String context) throws Exception {
        Reply planted = http.get(context + "/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId());
        return planted.get("session");
    }

    @Test
    void urlTrackingOnAdoptsTheIdFromTheLink() throws Exception {
        String planted = plant("/url");
        // The victim follows the attacker's link; the browser has no session cookie for the site.
        Reply victim = http.get("/url/whoami;jsessionid=" + planted, null);
        System.out.printf("[evidence] Tomcat URL tracking on: link with %s opens session %s%n", planted,
                victim.get("session"));
        assertEquals(planted, victim.get("session"), "the id from the link is adopted");
        assertEquals("3 items", victim.get("cart"), "it is the attacker's session");

        Reply login = http.get("/url/login;jsessionid=" + planted + "?p=" + EmbeddedTomcat.PASSWORD, null);
        assertEquals(planted, login.get("session"), "the victim logs in inside the planted session");
        assertEquals(EmbeddedTomcat.USER, http.get("/url/whoami", planted).get("user"),
                "the attacker's id is now logged in as the victim: session fixation through a URL");
    }

    @Test
    void cookieOnlyTrackingIgnoresTheIdFromTheLink() throws Exception {
        String planted = plant("/cookie");
        Reply victim = http.get("/cookie/whoami;jsessionid=" + planted, null);
        System.out.printf("[evidence] Tomcat cookie-only tracking: link with %s opens session %s%n", planted,
                victim.get("session"));
        assertEquals("none", victim.get("session"), "the id in the link is ignored");

        Reply login = http.get("/cookie/login;jsessionid=" + planted + "?p=" + EmbeddedTomcat.PASSWORD, null);
        assertTrue(!planted.equals(login.get("session")), "the login runs in a session of its own");
        assertEquals("null", http.get("/cookie/whoami", planted).get("user"), "the planted id stays anonymous");
    }

    @Test
    void tomcatsDefaultTrackingAlsoAdoptsTheIdFromTheLink() throws Exception {
        String planted = plant("/default");
        Reply victim = http.get("/default/whoami;jsessionid=" + planted, null);
        System.out.printf("[evidence] Tomcat default tracking modes: link with %s opens session %s%n", planted,
                victim.get("session"));
        assertEquals(planted, victim.get("session"), "Tomcat's default modes include URL");
    }
}
