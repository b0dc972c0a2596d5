package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pac4j.core.config.Config;
import org.pac4j.core.profile.UserProfile;
import org.pac4j.http.client.indirect.FormClient;
import org.pac4j.http.credentials.authenticator.test.SimpleTestUsernamePasswordAuthenticator;
import org.pac4j.jee.filter.CallbackFilter;

/**
 * pac4j's Jakarta EE {@code CallbackFilter} (jakartaee-pac4j 8.0.1 on pac4j-core / pac4j-jakartaee 6.1.3) in embedded
 * Tomcat 11 with a planted JSESSIONID, finishing a login of pac4j-http's {@code FormClient} (credentials POSTed to the
 * callback, checked by {@code SimpleTestUsernamePasswordAuthenticator}: no identity provider is needed). The filter
 * answers the callback itself with a 303 redirect (to {@code defaultUrl}); a filter in front of it records the id the
 * request had before and after.
 * <ul>
 * <li>By default ({@code renewSession} unset, which {@code DefaultCallbackLogic.perform} takes as true) the callback
 * saves the profile in the session ({@code pac4jUserProfiles}) and then renews the session
 * ({@code DefaultCallbackLogic.renewSession}, {@code JEESessionStore.renewSession}): the planted session is
 * invalidated, a new one is created with all the old attributes copied into it (the profile, and the attacker's cart
 * too), and the new id is sent as a cookie. The planted id opens nothing.</li>
 * <li>With {@code renewSession=false} (a filter init-param, as web.xml sets it, or {@code setRenewSession(false)})
 * the id is not changed and no cookie is sent: the planted id now carries the user's profile in
 * {@code pac4jUserProfiles}, in the attacker's own session (fixation).</li>
 * </ul>
 */
@Timeout(60)
class Pac4jCallbackFilterLoginTest {

    /** The session attribute pac4j's ProfileManager keeps the profiles in (Pac4jConstants.USER_PROFILES). */
    static final String USER_PROFILES = "pac4jUserProfiles";

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;
    private static CallbackFilter byDefault;
    private static CallbackFilter keepByInitParam;
    private static CallbackFilter keepBySetter;

    /** The request's session id before and after the filters behind it (the callback), by servlet path. */
    static final Map<String, String[]> SEEN = new ConcurrentHashMap<>();

    /** Mapped in front of the callback filters: which session the callback ran in, and which one it left. */
    public static final class Observer extends HttpFilter {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String before = EmbeddedTomcat.currentId(request);
            try {
                chain.doFilter(request, response);
            } finally {
                SEEN.put(request.getServletPath(), new String[] {before, EmbeddedTomcat.currentId(request)});
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("/pac4j-app");
        EmbeddedTomcat.addPlantAndWhoami(context);
        // Which pac4j profiles a session holds ("client:id", or "null"), and whether it is the attacker's (its cart).
        EmbeddedTomcat.addServlet(context, "/profiles", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            out.put("session", session == null ? "none" : session.getId());
            Object profiles = session == null ? null : session.getAttribute(USER_PROFILES);
            out.put("profiles", profiles == null ? "null" : ((Map<?, ?>) profiles).entrySet().stream()
                    .map(e -> e.getKey() + ":" + ((UserProfile) e.getValue()).getId())
                    .collect(Collectors.joining(",")));
            out.put("cart", session == null ? "null" : String.valueOf(session.getAttribute("cart")));
        });
        // The callback filter answers itself (a redirect): these are never reached, they only give the paths a servlet.
        for (String path : new String[] {"/callback", "/callback-keep", "/callback-keep-setter"}) {
            EmbeddedTomcat.addServlet(context, path, (req, resp, out) -> out.put("reached", "servlet"));
        }
        addFilter(context, "observer", new Observer(), Map.of(), "/callback", "/callback-keep", "/callback-keep-setter");

        byDefault = new CallbackFilter(config("/pac4j-app/callback"));
        addFilter(context, "pac4j-callback", byDefault, Map.of(), "/callback");

        // As web.xml would set it: <init-param><param-name>renewSession</param-name><param-value>false</param-value>.
        keepByInitParam = new CallbackFilter(config("/pac4j-app/callback-keep"));
        addFilter(context, "pac4j-callback-keep", keepByInitParam, Map.of("renewSession", "false"), "/callback-keep");

        // As a programmatic set-up would set it (init() keeps it when there is no init-param).
        keepBySetter = new CallbackFilter(config("/pac4j-app/callback-keep-setter"));
        keepBySetter.setRenewSession(false);
        addFilter(context, "pac4j-callback-keep-setter", keepBySetter, Map.of(), "/callback-keep-setter");

