package io.github.sessionguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.CharsetConverter;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.runtime.VertxHttpBuildTimeConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Permission;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarkus 3.27 form authentication ({@code quarkus.http.auth.form.enabled=true}, quarkus-vertx-http 3.27.3): what its
 * credential cookie {@code quarkus-credential} (the encrypted user name and expiry that stand for the logged-in user)
 * carries. Nothing here is a Quarkus application: the real classes run on their own.
 * <ul>
 *   <li>SmallRye Config reads the real mappings: {@code VertxHttpBuildTimeConfig} (which holds
 *       {@code auth.form.enabled}) and {@code VertxHttpConfig} (prefix {@code quarkus.http}, whose
 *       {@code auth()} is {@code AuthRuntimeConfig} and {@code auth().form()} is {@code FormAuthConfig}). By default
 *       {@code http-only-cookie} is false, {@code cookie-same-site} is STRICT, the name is {@code quarkus-credential},
 *       the path {@code /}, no Max-Age; {@code quarkus.http.auth.form.http-only-cookie=true} turns it on.</li>
 *   <li>A {@code PersistentLoginManager} built from that config, as {@code FormAuthenticationMechanism} builds it,
 *       {@code save}s a principal on a Vert.x Web route; and the real {@code FormAuthenticationMechanism}, given the
 *       mapped {@code FormAuthConfig}, handles a real form POST to {@code /j_security_check}. Over loopback HTTP the
 *       Set-Cookie is {@code quarkus-credential=...; Path=/; SameSite=Strict}: no HttpOnly by default; with
 *       {@code http-only-cookie=true} it is {@code ...; Path=/; HTTPOnly; SameSite=Strict}.</li>
 *   <li>Secure has no setting ({@code FormAuthConfig} has no such method): the mechanism passes
 *       {@code request.isSSL()}, so the same login over HTTPS gets {@code ...; Path=/; Secure; SameSite=Strict} (and
 *       still no HttpOnly), and over plain HTTP none.</li>
 * </ul>
 * SessionGuard needs this for a settings rule: form authentication enabled without
 * {@code quarkus.http.auth.form.http-only-cookie=true} leaves the credential cookie readable by scripts, so an XSS
 * steals a login that (being a self-contained encrypted token) the server cannot revoke before it expires.
 */
@Timeout(60)
class QuarkusFormAuthCookieTest {

    private static final String COOKIE = "quarkus-credential";
    /** The key the credential cookie is encrypted with ({@code quarkus.http.auth.session.encryption-key}). */
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String PASSWORD = "changeit";

