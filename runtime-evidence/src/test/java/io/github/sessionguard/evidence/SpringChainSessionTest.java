package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.security.web.authentication.session.RegisterSessionAuthenticationStrategy;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Spring Security 7 filter chains built by its own DSL ({@code @EnableWebSecurity}, {@code HttpSecurity}) in
 * front of embedded Tomcat 11, on requests that present a planted session id. The facts behind the rules for
 * holder-only logins, STATELESS chains, hand-built login filters and SecurityContextLogoutHandler:
 * <ul>
 * <li>{@code /dsl}: a default chain. {@code request.login} on the request Spring's servletApi() wraps
 * authenticates through Spring Security, saves the context in the planted session and keeps its id. A controller-style login that only sets the holder's authentication
 * authenticates no session (6+ saves only on request); the DSL's form login changes the id;
 * {@code SecurityContextLogoutHandler.logout} invalidates the planted session.</li>
 * <li>{@code /implicit}: the same with {@code requireExplicitSave(false)}: the holder login is saved into the
 * planted session, whose id stays (fixation).</li>
 * <li>{@code /stateless-implicit}: STATELESS with {@code requireExplicitSave(false)}: the holder login is
 * still not in the session.</li>
 * <li>{@code /stateless}: STATELESS with {@code sessionFixation().none()}: neither the form login nor the
 * holder login authenticates the planted session.</li>
 * <li>{@code /filter}: login filters built by hand and added with {@code addFilterAt} next to the DSL's form
 * login: with the default repository nothing reaches the session; with a session repository and the default
 * (Null) strategy the planted id is logged in; with a ChangeSessionIdAuthenticationStrategy it is not.</li>
 * <li>{@code /register-strategy}: the DSL's form login with {@code sessionAuthenticationStrategy(new
 * RegisterSessionAuthenticationStrategy(registry))}: the provided strategy replaces the DSL's id change, and the
 * planted id is logged in.</li>
 * </ul>
 */
