package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.wicket.Page;
import org.apache.wicket.RuntimeConfigurationType;
import org.apache.wicket.Session;
import org.apache.wicket.authroles.authentication.AuthenticatedWebSession;
import org.apache.wicket.authroles.authorization.strategies.role.Roles;
import org.apache.wicket.markup.html.WebPage;
import org.apache.wicket.protocol.http.WebApplication;
import org.apache.wicket.protocol.http.WicketFilter;
import org.apache.wicket.request.Request;
import org.apache.wicket.request.Response;
import org.apache.wicket.request.http.WebResponse;
import org.apache.wicket.request.resource.IResource;
import org.apache.wicket.request.resource.ResourceReference;
import org.apache.wicket.util.cookies.CookieUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Wicket 10's session as a login's session, behind a {@code WicketFilter} in embedded Tomcat 11 with a
 * planted JSESSIONID. Wicket keeps its {@code Session} object as an attribute of the servlet session, so a user
 * stored in a field of the application's session class, a {@code Session.setAttribute}, and
 * {@code AuthenticatedWebSession.signIn} (which binds the session, and changes no id) are all carried by the
 * planted id. {@code Session.changeSessionId()} or {@code replaceSession()} first gives a new id, sent as a cookie.
 * Cookies: a servlet {@code Cookie} added through Wicket's {@code WebResponse.addCookie} is sent as it is, and
 * {@code CookieUtils} with its default settings sends neither Secure nor HttpOnly (and SameSite=Lax only in a
 * web application of Servlet 6 or later).
 */
