package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Why SessionGuard does not take a filter that rewrites the Set-Cookie headers after {@code chain.doFilter} returns
 * (the shape public code uses most to add SameSite to every cookie) for a policy over every cookie: what it rewrites
 * reaches the browser only while the response is not committed, and Spring MVC commits it. A plain servlet that
 * writes a short body and returns leaves the response uncommitted (Tomcat buffers the body), so its cookies are
 * rewritten; so is a {@code @RestController}'s JSON answer (Spring 7 writes it without committing); but its
 * {@code String} answer is flushed by Spring's {@code StringHttpMessageConverter}, so the rewrite is lost and that
 * cookie goes out as the code wrote it, as does any cookie of an answer the code flushes itself. Which cookies the
 * rewrite reaches depends on code the filter does not see. A filter that hands the chain Spring's
 * {@code ContentCachingResponseWrapper} and rewrites before {@code copyBodyToResponse()} keeps the body back, and
 * rewrites every cookie, flushed or not.
 */
@Timeout(60)
class AfterChainHeaderRewriteTest {

    /** After the chain: every Set-Cookie header again, with "; Secure; SameSite=Strict" added. */
    static final class RewriteAfterChain extends HttpFilter {
        private final boolean cachingBody;

        RewriteAfterChain(boolean cachingBody) {
            this.cachingBody = cachingBody;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (!cachingBody) {
                chain.doFilter(request, response);
                rewrite(response);
                return;
            }
            ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
            try {
                chain.doFilter(request, cached);
            } finally {
                rewrite(cached);
                cached.copyBodyToResponse();
            }
        }

        private static void rewrite(HttpServletResponse response) {
            List<String> headers = new ArrayList<>(response.getHeaders(HttpHeaders.SET_COOKIE));
            boolean first = true;
            for (String header : headers) {
                String hardened = header + "; Secure; SameSite=Strict";
                if (first) {
                    response.setHeader(HttpHeaders.SET_COOKIE, hardened);
                    first = false;
                } else {
                    response.addHeader(HttpHeaders.SET_COOKIE, hardened);
                }
            }
        }
    }

    @RestController
    public static class TokenController {
        @GetMapping("/mvc")
        public ResponseEntity<String> token() {
            ResponseCookie cookie = ResponseCookie.from("mvc_token", "t").path("/").build();
            return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body("ok");
        }

        @GetMapping("/mvc-json")
        public Map<String, String> json(HttpServletResponse response) {
            response.addCookie(new Cookie("json_token", "j"));
            return Map.of("status", "ok");
        }
    }

    @Configuration
    @EnableWebMvc
    static class Mvc {
        @Bean
        TokenController tokenController() {
            return new TokenController();
        }
    }

    @Test
    void aRewriteAfterTheChainReachesOnlyResponsesNotYetCommitted(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, false);
        assertTrue(isRewritten(headerOf(headers, "servlet_cookie")), "a plain servlet's short answer: " + headers);
        assertFalse(isRewritten(headerOf(headers, "flushed_cookie")), "a flushed answer: " + headers);
        assertFalse(isRewritten(headerOf(headers, "mvc_token")), "Spring MVC's String answer: " + headers);
        assertTrue(isRewritten(headerOf(headers, "json_token")), "Spring MVC's JSON answer: " + headers);
    }

    @Test
    void aRewriteBeforeACachedBodyIsCopiedReachesEveryCookie(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, true);
        for (String name : List.of("servlet_cookie", "flushed_cookie", "mvc_token", "json_token")) {
            assertTrue(isRewritten(headerOf(headers, name)), name + ": " + headers);
        }
    }

    private static boolean isRewritten(String header) {
        return header.contains("; Secure") && header.contains("SameSite=Strict");
    }

    private static List<String> setCookieHeaders(Path baseDir, boolean cachingBody) throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir)) {
            Context context = tomcat.addContext("");
            EmbeddedTomcat.addFilter(context, "rewrite", new RewriteAfterChain(cachingBody), "/*");
            EmbeddedTomcat.addServlet(context, "/servlet", (request, response, out) -> {
                response.addCookie(new Cookie("servlet_cookie", "1"));
                out.put("ok", "true");
            });
            EmbeddedTomcat.addServlet(context, "/flushed", (request, response, out) -> {
                response.addCookie(new Cookie("flushed_cookie", "2"));
                response.getWriter().write("ok");
                response.flushBuffer();
            });
            AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
            spring.register(Mvc.class);
            Wrapper dispatcher = Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring));
            dispatcher.setLoadOnStartup(1);
            context.addServletMappingDecoded("/", "dispatcher");
            tomcat.start();
            HttpClient client = HttpClient.newHttpClient();
            List<String> headers = new ArrayList<>();
            for (String path : List.of("/servlet", "/flushed", "/mvc", "/mvc-json")) {
                HttpResponse<String> reply = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, reply.statusCode(), path + ": " + reply.body());
                headers.addAll(reply.headers().allValues("Set-Cookie"));
            }
            return headers;
        }
    }

    private static String headerOf(List<String> headers, String name) {
        return headers.stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie header for " + name + " in " + headers));
    }
}
