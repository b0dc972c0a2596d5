package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.TomcatHttpHandlerAdapter;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Spring WebFlux 7 (functional routes, its default {@code DefaultWebSessionManager}: in-memory store, cookie
 * {@code SESSION}) served by embedded Tomcat 11 through {@code TomcatHttpHandlerAdapter}, on requests that present
 * a planted {@code SESSION} id. The facts behind the WebFlux {@code WebSession} rules:
 * <ul>
 * <li>a login that puts the user into {@code WebSession.getAttributes()} keeps the planted id, which is then
 * logged in (fixation);</li>
 * <li>{@code webSession.changeSessionId()} composed into the handler's returned chain gives a new id, and the
 * planted id opens nothing; the same call whose {@code Mono} is dropped (not subscribed) changes nothing;</li>
 * <li>{@code invalidate()} composed before the put: the planted id opens nothing, but the exchange keeps the
 * invalidated session, so the user is stored under no id and the cookie is cleared (the login is lost);</li>
 * <li>{@code WebSessionServerSecurityContextRepository.save} (what WebFlux Spring Security's form login uses, and
 * what a custom handler calls) changes the id by itself: its {@code save} ends in
 * {@code .flatMap(WebSession::changeSessionId)} (read in spring-security-web 7.1.2 sources and in the 6.4.5
 * bytecode). A {@code save} whose Mono is dropped stores nothing and keeps the id.</li>
 * </ul>
 */
@Timeout(60)
class WebFluxSessionLoginTest {

