package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apereo.cas.client.validation.AbstractTicketValidationFilter;
import org.apereo.cas.client.validation.Assertion;
import org.apereo.cas.client.validation.AssertionImpl;
import org.apereo.cas.client.validation.Cas30ProxyReceivingTicketValidationFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apereo Java CAS client's ticket-validation filter (cas-client-core 4.0.4, jakarta) in embedded Tomcat 11
 * with a planted JSESSIONID: a request carrying a valid service ticket makes the filter store the CAS assertion in
 * the session ({@code _const_cas_assertion_}, its default {@code useSession=true}) and changes no id, so the
 * planted id is logged in. A subclass whose {@code onSuccessfulValidation} calls {@code request.changeSessionId()}
 * sends a new id, and the planted one carries nothing. The CAS server's answer is the test's own validator (set on
 * the started filter), so no CAS server is needed.
 */
@Timeout(60)
class CasValidationFilterLoginTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    /** The fix: a new id once the assertion is in the session. */
    public static final class RenewingValidationFilter extends Cas30ProxyReceivingTicketValidationFilter {
        @Override
        protected void onSuccessfulValidation(HttpServletRequest request, HttpServletResponse response,
                Assertion assertion) {
            request.changeSessionId();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("/cas-app");
        EmbeddedTomcat.addPlantAndWhoami(context);
        // Who the CAS assertion in a session says is logged in.
        EmbeddedTomcat.addServlet(context, "/assertion", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            Object assertion = session == null ? null : session.getAttribute(AbstractTicketValidationFilter.CONST_CAS_ASSERTION);
            out.put("user", assertion == null ? "null" : ((Assertion) assertion).getPrincipal().getName());
        });
        EmbeddedTomcat.addServlet(context, "/secured/home", (req, resp, out) -> out.put("after", EmbeddedTomcat.currentId(req)));
        EmbeddedTomcat.addServlet(context, "/renewing/home", (req, resp, out) -> out.put("after", EmbeddedTomcat.currentId(req)));
        Cas30ProxyReceivingTicketValidationFilter plain = new Cas30ProxyReceivingTicketValidationFilter();
        Cas30ProxyReceivingTicketValidationFilter renewing = new RenewingValidationFilter();
        addFilter(context, "cas", plain, "/secured/*");
        addFilter(context, "cas-renewing", renewing, "/renewing/*");
        tomcat.start();
        // A valid ticket is any ticket: the CAS server's answer for alice.
        plain.setTicketValidator((ticket, service) -> new AssertionImpl(EmbeddedTomcat.USER));
        renewing.setTicketValidator((ticket, service) -> new AssertionImpl(EmbeddedTomcat.USER));
        http = tomcat.client();
    }

    private static void addFilter(Context context, String name, AbstractTicketValidationFilter filter, String pattern) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        def.addInitParameter("casServerUrlPrefix", "http://127.0.0.1:9/cas");
        def.addInitParameter("serverName", "http://127.0.0.1");
        // Let the request through to the page after the validation (the default redirects to the service URL).
        def.addInitParameter("redirectAfterValidation", "false");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPattern(pattern);
        context.addFilterMap(map);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        Reply login = http.get("/cas-app" + path + "?ticket=ST-1-planted-test", planted);
        System.out.printf("[evidence] CAS validation filter %s: planted %s -> status %d, after %s, issued %s%n", path,
                planted, login.status(), login.get("after"), login.issuedId());
        assertEquals(200, login.status());
        return login;
    }

    @Test
    void validationFilterLogsThePlantedIdIn() throws Exception {
        String planted = http.get("/cas-app/plant", null).get("session");
        Reply login = login("/secured/home", planted);
        assertEquals(planted, login.get("after"), "same id after the validation");
        assertTrue(login.issuedId().isEmpty(), "no new session cookie");
        assertEquals(EmbeddedTomcat.USER, http.get("/cas-app/assertion", planted).get("user"),
                "the planted id now carries alice's CAS assertion: fixation");
        assertEquals("3 items", http.get("/cas-app/whoami", planted).get("cart"), "in the attacker's own session");
    }

    @Test
    void changeSessionIdInOnSuccessfulValidationGivesANewId() throws Exception {
        String planted = http.get("/cas-app/plant", null).get("session");
        Reply login = login("/renewing/home", planted);
        assertNotEquals(planted, login.get("after"), "a new id inside the validation");
        assertEquals(login.get("after"), login.issuedId().orElse(null), "the new id is sent as a cookie");
        assertEquals("null", http.get("/cas-app/assertion", planted).get("user"), "the planted id carries nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/cas-app/assertion", login.get("after")).get("user"),
                "the new id carries the assertion");
    }
}
