package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.catalina.Authenticator;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.AuthenticatorBase;
import org.apache.catalina.authenticator.NonLoginAuthenticator;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fact 1: {@code HttpServletRequest.login(user, password)} in embedded Tomcat 11, on a request that presents a
 * planted session id. Context {@code /default} keeps Tomcat's defaults (the {@link NonLoginAuthenticator} that
 * embedded Tomcat installs for a context without a login config); context {@code /off} installs that authenticator
 * itself with {@code changeSessionIdOnAuthentication=false}.
 */
@Timeout(60)
class TomcatProgrammaticLoginTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context defaults = tomcat.addContext("/default");
        addLoginServlets(defaults);

        Context off = tomcat.addContext("/off");
        off.setLoginConfig(new LoginConfig("NONE", null, null, null));
        NonLoginAuthenticator noChange = new NonLoginAuthenticator();
        noChange.setChangeSessionIdOnAuthentication(false);
        off.getPipeline().addValve(noChange);
        addLoginServlets(off);

        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static void addLoginServlets(Context context) {
        EmbeddedTomcat.addPlantAndWhoami(context);
        EmbeddedTomcat.addServlet(context, "/login", (req, resp, out) -> {
            Authenticator authenticator = context.getAuthenticator();
            out.put("authenticator", authenticator.getClass().getName());
            out.put("changeSessionIdOnAuthentication",
                    String.valueOf(((AuthenticatorBase) authenticator).getChangeSessionIdOnAuthentication()));
            out.put("before", EmbeddedTomcat.currentId(req));
            req.login(EmbeddedTomcat.USER, EmbeddedTomcat.PASSWORD);
            out.put("after", EmbeddedTomcat.currentId(req));
            out.put("remoteUser", String.valueOf(req.getRemoteUser()));
        });
    }

    private static String plant(String context) throws Exception {
        Reply planted = http.get(context + "/plant", null);
        assertEquals(200, planted.status());
        assertEquals(Optional.of(planted.get("session")), planted.issuedId(), "the plant request issues the cookie");
        return planted.get("session");
    }

    @Test
    void defaultSettingsGiveANewIdOnRequestLogin() throws Exception {
        String planted = plant("/default");

        Reply login = http.get("/default/login", planted);
        System.out.printf("[evidence] Tomcat request.login, defaults: %s -> %s (authenticator %s, flag %s)%n",
                planted, login.get("after"), login.get("authenticator"), login.get("changeSessionIdOnAuthentication"));
        assertEquals(NonLoginAuthenticator.class.getName(), login.get("authenticator"));
        assertEquals("true", login.get("changeSessionIdOnAuthentication"));
        assertEquals(planted, login.get("before"), "the login request runs in the planted session");
        assertEquals(EmbeddedTomcat.USER, login.get("remoteUser"), "the realm accepted the login");
        assertNotEquals(planted, login.get("after"), "Tomcat changed the session id inside request.login");
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent back as a cookie");

        Reply withPlantedId = http.get("/default/whoami", planted);
        assertEquals("none", withPlantedId.get("session"), "the planted id no longer opens any session");
        assertEquals("null", withPlantedId.get("remoteUser"));

        Reply withNewId = http.get("/default/whoami", login.get("after"));
        assertEquals(login.get("after"), withNewId.get("session"));
        assertEquals(EmbeddedTomcat.USER, withNewId.get("remoteUser"), "the new id carries the login");
        assertEquals("3 items", withNewId.get("cart"), "attributes move to the new id");
    }

    @Test
    void changeSessionIdOnAuthenticationFalseKeepsThePlantedId() throws Exception {
        String planted = plant("/off");

        Reply login = http.get("/off/login", planted);
        System.out.printf("[evidence] Tomcat request.login, changeSessionIdOnAuthentication=false: %s -> %s%n",
                planted, login.get("after"));
        assertEquals("false", login.get("changeSessionIdOnAuthentication"));
        assertEquals(EmbeddedTomcat.USER, login.get("remoteUser"), "the realm accepted the login");
        assertEquals(planted, login.get("before"));
        assertEquals(planted, login.get("after"), "the id is not changed");
        assertTrue(login.issuedId().isEmpty(), "no new session cookie is sent");

        Reply attacker = http.get("/off/whoami", planted);
        assertEquals(planted, attacker.get("session"));
        assertEquals(EmbeddedTomcat.USER, attacker.get("remoteUser"),
                "whoever holds the planted id is now logged in as the victim: session fixation");
    }
}