@Timeout(120)
class SpringChainSessionTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;
    private static final List<AnnotationConfigApplicationContext> SPRING = new ArrayList<>();

    static InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(EmbeddedTomcat.USER).password("{noop}" + EmbeddedTomcat.PASSWORD).roles("USER").build());
    }

    static AuthenticationManager authenticationManager() {
        return new ProviderManager(new DaoAuthenticationProvider(users()));
    }

    @Configuration
    @EnableWebSecurity
    static class DefaultChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }
    }

    /**
     * The DSL's form login with a session strategy of the application's choice that changes no id (registering
     * sessions for concurrency control): the provided strategy replaces the DSL's id-changing one.
     */
    @Configuration
    @EnableWebSecurity
    static class RegisterStrategyChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .formLogin(Customizer.withDefaults())
                    .sessionManagement(session -> session.sessionAuthenticationStrategy(
                            new RegisterSessionAuthenticationStrategy(new SessionRegistryImpl())));
            return http.build();
        }
    }

    /**
     * A form login through a custom AuthenticationProvider that checks the password itself and caches the
     * user in the session (through RequestContextHolder, as applications do): the provider runs inside the
     * login filter, before its session strategy.
     */
    @Configuration
    @EnableWebSecurity
    static class SessionWritingProviderChain {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .authenticationProvider(new SessionWritingProvider())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }
    }

    static final class SessionWritingProvider implements AuthenticationProvider {
        @Override
        public Authentication authenticate(Authentication authentication) {
            if (!EmbeddedTomcat.USER.equals(authentication.getName())
                    || !EmbeddedTomcat.PASSWORD.equals(String.valueOf(authentication.getCredentials()))) {
                throw new BadCredentialsException("Bad credentials");
            }
            ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest().getSession()
                    .setAttribute("loginUser", authentication.getName());
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    @Configuration
    @EnableWebSecurity
    static class ImplicitSaveChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .securityContext(context -> context.requireExplicitSave(false));
            return http.build();
        }
    }

    @Configuration
    @EnableWebSecurity
    static class StatelessChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .formLogin(Customizer.withDefaults())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                            .sessionFixation(fixation -> fixation.none()));
            return http.build();
        }
    }

    @Configuration
    @EnableWebSecurity
    static class StatelessImplicitSaveChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .securityContext(context -> context.requireExplicitSave(false));
            return http.build();
        }
    }

    @Configuration
    @EnableWebSecurity
    static class HandBuiltFilterChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            AbstractAuthenticationProcessingFilter plain = loginFilter("/json-default");
            AbstractAuthenticationProcessingFilter session = loginFilter("/json-session");
            session.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
            AbstractAuthenticationProcessingFilter guarded = loginFilter("/json-guarded");
            guarded.setSecurityContextRepository(new HttpSessionSecurityContextRepository());
            guarded.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .formLogin(Customizer.withDefaults())
                    .addFilterAt(plain, UsernamePasswordAuthenticationFilter.class)
                    .addFilterAt(session, UsernamePasswordAuthenticationFilter.class)
                    .addFilterAt(guarded, UsernamePasswordAuthenticationFilter.class);
            return http.build();
        }
    }

    /** A REST login filter as applications write them: its own matcher, credentials from the request. */
    static AbstractAuthenticationProcessingFilter loginFilter(String path) {
        AbstractAuthenticationProcessingFilter filter = new AbstractAuthenticationProcessingFilter(
                (RequestMatcher) request -> path.equals(request.getServletPath()), authenticationManager()) {
            @Override
            public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
                return getAuthenticationManager().authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                        request.getParameter("username"), request.getParameter("password")));
            }
        };
        filter.setAuthenticationSuccessHandler((request, response, authentication) -> {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("after=" + EmbeddedTomcat.currentId(request) + "\nauthenticated="
                    + authentication.isAuthenticated() + "\n");
        });
        return filter;
    }

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        mount("/dsl", DefaultChain.class);
        mount("/implicit", ImplicitSaveChain.class);
        mount("/stateless", StatelessChain.class);
        mount("/stateless-implicit", StatelessImplicitSaveChain.class);
        mount("/filter", HandBuiltFilterChain.class);
        mount("/provider", SessionWritingProviderChain.class);
        mount("/register-strategy", RegisterStrategyChain.class);
        tomcat.start();
        http = tomcat.client();
    }

    private static void mount(String path, Class<?> configuration) {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(configuration);
        SPRING.add(spring);
        Context app = tomcat.addContext(path);
        // As Spring Boot does: the request holder is filled before the security chain runs.
        FilterDef holder = new FilterDef();
        holder.setFilterName("requestContextFilter");
        holder.setFilter(new RequestContextFilter());
        app.addFilterDef(holder);
        FilterMap holderMap = new FilterMap();
        holderMap.setFilterName("requestContextFilter");
        holderMap.addURLPattern("/*");
        app.addFilterMap(holderMap);
        FilterDef def = new FilterDef();
        def.setFilterName("springSecurityFilterChain");
        def.setFilter(spring.getBean("springSecurityFilterChain", Filter.class));
        app.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("springSecurityFilterChain");
        map.addURLPattern("/*");
        app.addFilterMap(map);
        EmbeddedTomcat.addPlantAndWhoami(app);
        AuthenticationManager authenticationManager = authenticationManager();
        // The JWT-tutorial controller: authenticate, put the result in the holder, nothing else.
        EmbeddedTomcat.addServlet(app, "/holder-login", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            Authentication authentication = authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(EmbeddedTomcat.USER, EmbeddedTomcat.PASSWORD));
            SecurityContextHolder.getContext().setAuthentication(authentication);
            out.put("after", EmbeddedTomcat.currentId(req));
        });
        // The servlet API login, on the request Spring Security's servletApi() integration wraps.
        EmbeddedTomcat.addServlet(app, "/request-login", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            out.put("requestType", req.getClass().getSimpleName());
            req.login(EmbeddedTomcat.USER, EmbeddedTomcat.PASSWORD);
            out.put("after", EmbeddedTomcat.currentId(req));
            out.put("remoteUser", String.valueOf(req.getRemoteUser()));
        });
        EmbeddedTomcat.addServlet(app, "/logout-handler", (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            new SecurityContextLogoutHandler().logout(req, resp, null);
            out.put("afterLogout", EmbeddedTomcat.currentId(req));
            out.put("after", req.getSession(true).getId());
        });
        EmbeddedTomcat.addServlet(app, "/login-user", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            out.put("loginUser", session == null ? "none" : String.valueOf(session.getAttribute("loginUser")));
        });
        EmbeddedTomcat.addServlet(app, "/spring-whoami", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            Object context = session == null ? null
                    : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            out.put("name", context instanceof SecurityContext sc && sc.getAuthentication() != null
                    ? sc.getAuthentication().getName() : "anonymous");
        });
        // Servlets behind the login paths (Tomcat answers 404 before any filter for an unmapped path).
        for (String login : List.of("/login", "/json-default", "/json-session", "/json-guarded")) {
            EmbeddedTomcat.addServlet(app, login, (req, resp, out) -> out.put("reached", "servlet"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
        SPRING.forEach(AnnotationConfigApplicationContext::close);
    }

    private static String plant(String app) throws Exception {
        Reply planted = http.get(app + "/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId());
        return planted.get("session");
    }

    private static String springUser(String app, String id) throws Exception {
        return http.get(app + "/spring-whoami", id).get("name");
    }

    private static void log(String what, String planted, Reply reply) {
        System.out.printf("[evidence] Spring Security chain %s: planted %s -> status %d, after %s, issued %s%n", what,
                planted, reply.status(), reply.get("after"), reply.issuedId());
    }

    @Test
    void holderOnlyLoginAuthenticatesNoSessionOnSpringSecurity6Defaults() throws Exception {
        String planted = plant("/dsl");
        Reply login = http.get("/dsl/holder-login", planted);
        log("/dsl/holder-login", planted, login);
        assertEquals(planted, login.get("before"));
        assertEquals(planted, login.get("after"));
        assertEquals("anonymous", springUser("/dsl", planted), "nothing saved the holder's context in the session");
    }

    @Test
    void holderOnlyLoginIsSavedInThePlantedSessionWithImplicitSave() throws Exception {
        String planted = plant("/implicit");
        Reply login = http.get("/implicit/holder-login", planted);
        log("/implicit/holder-login", planted, login);
        assertEquals(planted, login.get("after"));
        assertEquals(EmbeddedTomcat.USER, springUser("/implicit", planted),
                "requireExplicitSave(false): the planted id is now logged in (fixation)");
    }

    @Test
    void formLoginOfTheDslChangesTheId() throws Exception {
        String planted = plant("/dsl");
        Reply login = http.postForm("/dsl/login", "username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD,
                planted);
        log("/dsl/login (form)", planted, login);
        assertEquals(302, login.status());
        assertTrue(login.issuedId().isPresent(), "a new id is issued");
        assertNotEquals(planted, login.issuedId().get());
        assertEquals("anonymous", springUser("/dsl", planted));
        assertEquals(EmbeddedTomcat.USER, springUser("/dsl", login.issuedId().get()));
    }

    @Test
    void aProvidedStrategyThatChangesNoIdReplacesTheDslsIdChange() throws Exception {
        String planted = plant("/register-strategy");
        Reply login = http.postForm("/register-strategy/login", "username=" + EmbeddedTomcat.USER + "&password="
                + EmbeddedTomcat.PASSWORD, planted);
        log("/register-strategy/login (form, RegisterSessionAuthenticationStrategy)", planted, login);
        assertEquals(302, login.status());
        assertTrue(login.issuedId().isEmpty(), "no new id: the provided strategy replaced the id change");
        assertEquals(EmbeddedTomcat.USER, springUser("/register-strategy", planted), "the planted id is logged in: fixation");
    }

    @Test
    void customProviderSessionWriteIsFollowedByTheLoginFiltersIdChange() throws Exception {
        String planted = plant("/provider");
        Reply login = http.postForm("/provider/login",
                "username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted);
        log("/provider/login (form, provider writes the session)", planted, login);
        assertEquals(302, login.status());
        assertTrue(login.issuedId().isPresent(), "a new id is issued after the provider ran");
        assertNotEquals(planted, login.issuedId().get());
        assertEquals("none", http.get("/provider/login-user", planted).get("loginUser"),
                "the planted id opens nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/provider/login-user", login.issuedId().get()).get("loginUser"),
                "the provider's attribute moved to the new id");
    }

    @Test
    void statelessChainKeepsNoLoginInTheSessionEvenWithFixationNone() throws Exception {
        String planted = plant("/stateless");
        Reply form = http.postForm("/stateless/login",
                "username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD, planted);
        log("/stateless/login (form, none())", planted, form);
        assertEquals(302, form.status());
        assertTrue(form.issuedId().isEmpty(), "no new id (sessionFixation().none())");
        assertEquals("anonymous", springUser("/stateless", planted), "STATELESS: the planted session is not logged in");
        Reply holder = http.get("/stateless/holder-login", planted);
        log("/stateless/holder-login", planted, holder);
        assertEquals("anonymous", springUser("/stateless", planted));
    }

    @Test
    void statelessChainKeepsTheHolderOutOfTheSessionEvenWithImplicitSave() throws Exception {
        String planted = plant("/stateless-implicit");
        Reply holder = http.get("/stateless-implicit/holder-login", planted);
        log("/stateless-implicit/holder-login", planted, holder);
        assertEquals(planted, holder.get("after"));
        assertEquals("anonymous", springUser("/stateless-implicit", planted), "STATELESS: nothing saved in the session");
    }

    @Test
    void requestLoginThroughSpringSecuritysWrapperKeepsThePlantedId() throws Exception {
        String planted = plant("/dsl");
        Reply login = http.get("/dsl/request-login", planted);
        log("/dsl/request-login (" + login.get("requestType") + ")", planted, login);
        assertEquals("Servlet3SecurityContextHolderAwareRequestWrapper", login.get("requestType"),
                "the servlet sees Spring Security's request wrapper, not Tomcat's request");
        assertEquals(EmbeddedTomcat.USER, login.get("remoteUser"), "the login succeeded");
        assertEquals(planted, login.get("after"), "the wrapper's login kept the id (Tomcat's own id change is not involved)");
        assertTrue(login.issuedId().isEmpty());
        assertEquals(EmbeddedTomcat.USER, springUser("/dsl", planted), "the planted id is logged in: fixation");
    }

    @Test
    void logoutHandlerInvalidatesThePlantedSession() throws Exception {
        String planted = plant("/dsl");
        Reply reply = http.get("/dsl/logout-handler", planted);
        log("/dsl/logout-handler", planted, reply);
        assertEquals(planted, reply.get("before"));
        assertEquals("none", reply.get("afterLogout"), "SecurityContextLogoutHandler invalidates by default");
        assertNotEquals(planted, reply.get("after"));
        assertEquals("none", http.get("/dsl/whoami", planted).get("session"), "the planted id opens nothing");
    }

    private static Reply filterLogin(String path, String planted) throws Exception {
        Reply login = http.get("/filter" + path + "?username=" + EmbeddedTomcat.USER + "&password=" + EmbeddedTomcat.PASSWORD,
                planted);
        log("/filter" + path + " (addFilterAt)", planted, login);
        assertEquals("true", login.get("authenticated"), "the filter logged the user in");
        return login;
    }

    @Test
    void handBuiltFilterWithDefaultRepositoryKeepsTheLoginOutOfTheSession() throws Exception {
        String planted = plant("/filter");
        Reply login = filterLogin("/json-default", planted);
        assertEquals(planted, login.get("after"), "the Null strategy kept the id");
        assertEquals("anonymous", springUser("/filter", planted), "but the request-attribute repository saved nothing");
    }

    @Test
    void handBuiltFilterWithSessionRepositoryLogsThePlantedIdIn() throws Exception {
        String planted = plant("/filter");
        Reply login = filterLogin("/json-session", planted);
        assertEquals(planted, login.get("after"), "addFilterAt: no strategy from the DSL, the Null default kept the id");
        assertTrue(login.issuedId().isEmpty());
        assertEquals(EmbeddedTomcat.USER, springUser("/filter", planted), "the planted id is logged in: fixation");
    }

    @Test
    void handBuiltFilterWithChangeSessionIdStrategyGivesANewId() throws Exception {
        String planted = plant("/filter");
        Reply login = filterLogin("/json-guarded", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("anonymous", springUser("/filter", planted));
        assertEquals(EmbeddedTomcat.USER, springUser("/filter", login.get("after")));
    }
}
