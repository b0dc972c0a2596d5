package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

/**
 * The fact behind SessionGuard's header policy rule: a filter that hands the chain a response wrapper whose
 * {@code addHeader}/{@code setHeader} append the attributes a Set-Cookie text lacks (and whose {@code addCookie}
 * writes the cookie as such a header) decides those attributes for every cookie the application writes through
 * the servlet response: a hand-written header, a servlet {@code Cookie}, and a Spring MVC {@code ResponseCookie}
 * returned in a {@code ResponseEntity} header (Spring writes it through the wrapped response). Tomcat 11 sends the
 * texts as the wrapper made them. A wrapper that adds only SameSite leaves Secure and HttpOnly as the code wrote.
 */
@Timeout(60)
class HeaderHardeningWrapperTest {

    /** Adds what a Set-Cookie text lacks of the attributes it was made with. */
    static final class HardeningFilter extends HttpFilter {
        private final boolean allFlags;

        HardeningFilter(boolean allFlags) {
            this.allFlags = allFlags;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void addCookie(Cookie cookie) {
                    super.addHeader("Set-Cookie", harden(cookie.getName() + "=" + cookie.getValue() + "; Path=/"));
                }

                @Override
                public void addHeader(String name, String value) {
                    super.addHeader(name, "Set-Cookie".equalsIgnoreCase(name) ? harden(value) : value);
                }

                @Override
                public void setHeader(String name, String value) {
                    super.setHeader(name, "Set-Cookie".equalsIgnoreCase(name) ? harden(value) : value);
                }
            });
        }

        private String harden(String header) {
            String lower = header.toLowerCase(Locale.ROOT);
            StringBuilder hardened = new StringBuilder(header);
            if (allFlags && !lower.contains("; secure")) {
                hardened.append("; Secure");
            }
            if (allFlags && !lower.contains("; httponly")) {
                hardened.append("; HttpOnly");
            }
            if (!lower.contains("; samesite=")) {
                hardened.append("; SameSite=Lax");
            }
            return hardened.toString();
        }
    }

    @RestController
    public static class TokenController {
        @GetMapping("/mvc")
        public ResponseEntity<String> token() {
            ResponseCookie cookie = ResponseCookie.from("mvc_token", "t").path("/").build();
            return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body("ok");
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
    void everyCookieWrittenThroughTheWrappedResponseGetsTheAddedAttributes(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, true);
        for (String name : List.of("header_cookie", "servlet_cookie", "mvc_token")) {
            String header = headerOf(headers, name);
            assertTrue(header.contains("; Secure") && header.contains("; HttpOnly") && header.contains("; SameSite=Lax"),
                    name + " is sent hardened: " + header);
        }
    }

    @Test
    void aWrapperThatAddsOnlySameSiteLeavesSecureAndHttpOnlyToTheCode(@TempDir Path baseDir) throws Exception {
        List<String> headers = setCookieHeaders(baseDir, false);
        String header = headerOf(headers, "header_cookie");
        assertTrue(header.contains("; SameSite=Lax"), header);
        assertTrue(!header.contains("Secure") && !header.contains("HttpOnly"), header);
    }

    private static List<String> setCookieHeaders(Path baseDir, boolean allFlags) throws Exception {
        try (EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir)) {
            Context context = tomcat.addContext("");
            EmbeddedTomcat.addFilter(context, "hardening", new HardeningFilter(allFlags), "/*");
            EmbeddedTomcat.addServlet(context, "/cookies", (request, response, out) -> {
                response.addHeader("Set-Cookie", "header_cookie=1; Path=/");
                response.addCookie(new Cookie("servlet_cookie", "2"));
                out.put("ok", "true");
            });
            AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
            spring.register(Mvc.class);
            Wrapper dispatcher = Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring));
            dispatcher.setLoadOnStartup(1);
            context.addServletMappingDecoded("/", "dispatcher");
            tomcat.start();
            HttpClient client = HttpClient.newHttpClient();
            List<String> headers = new java.util.ArrayList<>();
            for (String path : List.of("/cookies", "/mvc")) {
                HttpResponse<String> reply = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, reply.statusCode(), reply.body());
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
