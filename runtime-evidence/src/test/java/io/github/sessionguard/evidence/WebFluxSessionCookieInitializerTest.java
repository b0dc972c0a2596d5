package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.TomcatHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * WebFlux's session cookie as {@code CookieWebSessionIdResolver} writes it, served by embedded Tomcat 11 over plain
 * HTTP, one application per resolver: the facts behind the resolver's catalogue row.
 * <ul>
 * <li>as it comes: {@code SESSION}, HttpOnly, SameSite=Lax (Secure only on HTTPS requests);</li>
 * <li>an initializer ({@code addCookieInitializer}) runs after those defaults and wins: {@code sameSite("None")}
 * sends SameSite=None, {@code httpOnly(false)} drops HttpOnly.</li>
 * </ul>
 */
@Timeout(60)
class WebFluxSessionCookieInitializerTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        app("/defaults", resolver -> { });
        app("/cross-site", resolver -> resolver.addCookieInitializer(cookie -> cookie.secure(true).sameSite("None")));
        app("/script-readable", resolver -> resolver.addCookieInitializer(cookie -> cookie.httpOnly(false)));
        tomcat.start();
        http = new Loopback(tomcat.port(), "SESSION");
    }

    /** A WebFlux application at {@code path} whose session manager uses a resolver configured by {@code setup}. */
    private static void app(String path, Consumer<CookieWebSessionIdResolver> setup) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        setup.accept(resolver);
        DefaultWebSessionManager sessions = new DefaultWebSessionManager();
        sessions.setSessionIdResolver(resolver);
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/plant", request -> request.session().flatMap(session -> {
                    session.getAttributes().put("cart", "3 items");
                    return ServerResponse.ok().bodyValue("session=" + session.getId() + "\n");
                }))
                .build();
        Context app = tomcat.addContext(path);
        Wrapper servlet = Tomcat.addServlet(app, "webflux", new TomcatHttpHandlerAdapter(
                WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes)).sessionManager(sessions).build()));
        servlet.setAsyncSupported(true);
        app.addServletMappingDecoded("/", "webflux");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static List<String> sessionCookie(String path) throws Exception {
        List<String> attributes = http.cookieAttributes(path + "/plant", "SESSION=");
        System.out.printf("[evidence] WebFlux %s: SESSION cookie %s%n", path, attributes);
        return attributes;
    }

    @Test
    void defaultsAreHttpOnlyAndLax() throws Exception {
        List<String> attributes = sessionCookie("/defaults");
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.contains("samesite=lax"), attributes.toString());
        assertFalse(attributes.contains("secure"), "Secure follows the request's scheme: plain HTTP here");
    }

    @Test
    void anInitializerOverridesSameSite() throws Exception {
        List<String> attributes = sessionCookie("/cross-site");
        assertTrue(attributes.contains("samesite=none"), attributes.toString());
        assertFalse(attributes.contains("samesite=lax"), attributes.toString());
        assertTrue(attributes.contains("secure"), attributes.toString());
        assertTrue(attributes.contains("httponly"), attributes.toString());
    }

    @Test
    void anInitializerDropsHttpOnly() throws Exception {
        List<String> attributes = sessionCookie("/script-readable");
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertEquals(1, attributes.stream().filter(a -> a.startsWith("samesite=")).count(), attributes.toString());
    }
}