        tomcat.start();
        http = tomcat.client();
    }

    /** One FormClient (username must equal password), its callback URL, and pac4j's defaults for the rest. */
    private static Config config(String callbackUrl) {
        FormClient client = new FormClient("/pac4j-app/login.html", new SimpleTestUsernamePasswordAuthenticator());
        return new Config(callbackUrl, client);
    }

    private static void addFilter(Context context, String name, Filter filter, Map<String, String> initParams,
            String... patterns) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        initParams.forEach(def::addInitParameter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        for (String pattern : patterns) {
            map.addURLPattern(pattern);
        }
        context.addFilterMap(map);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** The login form's POST to the callback URL, presenting the planted id; checked to run in the planted session. */
    private static Reply callback(String path, String planted) throws Exception {
        Reply login = http.postForm("/pac4j-app" + path + "?client_name=FormClient",
                "username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.USER, planted);
        String[] seen = SEEN.get(path);
        System.out.printf("[evidence] pac4j CallbackFilter %s: planted %s -> status %d, before %s, after %s, issued %s%n",
                path, planted, login.status(), seen == null ? "?" : seen[0], seen == null ? "?" : seen[1],
                login.issuedId());
        // DefaultSavedRequestHandler.restore -> HttpActionHelper.buildRedirectUrlAction: 303 See Other after a POST.
        assertEquals(303, login.status(), "a successful callback redirects to the original URL or defaultUrl");
        assertNull(login.get("reached"), "the callback filter answers itself");
        assertEquals(planted, seen[0], "the callback ran in the planted session");
        return login;
    }

    /** The attacker's step: a session (with a cart in it) opened before any login; its id, as the cookie carries it. */
    private static String plant() throws Exception {
        Reply planted = http.get("/pac4j-app/plant", null);
        assertEquals(planted.get("session"), planted.issuedId().orElse(null), "the session cookie carries the planted id");
        return planted.get("session");
    }

    private static Reply profiles(String id) throws Exception {
        Reply reply = http.get("/pac4j-app/profiles", id);
        System.out.printf("[evidence] pac4j session %s: opens %s, %s=%s, cart=%s%n", id, reply.get("session"),
                USER_PROFILES, reply.get("profiles"), reply.get("cart"));
        return reply;
    }

    @Test
    void defaultCallbackRenewsTheSession() throws Exception {
        assertNull(byDefault.getRenewSession(), "no renewSession set: DefaultCallbackLogic takes null as true");
        String planted = plant();
        Reply login = callback("/callback", planted);
        String after = SEEN.get("/callback")[1];
        assertNotEquals(planted, after, "a new id inside the callback");
        assertEquals(after, login.issuedId().orElse(null), "the new id is sent as a cookie");

        Reply old = profiles(planted);
        assertEquals("none", old.get("session"), "the planted session was invalidated: the planted id opens nothing");
        assertEquals("null", old.get("profiles"), "the planted id carries no profile");

        Reply renewed = profiles(after);
        assertEquals(after, renewed.get("session"));
        assertEquals("FormClient:" + EmbeddedTomcat.USER, renewed.get("profiles"), "the new id carries the profile");
        assertEquals("3 items", renewed.get("cart"), "JEESessionStore.renewSession copied every old attribute over");
    }

    @Test
    void renewSessionFalseInitParamLogsThePlantedIdIn() throws Exception {
        assertEquals(Boolean.FALSE, keepByInitParam.getRenewSession(), "the init-param was read by CallbackFilter.init");
        assertPlantedIdLoggedIn("/callback-keep");
    }

    @Test
    void setRenewSessionFalseLogsThePlantedIdIn() throws Exception {
        assertEquals(Boolean.FALSE, keepBySetter.getRenewSession(), "the setter's value survived CallbackFilter.init");
        assertPlantedIdLoggedIn("/callback-keep-setter");
    }

    private static void assertPlantedIdLoggedIn(String path) throws Exception {
        String planted = plant();
        Reply login = callback(path, planted);
        assertEquals(planted, SEEN.get(path)[1], "same id after the callback");
        assertTrue(login.issuedId().isEmpty(), "no new session cookie");
        Reply attacker = profiles(planted);
        assertEquals(planted, attacker.get("session"));
        assertEquals("FormClient:" + EmbeddedTomcat.USER, attacker.get("profiles"),
                "the planted id now carries alice's pac4j profile: fixation");
        assertEquals("3 items", attacker.get("cart"), "in the attacker's own session");
    }
}