@Timeout(60)
class WicketSessionLoginTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    /** The application's session: a sign-in checked by authenticate(), and the user kept in a field. */
    public static final class MemberSession extends AuthenticatedWebSession {
        private static final long serialVersionUID = 1L;
        private String user;
        private String cart;

        MemberSession(Request request) {
            super(request);
        }

        public static MemberSession get() {
            return (MemberSession) Session.get();
        }

        @Override
        protected boolean authenticate(String username, String password) {
            boolean valid = EmbeddedTomcat.USER.equals(username) && EmbeddedTomcat.PASSWORD.equals(password);
            if (valid) {
                user = username;
            }
            return valid;
        }

        @Override
        public Roles getRoles() {
            return new Roles();
        }
    }

    /** Never rendered: the scenarios are mounted resources. */
    public static final class HomePage extends WebPage {
        private static final long serialVersionUID = 1L;
    }

    /** A mounted resource that fills the {@code key=value} lines of its plain-text answer. */
    @FunctionalInterface
    interface Answer {
        void fill(HttpServletRequest request, MemberSession session, Map<String, String> out);
    }

    public static final class EvidenceApplication extends WebApplication {
        @Override
        public Class<? extends Page> getHomePage() {
            return HomePage.class;
        }

        @Override
        public RuntimeConfigurationType getConfigurationType() {
            return RuntimeConfigurationType.DEPLOYMENT;
        }

        @Override
        public Session newSession(Request request, Response response) {
            return new MemberSession(request);
        }

        @Override
        protected void init() {
            super.init();
            // The attacker's step: a bound Wicket session (its cart) under an id the attacker knows.
            answer("/plant", (request, session, out) -> {
                session.cart = "3 items";
                session.bind();
                out.put("session", EmbeddedTomcat.currentId(request));
            });
            // What a given id is worth afterwards: whom its Wicket session holds.
            answer("/whoami", (request, session, out) -> {
                out.put("session", EmbeddedTomcat.currentId(request));
                out.put("user", String.valueOf(session.user));
                out.put("signedIn", String.valueOf(session.isSignedIn()));
                out.put("cart", String.valueOf(session.cart));
                out.put("attribute", String.valueOf(session.getAttribute("user")));
            });
            answer("/field", (request, session, out) -> login(request, out, () -> {
                if (checks(request)) {
                    session.user = request.getParameter("username");
                }
            }));
            answer("/attribute", (request, session, out) -> login(request, out, () -> {
                if (checks(request)) {
                    session.setAttribute("user", request.getParameter("username"));
                }
            }));
            answer("/sign-in", (request, session, out) -> login(request, out,
                    () -> session.signIn(request.getParameter("username"), request.getParameter("password"))));
            answer("/change-then-sign-in", (request, session, out) -> login(request, out, () -> {
                session.changeSessionId();
                session.signIn(request.getParameter("username"), request.getParameter("password"));
            }));
            cookies();
            answer("/replace-then-field", (request, session, out) -> login(request, out, () -> {
                if (checks(request)) {
                    session.replaceSession();
                    session.user = request.getParameter("username");
                }
            }));
        }

        private static boolean checks(HttpServletRequest request) {
            return EmbeddedTomcat.USER.equals(request.getParameter("username"))
                    && EmbeddedTomcat.PASSWORD.equals(request.getParameter("password"));
        }

        private static void login(HttpServletRequest request, Map<String, String> out, Runnable login) {
            out.put("before", EmbeddedTomcat.currentId(request));
            login.run();
            out.put("after", EmbeddedTomcat.currentId(request));
        }

        private void cookies() {
            mountResource("/add-cookie", new ResourceReference("add-cookie") {
                private static final long serialVersionUID = 1L;

                @Override
                public IResource getResource() {
                    return attributes -> ((WebResponse) attributes.getResponse())
                            .addCookie(new Cookie("remember-me", "t0k3n"));
                }
            });
            mountResource("/cookie-utils", new ResourceReference("cookie-utils") {
                private static final long serialVersionUID = 1L;

                @Override
                public IResource getResource() {
                    return attributes -> new CookieUtils().save("remember-me", "t0k3n");
                }
            });
        }

        private void answer(String path, Answer answer) {
            mountResource(path, new ResourceReference(path.substring(1)) {
                private static final long serialVersionUID = 1L;

                @Override
                public IResource getResource() {
                    return attributes -> {
                        Map<String, String> out = new LinkedHashMap<>();
                        answer.fill((HttpServletRequest) attributes.getRequest().getContainerRequest(),
                                MemberSession.get(), out);
                        StringBuilder text = new StringBuilder();
                        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                        WebResponse response = (WebResponse) attributes.getResponse();
                        response.setContentType("text/plain;charset=UTF-8");
                        response.write(text);
                    };
                }
            });
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("/wicket");
        FilterDef filter = new FilterDef();
        filter.setFilterName("wicket");
        filter.setFilter(new WicketFilter(new EvidenceApplication()));
        filter.addInitParameter(WicketFilter.FILTER_MAPPING_PARAM, "/*");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("wicket");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        // Tomcat runs a context's filters only for a request some servlet is mapped to.
        EmbeddedTomcat.addServlet(context, "/", (req, resp, out) -> out.put("servlet", "reached"));
        tomcat.start();
        http = tomcat.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static String plant() throws Exception {
        return http.get("/wicket/plant", null).get("session");
    }

    private static Reply login(String path, String planted) throws Exception {
        return Loopback.ranInPlantedSession("Wicket " + path, planted, http.get("/wicket" + path + "?username="
                + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted));
    }

    @Test
    void userInASessionFieldKeepsThePlantedId() throws Exception {
        String planted = plant();
        EmbeddedTomcat.assertPlantedIdCarriesTheUser(http, "/wicket", planted, login("/field", planted));
    }

    @Test
    void sessionAttributeKeepsThePlantedId() throws Exception {
        String planted = plant();
        Reply login = login("/attribute", planted);
        assertEquals(planted, login.get("after"), "same id after the write");
        assertEquals(EmbeddedTomcat.USER, http.get("/wicket/whoami", planted).get("attribute"),
                "the planted id's Wicket session now carries the user: fixation");
    }

    @Test
    void signInKeepsThePlantedId() throws Exception {
        String planted = plant();
        EmbeddedTomcat.assertPlantedIdCarriesTheUser(http, "/wicket", planted, login("/sign-in", planted));
        assertEquals("true", http.get("/wicket/whoami", planted).get("signedIn"), "signed in under the planted id");
    }

    @Test
    void changeSessionIdBeforeSignInGivesANewId() throws Exception {
        String planted = plant();
        Reply login = login("/change-then-sign-in", planted);
        EmbeddedTomcat.assertNewIdCarriesTheUser(http, "/wicket", planted, login);
        assertEquals("false", http.get("/wicket/whoami", planted).get("signedIn"), "the planted id is not signed in");
    }

    @Test
    void replaceSessionBeforeTheWriteGivesANewId() throws Exception {
        String planted = plant();
        EmbeddedTomcat.assertNewIdCarriesTheUser(http, "/wicket", planted, login("/replace-then-field", planted));
    }

    @Test
    void webResponseAddCookieSendsTheServletCookieAsItIs() throws Exception {
        List<String> attributes = http.cookieAttributes("/wicket/add-cookie", "remember-me=t0k3n");
        System.out.println("[evidence] Wicket WebResponse.addCookie(new Cookie(...)) attributes: " + attributes);
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void cookieUtilsDefaultsSendNoSecureHttpOnlyOrSameSite() throws Exception {
        List<String> attributes = http.cookieAttributes("/wicket/cookie-utils", "remember-me=t0k3n");
        System.out.println("[evidence] Wicket new CookieUtils().save(...) attributes: " + attributes);
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        // CookieDefaults holds SameSite.Lax, which CookieUtils writes only for a web application whose effective
        // Servlet version is 6 or more (its source); this context, built without a web.xml, gets none.
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }
}
