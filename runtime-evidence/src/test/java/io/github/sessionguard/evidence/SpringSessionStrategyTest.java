package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionguard.evidence.Loopback.Reply;
import jakarta.servlet.http.HttpSession;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionFixationProtectionStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Fact 4: Spring Security 7 session authentication strategies, called the way its login filters call them
 * (authenticate, then {@code onAuthentication}, then save the SecurityContext in the session), inside embedded
 * Tomcat 11 on a request that presents a planted session id.
 */
@Timeout(60)
class SpringSessionStrategyTest {

    @TempDir
    static Path baseDir;

    private static EmbeddedTomcat tomcat;
    private static Loopback http;

    @BeforeAll
    static void start() throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername(EmbeddedTomcat.USER).password("{noop}" + EmbeddedTomcat.PASSWORD).roles("USER").build()));
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        AuthenticationManager authenticationManager = new ProviderManager(provider);
        HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

        tomcat = new EmbeddedTomcat(baseDir);
        Context app = tomcat.addContext("");
        EmbeddedTomcat.addPlantAndWhoami(app);
        addLogin(app, "/login-change-id", new ChangeSessionIdAuthenticationStrategy(), authenticationManager, repository);
        addLogin(app, "/login-null", new NullAuthenticatedSessionStrategy(), authenticationManager, repository);
        addLogin(app, "/login-migrate", new SessionFixationProtectionStrategy(), authenticationManager, repository);
        // Who the presented id is logged in as, read from where Spring Security keeps it.
        EmbeddedTomcat.addServlet(app, "/spring-whoami", (req, resp, out) -> {
            HttpSession session = req.getSession(false);
            Object context = session == null ? null
                    : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            out.put("name", context instanceof SecurityContext sc && sc.getAuthentication() != null
                    ? sc.getAuthentication().getName() : "anonymous");
        });
        tomcat.start();
        http = tomcat.client();
    }

    private static void addLogin(Context app, String path, SessionAuthenticationStrategy strategy,
            AuthenticationManager authenticationManager, HttpSessionSecurityContextRepository repository) {
        EmbeddedTomcat.addServlet(app, path, (req, resp, out) -> {
            out.put("before", EmbeddedTomcat.currentId(req));
            Authentication authentication = authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(EmbeddedTomcat.USER, EmbeddedTomcat.PASSWORD));
            strategy.onAuthentication(authentication, req, resp);
            repository.saveContext(new SecurityContextImpl(authentication), req, resp);
            out.put("after", EmbeddedTomcat.currentId(req));
            out.put("authenticated", String.valueOf(authentication.isAuthenticated()));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private static Reply login(String path) throws Exception {
        Reply planted = http.get("/plant", null);
        assertEquals(Optional.of(planted.get("session")), planted.issuedId());
        Reply login = http.get(path, planted.get("session"));
        System.out.printf("[evidence] Spring Security %s: %s -> %s%n", path, planted.get("session"), login.get("after"));
        assertEquals(planted.get("session"), login.get("before"), "the login request runs in the planted session");
        assertEquals("true", login.get("authenticated"));
        return login;
    }

    @Test
    void changeSessionIdStrategyGivesANewId() throws Exception {
        Reply login = login("/login-change-id");
        String planted = login.get("before");
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("anonymous", http.get("/spring-whoami", planted).get("name"), "the planted id is worth nothing");
        assertEquals(EmbeddedTomcat.USER, http.get("/spring-whoami", login.get("after")).get("name"));
        assertEquals("3 items", http.get("/whoami", login.get("after")).get("cart"), "attributes kept");
    }

    @Test
    void sessionFixationProtectionStrategyGivesANewSessionWithTheAttributes() throws Exception {
        Reply login = login("/login-migrate");
        String planted = login.get("before");
        assertNotEquals(planted, login.get("after"));
        assertEquals(Optional.of(login.get("after")), login.issuedId());
        assertEquals("none", http.get("/whoami", planted).get("session"), "the planted session was invalidated");
        assertEquals(EmbeddedTomcat.USER, http.get("/spring-whoami", login.get("after")).get("name"));
        assertEquals("3 items", http.get("/whoami", login.get("after")).get("cart"), "attributes migrated");
    }

    @Test
    void nullStrategyKeepsThePlantedId() throws Exception {
        Reply login = login("/login-null");
        String planted = login.get("before");
        assertEquals(planted, login.get("after"));
        assertTrue(login.issuedId().isEmpty(), "no new cookie");
        assertEquals(EmbeddedTomcat.USER, http.get("/spring-whoami", planted).get("name"),
                "the planted id is now logged in as the victim: session fixation");
    }
}