    /** HTTP/1.1, as a browser posts a login form over plain HTTP (no h2c upgrade); redirects are not followed. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void configMappingDefaultsAreNotHttpOnlyAndStrict() {
        SmallRyeConfig config = config(Map.of());
        assertTrue(config.getConfigMapping(VertxHttpBuildTimeConfig.class).auth().form());
        FormAuthConfig form = form(config);
        assertFalse(form.httpOnlyCookie());
        assertEquals(FormAuthConfig.CookieSameSite.STRICT, form.cookieSameSite());
        assertEquals(COOKIE, form.cookieName());
        assertEquals(Optional.of("/"), form.cookiePath());
        assertEquals(Optional.empty(), form.cookieMaxAge());
        assertEquals(Optional.empty(), form.cookieDomain());
    }

    @Test
    void configMappingHonoursHttpOnlyCookie() {
        FormAuthConfig form = form(config(Map.of("quarkus.http.auth.form.http-only-cookie", "true")));
        assertTrue(form.httpOnlyCookie());
        assertEquals(FormAuthConfig.CookieSameSite.STRICT, form.cookieSameSite());
    }

    @Test
    void savedCredentialCookieByDefaultIsNotHttpOnly() throws Exception {
        String cookie = savedCookie(config(Map.of()));
        System.out.println("[evidence] Quarkus PersistentLoginManager.save, defaults: " + cookie);
        List<String> attributes = attributes(cookie);
        assertFalse(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertFalse(attributes.contains("secure"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
        assertFalse(attributes.stream().anyMatch(a -> a.startsWith("max-age")), cookie);
    }

    @Test
    void savedCredentialCookieIsHttpOnlyWhenConfigured() throws Exception {
        String cookie = savedCookie(config(Map.of("quarkus.http.auth.form.http-only-cookie", "true")));
        System.out.println("[evidence] Quarkus PersistentLoginManager.save, http-only-cookie=true: " + cookie);
        List<String> attributes = attributes(cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertFalse(attributes.contains("secure"), cookie);
    }

    @Test
    void formLoginByDefaultSetsCredentialCookieWithoutHttpOnly() throws Exception {
        HttpResponse<String> response = formLogin(Map.of());
        // The default landing page: a 302 to /index.html, with the cookie.
        assertEquals(302, response.statusCode(), response.headers().map().toString());
        assertTrue(response.headers().firstValue("location").orElse("").endsWith("/index.html"),
                response.headers().map().toString());
        String cookie = credentialCookie(response);
        System.out.println("[evidence] Quarkus FormAuthenticationMechanism POST /j_security_check, defaults: "
                + cookie);
        List<String> attributes = attributes(cookie);
        assertFalse(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertFalse(attributes.contains("secure"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
    }

    @Test
    void formLoginSetsHttpOnlyCredentialCookieWhenConfigured() throws Exception {
        HttpResponse<String> response = formLogin(Map.of("quarkus.http.auth.form.http-only-cookie", "true"));
        assertEquals(302, response.statusCode(), response.headers().map().toString());
        String cookie = credentialCookie(response);
        System.out.println("[evidence] Quarkus FormAuthenticationMechanism POST /j_security_check,"
                + " http-only-cookie=true: " + cookie);
        List<String> attributes = attributes(cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
    }

    @Test
    void formLoginOverTlsAddsSecureButStillNoHttpOnly(@TempDir Path dir) throws Exception {
        HttpResponse<String> response = formLogin(Map.of(), keyStore(dir));
        assertEquals(302, response.statusCode(), response.headers().map().toString());
        String cookie = credentialCookie(response);
        System.out.println("[evidence] Quarkus FormAuthenticationMechanism POST /j_security_check over TLS, defaults: "
                + cookie);
        List<String> attributes = attributes(cookie);
        assertTrue(attributes.contains("secure"), cookie);
        assertFalse(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
    }

    /** Secure has no setting of its own: no {@code quarkus.http.auth.form.*} property names it. */
    @Test
    void formAuthConfigHasNoSecureSetting() {
        List<String> settings = Arrays.stream(FormAuthConfig.class.getMethods()).map(Method::getName).toList();
        assertTrue(settings.contains("httpOnlyCookie"), settings.toString());
        assertTrue(settings.stream().noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("secure")),
                settings.toString());
    }

    /**
     * SmallRye Config with the two Quarkus HTTP mappings, form authentication enabled, and {@code extra} on top.
     * {@code quarkus.http.host} has no default in the mapping (Quarkus supplies one at build time), so it is given.
     * The mapping also needs Quarkus' own converters for durations such as {@code 30M}, memory sizes and charsets
     * (quarkus-core lists them for discovery; discovering them all would load some, for CIDR addresses, whose
     * library is not on this class path), so those three are registered by hand.
     */
    private static SmallRyeConfig config(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.http.auth.form.enabled", "true");
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.auth.session.encryption-key", KEY);
        properties.putAll(extra);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "QuarkusFormAuthCookieTest", 500))
                .withConverters(new Converter<?>[] {
                        new DurationConverter(), new MemorySizeConverter(), new CharsetConverter() })
                .withMapping(VertxHttpConfig.class)
                .withMapping(VertxHttpBuildTimeConfig.class)
                .build();
    }

    private static FormAuthConfig form(SmallRyeConfig config) {
        return config.getConfigMapping(VertxHttpConfig.class).auth().form();
    }

    /**
     * The {@code PersistentLoginManager} {@code FormAuthenticationMechanism(FormAuthConfig, Optional)} builds (Quarkus
     * passes it {@code auth().form()} and {@code encryptionKey()}): the same arguments, from the same config.
     */
    private static PersistentLoginManager loginManager(SmallRyeConfig config) {
        VertxHttpConfig http = config.getConfigMapping(VertxHttpConfig.class);
        FormAuthConfig form = http.auth().form();
        return new PersistentLoginManager(http.encryptionKey().orElseThrow(), form.cookieName(),
                form.timeout().toMillis(), form.newCookieInterval().toMillis(), form.httpOnlyCookie(),
                form.cookieSameSite().name(),
                form.cookiePath().orElse(null), form.cookieMaxAge().map(Duration::toSeconds).orElse(-1L),
                form.cookieDomain().orElse(null));
    }

    /**
     * A route that saves a logged-in principal with that login manager, as the mechanism does after a successful
     * POST (secure = {@code request.isSSL()}); the Set-Cookie a real GET receives.
     */
    private String savedCookie(SmallRyeConfig config) throws Exception {
        PersistentLoginManager manager = loginManager(config);
        Router router = Router.router(vertx);
        router.get("/login").handler(ctx -> {
            manager.save(new User("alice"), ctx, null, ctx.request().isSSL());
            ctx.response().end("ok");
        });
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(listen(router) + "/login"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return credentialCookie(response);
    }

    /**
     * The real {@code FormAuthenticationMechanism} on {@code /j_security_check}, and a real form POST of a good user
     * name and password. Its {@code FormAuthConfig} constructor also asks CDI ({@code Arc.container()}, which only a
     * Quarkus build can fill) whether login events are observed, so the constructor Quarkus deprecated in 3.25 but
     * still has is used, given what the new one takes from the mapped {@code FormAuthConfig}: the pages, parameter
     * names, location cookie, SameSite, path, domain, and the login manager above. The login itself (the POST's form
     * fields, the identity provider, {@code loginManager.save(identity, exchange, null, request.isSSL())}, the
     * redirect) is the mechanism's own code.
     */
    private HttpResponse<String> formLogin(Map<String, String> extra) throws Exception {
        return formLogin(extra, null);
    }

    /** The same over TLS when {@code keyStore} (a PKCS#12 store, see {@link #keyStore}) is not null. */
    @SuppressWarnings({"deprecation", "removal"})
    private HttpResponse<String> formLogin(Map<String, String> extra, Path keyStore) throws Exception {
        SmallRyeConfig config = config(extra);
        FormAuthConfig form = form(config);
        FormAuthenticationMechanism mechanism = new FormAuthenticationMechanism(form.loginPage().orElse(null),
                form.postLocation(), form.usernameParameter(), form.passwordParameter(), form.errorPage().orElse(null),
                form.landingPage().orElse(null), form.redirectAfterLogin(), form.locationCookie(),
                form.cookieSameSite().name(), form.cookiePath().orElse(null), form.cookieDomain().orElse(null),
                loginManager(config));
        IdentityProviderManager users = new Users();
        Router router = Router.router(vertx);
        router.route(form.postLocation()).handler(ctx -> mechanism.authenticate(ctx, users).subscribe().with(
                identity -> {
                    // The mechanism answers a login POST itself (a redirect to the landing page).
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(identity == null ? 401 : 200).end();
                    }
                },
                ctx::fail));
        HttpClient client = keyStore == null ? CLIENT : HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(trusting(keyStore)).build();
        return client.send(HttpRequest.newBuilder(URI.create(listen(router, keyStore) + form.postLocation()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=secret")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String listen(Router router) throws Exception {
        return listen(router, null);
    }

    /** Plain HTTP on a free loopback port, or HTTPS with the key in {@code keyStore} when it is not null. */
    private String listen(Router router, Path keyStore) throws Exception {
        HttpServerOptions options = new HttpServerOptions();
        if (keyStore != null) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword(PASSWORD));
        }
        HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return (keyStore == null ? "http" : "https") + "://127.0.0.1:" + server.actualPort();
    }

    /** A self-signed key for 127.0.0.1, made by the JDK's keytool, in a PKCS#12 store in {@code dir}. */
    private static Path keyStore(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS), output);
        assertEquals(0, keytool.exitValue(), output);
        return store;
    }

    /** A client TLS context that trusts the one certificate in {@code keyStore}. */
    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String credentialCookie(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie").stream()
                .filter(value -> value.startsWith(COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + COOKIE + " cookie in " + response.headers().map()));
    }

    private static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";")).skip(1)
                .map(part -> part.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** One user, alice / secret: what an identity provider (a user store) would decide. */
    private static final class Users implements IdentityProviderManager {
        @Override
        public Uni<SecurityIdentity> authenticate(AuthenticationRequest request) {
            return Uni.createFrom().item(() -> authenticateBlocking(request));
        }

        @Override
        public SecurityIdentity authenticateBlocking(AuthenticationRequest request) {
            if (request instanceof UsernamePasswordAuthenticationRequest login && login.getUsername().equals("alice")
                    && Arrays.equals(login.getPassword().getPassword(), "secret".toCharArray())) {
                return new User("alice");
            }
            throw new io.quarkus.security.AuthenticationFailedException();
        }
    }

    /** A logged-in user with no roles, credentials or attributes. */
    private record User(String name) implements SecurityIdentity {
        @Override
        public Principal getPrincipal() {
            return this::name;
        }

        @Override
        public boolean isAnonymous() {
            return false;
        }

        @Override
        public Set<String> getRoles() {
            return Set.of();
        }

        @Override
        public boolean hasRole(String role) {
            return false;
        }

        @Override
        public <T extends Credential> T getCredential(Class<T> type) {
            return null;
        }

        @Override
        public Set<Credential> getCredentials() {
            return Set.of();
        }

        @Override
        public <T> T getAttribute(String name) {
            return null;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Uni<Boolean> checkPermission(Permission permission) {
            return Uni.createFrom().item(false);
        }
    }
}
