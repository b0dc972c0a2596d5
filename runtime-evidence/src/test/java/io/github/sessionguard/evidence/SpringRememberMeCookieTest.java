package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The facts behind SessionGuard's Spring Security remember-me rows: the cookie the framework writes for
 * {@code http.rememberMe(...)} (its {@code TokenBasedRememberMeServices}) on a real form login over plain
 * HTTP is HttpOnly, has no Secure (Secure follows {@code request.isSecure()}) and has no SameSite attribute;
 * Tomcat's {@code sameSiteCookies} policy gives it the policy's SameSite, since it goes out through
 * {@code response.addCookie}.
 */
@Timeout(120)
class SpringRememberMeCookieTest {

    @Configuration
    @EnableWebSecurity
    static class RememberMeChain {
        @Bean
        InMemoryUserDetailsManager userDetailsService() {
            return SpringChainSessionTest.users();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .formLogin(Customizer.withDefaults())
                    .rememberMe(remember -> remember.key("evidence-key"));
            return http.build();
        }
    }

    @Test
    void rememberMeCookieIsHttpOnlyButNeitherSecureNorSameSite(@TempDir Path baseDir) throws Exception {
        String cookie = rememberMeCookieAfterLogin(baseDir, null);
        System.out.println("[evidence] Spring Security remember-me cookie, no policy: " + cookie);
        List<String> attributes = attributes(cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertFalse(attributes.contains("secure"), cookie);
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), cookie);
    }

    @Test
    void tomcatSameSitePolicyReachesTheRememberMeCookie(@TempDir Path baseDir) throws Exception {
        String cookie = rememberMeCookieAfterLogin(baseDir, "Lax");
        System.out.println("[evidence] Spring Security remember-me cookie, Tomcat Lax policy: " + cookie);
        assertTrue(attributes(cookie).contains("samesite=lax"), cookie);
    }

    private static List<String> attributes(String cookie) {
        return java.util.Arrays.stream(cookie.split(";")).skip(1).map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Logs in through the DSL's form login with remember-me checked; the remember-me Set-Cookie header. */
    private static String rememberMeCookieAfterLogin(Path baseDir, String sameSitePolicy) throws Exception {
        try (AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(RememberMeChain.class);
                EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir)) {
            Context app = tomcat.addContext("/rm");
            if (sameSitePolicy != null) {
                Rfc6265CookieProcessor processor = new Rfc6265CookieProcessor();
                processor.setSameSiteCookies(sameSitePolicy);
                app.setCookieProcessor(processor);
            }
            FilterDef def = new FilterDef();
            def.setFilterName("springSecurityFilterChain");
            def.setFilter(spring.getBean("springSecurityFilterChain", Filter.class));
            app.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("springSecurityFilterChain");
            map.addURLPattern("/*");
            app.addFilterMap(map);
            EmbeddedTomcat.addServlet(app, "/login", (req, resp, out) -> out.put("reached", "servlet"));
            tomcat.start();
            HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tomcat.port() + "/rm/login"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("username=" + EmbeddedTomcat.USER + "&password="
                                    + EmbeddedTomcat.PASSWORD + "&remember-me=on"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, response.statusCode(), "the form login succeeded and redirects");
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("remember-me="))
                    .findFirst().orElseThrow(() -> new AssertionError("no remember-me cookie: " + response.headers()));
        }
    }
}
