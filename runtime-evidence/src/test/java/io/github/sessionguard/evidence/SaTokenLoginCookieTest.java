package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.dev33.satoken.SaManager;
import cn.dev33.satoken.config.SaCookieConfig;
import cn.dev33.satoken.config.SaTokenConfig;
import cn.dev33.satoken.context.SaTokenContext;
import cn.dev33.satoken.context.model.SaRequest;
import cn.dev33.satoken.context.model.SaResponse;
import cn.dev33.satoken.context.model.SaStorage;
import cn.dev33.satoken.servlet.model.SaRequestForServlet;
import cn.dev33.satoken.servlet.model.SaResponseForServlet;
import cn.dev33.satoken.servlet.model.SaStorageForServlet;
import cn.dev33.satoken.stp.StpUtil;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.List;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fact behind SessionGuard's Sa-Token settings rule: a login through Sa-Token 1.39 ({@code StpUtil.login(id)}) writes
 * the new token to the response as a cookie named by {@code token-name}, with Sa-Token's defaults neither Secure nor
 * HttpOnly nor with a SameSite, written as a raw header so Tomcat adds nothing; {@code sa-token.cookie.secure},
 * {@code http-only} and {@code same-site} (here set on the configuration object the settings bind to) add them, and
 * {@code is-read-cookie=false} writes no cookie at all.
 *
 * <p>Sa-Token reads the request and response through a {@link SaTokenContext}; the Spring starters give one bound to
 * the current request, here a servlet hands its own to each login, as those do.
 */
@Timeout(60)
class SaTokenLoginCookieTest {
    /** The request and response of the login under way, for the context Sa-Token asks. */
    private static final ThreadLocal<HttpServletRequest> REQUEST = new ThreadLocal<>();
    private static final ThreadLocal<HttpServletResponse> RESPONSE = new ThreadLocal<>();

    private static final SaTokenContext CONTEXT = new SaTokenContext() {
        @Override
        public SaRequest getRequest() {
            return new SaRequestForServlet(REQUEST.get());
        }

        @Override
        public SaResponse getResponse() {
            return new SaResponseForServlet(RESPONSE.get());
        }

        @Override
        public SaStorage getStorage() {
            return new SaStorageForServlet(REQUEST.get());
        }

        @Override
        public boolean matchPath(String pattern, String path) {
            return pattern.equals(path);
        }
    };

    @AfterEach
    void restoreDefaults() {
        SaManager.setConfig(new SaTokenConfig());
    }

    @Test
    void loginWritesTheTokenCookieWithoutSecureHttpOnlyOrSameSite(@TempDir Path baseDir) throws Exception {
        SaTokenConfig config = new SaTokenConfig();
        config.setTokenName("press-token");
        SaManager.setConfig(config);
        List<String> attributes = tokenCookieAttributes(baseDir, "press-token");
        System.out.println("[evidence] Sa-Token login cookie with its defaults: " + attributes);
        assertFalse(attributes.contains("secure"), attributes.toString());
        assertFalse(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.stream().noneMatch(a -> a.startsWith("samesite")), attributes.toString());
    }

    @Test
    void cookieSettingsHardenTheTokenCookie(@TempDir Path baseDir) throws Exception {
        SaTokenConfig config = new SaTokenConfig();
        config.setTokenName("press-token");
        config.setCookie(new SaCookieConfig().setSecure(true).setHttpOnly(true).setSameSite("Strict"));
        SaManager.setConfig(config);
        List<String> attributes = tokenCookieAttributes(baseDir, "press-token");
        System.out.println("[evidence] Sa-Token login cookie with sa-token.cookie.*: " + attributes);
        assertTrue(attributes.contains("secure"), attributes.toString());
        assertTrue(attributes.contains("httponly"), attributes.toString());
        assertTrue(attributes.contains("samesite=strict"), attributes.toString());
    }

    @Test
    void isReadCookieFalseWritesNoCookie(@TempDir Path baseDir) throws Exception {
        SaTokenConfig config = new SaTokenConfig();
        config.setTokenName("press-token");
        config.setIsReadCookie(false);
        SaManager.setConfig(config);
        try (EmbeddedTomcat tomcat = loginServer(baseDir)) {
            List<String> headers = new Loopback(tomcat.port()).setCookies("/login");
            assertTrue(headers.stream().noneMatch(h -> h.startsWith("press-token=")), headers.toString());
        }
    }

    /** The lower-case attributes of the token cookie a login's response sets. */
    private static List<String> tokenCookieAttributes(Path baseDir, String name) throws Exception {
        try (EmbeddedTomcat tomcat = loginServer(baseDir)) {
            List<String> headers = new Loopback(tomcat.port()).setCookies("/login").stream()
                    .filter(h -> h.startsWith(name + "=")).toList();
            assertEquals(1, headers.size(), "one token cookie: " + headers);
            return Loopback.cookieAttributes(headers.get(0));
        }
    }

    private static EmbeddedTomcat loginServer(Path baseDir) throws Exception {
        SaManager.setSaTokenContext(CONTEXT);
        EmbeddedTomcat tomcat = new EmbeddedTomcat(baseDir);
        Context context = tomcat.addContext("");
        EmbeddedTomcat.addServlet(context, "/login", (request, response, out) -> {
            REQUEST.set(request);
            RESPONSE.set(response);
            try {
                StpUtil.login(10001);
                out.put("token", StpUtil.getTokenValue());
            } finally {
                REQUEST.remove();
                RESPONSE.remove();
            }
        });
        return tomcat.start();
    }
}