    private static final String COOKIE = "SESSION";

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        ReactiveAuthenticationManager authenticationManager = new UserDetailsRepositoryReactiveAuthenticationManager(
                new MapReactiveUserDetailsService(User.withUsername(EmbeddedTomcat.USER)
                        .password("{noop}" + EmbeddedTomcat.PASSWORD).roles("USER").build()));
        WebSessionServerSecurityContextRepository repository = new WebSessionServerSecurityContextRepository();
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/plant", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("cart", "3 items");
                    return text(Map.of("session", session.getId()));
                }))
                // The login handler people write: check the password, put the user into the WebSession.
                .GET("/login-put", request -> login(request, authenticationManager, (session, user) -> {
                    session.getAttributes().put("user", user);
                    return Mono.empty();
                }))
                // The fix: compose changeSessionId() into the returned chain.
                .GET("/login-put-change", request -> login(request, authenticationManager, (session, user) -> {
                    session.getAttributes().put("user", user);
                    return session.changeSessionId();
                }))
                // The mistake the detector rejects: the id change's Mono is created and dropped.
                .GET("/login-put-change-dropped", request -> login(request, authenticationManager, (session, user) -> {
                    session.getAttributes().put("user", user);
                    session.changeSessionId();
                    return Mono.empty();
                }))
                // The other rotation the plugin accepts: invalidate() composed into the chain, then the put.
                .GET("/login-invalidate-put", request -> login(request, authenticationManager, (session, user) ->
                        session.invalidate().then(request.session()).doOnNext(current ->
                                current.getAttributes().put("user", user))))
                // A custom login handler that saves the context through Spring Security's WebSession repository.
                .GET("/login-repository", request -> login(request, authenticationManager, (session, user) -> {
                    SecurityContext context = new SecurityContextImpl(
                            UsernamePasswordAuthenticationToken.authenticated(user, null, java.util.List.of()));
                    return repository.save(request.exchange(), context);
                }))
                // The same save whose Mono is dropped: nothing runs.
                .GET("/login-repository-dropped", request -> login(request, authenticationManager, (session, user) -> {
                    repository.save(request.exchange(), new SecurityContextImpl(
                            UsernamePasswordAuthenticationToken.authenticated(user, null, java.util.List.of())));
                    return Mono.empty();
                }))
                .GET("/whoami", request -> request.session().flatMap(session -> {
                    Map<String, String> out = new LinkedHashMap<>();
                    out.put("session", session.isStarted() ? session.getId() : "none");
                    out.put("user", String.valueOf(session.getAttributes().get("user")));
                    out.put("cart", String.valueOf(session.getAttributes().get("cart")));
                    Object context = session.getAttributes()
                            .get(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
                    out.put("springUser", context instanceof SecurityContext sc && sc.getAuthentication() != null
                            ? sc.getAuthentication().getName() : "anonymous");
                    return text(out);
                }))
                .build();
        tomcat = new EmbeddedTomcat(baseDir);
        Context app = tomcat.addContext("");
        Wrapper servlet = Tomcat.addServlet(app, "webflux", new TomcatHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes)));
        servlet.setAsyncSupported(true);
        app.addServletMappingDecoded("/", "webflux");
        tomcat.start();
        http = new Loopback(tomcat.port(), COOKIE);
    }

    /** Authenticates alice/s3cret, runs {@code step} on the session, and answers the ids before and after it. */
    private static Mono<ServerResponse> login(ServerRequest request, ReactiveAuthenticationManager manager,
            BiFunction<WebSession, String, Mono<?>> step) {
        return request.session().flatMap(session -> {
            String before = session.getId();
            return manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(EmbeddedTomcat.USER,
                            EmbeddedTomcat.PASSWORD))
                    .flatMap(authentication -> step.apply(session, authentication.getName()).then(request.session()))
                    .flatMap(after -> {
                        Map<String, String> out = new LinkedHashMap<>();
                        out.put("before", before);
                        out.put("after", after.getId());
                        out.put("sameObject", String.valueOf(after == session));
                        out.put("started", String.valueOf(after.isStarted()));
                        out.put("expired", String.valueOf(after.isExpired()));
                        return text(out);
                    });
        });
    }

    private static Mono<ServerResponse> text(Map<String, String> out) {
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(text.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static Reply login(String path, String planted) throws Exception {
        Reply login = Loopback.ranInPlantedSession("WebFlux " + path, planted, http.get(path, planted));
        return login;
    }

    @Test
    void webSessionAttributeLoginKeepsThePlantedId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-put", planted);
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty() || login.issuedId().get().equals(planted), "no new SESSION id issued");
        Reply whoami = http.get("/whoami", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals(EmbeddedTomcat.USER, whoami.get("user"), "the planted id is logged in: fixation");
        assertEquals("3 items", whoami.get("cart"));
    }

    @Test
    void composedChangeSessionIdGivesANewId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-put-change", planted);
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId(), "the new id is sent as the SESSION cookie");
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        Reply renewed = http.get("/whoami", login.get("after"));
        assertEquals(EmbeddedTomcat.USER, renewed.get("user"));
        assertEquals("3 items", renewed.get("cart"), "attributes move to the new id");
    }

    @Test
    void droppedChangeSessionIdChangesNothing() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-put-change-dropped", planted);
        assertEquals(planted, login.get("after"), "a Mono nobody subscribes to does not run");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", planted).get("user"), "the planted id is logged in");
    }

    @Test
    void composedInvalidateDropsThePlantedSession() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-invalidate-put", planted);
        System.out.printf("[evidence] WebFlux /login-invalidate-put: after %s, same session object %s, started %s, "
                + "issued %s%n", login.get("after"), login.get("sameObject"), login.get("started"), login.issuedId());
        Reply old = http.get("/whoami", planted);
        assertEquals("none", old.get("session"), "the planted id opens nothing: no fixation");
        assertEquals("null", old.get("user"));
        // But the exchange keeps its (now invalid) session: the user put after invalidate() is stored under no id,
        // and the response clears the SESSION cookie. The login is lost, not fixed; changeSessionId() is the fix.
        assertEquals("true", login.get("sameObject"), "request.session() after invalidate() is the same session");
        assertEquals(planted, login.get("after"));
        assertEquals(Optional.of(""), login.issuedId(), "the SESSION cookie is cleared, no new id is issued");
    }

    @Test
    void webSessionSecurityContextRepositorySaveChangesTheIdByItself() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-repository", planted);
        assertNotEquals(planted, login.get("after"), "save(...) ends in flatMap(WebSession::changeSessionId)");
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted id opens nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/whoami", login.get("after")).get("springUser"),
                "the context is saved under the new id");
    }

    @Test
    void droppedRepositorySaveNeitherLogsInNorChangesTheId() throws Exception {
        String planted = http.plant();
        Reply login = login("/login-repository-dropped", planted);
        assertEquals(planted, login.get("after"));
        Reply whoami = http.get("/whoami", planted);
        assertEquals(planted, whoami.get("session"));
        assertEquals("anonymous", whoami.get("springUser"), "a save nobody subscribes to stores nothing");
    }
}
