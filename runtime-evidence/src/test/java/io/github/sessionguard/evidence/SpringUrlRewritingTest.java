package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security 7 in front of embedded Tomcat 11: whether the links a page encodes carry the session id. Tomcat
 * lets a session travel in URLs by default (its tracking modes include URL) and {@code encodeURL} adds
 * {@code ;jsessionid=} when the id did not come in a cookie; Spring Security's chain turns that off by default (its
 * response wrapper leaves URLs as they are), and {@code sessionManagement(s -> s.enableSessionUrlRewriting(true))}
 * turns it back on: the facts behind SESSION_ID_IN_URL for that switch.
 */
@Timeout(60)
class SpringUrlRewritingTest {

    @Configuration
    @EnableWebSecurity
    static class DefaultChain {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
            return http.build();
        }
    }

    @Configuration
    @EnableWebSecurity
    static class RewritingChain {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .sessionManagement(session -> session.enableSessionUrlRewriting(true));
            return http.build();
        }
    }

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static final List<AnnotationConfigApplicationContext> SPRING = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        tomcat = new EmbeddedTomcat(baseDir);
        mount("/default", DefaultChain.class);
        mount("/rewriting", RewritingChain.class);
        tomcat.start();
    }

    private static void mount(String path, Class<?> configuration) {
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(configuration);
        SPRING.add(spring);
        Context app = tomcat.addContext(path);
        EmbeddedTomcat.addFilter(app, "springSecurityFilterChain", spring.getBean("springSecurityFilterChain", Filter.class),
                "/*");
        EmbeddedTomcat.addServlet(app, "/link", (request, response, out) -> {
            out.put("session", request.getSession(true).getId());
            out.put("link", response.encodeURL(request.getContextPath() + "/next"));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        SPRING.forEach(AnnotationConfigApplicationContext::close);
        if (tomcat != null) {
            tomcat.close();
        }
    }

    /** The page's encoded link, for a browser that sends no cookie (its first visit, or cookies off). */
    private static String link(String contextPath) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + tomcat.port() + contextPath + "/link")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        for (String line : reply.body().split("\n")) {
            if (line.startsWith("link=")) {
                return line.substring("link=".length());
            }
        }
        throw new AssertionError("no link in " + reply.body());
    }

    @Test
    void theDefaultChainKeepsSessionIdsOutOfLinks() throws Exception {
        assertEquals("/default/next", link("/default"));
    }

    @Test
    void enableSessionUrlRewritingPutsTheSessionIdIntoLinks() throws Exception {
        String link = link("/rewriting");
        assertTrue(link.startsWith("/rewriting/next;jsessionid="), link);
    }
}
