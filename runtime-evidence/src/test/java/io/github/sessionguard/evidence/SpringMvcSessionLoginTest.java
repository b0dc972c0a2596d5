package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.SessionAttributes;
import org.springframework.web.context.annotation.SessionScope;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring MVC 7 ({@code DispatcherServlet}, {@code @EnableWebMvc}) in embedded Tomcat 11, on login requests that
 * present a planted {@code JSESSIONID}. Where the framework keeps what a login handler hands it:
 * <ul>
 * <li>a model attribute named by the controller's {@code @SessionAttributes("user")}, or of a type it lists
 * ({@code types = User.class}), is stored in the {@code HttpSession} after the handler, under the planted id
 * (no id change): the planted id now carries the user;</li>
 * <li>a {@code @SessionScope} bean whose user field the login sets lives in the {@code HttpSession}
 * ({@code scopedTarget.currentUser}) under the planted id;</li>
 * <li>{@code request.changeSessionId()} in the handler before the write gives a new id, and the planted one opens
 * nothing.</li>
 * </ul>
 */
@Timeout(60)
class SpringMvcSessionLoginTest {

    /** A domain user; its conventional model name is "user". */
    public record User(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    static boolean valid(String username, String password) {
        return EmbeddedTomcat.USER.equals(username) && EmbeddedTomcat.PASSWORD.equals(password);
    }

    static String ids(String before, HttpServletRequest request) {
        return "before=" + before + "\nafter=" + EmbeddedTomcat.currentId(request) + "\n";
    }

    @Controller
    @SessionAttributes("user")
    public static class NamedController {
        @PostMapping("/named/login")
        @ResponseBody
        public String login(@RequestParam("username") String username, @RequestParam("password") String password, Model model,
                HttpServletRequest request) {
            String before = EmbeddedTomcat.currentId(request);
            if (valid(username, password)) {
                model.addAttribute("user", new User(username));
            }
            return ids(before, request);
        }

        @PostMapping("/named/login-change")
        @ResponseBody
        public String loginChange(@RequestParam("username") String username, @RequestParam("password") String password, Model model,
                HttpServletRequest request) {
            String before = EmbeddedTomcat.currentId(request);
            if (valid(username, password)) {
                request.changeSessionId();
                model.addAttribute("user", new User(username));
            }
            return ids(before, request);
        }
    }

    @Controller
    @SessionAttributes(types = User.class)
    public static class TypedController {
        @PostMapping("/typed/login")
        @ResponseBody
        public String login(@RequestParam("username") String username, @RequestParam("password") String password, Model model,
                HttpServletRequest request) {
            String before = EmbeddedTomcat.currentId(request);
            if (valid(username, password)) {
                model.addAttribute(new User(username));
            }
            return ids(before, request);
        }
    }

    /** The logged-in user of this browser session, as a session-scoped bean. */
    @SessionScope
    public static class CurrentUser {
        private String name;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    @Controller
    public static class ScopedController {
        @Autowired
        CurrentUser currentUser;

        @PostMapping("/scoped/login")
        @ResponseBody
        public String login(@RequestParam("username") String username, @RequestParam("password") String password,
                HttpServletRequest request) {
            String before = EmbeddedTomcat.currentId(request);
            if (valid(username, password)) {
                currentUser.setName(username);
            }
            return ids(before, request);
        }

        @PostMapping("/scoped/login-change")
        @ResponseBody
        public String loginChange(@RequestParam("username") String username,
                @RequestParam("password") String password, HttpServletRequest request) {
            String before = EmbeddedTomcat.currentId(request);
            if (valid(username, password)) {
                request.changeSessionId();
                currentUser.setName(username);
            }
            return ids(before, request);
        }
    }

    @Configuration
    @EnableWebMvc
    static class Mvc {
        @Bean
        NamedController namedController() {
            return new NamedController();
        }

        @Bean
        TypedController typedController() {
            return new TypedController();
        }

        @Bean
        @SessionScope
        CurrentUser currentUser() {
            return new CurrentUser();
        }

        @Bean
        ScopedController scopedController() {
            return new ScopedController();
        }
    }

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        Context app = tomcat.addContext("");
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(Mvc.class);
        Wrapper dispatcher = Tomcat.addServlet(app, "dispatcher", new DispatcherServlet(spring));
        dispatcher.setLoadOnStartup(1);
        app.addServletMappingDecoded("/", "dispatcher");
        EmbeddedTomcat.addPlantAndWhoami(app);
        // Where Spring keeps a session-scoped bean: the attribute "scopedTarget." + bean name.
        EmbeddedTomcat.addServlet(app, "/whoami-scoped", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            out.put("session", session == null ? "none" : session.getId());
            Object bean = session == null ? null : session.getAttribute("scopedTarget.currentUser");
            out.put("bean", bean == null ? "null" : bean.getClass().getSimpleName());
            out.put("name", bean instanceof CurrentUser user ? String.valueOf(user.getName()) : "null");
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

    private static Reply login(String path, String planted) throws Exception {
        Reply login = Loopback.ranInPlantedSession("Spring MVC " + path, planted, http.postLogin(path, planted));
        return login;
    }

    @Test
    void sessionAttributesByNameStoresTheUserUnderThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/named/login", planted);
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty(), "no new id issued");
        Reply whoami = http.get("/whoami", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals(EmbeddedTomcat.USER, whoami.get("user"), "@SessionAttributes put the user in the planted session");
        assertEquals("3 items", whoami.get("cart"));
    }

    @Test
    void sessionAttributesByTypeStoresTheUserUnderThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/typed/login", planted);
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty(), "no new id issued");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", planted).get("user"),
                "@SessionAttributes(types = User.class) stored it as \"user\" in the planted session");
    }

    @Test
    void changeSessionIdBeforeTheModelWriteGivesANewId() throws Exception {
        String planted = http.plant();
        Reply login = login("/named/login-change", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", login.get("after")).get("user"));
    }

    @Test
    void sessionScopedBeanLivesUnderThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/scoped/login", planted);
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty(), "no new id issued");
        Reply whoami = http.get("/whoami-scoped", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals("CurrentUser", whoami.get("bean"), "the bean is an HttpSession attribute");
        assertEquals(EmbeddedTomcat.USER, whoami.get("name"), "the planted id carries the logged-in user");
    }

    @Test
    void sessionScopedBeanAfterChangeSessionIdIsUnderTheNewId() throws Exception {
        String planted = http.plant();
        Reply login = login("/scoped/login-change", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/whoami-scoped", planted).get("session"), "the planted id opens nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami-scoped", login.get("after")).get("name"));
    }
}
