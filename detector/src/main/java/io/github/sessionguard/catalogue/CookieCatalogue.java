package io.github.sessionguard.catalogue;

import io.github.sessionguard.catalogue.CookieApi.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every cookie API SessionGuard knows, as data. Adding an API is adding an entry here.
 *
 * <p>Where each API is judged, and where its findings are reported (the line the user must change):
 * <ul>
 * <li>Servlet {@code Cookie}: when {@code addCookie} sends it; at its {@code new Cookie(...)}.</li>
 * <li>{@code Set-Cookie} header strings: at the header call ({@code addHeader}, {@code setHeader},
 * {@code HttpHeaders.add/set}, {@code ResponseEntity...header}, JAX-RS {@code ResponseBuilder.header}),
 * where the string is; attributes are read from the constants that build the value.</li>
 * <li>Spring {@code ResponseCookie}: when it is serialised ({@code toString()}, whose only use is a
 * {@code Set-Cookie} value) or handed to {@code addCookie(ResponseCookie)}; at {@code ResponseCookie.from}.</li>
 * <li>JAX-RS {@code NewCookie}: when given to {@code ResponseBuilder.cookie(...)}, used as a header value or
 * serialised; at the constructor or at {@code new NewCookie.Builder(...)}.</li>
 * <li>Configurations (Spring {@code CookieGenerator}, Spring Session {@code DefaultCookieSerializer},
 * {@code SessionCookieConfig}, Shiro {@code SimpleCookie}): they decide every cookie they will write, so
 * they are judged when the configuring code lets them go (return, field, other code) or ends, and at
 * their own sending calls; at their creation ({@code getSessionCookieConfig()} for the container's).</li>
 * <li>Other stacks' cookie objects (Vert.x {@code Cookie}, Netty {@code DefaultCookie}, Javalin, Jetty 12,
 * Undertow, Micronaut, Jooby, Armeria, Play, Helidon SE 3, WebFlux's {@code ServerResponse...cookie}, Wicket's
 * {@code CookieUtils.save(key, value)}, which names the cookie it writes with its settings): when their
 * framework's send call takes them (Netty: {@code ServerCookieEncoder.encode}, whose text only serves as a
 * Set-Cookie value); at their creation. Javalin's {@code ctx.cookie(name, value)}, Helidon's
 * {@code addCookie(name, value)} and Netty's {@code encode(name, value)} make and send a flagless cookie at once,
 * reported at that call; Spark's {@code response.cookie(...)} too, with the flags its boolean arguments give.</li>
 * <li>{@code java.net.HttpCookie}: when its {@code toString()} is written into a Set-Cookie header; that
 * text never carries Secure or HttpOnly.</li>
 * <li>Vert.x Web {@code SessionHandler} and Jetty 12's session handlers (core and ee10): configurations, with the
 * defaults of their session cookie; Ratpack's {@code SessionCookieConfig} too, also where
 * {@code bindings.module(SessionModule.class[, config -> ...])} stands for it.</li>
 * <li>Ratpack's {@code response.cookie(name, value)}: a cookie the response already holds, judged at the end of the
 * method that holds it (a factory's caller); at its creation.</li>
 * </ul>
 * A cookie whose value is the constant "" or null (and never set later) carries nothing and is not judged.
 * A cookie returned by a factory is judged where a caller sends it and reported at the factory's
 * creation line; a flag whose value a caller passes in is reported at that caller's call.
 */
public final class CookieCatalogue {

    private static final String STRING = "Ljava/lang/String;";
    private static final String JFINAL_CONTROLLER = "com/jfinal/core/Controller";
    private static final String VAADIN_RESPONSE = "com/vaadin/flow/server/VaadinResponse";
    private static final String WICKET_WEB_RESPONSE = "org/apache/wicket/request/http/WebResponse";
    /** Tapestry 5's injectable cookie service. */
    private static final String TAPESTRY_COOKIES = "org/apache/tapestry5/services/Cookies";
    private static final String BLADE_RESPONSE = "com/blade/mvc/http/Response";
    private static final String HELIDON_SET_COOKIE = "io/helidon/common/http/SetCookie";
    /** Hutool 5's servlet helpers: {@code ServletUtil} (javax) and {@code JakartaServletUtil} (jakarta). */
    private static final List<String> HUTOOL_SERVLET_UTILS = List.of("cn/hutool/extra/servlet/ServletUtil",
            "cn/hutool/extra/servlet/JakartaServletUtil");
    /** Jetty 12's mutable header fields ({@code Response.getHeaders()}). */
    private static final String JETTY_FIELDS = "org/eclipse/jetty/http/HttpFields$Mutable";
    /** Jetty 12's session handlers: core, and the ee10 servlet environment's. */
    public static final String JETTY_CORE_SESSIONS = "org/eclipse/jetty/session/SessionHandler";
    public static final String JETTY_EE10_SESSIONS = "org/eclipse/jetty/ee10/servlet/SessionHandler";
    /** Jooby 2/3's session store and its session token, which send the session cookie they are made with. */
    private static final String JOOBY_SESSION_STORE = "io/jooby/SessionStore";
    private static final String JOOBY_SESSION_TOKEN = "io/jooby/SessionToken";
    /** Ratpack's response ({@code ctx.getResponse()}). */
    private static final String RATPACK_RESPONSE = "ratpack/http/Response";
    private static final List<String> HELIDON_RESPONSE_HEADERS = List.of("io/helidon/webserver/ResponseHeaders");

    /** The pseudo-API of hand-written {@code Set-Cookie} header values. */
    public static final CookieApi SET_COOKIE_HEADER = CookieApi.builder("Set-Cookie header", Kind.COOKIE)
            .fix(CookieFlag.SECURE, "append \"; Secure\" to the Set-Cookie value")
            .fix(CookieFlag.HTTP_ONLY, "append \"; HttpOnly\" to the Set-Cookie value")
            .fix(CookieFlag.SAME_SITE, "append \"; SameSite=Lax\" (or Strict) to the Set-Cookie value")
            .sameSiteThrough("")
            .build();

    private static final List<CookieApi> APIS = List.of(
            servletCookie("javax.servlet"),
            servletCookie("jakarta.servlet"),
            springResponseCookie(),
            springCookieGenerator(),
            springLocaleResolver(),
            springSessionSerializer(),
            webFluxSessionIdResolver(),
            jaxRsNewCookie("javax.ws.rs"),
            jaxRsNewCookie("jakarta.ws.rs"),
            sessionCookieConfig("javax.servlet"),
            sessionCookieConfig("jakarta.servlet"),
            bootServerSessionCookie(),
            shiroSimpleCookie(),
            vertxCookie(),
            vertxSessionHandler(),
            nettyCookie(),
            ratpackResponseCookie(),
            ratpackSessionCookieConfig(),
            javaNetHttpCookie(),
            javalinCookie(),
            javalinShortForms(),
            sparkResponseCookie(),
            bladeResponseCookie(),
            bladeCookie(),
            jfinalSetCookie(),
            jettyCookie(),
            jettySessionHandler(),
            undertowCookie(),
            undertowSessionCookieConfig(),
            micronautCookie(),
            joobyCookie(),
            joobySessionStore(),
            armeriaCookie(),
            playCookie(),
            helidonSetCookie(),
            helidonShortForms(),
            wicketCookieUtils(),
            tapestryCookieBuilder(),
            tapestryShortForms(),
            facesResponseCookie("javax.faces"),
            facesResponseCookie("jakarta.faces"),
            hutoolAddCookie("javax.servlet"),
            hutoolAddCookie("jakarta.servlet"),
            shiroRememberMeManager(),
            shiroWebSessionManager(),
            saTokenConfig(),
            springRememberMeServices(),
            springRememberMeDsl(),
            springCsrfCookieRepository());

    /**
     * Calls that add a response header. Only those whose header name is the constant Set-Cookie (any
     * case) matter; wrappers and framework subclasses are matched through a null owner.
     */
    private static final List<HeaderSink> HEADER_SINKS = List.of(
            new HeaderSink(null, "addHeader", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink(null, "setHeader", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("org/springframework/http/HttpHeaders", "add", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("org/springframework/http/HttpHeaders", "set", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("org/springframework/http/ResponseEntity$HeadersBuilder", "header",
                    "(Ljava/lang/String;[Ljava/lang/String;)"),
            new HeaderSink("org/springframework/http/ResponseEntity$BodyBuilder", "header",
                    "(Ljava/lang/String;[Ljava/lang/String;)"),
            new HeaderSink("javax/ws/rs/core/Response$ResponseBuilder", "header", "(Ljava/lang/String;Ljava/lang/Object;)"),
            new HeaderSink("jakarta/ws/rs/core/Response$ResponseBuilder", "header",
                    "(Ljava/lang/String;Ljava/lang/Object;)"),
            new HeaderSink("io/netty/handler/codec/http/HttpHeaders", "add", "(Ljava/lang/CharSequence;Ljava/lang/Object;)"),
            new HeaderSink("io/netty/handler/codec/http/HttpHeaders", "set", "(Ljava/lang/CharSequence;Ljava/lang/Object;)"),
            new HeaderSink("io/netty/handler/codec/http/HttpHeaders", "add", "(Ljava/lang/String;Ljava/lang/Object;)"),
            new HeaderSink("io/netty/handler/codec/http/HttpHeaders", "set", "(Ljava/lang/String;Ljava/lang/Object;)"),
            new HeaderSink("io/vertx/core/http/HttpServerResponse", "putHeader", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("io/vertx/core/http/HttpServerResponse", "putHeader",
                    "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)"),
            new HeaderSink("io/vertx/core/MultiMap", "add", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("io/vertx/core/MultiMap", "add", "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)"),
            new HeaderSink("io/vertx/core/MultiMap", "set", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("io/vertx/core/MultiMap", "set", "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)"),
            new HeaderSink("io/undertow/util/HeaderMap", "add", "(Lio/undertow/util/HttpString;Ljava/lang/String;)"),
            new HeaderSink("io/undertow/util/HeaderMap", "put", "(Lio/undertow/util/HttpString;Ljava/lang/String;)"),
            new HeaderSink("spark/Response", "header", "(Ljava/lang/String;Ljava/lang/String;)"),
            // Ratpack: ctx.getResponse().getHeaders().add/set("Set-Cookie", text), sent beside its cookie set.
            new HeaderSink("ratpack/http/MutableHeaders", "add", "(Ljava/lang/CharSequence;Ljava/lang/Object;)"),
            new HeaderSink("ratpack/http/MutableHeaders", "set", "(Ljava/lang/CharSequence;Ljava/lang/Object;)"),
            // Jetty 12 core: response.getHeaders().add(HttpHeader.SET_COOKIE, text) (or put, or the name as a text).
            // Jetty's context SameSite default applies to HttpCookie objects only, never to such a text.
            new HeaderSink(JETTY_FIELDS, "add", "(Lorg/eclipse/jetty/http/HttpHeader;Ljava/lang/String;)"),
            new HeaderSink(JETTY_FIELDS, "put", "(Lorg/eclipse/jetty/http/HttpHeader;Ljava/lang/String;)"),
            new HeaderSink(JETTY_FIELDS, "add", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink(JETTY_FIELDS, "put", "(Ljava/lang/String;Ljava/lang/String;)"),
            // The JDK's own HTTP server: exchange.getResponseHeaders().add/set("Set-Cookie", text).
            new HeaderSink("com/sun/net/httpserver/Headers", "add", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("com/sun/net/httpserver/Headers", "set", "(Ljava/lang/String;Ljava/lang/String;)"),
            new HeaderSink("io/micronaut/http/MutableHttpResponse", "header",
                    "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)"),
            new HeaderSink("io/micronaut/http/MutableHttpHeaders", "add",
                    "(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)"));

    /** Every API's rows, with their API, by method name. */
    private static final CallIndex<CookieCallMatch> CALLS = callIndex();

    private static final CallIndex<HeaderSink> SINKS = new CallIndex<>(HEADER_SINKS, HeaderSink::call);

    /** Each cookie type's API (the first in catalogue order): asked for every call the dataflow reads. */
    private static final Map<String, CookieApi> API_BY_TYPE = apiByType();

    private static Map<String, CookieApi> apiByType() {
        Map<String, CookieApi> byType = new HashMap<>();
        for (CookieApi api : APIS) {
            for (String type : api.types()) {
                byType.putIfAbsent(type, api);
            }
        }
        return Map.copyOf(byType);
    }

    private CookieCatalogue() {
    }

    public static List<CookieApi> apis() {
        return APIS;
    }

    /** Slashed names whose mention in a class's constant pool makes the class worth analysing. */
    public static List<String> relevantTypes() {
        return RELEVANT_TYPES;
    }

    // Read for every class by the screens: built once from the rows.
    private static final List<String> RELEVANT_TYPES = relevantTypeList();

    private static List<String> relevantTypeList() {
        List<String> types = new ArrayList<>();
        for (CookieApi api : APIS) {
            types.addAll(api.types());
            types.addAll(api.mentions());
        }
        return List.copyOf(types);
    }

    /** Text whose mention (any case) in a class's constant pool makes it worth analysing. */
    public static String headerName() {
        return "set-cookie";
    }

    /**
     * True for a class of the frameworks' own implementations of the catalogue's APIs (see
     * {@link CookieApi#implementedIn()}): not application code, so its cookies are not judged.
     */
    public static boolean isFrameworkImplementation(String slashedClassName) {
        for (CookieApi api : APIS) {
            for (String prefix : api.implementedIn()) {
                if (slashedClassName.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name of the constant fields that hold the Set-Cookie header name in every web stack. */
    public static String headerField() {
        return "SET_COOKIE";
    }

    /** True for a cookie class itself: its methods outside the catalogue (path, domain, value) leave the flags alone. */
    public static boolean isCookieType(String slashedName) {
        return apiForType(slashedName) != null;
    }

    /** The API whose cookie objects have this type, or null. */
    public static CookieApi apiForType(String slashedName) {
        return API_BY_TYPE.get(slashedName);
    }

    /**
     * The cookie API of the cookies a request hands in ({@code request.getCookies()}, javax or jakarta): what the
     * browser sent is a name and a value, no attribute, so such a cookie sent back ({@code c.setMaxAge(...);
     * response.addCookie(c)}, or its {@code clone()}) has every flag at the API's default. Null for any other call.
     */
    public static CookieApi requestCookies(String name, String descriptor) {
        if (!"getCookies".equals(name) || !descriptor.startsWith("()[L") || !descriptor.endsWith(";")) {
            return null;
        }
        String element = descriptor.substring(4, descriptor.length() - 1);
        return readsOwnFlags(element) ? apiForType(element) : null;
    }

    /** The catalogue row for a call, or null when the call is none of the catalogue's. */
    public static CookieCallMatch lookup(String owner, String name, String descriptor) {
        return CALLS.first(owner, name, descriptor);
    }

    /** A cookie type whose flags {@link #flagRead} reads back: the servlet {@code Cookie} (javax, jakarta). */
    public static boolean readsOwnFlags(String slashedOwner) {
        return CallPattern.servlet("http/Cookie").contains(slashedOwner);
    }

    /**
     * A servlet cookie's own flag read back, {@code getSecure()}, {@code isHttpOnly()} or
     * {@code getAttribute("SameSite")}: on the side of a test where it is true (non-null), the cookie already has
     * the flag, as a wrapper's {@code if (cookie.getAttribute("SameSite") == null) cookie.setAttribute(...)} relies
     * on. The flag read, or null for any other call.
     */
    public static CookieFlag flagRead(String owner, String name, String descriptor, String constantArgument) {
        if (!readsOwnFlags(owner)) {
            return null;
        }
        if (name.equals("getSecure") && descriptor.equals("()Z")) {
            return CookieFlag.SECURE;
        }
        if (name.equals("isHttpOnly") && descriptor.equals("()Z")) {
            return CookieFlag.HTTP_ONLY;
        }
        if (name.equals("getAttribute") && descriptor.equals("(Ljava/lang/String;)Ljava/lang/String;")
                && "samesite".equalsIgnoreCase(constantArgument)) {
            return CookieFlag.SAME_SITE;
        }
        return null;
    }

    /** The header sink a call is, or null. */
    public static HeaderSink headerSink(String owner, String name, String descriptor) {
        return SINKS.first(owner, name, descriptor);
    }

    private static CallIndex<CookieCallMatch> callIndex() {
        List<CookieCallMatch> rows = new ArrayList<>();
        for (CookieApi api : APIS) {
            for (CookieCall call : api.calls()) {
                rows.add(new CookieCallMatch(api, call));
            }
        }
        return new CallIndex<>(rows, match -> match.call().call());
    }

    /** Servlet {@code Cookie}: nothing set by default; SameSite only through Servlet 6's setAttribute. */
    private static CookieApi servletCookie(String pkg) {
        String cookie = pkg.replace('.', '/') + "/http/Cookie";
        List<String> self = List.of(cookie);
        return CookieApi.builder(pkg + ".http.Cookie", Kind.COOKIE, cookie)
                .calls(CookieCall.nameValueConstructor(cookie),
                        CookieCall.setValue(self, "setValue"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setAttribute(self),
                        CookieCall.setMaxAge(self, "setMaxAge", "I"),
                        // Vaadin Flow's response (javax in Vaadin 14, jakarta since 24) and Wicket's (javax up to
                        // Wicket 9, jakarta from 10) add the servlet cookie as it is.
                        CookieCall.sendThrough(List.of(pkg.replace('.', '/') + "/http/HttpServletResponse",
                                VAADIN_RESPONSE, WICKET_WEB_RESPONSE), "addCookie", "(L" + cookie + ";)", 0),
                        // JFinal: controller.setCookie(cookie) adds it to the response as it is.
                        CookieCall.sendThrough(List.of(JFINAL_CONTROLLER), "setCookie", "(L" + cookie + ";)", 0),
                        // Spring MVC's functional endpoints: ServerResponse.ok().cookie(cookie) adds it as it is.
                        CookieCall.sendThrough(List.of("org/springframework/web/servlet/function/ServerResponse$HeadersBuilder"),
                                "cookie", "(L" + cookie + ";)", 0),
                        // Hutool: ServletUtil/JakartaServletUtil.addCookie(response, cookie) adds it as it is.
                        CookieCall.send(HUTOOL_SERVLET_UTILS, "addCookie",
                                "(L" + pkg.replace('.', '/') + "/http/HttpServletResponse;L" + cookie + ";)", 1))
                .fix(CookieFlag.SECURE, "cookie.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "cookie.setAttribute(\"SameSite\", \"Lax\") (or \"Strict\")")
                .sameSiteThrough(cookie + ".setAttribute(Ljava/lang/String;Ljava/lang/String;)V")
                .httpOnlyThrough(cookie + ".setHttpOnly(Z)V")
                .build();
    }

    /**
     * Spring {@code ResponseCookie}: built by {@code from(...)} and a fluent builder, nothing set by default.
     * Sent when serialised ({@code toString()} into a Set-Cookie header) or given to a reactive response.
     */
    private static CookieApi springResponseCookie() {
        String cookie = "org/springframework/http/ResponseCookie";
        String builder = cookie + "$ResponseCookieBuilder";
        List<String> builders = List.of(builder);
        return CookieApi.builder("Spring ResponseCookie", Kind.COOKIE, cookie, builder)
                .calls(CookieCall.factory(List.of(cookie), "from", "(" + STRING + STRING, 0).valueAt(1),
                        CookieCall.factory(List.of(cookie), "from", "(" + STRING, 0),
                        CookieCall.setValue(builders, "value"),
                        CookieCall.setFlag(builders, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(builders, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(builders, "sameSite", STRING),
                        CookieCall.setMaxAge(builders, "maxAge", "J"),
                        CookieCall.setMaxAge(builders, "maxAge", "Ljava/time/Duration;"),
                        CookieCall.send(List.of(cookie), "toString", "()", -1),
                        CookieCall.sendThrough(List.of("org/springframework/http/server/reactive/ServerHttpResponse"),
                                "addCookie", "(L" + cookie + ";)", 0),
                        CookieCall.sendThrough(List.of("org/springframework/web/reactive/function/server/ServerResponse$HeadersBuilder"),
                                "cookie", "(L" + cookie + ";)", 0),
                        // exchange.getResponse().getCookies().add(name, cookie): the response's cookie map.
                        CookieCall.send(List.of("org/springframework/util/MultiValueMap"), "add",
                                "(Ljava/lang/Object;Ljava/lang/Object;)", 1),
                        CookieCall.send(List.of("org/springframework/util/MultiValueMap"), "set",
                                "(Ljava/lang/Object;Ljava/lang/Object;)", 1))
                .fix(CookieFlag.SECURE, ".secure(true) on the ResponseCookie builder")
                .fix(CookieFlag.HTTP_ONLY, ".httpOnly(true) on the ResponseCookie builder")
                .fix(CookieFlag.SAME_SITE, ".sameSite(\"Lax\") (or \"Strict\") on the ResponseCookie builder")
                .sameSiteThrough(builder + ".sameSite(Ljava/lang/String;)L" + builder + ";")
                .build();
    }

    /** Spring {@code CookieGenerator}: neither Secure nor HttpOnly by default, and no way to set SameSite. */
    private static CookieApi springCookieGenerator() {
        String generator = "org/springframework/web/util/CookieGenerator";
        List<String> self = List.of(generator);
        return CookieApi.builder("Spring CookieGenerator", Kind.CONFIGURATION, generator)
                .calls(CookieCall.constructor(generator, "()", -1),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setFlag(self, "setCookieSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setCookieHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.send(self, "addCookie", null, -1),
                        CookieCall.delete(self, "removeCookie"))
                .fix(CookieFlag.SECURE, "generator.setCookieSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "generator.setCookieHttpOnly(true)")
                .build();
    }

    /**
     * Spring MVC's {@code CookieLocaleResolver} (6.0 and later; in 4 and 5 it extends {@code CookieGenerator}, whose
     * setters it shares): it keeps a {@code ResponseCookie} template made as {@code ResponseCookie.from(name).path("/")
     * .sameSite("Lax")}, so SameSite is Lax and Secure and HttpOnly are off unless its setters turn them on; every
     * {@code setLocale} (a {@code LocaleChangeInterceptor}'s {@code ?lang=}) sends it (spring-webmvc 6.2.12 and 7.0.10
     * bytecode). 7.0 dropped {@code setCookieName}: the name then comes from the constructor.
     */
    private static CookieApi springLocaleResolver() {
        String resolver = "org/springframework/web/servlet/i18n/CookieLocaleResolver";
        List<String> self = List.of(resolver);
        return CookieApi.builder("Spring CookieLocaleResolver", Kind.CONFIGURATION, resolver)
                .implementedIn("org/springframework/web/servlet/i18n/")
                .calls(CookieCall.constructor(resolver, "()", -1),
                        CookieCall.constructor(resolver, "(Ljava/lang/String;)", 0),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setFlag(self, "setCookieSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setCookieHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setCookieSameSite", STRING),
                        CookieCall.setMaxAge(self, "setCookieMaxAge", "Ljava/time/Duration;"),
                        CookieCall.setMaxAge(self, "setCookieMaxAge", "Ljava/lang/Integer;"))
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .defaultName("org.springframework.web.servlet.i18n.CookieLocaleResolver.LOCALE")
                .fix(CookieFlag.SECURE, "resolver.setCookieSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "resolver.setCookieHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "resolver.setCookieSameSite(\"Lax\") (the resolver's default) or \"Strict\"")
                .sameSiteThrough(resolver + ".setCookieSameSite(Ljava/lang/String;)V")
                .build();
    }

    /**
     * Spring Session's {@code DefaultCookieSerializer} writes the session cookie: Secure follows the
     * request's scheme, HttpOnly and SameSite=Lax are on by default. Only explicit changes are findings.
     */
    private static CookieApi springSessionSerializer() {
        String serializer = "org/springframework/session/web/http/DefaultCookieSerializer";
        List<String> self = List.of(serializer);
        return CookieApi.builder("Spring Session DefaultCookieSerializer", Kind.CONFIGURATION, serializer)
                .calls(CookieCall.constructor(serializer, "()", -1),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setFlag(self, "setUseSecureCookie", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setUseHttpOnlyCookie", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setSameSite", STRING),
                        CookieCall.setMaxAge(self, "setCookieMaxAge", "I"))
                .starts(CookieFlag.SECURE, FlagValue.SET)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .defaultName("SESSION")
                .sessionCookie()
                .fix(CookieFlag.SECURE, "serializer.setUseSecureCookie(true), or drop setUseSecureCookie(false)")
                .fix(CookieFlag.HTTP_ONLY, "drop serializer.setUseHttpOnlyCookie(false) (HttpOnly is the default)")
                .fix(CookieFlag.SAME_SITE, "serializer.setSameSite(\"Lax\") (the default) or \"Strict\"")
                .sameSiteThrough("")
                .build();
    }

    /**
     * WebFlux's {@code CookieWebSessionIdResolver} writes the reactive session cookie: {@code initCookie} makes it
     * HttpOnly, SameSite=Lax and Secure on HTTPS requests, then runs the initializers the application added, which
     * may change any of them (spring-web 6.2.12 bytecode). Only such changes are findings.
     */
    private static CookieApi webFluxSessionIdResolver() {
        String resolver = "org/springframework/web/server/session/CookieWebSessionIdResolver";
        List<String> self = List.of(resolver);
        return CookieApi.builder("WebFlux CookieWebSessionIdResolver", Kind.CONFIGURATION, resolver)
                .implementedIn("org/springframework/web/server/session/")
                .calls(CookieCall.constructor(resolver, "()", -1),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setMaxAge(self, "setCookieMaxAge", "Ljava/time/Duration;"),
                        CookieCall.configuredByCallback(self, "addCookieInitializer",
                                "org/springframework/http/ResponseCookie$ResponseCookieBuilder"))
                .starts(CookieFlag.SECURE, FlagValue.SET)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .defaultName("SESSION")
                .sessionCookie()
                .fix(CookieFlag.SECURE, "drop the initializer's secure(false) (the resolver sets Secure on HTTPS requests)")
                .fix(CookieFlag.HTTP_ONLY, "drop the initializer's httpOnly(false) (HttpOnly is the resolver's default)")
                .fix(CookieFlag.SAME_SITE, "resolver.addCookieInitializer(builder -> builder.sameSite(\"Lax\")) "
                        + "(the resolver's default) or \"Strict\"")
                .sameSiteThrough("")
                .build();
    }

    /**
     * JAX-RS {@code NewCookie}: the constructors' boolean arguments are (secure, httpOnly), missing ones
     * mean false; JAX-RS 3.1 adds SameSite (a constructor argument and {@code NewCookie.Builder.sameSite}).
     */
    private static CookieApi jaxRsNewCookie(String pkg) {
        String core = pkg.replace('.', '/') + "/core/";
        String cookie = core + "NewCookie";
        String sameSite = "L" + core + "NewCookie$SameSite;";
        List<String> builders = List.of(core + "NewCookie$Builder", core + "NewCookie$AbstractNewCookieBuilder");
        return CookieApi.builder(pkg + ".core.NewCookie", Kind.COOKIE, cookie, core + "NewCookie$Builder",
                core + "NewCookie$AbstractNewCookieBuilder", core + "Cookie$AbstractCookieBuilder")
                .calls(CookieCall.anyConstructor(cookie, List.of(CookieFlag.SECURE, CookieFlag.HTTP_ONLY), sameSite),
                        CookieCall.constructor(core + "NewCookie$Builder", "(" + STRING + ")", 0),
                        CookieCall.constructor(core + "NewCookie$Builder", "(L" + core + "Cookie;)", -1),
                        CookieCall.setFlag(builders, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(builders, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(builders, "sameSite", sameSite),
                        CookieCall.setMaxAge(builders, "maxAge", "I"),
                        CookieCall.sendThrough(List.of(core + "Response$ResponseBuilder"), "cookie", "([L" + cookie + ";)", 0),
                        CookieCall.send(List.of(cookie), "toString", "()", -1))
                .fix(CookieFlag.SECURE, "secure = true in the NewCookie constructor, or .secure(true) on NewCookie.Builder")
                .fix(CookieFlag.HTTP_ONLY,
                        "httpOnly = true in the NewCookie constructor, or .httpOnly(true) on NewCookie.Builder")
                .fix(CookieFlag.SAME_SITE,
                        "NewCookie.SameSite.LAX (or STRICT) in the constructor, or .sameSite(...) on NewCookie.Builder")
                .sameSiteThrough(core + "NewCookie$AbstractNewCookieBuilder.sameSite(" + sameSite + ")L" + core
                        + "NewCookie$AbstractNewCookieBuilder;")
                .build();
    }

    /**
     * The container's session cookie ({@code ServletContext.getSessionCookieConfig()}): explicit insecure
     * settings are findings; an attribute the code leaves unset where it sets another flag of this cookie is the
     * container's default (Tomcat: Secure only on requests it sees as HTTPS, no SameSite), LOW, as for the
     * same cookie configured in {@code web.xml}. SameSite is asked for only where the classpath's
     * {@code SessionCookieConfig} has Servlet 6's {@code setAttribute}, which can set it.
     */
    private static CookieApi sessionCookieConfig(String pkg) {
        String config = pkg.replace('.', '/') + "/SessionCookieConfig";
        List<String> self = List.of(config);
        return CookieApi.builder(pkg + ".SessionCookieConfig", Kind.CONFIGURATION, config)
                .calls(CookieCall.factory(null, "getSessionCookieConfig", "()L" + config + ";", -1),
                        CookieCall.setName(self, "setName"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setAttribute(self),
                        CookieCall.setMaxAge(self, "setMaxAge", "I"))
                .starts(CookieFlag.SECURE, FlagValue.CONTAINER_DEFAULT)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .starts(CookieFlag.SAME_SITE, FlagValue.CONTAINER_DEFAULT)
                .defaultName("JSESSIONID")
                .sessionCookie()
                .containerOwned()
                // Tomcat's deployment copies each web.xml <cookie-config> value it is given onto this object: the
                // container mapping the application's settings, judged in the settings file, not a configuration.
                .implementedIn("org/apache/catalina/startup/")
                .fix(CookieFlag.SECURE, "sessionCookieConfig.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "sessionCookieConfig.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "sessionCookieConfig.setAttribute(\"SameSite\", \"Lax\") (or \"Strict\")")
                .sameSiteThrough(config + ".setAttribute(Ljava/lang/String;Ljava/lang/String;)V")
                .build();
    }

    /**
     * Spring Boot's session cookie set in code ({@code factory.getSession().getCookie()} in a
     * {@code WebServerFactoryCustomizer}), what {@code server.servlet.session.cookie.*} sets from the settings
     * files: Boot copies each non-null value onto the container's {@code SessionCookieConfig}, so unset flags
     * keep what {@code server.servlet.session.cookie.*} (judged by the settings detector) or the container gives
     * them, and only explicit insecure values are findings.
     */
    private static CookieApi bootServerSessionCookie() {
        String cookie = "org/springframework/boot/web/server/Cookie";
        String servletCookie = "org/springframework/boot/web/servlet/server/Session$Cookie";
        List<String> self = List.of(servletCookie, cookie);
        String sameSite = "L" + cookie + "$SameSite;";
        return CookieApi.builder("Spring Boot server session cookie", Kind.CONFIGURATION, servletCookie, cookie)
                .calls(CookieCall.factory(List.of("org/springframework/boot/web/servlet/server/Session"), "getCookie", "()", -1),
                        CookieCall.setName(self, "setName"),
                        CookieCall.setBoxedFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setBoxedFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setSameSite", sameSite))
                .starts(CookieFlag.SECURE, FlagValue.SET)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .defaultName("JSESSIONID")
                .sessionCookie()
                .containerOwned()
                .fix(CookieFlag.SECURE, "session.getCookie().setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "session.getCookie().setHttpOnly(true), or drop setHttpOnly(false)")
                .fix(CookieFlag.SAME_SITE, "session.getCookie().setSameSite(Cookie.SameSite.LAX) (or STRICT)")
                .sameSiteThrough("")
                .build();
    }

    /** Shiro {@code SimpleCookie}: HttpOnly and SameSite=Lax by default, Secure off. */
    private static CookieApi shiroSimpleCookie() {
        String cookie = "org/apache/shiro/web/servlet/SimpleCookie";
        String contract = "org/apache/shiro/web/servlet/Cookie";
        List<String> both = List.of(cookie, contract);
        String sameSite = "L" + contract + "$SameSiteOptions;";
        return CookieApi.builder("Shiro SimpleCookie", Kind.CONFIGURATION, cookie, contract)
                .calls(CookieCall.constructor(cookie, "()", -1),
                        CookieCall.constructor(cookie, "(" + STRING + ")", 0),
                        CookieCall.setName(both, "setName"),
                        CookieCall.setFlag(both, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(both, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(both, "setSameSite", sameSite),
                        CookieCall.setMaxAge(both, "setMaxAge", "I"),
                        CookieCall.send(both, "saveTo", null, -1))
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .fix(CookieFlag.SECURE, "cookie.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "drop cookie.setHttpOnly(false) (HttpOnly is Shiro's default)")
                .fix(CookieFlag.SAME_SITE, "cookie.setSameSite(Cookie.SameSiteOptions.LAX) (or STRICT)")
                .sameSiteThrough(cookie + ".setSameSite(" + sameSite + ")V")
                .build();
    }

    /** Vert.x {@code Cookie}: nothing set by default; sent by the response's or the routing context's addCookie. */
    private static CookieApi vertxCookie() {
        String cookie = "io/vertx/core/http/Cookie";
        List<String> self = List.of(cookie);
        String sameSite = "Lio/vertx/core/http/CookieSameSite;";
        return CookieApi.builder("Vert.x Cookie", Kind.COOKIE, cookie)
                .implementedIn("io/vertx/core/", "io/vertx/ext/web/")
                .calls(CookieCall.nameValueFactory(self, "cookie"),
                        CookieCall.setValue(self, "setValue"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setSameSite", sameSite),
                        CookieCall.setMaxAge(self, "setMaxAge", "J"),
                        CookieCall.sendThrough(List.of("io/vertx/core/http/HttpServerResponse", "io/vertx/ext/web/RoutingContext"),
                                "addCookie", "(L" + cookie + ";)", 0),
                        CookieCall.send(self, "encode", "()", -1))
                .fix(CookieFlag.SECURE, "cookie.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "cookie.setSameSite(CookieSameSite.LAX) (or STRICT)")
                .sameSiteThrough(cookie + ".setSameSite(" + sameSite + ")L" + cookie + ";")
                .build();
    }

    /**
     * Vert.x Web {@code SessionHandler}: its session cookie is neither Secure nor HttpOnly and has no
     * SameSite unless configured ({@code DEFAULT_COOKIE_SECURE_FLAG} and {@code DEFAULT_COOKIE_HTTP_ONLY_FLAG}
     * are false in 4.x and 5.x).
     */
    private static CookieApi vertxSessionHandler() {
        String handler = "io/vertx/ext/web/handler/SessionHandler";
        List<String> self = List.of(handler);
        String sameSite = "Lio/vertx/core/http/CookieSameSite;";
        return CookieApi.builder("Vert.x SessionHandler", Kind.CONFIGURATION, handler)
                .implementedIn("io/vertx/core/", "io/vertx/ext/web/")
                .calls(CookieCall.factory(self, "create", "(", -1),
                        CookieCall.setName(self, "setSessionCookieName"),
                        CookieCall.setFlag(self, "setCookieSecureFlag", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setCookieHttpOnlyFlag", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setCookieSameSite", sameSite),
                        // Cookieless: the id travels in the request path (SESSION_ID_IN_URL), no cookie is sent.
                        CookieCall.switchOff(self, "setCookieless"))
                .defaultName("vertx-web.session")
                .sessionCookie()
                .fix(CookieFlag.SECURE, "sessionHandler.setCookieSecureFlag(true)")
                .fix(CookieFlag.HTTP_ONLY, "sessionHandler.setCookieHttpOnlyFlag(true)")
                .fix(CookieFlag.SAME_SITE, "sessionHandler.setCookieSameSite(CookieSameSite.LAX) (or STRICT)")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Netty {@code DefaultCookie}: nothing set by default; sent when {@code ServerCookieEncoder} encodes it
     * (the text's only use is a Set-Cookie header); {@code encode(name, value)} sends a cookie with no flags.
     */
    private static CookieApi nettyCookie() {
        String pkg = "io/netty/handler/codec/http/cookie/";
        String cookie = pkg + "DefaultCookie";
        List<String> both = List.of(cookie, pkg + "Cookie");
        List<String> encoder = List.of(pkg + "ServerCookieEncoder");
        String sameSite = "L" + pkg + "CookieHeaderNames$SameSite;";
        return CookieApi.builder("Netty DefaultCookie", Kind.COOKIE, cookie, pkg + "Cookie")
                .implementedIn("io/netty/handler/codec/http/")
                .mentions(pkg + "ServerCookieEncoder")
                .calls(CookieCall.nameValueConstructor(cookie),
                        CookieCall.setValue(both, "setValue"),
                        CookieCall.setFlag(both, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(both, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(List.of(cookie), "setSameSite", sameSite),
                        CookieCall.setMaxAge(both, "setMaxAge", "J"),
                        CookieCall.createSent(encoder, "encode", "(" + STRING + STRING + ")", 0, 1),
                        CookieCall.send(encoder, "encode", "(L" + pkg + "Cookie;)", 0),
                        CookieCall.send(encoder, "encode", "([L" + pkg + "Cookie;)", 0))
                .fix(CookieFlag.SECURE, "cookie.setSecure(true) on a DefaultCookie before ServerCookieEncoder encodes it")
                .fix(CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true) on a DefaultCookie before ServerCookieEncoder encodes it")
                .fix(CookieFlag.SAME_SITE, "cookie.setSameSite(CookieHeaderNames.SameSite.Lax) (or Strict)")
                .sameSiteThrough(cookie + ".setSameSite(" + sameSite + ")V")
                .build();
    }

    /**
     * Ratpack's {@code response.cookie(name, value)}: a Netty {@code DefaultCookie} with nothing set, already in the
     * response's cookie set, which Ratpack encodes with {@code ServerCookieEncoder.STRICT} when the response goes out
     * (ratpack-core 1.9 {@code DefaultResponse}). What the handler sets on it (the Netty {@code Cookie} rows; SameSite
     * through a {@code DefaultCookie} cast) is sent: judged at the end of the method that holds it.
     */
    private static CookieApi ratpackResponseCookie() {
        String netty = "io/netty/handler/codec/http/cookie/";
        return CookieApi.builder("Ratpack response.cookie(name, value)", Kind.IN_RESPONSE)
                .implementedIn("ratpack/http/", "ratpack/session/")
                .mentions(RATPACK_RESPONSE)
                .calls(CookieCall.nameValueFactory(List.of(RATPACK_RESPONSE), "cookie"))
                .fix(CookieFlag.SECURE, "cookie.setSecure(true) on the cookie response.cookie(name, value) returns")
                .fix(CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true) on the cookie response.cookie(name, value) returns")
                .fix(CookieFlag.SAME_SITE, "((DefaultCookie) cookie).setSameSite(CookieHeaderNames.SameSite.Lax) (or Strict)"
                        + " on the cookie response.cookie(name, value) returns")
                .sameSiteThrough(netty + "DefaultCookie.setSameSite(L" + netty + "CookieHeaderNames$SameSite;)V")
                .build();
    }

    /**
     * Ratpack's session cookie settings ({@code ratpack.session.SessionCookieConfig}), which ratpack-session's
     * {@code CookieBasedSessionId} copies onto every session cookie: HttpOnly on, Secure off (a field without
     * initialiser), name JSESSIONID, and no SameSite option at all (ratpack-session 1.9 bytecode). Configured in the
     * Guice bindings, {@code bindings.module(SessionModule.class, config -> ...)} (the lambda configures the object
     * the call stands for), or installed with its defaults by {@code bindings.module(SessionModule.class)}; or made
     * with {@code new SessionCookieConfig()} and handed over ({@code moduleConfig}).
     */
    private static CookieApi ratpackSessionCookieConfig() {
        String config = "ratpack/session/SessionCookieConfig";
        String module = "ratpack/session/SessionModule";
        List<String> self = List.of(config);
        List<String> bindings = List.of("ratpack/guice/BindingsSpec");
        return CookieApi.builder("Ratpack SessionCookieConfig", Kind.CONFIGURATION, config)
                .implementedIn("ratpack/session/", "ratpack/guice/")
                .mentions(module)
                .calls(CookieCall.constructor(config, "()", -1),
                        CookieCall.factory(bindings, "module", "(Ljava/lang/Class;Lratpack/func/Action;)", -1)
                                .whenClassArgument(0, module),
                        CookieCall.factory(bindings, "module", "(Ljava/lang/Class;)", -1).whenClassArgument(0, module),
                        CookieCall.setName(self, "setIdName"),
                        CookieCall.setName(self, "idName"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        // No max-age rows: expires(Duration.ZERO) makes a browser-session cookie, not a deletion.
                        CookieCall.setFlag(self, "httpOnly", CookieFlag.HTTP_ONLY))
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .defaultName("JSESSIONID")
                .sessionCookie()
                .fix(CookieFlag.SECURE, "config.secure(true) on the SessionCookieConfig "
                        + "(bindings.module(SessionModule.class, config -> config.secure(true)))")
                .fix(CookieFlag.HTTP_ONLY, "drop config.httpOnly(false) (HttpOnly is the SessionCookieConfig default)")
                // No SameSite check: Ratpack 1.9's SessionCookieConfig cannot set one (only a SessionId of your own can).
                .build();
    }

    /**
     * {@code java.net.HttpCookie}: its {@code toString()} writes only {@code name=value} (plus Path, Domain
     * and Port for version 1), never Secure or HttpOnly, whatever {@code setSecure}/{@code setHttpOnly} said;
     * so a cookie whose text is written into a Set-Cookie header lacks both. Its setters are therefore no rows.
     */
    private static CookieApi javaNetHttpCookie() {
        String cookie = "java/net/HttpCookie";
        List<String> self = List.of(cookie);
        String fix = "HttpCookie.toString() never writes %s (even after %s): write the Set-Cookie value yourself"
                + " and append \"; %s\"";
        return CookieApi.builder("java.net.HttpCookie", Kind.COOKIE, cookie)
                .calls(CookieCall.nameValueConstructor(cookie),
                        CookieCall.setValue(self, "setValue"),
                        CookieCall.setMaxAge(self, "setMaxAge", "J"),
                        CookieCall.serialize(self, "toString"))
                .fix(CookieFlag.SECURE, String.format(fix, "Secure", "setSecure(true)", "Secure"))
                .fix(CookieFlag.HTTP_ONLY, String.format(fix, "HttpOnly", "setHttpOnly(true)", "HttpOnly"))
                .build();
    }

    /**
     * Javalin's {@code Cookie} (a Kotlin data class): constructor booleans are (secure, isHttpOnly), its ints
     * (maxAge, version); nothing set by default. Sent by {@code ctx.cookie(cookie)}.
     */
    private static CookieApi javalinCookie() {
        String cookie = "io/javalin/http/Cookie";
        List<String> self = List.of(cookie);
        String sameSite = "Lio/javalin/http/SameSite;";
        return CookieApi.builder("Javalin Cookie", Kind.COOKIE, cookie)
                .implementedIn("io/javalin/http/")
                .calls(CookieCall.anyConstructor(cookie, List.of(CookieFlag.SECURE, CookieFlag.HTTP_ONLY), sameSite)
                                .maxAgeAtInt(0),
                        CookieCall.setValue(self, "setValue"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setSameSite", sameSite),
                        CookieCall.setMaxAge(self, "setMaxAge", "I"),
                        CookieCall.sendThrough(List.of("io/javalin/http/Context"), "cookie", "(L" + cookie + ";)", 0))
                .fix(CookieFlag.SECURE, "secure = true in new Cookie(...), or cookie.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "isHttpOnly = true in new Cookie(...), or cookie.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "SameSite.LAX (or STRICT) in new Cookie(...), or cookie.setSameSite(SameSite.LAX)")
                .sameSiteThrough(cookie + ".setSameSite(" + sameSite + ")V")
                .build();
    }

    /** Javalin's {@code ctx.cookie(name, value[, maxAge])}: a cookie with no flags at all, sent at once. */
    private static CookieApi javalinShortForms() {
        List<String> context = List.of("io/javalin/http/Context");
        String fix = "send ctx.cookie(new Cookie(name, value, path, maxAge, %s)) instead: ctx.cookie(name, value)"
                + " cannot set %s";
        return CookieApi.builder("Javalin ctx.cookie(name, value)", Kind.COOKIE)
                .implementedIn("io/javalin/http/")
                .mentions("io/javalin/http/Context")
                .calls(CookieCall.createSent(context, "cookie", "(" + STRING + STRING, 0, 1))
                .fix(CookieFlag.SECURE, String.format(fix, "secure = true, 0, true", "Secure"))
                .fix(CookieFlag.HTTP_ONLY, String.format(fix, "true, 0, isHttpOnly = true", "HttpOnly"))
                .fix(CookieFlag.SAME_SITE, String.format(fix, "..., SameSite.LAX", "SameSite"))
                .sameSiteThrough("")
                .build();
    }

    /**
     * Spark Java's {@code response.cookie(...)}: builds a servlet {@code Cookie} from its arguments and sends it at
     * once. Secure and HttpOnly are off unless passed as {@code true} (the short forms pass {@code false}); there is
     * no SameSite argument (SparkSessionLoginTest shows what is sent). The longer forms put the path (and the
     * domain) before the name.
     */
    private static CookieApi sparkResponseCookie() {
        List<String> response = List.of("spark/Response");
        List<CookieFlag> secure = List.of(CookieFlag.SECURE);
        List<CookieFlag> both = List.of(CookieFlag.SECURE, CookieFlag.HTTP_ONLY);
        String s = STRING;
        return CookieApi.builder("Spark response.cookie(...)", Kind.COOKIE)
                .implementedIn("spark/Response")
                .mentions("spark/Response")
                .calls(CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + ")", 0, 1, List.of()),
                        CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + "I)", 0, 1, List.of()),
                        CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + "IZ)", 0, 1, secure),
                        CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + "IZZ)", 0, 1, both),
                        CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + s + "IZ)", 1, 2, secure),
                        CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + s + "IZZ)", 1, 2, both),
                        CookieCall.createSentWithFlags(response, "cookie", "(" + s + s + s + s + "IZZ)", 2, 3, both))
                .fix(CookieFlag.SECURE, "pass secured = true: response.cookie(name, value, maxAge, true, true)")
                .fix(CookieFlag.HTTP_ONLY, "pass httpOnly = true: response.cookie(name, value, maxAge, true, true)")
                // No SameSite check: no Spark API can set it (as for the javax Cookie underneath, see CookieApiSupport).
                .build();
    }

    /**
     * Blade 2.0's {@code response.cookie(...)} (and its {@code RouteContext}'s short forms): a Netty cookie made from
     * the arguments and sent at once, Secure only where {@code secured} is passed {@code true}, never HttpOnly
     * (BladeSessionLoginTest shows what is sent). The five-argument form puts the path before the name.
     */
    private static CookieApi bladeResponseCookie() {
        List<String> senders = List.of(BLADE_RESPONSE, "com/blade/mvc/http/HttpResponse", "com/blade/mvc/RouteContext");
        List<CookieFlag> secure = List.of(CookieFlag.SECURE);
        String s = STRING;
        return CookieApi.builder("Blade response.cookie(name, value, ...)", Kind.COOKIE)
                .implementedIn("com/blade/")
                .mentions(BLADE_RESPONSE, "com/blade/mvc/RouteContext")
                .calls(CookieCall.createSentWithFlags(senders, "cookie", "(" + s + s + ")", 0, 1, List.of()),
                        CookieCall.createSentWithFlags(senders, "cookie", "(" + s + s + "I)", 0, 1, List.of()),
                        CookieCall.createSentWithFlags(senders, "cookie", "(" + s + s + "IZ)", 0, 1, secure),
                        CookieCall.createSentWithFlags(senders, "cookie", "(" + s + s + s + "IZ)", 1, 2, secure))
                .fix(CookieFlag.SECURE, "pass secured = true (response.cookie(path, name, value, maxAge, true)), or send a "
                        + "Blade Cookie with cookie.secure(true) and cookie.httpOnly(true) through response.cookie(cookie)")
                .fix(CookieFlag.HTTP_ONLY, "response.cookie(name, value, ...) cannot set HttpOnly: send a Blade Cookie with "
                        + "cookie.httpOnly(true) and cookie.secure(true) through response.cookie(cookie)")
                // No SameSite check: no Blade 2.0 API can set it.
                .build();
    }

    /**
     * Blade 2.0's own {@code Cookie}: made empty ({@code new Cookie()}), then {@code name(...)}, {@code value(...)},
     * {@code secure(...)} and {@code httpOnly(...)} (both off by default), and sent by {@code response.cookie(cookie)}
     * with exactly those flags; it cannot carry SameSite.
     */
    private static CookieApi bladeCookie() {
        String cookie = "com/blade/mvc/http/Cookie";
        List<String> self = List.of(cookie);
        return CookieApi.builder("Blade Cookie", Kind.COOKIE, cookie)
                .implementedIn("com/blade/")
                .calls(CookieCall.constructor(cookie, "()", -1),
                        CookieCall.setName(self, "name"),
                        CookieCall.setValue(self, "value"),
                        CookieCall.setFlag(self, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setMaxAge(self, "maxAge", "J"),
                        CookieCall.sendThrough(List.of(BLADE_RESPONSE), "cookie", "(L" + cookie + ";)", 0))
                .fix(CookieFlag.SECURE, "cookie.secure(true)")
                .fix(CookieFlag.HTTP_ONLY, "cookie.httpOnly(true)")
                .build();
    }

    /**
     * JFinal's {@code Controller.setCookie(name, value, maxAge[, path[, domain]][, isHttpOnly])}, called on the
     * application's controller: a javax {@code Cookie} with path "/" by default, HttpOnly only when passed
     * {@code true}, never Secure (its {@code doSetCookie} in 5.x has no {@code setSecure}), sent at once.
     */
    private static CookieApi jfinalSetCookie() {
        List<String> controller = List.of(JFINAL_CONTROLLER);
        List<CookieFlag> httpOnly = List.of(CookieFlag.HTTP_ONLY);
        String s = STRING;
        return CookieApi.builder("JFinal setCookie(name, value, ...)", Kind.COOKIE)
                .implementedIn("com/jfinal/")
                // The method name too: a controller extending the application's base controller names neither.
                .mentions(JFINAL_CONTROLLER, "setCookie")
                .calls(CookieCall.createSentThroughWithFlags(controller, "setCookie", "(" + s + s + "I)", 0, 1, List.of()),
                        CookieCall.createSentThroughWithFlags(controller, "setCookie", "(" + s + s + "IZ)", 0, 1, httpOnly),
                        CookieCall.createSentThroughWithFlags(controller, "setCookie", "(" + s + s + "I" + s + ")", 0, 1,
                                List.of()),
                        CookieCall.createSentThroughWithFlags(controller, "setCookie", "(" + s + s + "I" + s + "Z)", 0, 1,
                                httpOnly),
                        CookieCall.createSentThroughWithFlags(controller, "setCookie", "(" + s + s + "I" + s + s + "Z)", 0,
                                1, httpOnly))
                .fix(CookieFlag.SECURE, "setCookie(name, value, ...) cannot set Secure: build a Cookie with"
                        + " setSecure(true) and setHttpOnly(true) and send it with setCookie(cookie)")
                .fix(CookieFlag.HTTP_ONLY, "pass isHttpOnly = true: setCookie(name, value, maxAge, true)")
                // No SameSite check: the javax Cookie it builds cannot carry one (see CookieApiSupport).
                .build();
    }

    /** Jetty 12 {@code HttpCookie}: {@code from(...)} or {@code build(...)} with nothing set; sent by {@code Response.addCookie}. */
    private static CookieApi jettyCookie() {
        String cookie = "org/eclipse/jetty/http/HttpCookie";
        String builder = cookie + "$Builder";
        List<String> self = List.of(cookie);
        List<String> builders = List.of(builder);
        List<String> response = List.of("org/eclipse/jetty/server/Response");
        String sameSite = "L" + cookie + "$SameSite;";
        return CookieApi.builder("Jetty HttpCookie", Kind.COOKIE, cookie, builder)
                .implementedIn("org/eclipse/jetty/http/", "org/eclipse/jetty/server/")
                .calls(CookieCall.nameValueFactory(self, "from"),
                        CookieCall.factory(self, "from", "(" + STRING + STRING + "Ljava/util/Map;", 0).valueAt(1)
                                .attributesAt(2),
                        CookieCall.factory(self, "from", "(" + STRING + STRING + "ILjava/util/Map;", 0).valueAt(1)
                                .attributesAt(3),
                        CookieCall.factory(self, "from", "(" + STRING + STRING, 0).valueAt(1),
                        CookieCall.factory(self, "build", "(" + STRING + STRING, 0).valueAt(1),
                        CookieCall.setFlag(builders, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(builders, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(builders, "sameSite", sameSite),
                        CookieCall.setMaxAge(builders, "maxAge", "J"),
                        CookieCall.send(response, "addCookie", "(Lorg/eclipse/jetty/server/Response;L" + cookie + ";)", 1),
                        CookieCall.send(response, "putCookie", "(Lorg/eclipse/jetty/server/Response;L" + cookie + ";)", 1),
                        CookieCall.send(response, "replaceCookie", "(Lorg/eclipse/jetty/server/Response;L" + cookie + ";)",
                                1))
                .fix(CookieFlag.SECURE, "HttpCookie.build(name, value).secure(true)")
                .fix(CookieFlag.HTTP_ONLY, "HttpCookie.build(name, value).httpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "HttpCookie.build(name, value).sameSite(HttpCookie.SameSite.LAX) (or STRICT)")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Jetty 12's session handler made by the application, core ({@code org.eclipse.jetty.session.SessionHandler}) and
     * servlet ({@code org.eclipse.jetty.ee10.servlet.SessionHandler}); the setters are declared in their
     * {@code AbstractSessionManager}. Its session cookie has no HttpOnly and no SameSite unless set, and Secure only on
     * requests Jetty sees as secure (the core handler: only on a TLS connection) unless {@code setSecureCookies(true)}:
     * a container default, as for the servlet {@code SessionCookieConfig}, judged where the code configures the
     * handler. {@code setSecureRequestOnly(true)} chooses that behaviour explicitly (Secure on every HTTPS request, as
     * {@code if (request.isSecure()) cookie.setSecure(true)} does), {@code false} drops it: never Secure unless
     * {@code setSecureCookies(true)} or the cookie config's {@code setSecure(true)} (AbstractSessionManager 12.1
     * bytecode: {@code getSessionCookie} adds the secure attributes only when {@code isSecureRequestOnly()} and the
     * request is secure). A context's SameSite default attribute reaches it (runtime evidence:
     * {@code Jetty12SessionCookieDefaultsTest}). {@code setUsingCookies(false)}: no cookie, the id travels elsewhere.
     */
    private static CookieApi jettySessionHandler() {
        String manager = "org/eclipse/jetty/session/AbstractSessionManager";
        List<String> self = List.of(JETTY_CORE_SESSIONS, JETTY_EE10_SESSIONS, manager);
        String sameSite = "Lorg/eclipse/jetty/http/HttpCookie$SameSite;";
        return CookieApi.builder("Jetty SessionHandler", Kind.CONFIGURATION, JETTY_CORE_SESSIONS, JETTY_EE10_SESSIONS,
                        manager)
                .implementedIn("org/eclipse/jetty/session/", "org/eclipse/jetty/ee10/")
                .calls(CookieCall.constructor(JETTY_CORE_SESSIONS, "()", -1),
                        CookieCall.constructor(JETTY_EE10_SESSIONS, "()", -1),
                        CookieCall.setName(self, "setSessionCookie"),
                        CookieCall.setFlag(self, "setSecureCookies", CookieFlag.SECURE),
                        CookieCall.secureOnSecureRequests(self, "setSecureRequestOnly"),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setSameSite", sameSite),
                        CookieCall.setMaxAge(self, "setMaxCookieAge", "I"),
                        CookieCall.disable(self, "setUsingCookies"))
                .starts(CookieFlag.SECURE, FlagValue.CONTAINER_DEFAULT)
                .defaultName("JSESSIONID")
                .sessionCookie()
                .fix(CookieFlag.SECURE, "sessionHandler.setSecureCookies(true)")
                .fix(CookieFlag.HTTP_ONLY, "sessionHandler.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "sessionHandler.setSameSite(HttpCookie.SameSite.LAX) (or STRICT)")
                .sameSiteThrough("")
                .build();
    }

    /** Undertow {@code CookieImpl}: nothing set by default; sent by {@code exchange.setResponseCookie}. */
    private static CookieApi undertowCookie() {
        String pkg = "io/undertow/server/handlers/";
        String cookie = pkg + "CookieImpl";
        List<String> both = List.of(cookie, pkg + "Cookie");
        return CookieApi.builder("Undertow CookieImpl", Kind.COOKIE, cookie, pkg + "Cookie")
                .implementedIn("io/undertow/server/", "io/undertow/attribute/", "io/undertow/security/", "io/undertow/util/")
                .calls(CookieCall.nameValueConstructor(cookie),
                        CookieCall.constructor(cookie, "(" + STRING + ")", 0),
                        CookieCall.setValue(both, "setValue"),
                        CookieCall.setFlag(both, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(both, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(both, "setSameSiteMode", STRING),
                        CookieCall.setMaxAge(both, "setMaxAge", "Ljava/lang/Integer;"),
                        CookieCall.sendThrough(List.of("io/undertow/server/HttpServerExchange"), "setResponseCookie",
                                "(L" + pkg + "Cookie;)", 0))
                .fix(CookieFlag.SECURE, "cookie.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "cookie.setSameSiteMode(\"Lax\") (or \"Strict\")")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Undertow core's session cookie settings ({@code io.undertow.server.session.SessionCookieConfig}, handed to a
     * {@code SessionAttachmentHandler}): its attributes live in a kernel {@code CookieImpl} copied into every session
     * cookie it writes, so, like that cookie, it has no Secure, no HttpOnly and no SameSite unless set (undertow-core
     * 2.3.21 bytecode: the constructor sets only the path "/" and the name JSESSIONID). Since 2.3 the setters are
     * declared in {@code CookieAttributes}, whose fluent results have that type.
     */
    private static CookieApi undertowSessionCookieConfig() {
        String pkg = "io/undertow/server/session/";
        String config = pkg + "SessionCookieConfig";
        List<String> self = List.of(config, pkg + "CookieAttributes");
        return CookieApi.builder("Undertow SessionCookieConfig", Kind.CONFIGURATION, config, pkg + "CookieAttributes")
                .calls(CookieCall.constructor(config, "()", -1),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setAttribute(self),
                        CookieCall.setMaxAge(self, "setMaxAge", "I"))
                .defaultName("JSESSIONID")
                .sessionCookie()
                .fix(CookieFlag.SECURE, "sessionCookieConfig.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "sessionCookieConfig.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "sessionCookieConfig.setAttribute(\"SameSite\", \"Lax\") (or \"Strict\"), or a "
                        + "SameSiteCookieHandler around the session handler")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Micronaut {@code Cookie.of(name, value)}: nothing set by default; sent by {@code MutableHttpResponse.cookie}; a
     * {@code configure(CookieConfiguration)} hands its flags to that configuration.
     */
    private static CookieApi micronautCookie() {
        String cookie = "io/micronaut/http/cookie/Cookie";
        List<String> self = List.of(cookie);
        String sameSite = "Lio/micronaut/http/cookie/SameSite;";
        return CookieApi.builder("Micronaut Cookie", Kind.COOKIE, cookie)
                .implementedIn("io/micronaut/http/")
                .calls(CookieCall.nameValueFactory(self, "of"),
                        CookieCall.setValue(self, "value"),
                        CookieCall.setFlag(self, "secure", CookieFlag.SECURE),
                        CookieCall.switchOn(self, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.switchOn(self, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "sameSite", sameSite),
                        CookieCall.setMaxAge(self, "maxAge", "J"),
                        // configure(CookieConfiguration[, isSecure]) applies the configuration's secure, httpOnly and
                        // sameSite where present: the configuration (a bean, the application's settings) decides them.
                        CookieCall.decidedElsewhere(self, "configure", "(Lio/micronaut/http/cookie/CookieConfiguration;"),
                        CookieCall.sendThrough(List.of("io/micronaut/http/MutableHttpResponse"), "cookie",
                                "(L" + cookie + ";)", 0))
                .fix(CookieFlag.SECURE, "cookie.secure(true)")
                .fix(CookieFlag.HTTP_ONLY, "cookie.httpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "cookie.sameSite(SameSite.Lax) (or Strict)")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Jooby 2/3 {@code Cookie}: nothing set by default (Secure and HttpOnly false, no SameSite); sent by
     * {@code ctx.setResponseCookie(cookie)} (JoobyCookieDefaultsTest), and, as the session cookie, by the session store
     * it is handed to: {@code SessionStore.memory(cookie[, timeout])}, {@code SessionStore.signed(secret, cookie)},
     * {@code SessionToken.cookieId(cookie)} and {@code SessionToken.signedCookie(cookie)} send that very cookie, with
     * the session id as its value, on every session (jooby 3.0.9 and 3.6.1 bytecode: {@code CookieID.saveToken} is
     * {@code ctx.setResponseCookie(cookie.clone().setValue(token))}).
     */
    private static CookieApi joobyCookie() {
        String cookie = "io/jooby/Cookie";
        List<String> self = List.of(cookie);
        String sameSite = "Lio/jooby/SameSite;";
        return CookieApi.builder("Jooby Cookie", Kind.COOKIE, cookie)
                .implementedIn("io/jooby/")
                .calls(CookieCall.nameValueConstructor(cookie),
                        CookieCall.constructor(cookie, "(" + STRING + ")", 0),
                        CookieCall.setName(self, "setName"),
                        CookieCall.setValue(self, "setValue"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(self, "setSameSite", sameSite),
                        CookieCall.setMaxAge(self, "setMaxAge", "J"),
                        CookieCall.setMaxAge(self, "setMaxAge", "Ljava/time/Duration;"),
                        CookieCall.sendThrough(List.of("io/jooby/Context"), "setResponseCookie", "(L" + cookie + ";)", 0),
                        CookieCall.send(List.of(JOOBY_SESSION_STORE), "memory", "(L" + cookie + ";", 0),
                        CookieCall.send(List.of(JOOBY_SESSION_STORE), "signed", "(" + STRING + "L" + cookie + ";)", 1),
                        CookieCall.send(List.of(JOOBY_SESSION_TOKEN), "cookieId", "(L" + cookie + ";)", 0),
                        CookieCall.send(List.of(JOOBY_SESSION_TOKEN), "signedCookie", "(L" + cookie + ";)", 0),
                        CookieCall.serialize(self, "toCookieString"))
                .fix(CookieFlag.SECURE, "cookie.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "cookie.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "cookie.setSameSite(SameSite.LAX) (or STRICT)")
                .sameSiteThrough(cookie + ".setSameSite(" + sameSite + ")L" + cookie + ";")
                .build();
    }

    /**
     * Jooby 2/3's session store made with its default session cookie: {@code SessionStore.memory()},
     * {@code memory(timeout)} and {@code signed(secret)} use {@code SessionToken.SID}, a cookie "jooby.sid" with
     * HttpOnly, path "/" and max age -1 only: neither Secure nor SameSite (jooby 3.0.9 and 3.6.1 bytecode of
     * {@code SessionToken}'s static initialiser; {@code Cookie.create} reading a configuration is no part of it). The
     * store has no setter for its cookie: the fix is a store made with a cookie of the application's.
     */
    private static CookieApi joobySessionStore() {
        List<String> self = List.of(JOOBY_SESSION_STORE);
        String hardened = "SessionStore.memory(new Cookie(\"jooby.sid\").setHttpOnly(true)%s) (signed(secret, cookie) "
                + "for the signed store): the default session cookie SessionToken.SID has no %s";
        return CookieApi.builder("Jooby SessionStore", Kind.CONFIGURATION, JOOBY_SESSION_STORE)
                .implementedIn("io/jooby/")
                .calls(CookieCall.factory(self, "memory", "()", -1),
                        CookieCall.factory(self, "memory", "(I)", -1),
                        CookieCall.factory(self, "memory", "(Ljava/time/Duration;)", -1),
                        CookieCall.factory(self, "signed", "(" + STRING + ")", -1))
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .defaultName("jooby.sid")
                .sessionCookie()
                .fix(CookieFlag.SECURE, String.format(hardened, ".setSecure(true)", "Secure"))
                .fix(CookieFlag.SAME_SITE, String.format(hardened, ".setSameSite(SameSite.LAX)", "SameSite"))
                .sameSiteThrough("")
                .build();
    }

    /**
     * Armeria {@code Cookie}: {@code builder(name, value)} and {@code of(name, value)} set nothing;
     * {@code secureBuilder}/{@code ofSecure} set Secure, HttpOnly and SameSite=Strict. Sent by the response
     * headers' or the response builder's {@code cookie(...)}/{@code cookies(...)} (ArmeriaCookieDefaultsTest).
     */
    private static CookieApi armeriaCookie() {
        String pkg = "com/linecorp/armeria/common/";
        String cookie = pkg + "Cookie";
        String builder = pkg + "CookieBuilder";
        List<String> self = List.of(cookie);
        List<String> builders = List.of(builder);
        List<String> senders = List.of(pkg + "ResponseHeadersBuilder", pkg + "HttpResponseBuilder");
        return CookieApi.builder("Armeria Cookie", Kind.COOKIE, cookie, builder)
                .implementedIn("com/linecorp/armeria/")
                .calls(CookieCall.nameValueFactory(self, "builder"),
                        CookieCall.nameValueFactory(self, "of"),
                        CookieCall.nameValueFactory(self, "secureBuilder")
                                .presets(CookieFlag.SECURE, CookieFlag.HTTP_ONLY, CookieFlag.SAME_SITE),
                        CookieCall.nameValueFactory(self, "ofSecure")
                                .presets(CookieFlag.SECURE, CookieFlag.HTTP_ONLY, CookieFlag.SAME_SITE),
                        CookieCall.setName(builders, "name"),
                        CookieCall.setValue(builders, "value"),
                        CookieCall.setFlag(builders, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(builders, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(builders, "sameSite", STRING),
                        CookieCall.setMaxAge(builders, "maxAge", "J"),
                        CookieCall.sendThrough(senders, "cookie", "(L" + cookie + ";)", 0),
                        CookieCall.sendThrough(senders, "cookies", "([L" + cookie + ";)", 0),
                        CookieCall.serialize(self, "toSetCookieHeader"))
                .fix(CookieFlag.SECURE, "Cookie.secureBuilder(name, value) (Secure, HttpOnly, SameSite=Strict), or .secure(true)")
                .fix(CookieFlag.HTTP_ONLY, "Cookie.secureBuilder(name, value) (Secure, HttpOnly, SameSite=Strict), or .httpOnly(true)")
                .fix(CookieFlag.SAME_SITE, ".sameSite(\"Lax\") (or \"Strict\") on the CookieBuilder, or Cookie.secureBuilder(name, value)")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Play's Java {@code Http.Cookie}: {@code Http.Cookie.builder(name, value)} starts with HttpOnly on, Secure
     * off and no SameSite; the constructor takes (secure, httpOnly) and a SameSite. Sent by a {@code Result}'s
     * {@code withCookies(...)} (PlayCookieDefaultsTest).
     */
    private static CookieApi playCookie() {
        String cookie = "play/mvc/Http$Cookie";
        String builder = "play/mvc/Http$CookieBuilder";
        List<String> builders = List.of(builder);
        String sameSite = "L" + cookie + "$SameSite;";
        return CookieApi.builder("Play Http.Cookie", Kind.COOKIE, cookie, builder)
                .implementedIn("play/mvc/", "play/api/mvc/")
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .calls(CookieCall.nameValueFactory(List.of(cookie), "builder"),
                        CookieCall.anyConstructor(cookie, List.of(CookieFlag.SECURE, CookieFlag.HTTP_ONLY), sameSite),
                        CookieCall.setName(builders, "withName"),
                        CookieCall.setValue(builders, "withValue"),
                        CookieCall.setFlag(builders, "withSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(builders, "withHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(builders, "withSameSite", sameSite),
                        CookieCall.setMaxAge(builders, "withMaxAge", "Ljava/time/Duration;"),
                        CookieCall.sendThrough(List.of("play/mvc/Result"), "withCookies", "([L" + cookie + ";)", 0))
                .fix(CookieFlag.SECURE, ".withSecure(true) on the Http.Cookie builder")
                .fix(CookieFlag.HTTP_ONLY, ".withHttpOnly(true) on the Http.Cookie builder (its default)")
                .fix(CookieFlag.SAME_SITE, ".withSameSite(Http.Cookie.SameSite.LAX) (or STRICT) on the Http.Cookie builder")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Helidon SE 3 {@code SetCookie}: {@code builder(name, value)} and {@code create(name, value)} set nothing;
     * sent by {@code res.headers().addCookie(setCookie)} or as the text of its {@code toString()}
     * (Helidon3CookieDefaultsTest).
     */
    private static CookieApi helidonSetCookie() {
        String cookie = HELIDON_SET_COOKIE;
        String builder = cookie + "$Builder";
        List<String> self = List.of(cookie);
        List<String> builders = List.of(builder);
        String sameSite = "L" + cookie + "$SameSite;";
        return CookieApi.builder("Helidon SetCookie", Kind.COOKIE, cookie, builder)
                .implementedIn("io/helidon/")
                .calls(CookieCall.nameValueFactory(self, "builder"),
                        CookieCall.nameValueFactory(self, "create"),
                        CookieCall.setFlag(builders, "secure", CookieFlag.SECURE),
                        CookieCall.setFlag(builders, "httpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(builders, "sameSite", sameSite),
                        CookieCall.setMaxAge(builders, "maxAge", "Ljava/time/Duration;"),
                        CookieCall.sendThrough(HELIDON_RESPONSE_HEADERS, "addCookie", "(L" + cookie + ";)", 0),
                        CookieCall.serialize(self, "toString"))
                .fix(CookieFlag.SECURE, ".secure(true) on the SetCookie builder")
                .fix(CookieFlag.HTTP_ONLY, ".httpOnly(true) on the SetCookie builder")
                .fix(CookieFlag.SAME_SITE, ".sameSite(SetCookie.SameSite.LAX) (or STRICT) on the SetCookie builder")
                .sameSiteThrough("")
                .build();
    }

    /** Helidon SE 3's {@code res.headers().addCookie(name, value[, maxAge])}: a cookie with no flags, sent at once. */
    private static CookieApi helidonShortForms() {
        String fix = "send res.headers().addCookie(SetCookie.builder(name, value)%s.build()) instead: addCookie(name, value)"
                + " cannot set %s";
        return CookieApi.builder("Helidon addCookie(name, value)", Kind.COOKIE)
                .implementedIn("io/helidon/")
                .mentions(HELIDON_RESPONSE_HEADERS.get(0))
                .calls(CookieCall.createSent(HELIDON_RESPONSE_HEADERS, "addCookie", "(" + STRING + STRING, 0, 1))
                .fix(CookieFlag.SECURE, String.format(fix, ".secure(true).httpOnly(true)", "Secure"))
                .fix(CookieFlag.HTTP_ONLY, String.format(fix, ".secure(true).httpOnly(true)", "HttpOnly"))
                .fix(CookieFlag.SAME_SITE, String.format(fix, ".sameSite(SetCookie.SameSite.LAX)", "SameSite"))
                .sameSiteThrough("")
                .build();
    }

    /**
     * Apache Wicket's {@code CookieUtils}: {@code save(key, value)} writes a servlet cookie of that name with the
     * settings of its {@code CookieDefaults} ({@code new CookieUtils()}: its own; {@code new CookieUtils(defaults)}:
     * those given), which start with Secure and HttpOnly off and SameSite=Lax (written on Servlet 6 and later); the
     * cookie is reported where the {@code CookieUtils} (or its {@code CookieDefaults}) is made
     * (WicketSessionLoginTest).
     */
    private static CookieApi wicketCookieUtils() {
        String pkg = "org/apache/wicket/util/cookies/";
        String defaults = pkg + "CookieDefaults";
        String utils = pkg + "CookieUtils";
        List<String> settings = List.of(defaults);
        return CookieApi.builder("Wicket CookieUtils", Kind.COOKIE, utils, defaults)
                .implementedIn("org/apache/wicket/")
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .calls(CookieCall.constructor(utils, "()", -1),
                        CookieCall.constructor(defaults, "()", -1),
                        CookieCall.adopt(utils, "(L" + defaults + ";)", 0),
                        CookieCall.setFlag(settings, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(settings, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(settings, "setSameSite", "L" + defaults + "$SameSite;"),
                        CookieCall.setMaxAge(settings, "setMaxAge", "I"),
                        CookieCall.sendThrough(List.of(utils), "save", "(" + STRING + STRING + ")", -1).naming(0, 1))
                .fix(CookieFlag.SECURE, "new CookieUtils(defaults) with defaults.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "new CookieUtils(defaults) with defaults.setHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "defaults.setSameSite(CookieDefaults.SameSite.Lax) (its default) or Strict")
                .sameSiteThrough("")
                .build();
    }

    /**
     * Hutool 5's {@code ServletUtil}/{@code JakartaServletUtil.addCookie(response, name, value[, maxAge[, path,
     * domain]])}: a servlet {@code Cookie} with the name, value, max age, path and domain only (read from 5.8's
     * bytecode: no {@code setSecure}, {@code setHttpOnly} or SameSite attribute), sent at once; reported at the call.
     */
    private static CookieApi hutoolAddCookie(String servletPackage) {
        String slashed = servletPackage.replace('.', '/');
        String response = "L" + slashed + "/http/HttpServletResponse;";
        String start = "(" + response + STRING + STRING;
        String fix = "addCookie(response, name, value, ...) cannot set %s: build a Cookie with %s and send it with"
                + " addCookie(response, cookie)";
        String flags = "jakarta.servlet".equals(servletPackage)
                ? "setSecure(true), setHttpOnly(true) and setAttribute(\"SameSite\", \"Lax\")"
                : "setSecure(true) and setHttpOnly(true)";
        return CookieApi.builder("Hutool addCookie(response, name, value, ...) (" + servletPackage + ")", Kind.COOKIE)
                .implementedIn("cn/hutool/")
                .mentions(HUTOOL_SERVLET_UTILS.toArray(new String[0]))
                .calls(CookieCall.createSentWithFlags(HUTOOL_SERVLET_UTILS, "addCookie", start + ")", 1, 2, List.of()),
                        CookieCall.createSentWithFlags(HUTOOL_SERVLET_UTILS, "addCookie", start + "I)", 1, 2, List.of()),
                        CookieCall.createSentWithFlags(HUTOOL_SERVLET_UTILS, "addCookie", start + "I" + STRING + STRING
                                + ")", 1, 2, List.of()))
                .fix(CookieFlag.SECURE, String.format(fix, "Secure", flags))
                .fix(CookieFlag.HTTP_ONLY, String.format(fix, "HttpOnly", flags))
                .fix(CookieFlag.SAME_SITE, String.format(fix, "SameSite", flags))
                // SameSite only where the servlet Cookie underneath can carry it (Servlet 6's setAttribute).
                .sameSiteThrough("jakarta.servlet".equals(servletPackage)
                        ? "jakarta/servlet/http/Cookie.setAttribute(Ljava/lang/String;Ljava/lang/String;)V" : null)
                .build();
    }

    /**
     * Sa-Token's configuration made in code (the documented {@code @Bean @Primary SaTokenConfig}): the token cookie a
     * Sa-Token login writes is named by {@code setTokenName} and has the attributes of the {@code SaCookieConfig} that
     * {@code getCookie()} hands out to be configured in place (or that {@code setCookie} puts in, judged where it is
     * made), as {@code sa-token.cookie.*} gives them in the settings files ({@link SaTokenCookieKeys}, where the defaults
     * are read: Secure and HttpOnly off, no SameSite); {@code setIsReadCookie(false)} writes no cookie.
     */
    private static CookieApi saTokenConfig() {
        String config = "cn/dev33/satoken/config/SaTokenConfig";
        String cookie = "cn/dev33/satoken/config/SaCookieConfig";
        List<String> configs = List.of(config);
        List<String> cookies = List.of(cookie);
        return CookieApi.builder("Sa-Token SaTokenConfig", Kind.CONFIGURATION, config, cookie)
                .implementedIn("cn/dev33/satoken/")
                .calls(CookieCall.constructor(config, "()", -1),
                        CookieCall.constructor(cookie, "()", -1),
                        CookieCall.setName(configs, "setTokenName"),
                        CookieCall.disableBoxed(configs, "setIsReadCookie"),
                        CookieCall.decidedElsewhere(configs, "setCookie", "(L" + cookie + ";)"),
                        CookieCall.setBoxedFlag(cookies, "setSecure", CookieFlag.SECURE),
                        CookieCall.setBoxedFlag(cookies, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setSameSite(cookies, "setSameSite", STRING))
                .defaultName(SaTokenCookieKeys.DEFAULT_TOKEN_NAME)
                .sessionCookie()
                .fix(CookieFlag.SECURE, "config.getCookie().setSecure(true) (sa-token.cookie.secure=true)")
                .fix(CookieFlag.HTTP_ONLY, "config.getCookie().setHttpOnly(true) (sa-token.cookie.http-only=true)")
                .fix(CookieFlag.SAME_SITE, "config.getCookie().setSameSite(\"Lax\") (or \"Strict\")")
                .sameSiteThrough(cookie + ".setSameSite(Ljava/lang/String;)L" + cookie + ";")
                .build();
    }

    /**
     * Tapestry 5's {@code Cookies.getBuilder(name, value)}: a {@code CookieBuilder} whose {@code write()} adds a javax
     * {@code Cookie} with Secure from {@code setSecure}, else from {@code request.isSecure()} (the request's scheme,
     * as Spring Session does), and never HttpOnly: Tapestry 5.4's builder has no such setter (tapestry-core 5.4.5
     * bytecode of {@code CookiesImpl$1.write}); 5.5 adds {@code setHttpOnly}. No SameSite (javax {@code Cookie}).
     */
    private static CookieApi tapestryCookieBuilder() {
        String builder = "org/apache/tapestry5/CookieBuilder";
        List<String> self = List.of(builder);
        return CookieApi.builder("Tapestry CookieBuilder", Kind.COOKIE, builder)
                .implementedIn("org/apache/tapestry5/")
                .calls(CookieCall.nameValueFactory(List.of(TAPESTRY_COOKIES), "getBuilder"),
                        CookieCall.setFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setFlag(self, "setHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setMaxAge(self, "setMaxAge", "I"),
                        CookieCall.send(self, "write", "()", -1),
                        CookieCall.delete(self, "delete"))
                .starts(CookieFlag.SECURE, FlagValue.SET)
                .fix(CookieFlag.SECURE, "builder.setSecure(true)")
                .fix(CookieFlag.HTTP_ONLY, "builder.setHttpOnly(true) (Tapestry 5.5 and later); on 5.4 add a javax Cookie "
                        + "with setHttpOnly(true) to the servlet response instead")
                .build();
    }

    /**
     * Tapestry 5's {@code Cookies.writeCookieValue(...)} and {@code writeDomainCookieValue(...)}: shorthands for
     * {@code getBuilder(name, value)...write()}, so Secure follows the request and HttpOnly is never set.
     */
    private static CookieApi tapestryShortForms() {
        List<String> cookies = List.of(TAPESTRY_COOKIES);
        String fix = "cookies.getBuilder(name, value)%s.write() instead: writeCookieValue sets no %s";
        List<CookieFlag> none = List.of();
        return CookieApi.builder("Tapestry Cookies.writeCookieValue(...)", Kind.COOKIE)
                .mentions(TAPESTRY_COOKIES)
                .implementedIn("org/apache/tapestry5/")
                .calls(CookieCall.createSent(cookies, "writeCookieValue", "(" + STRING + STRING + ")", 0, 1),
                        CookieCall.createSentWithFlags(cookies, "writeCookieValue", "(" + STRING + STRING + "I)", 0, 1, none),
                        CookieCall.createSent(cookies, "writeCookieValue", "(" + STRING + STRING + STRING + ")", 0, 1),
                        CookieCall.createSent(cookies, "writeCookieValue", "(" + STRING + STRING + STRING + STRING + ")",
                                0, 1),
                        CookieCall.createSent(cookies, "writeDomainCookieValue", "(" + STRING + STRING + STRING + ")", 0, 1),
                        CookieCall.createSentWithFlags(cookies, "writeDomainCookieValue",
                                "(" + STRING + STRING + STRING + "I)", 0, 1, none))
                .starts(CookieFlag.SECURE, FlagValue.SET)
                .fix(CookieFlag.SECURE, String.format(fix, ".setSecure(true)", "Secure on plain-HTTP requests"))
                .fix(CookieFlag.HTTP_ONLY, String.format(fix, ".setHttpOnly(true)", "HttpOnly")
                        + " (Tapestry 5.5 and later; on 5.4 add a javax Cookie with setHttpOnly(true) to the servlet response)")
                .build();
    }

    /**
     * JSF / Jakarta Faces {@code ExternalContext.addResponseCookie(name, value, properties)}: a servlet {@code Cookie}
     * made and added at once, its flags from the properties map's keys "secure" and "httpOnly" (Booleans; Mojarra's
     * {@code ExternalContextImpl} knows domain, maxAge, path, secure and httpOnly), neither when absent or the map is
     * null. SameSite is not asked for: JSF 2.x has no such key, and the servlet 6 attribute a Faces 4 implementation may
     * copy from other keys is not verified here; a "SameSite" key is still read.
     */
    private static CookieApi facesResponseCookie(String pkg) {
        String context = pkg.replace('.', '/') + "/context/ExternalContext";
        String fix = "put(\"%s\", true) in the properties map given to externalContext.addResponseCookie(name, value, "
                + "properties)";
        return CookieApi.builder("Faces ExternalContext.addResponseCookie(...) (" + pkg + ")", Kind.COOKIE)
                .mentions(context)
                .implementedIn(pkg.replace('.', '/') + "/", "com/sun/faces/", "org/apache/myfaces/")
                .calls(CookieCall.createSent(List.of(context), "addResponseCookie",
                        "(" + STRING + STRING + "Ljava/util/Map;)", 0, 1).attributesAt(2, "secure", "httpOnly", "SameSite"))
                .fix(CookieFlag.SECURE, String.format(fix, "secure"))
                .fix(CookieFlag.HTTP_ONLY, String.format(fix, "httpOnly"))
                .build();
    }

    /**
     * Shiro's {@code CookieRememberMeManager}: its constructor makes the remember-me cookie template
     * {@code new SimpleCookie("rememberMe")} with HttpOnly on, SameSite=Lax and, before Shiro 2.2, Secure off
     * (SimpleCookie's defaults), used for every remember-me cookie it writes. {@code getCookie()} hands out that template to
     * be configured in place; {@code setCookie(cookie)} replaces it by a cookie judged where it is made.
     */
    private static CookieApi shiroRememberMeManager() {
        String manager = "org/apache/shiro/web/mgt/CookieRememberMeManager";
        return shiroCookieHolder("Shiro CookieRememberMeManager", manager, "setCookie", "rememberMe",
                "rememberMeManager.getCookie().setSecure(true), or move to Shiro 2.2", false);
    }

    /**
     * Shiro's {@code DefaultWebSessionManager} (Shiro's own sessions, not the container's): its constructor
     * makes the session id cookie {@code new SimpleCookie("JSESSIONID")} with HttpOnly, SameSite=Lax and,
     * before Shiro 2.2, Secure off. {@code getSessionIdCookie()} hands it out; {@code setSessionIdCookie(cookie)} replaces it.
     */
    private static CookieApi shiroWebSessionManager() {
        String manager = SessionSettingSources.SHIRO_SESSION_MANAGER_CLASS;
        return shiroCookieHolder("Shiro DefaultWebSessionManager", manager, "setSessionIdCookie", "JSESSIONID",
                "sessionManager.getSessionIdCookie().setSecure(true), or move to Shiro 2.2", true,
                // setSessionIdCookieEnabled(false): no session cookie at all (the id travels in a header).
                CookieCall.disable(List.of(manager), "setSessionIdCookieEnabled"));
    }

    /** A Shiro class that owns a {@code SimpleCookie} template created with Shiro's defaults. */
    private static CookieApi shiroCookieHolder(String label, String holder, String replace, String name,
            String secureFix, boolean session, CookieCall... ownRows) {
        String contract = "org/apache/shiro/web/servlet/Cookie";
        String sameSite = "L" + contract + "$SameSiteOptions;";
        // The Cookie interface is one of its types so that the template its getter returns is the same cookie.
        CookieApi.Builder api = CookieApi.builder(label, Kind.CONFIGURATION, holder, contract)
                .implementedIn(holder.substring(0, holder.lastIndexOf('/') + 1))
                // Shiro 2.2 makes these templates Secure unless this system property is set; its
                // SimpleCookie.saveTo then writes Secure on every HTTPS request (runtime evidence:
                // ShiroDefaultCookiesTest). Earlier releases never do.
                .secureByDefaultWhenClassMentions(holder, SessionSettingSources.SHIRO_SECURE_OPT_OUT)
                .calls(CookieCall.constructor(holder, "()", -1),
                        CookieCall.decidedElsewhere(List.of(holder), replace, "(L" + contract + ";)"))
                .calls(ownRows)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .starts(CookieFlag.SAME_SITE, FlagValue.SET)
                .defaultName(name)
                .fix(CookieFlag.SECURE, secureFix)
                .fix(CookieFlag.HTTP_ONLY, "drop setHttpOnly(false) on its cookie (HttpOnly is Shiro's default)")
                .fix(CookieFlag.SAME_SITE, "setSameSite(Cookie.SameSiteOptions.LAX) (or STRICT) on its cookie")
                .sameSiteThrough("org/apache/shiro/web/servlet/SimpleCookie.setSameSite(" + sameSite + ")V");
        return (session ? api.sessionCookie() : api).build();
    }

    /**
     * Spring Security's remember-me services ({@code TokenBasedRememberMeServices},
     * {@code PersistentTokenBasedRememberMeServices}) write the "remember-me" cookie themselves
     * ({@code AbstractRememberMeServices.setCookie}): HttpOnly on, Secure only when the request is secure
     * unless {@code setUseSecureCookie} says otherwise, and no SameSite: only a cookie customizer (Servlet 6)
     * or a container-wide SameSite policy gives it one. Runtime evidence: {@code SpringRememberMeCookieTest}.
     */
    private static CookieApi springRememberMeServices() {
        String pkg = "org/springframework/security/web/authentication/rememberme/";
        List<String> self = List.of(pkg + "TokenBasedRememberMeServices", pkg + "PersistentTokenBasedRememberMeServices",
                pkg + "AbstractRememberMeServices");
        return CookieApi.builder("Spring Security remember-me services", Kind.CONFIGURATION,
                        self.toArray(new String[0]))
                .implementedIn("org/springframework/security/")
                .calls(CookieCall.constructor(self.get(0), "(" + STRING + "Lorg/springframework/security/core/userdetails/UserDetailsService;", -1),
                        CookieCall.constructor(self.get(1), "(" + STRING, -1),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setFlag(self, "setUseSecureCookie", CookieFlag.SECURE),
                        // AbstractRememberMeServices.setCookie runs the customizer on the servlet Cookie it built.
                        CookieCall.configuredByCallback(self, "setCookieCustomizer", "jakarta/servlet/http/Cookie"))
                .starts(CookieFlag.SECURE, FlagValue.UNKNOWN)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .defaultName("remember-me")
                .fix(CookieFlag.SECURE, "rememberMeServices.setUseSecureCookie(true)")
                .fix(CookieFlag.HTTP_ONLY, "drop the customizer's setHttpOnly(false) (HttpOnly is the default)")
                .fix(CookieFlag.SAME_SITE, "rememberMeServices.setCookieCustomizer(cookie -> cookie.setAttribute(\"SameSite\", "
                        + "\"Lax\")), or a SameSite policy for every cookie (Tomcat's sameSiteCookies, a Boot CookieSameSiteSupplier)")
                .sameSiteThrough("jakarta/servlet/http/Cookie.setAttribute(Ljava/lang/String;Ljava/lang/String;)V")
                .build();
    }

    /**
     * Spring Security's {@code http.rememberMe(...)}: the framework builds {@code TokenBasedRememberMeServices}
     * (see {@link #springRememberMeServices()}) whose cookie has no SameSite, and the configurer has no way to
     * give it one. The lambda form is configured in a method the analysis does not enter: a class that also
     * calls the configurer's {@code rememberMeServices(...)} hands the cookie to services judged where they
     * are built. {@code rememberMe(r -> r.disable())} removes the configurer: no cookie at all.
     */
    private static CookieApi springRememberMeDsl() {
        String configurer = "org/springframework/security/config/annotation/web/configurers/RememberMeConfigurer";
        String http = "org/springframework/security/config/annotation/web/builders/HttpSecurity";
        List<String> self = List.of(configurer);
        return CookieApi.builder("Spring Security rememberMe()", Kind.CONFIGURATION, configurer)
                .implementedIn("org/springframework/security/")
                .mentions(http)
                .calls(CookieCall.factory(List.of(http), "rememberMe", "(Lorg/springframework/security/config/Customizer;)", -1)
                                .unlessClassCalls(configurer, "rememberMeServices"),
                        CookieCall.factory(List.of(http), "rememberMe", "()", -1),
                        CookieCall.setName(self, "rememberMeCookieName"),
                        CookieCall.setFlag(self, "useSecureCookie", CookieFlag.SECURE),
                        CookieCall.decidedElsewhere(self, "rememberMeServices",
                                "(Lorg/springframework/security/web/authentication/RememberMeServices;)"),
                        // AbstractHttpConfigurer.disable() removes the configurer from HttpSecurity: no
                        // remember-me services are built, so no cookie is ever written (javap, Spring Security 6.3).
                        CookieCall.delete(self, "disable"))
                .starts(CookieFlag.SECURE, FlagValue.UNKNOWN)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .defaultName("remember-me")
                .fix(CookieFlag.SECURE, ".useSecureCookie(true) on the rememberMe() configurer")
                .fix(CookieFlag.HTTP_ONLY, "HttpOnly is the remember-me services' default")
                .fix(CookieFlag.SAME_SITE, "rememberMe(r -> r.rememberMeServices(services)) with services.setCookieCustomizer("
                        + "cookie -> cookie.setAttribute(\"SameSite\", \"Lax\")), or a SameSite policy for every cookie "
                        + "(Tomcat's sameSiteCookies, a Boot CookieSameSiteSupplier)")
                .sameSiteThrough("jakarta/servlet/http/Cookie.setAttribute(Ljava/lang/String;Ljava/lang/String;)V")
                .build();
    }

    /**
     * Spring Security's {@code CookieCsrfTokenRepository} (servlet): its XSRF-TOKEN cookie is HttpOnly unless made by
     * {@code withHttpOnlyFalse()} (a double-submit token page scripts read, which the verdict leaves alone by its
     * name), Secure follows the request unless {@code setSecure} says otherwise, and it has no SameSite: 6.x builds a
     * {@code ResponseCookie} without one (spring-security-web 6.3.4 bytecode of {@code saveToken}) and only a
     * {@code setCookieCustomizer(...)} (5.8 and later) can add one, so SameSite is asked for only where that exists.
     */
    private static CookieApi springCsrfCookieRepository() {
        String repository = "org/springframework/security/web/csrf/CookieCsrfTokenRepository";
        List<String> self = List.of(repository);
        return CookieApi.builder("Spring Security CookieCsrfTokenRepository", Kind.CONFIGURATION, repository)
                .implementedIn("org/springframework/security/web/csrf/")
                .calls(CookieCall.constructor(repository, "()", -1),
                        CookieCall.factory(self, "withHttpOnlyFalse", "()", -1),
                        CookieCall.setName(self, "setCookieName"),
                        CookieCall.setFlag(self, "setCookieHttpOnly", CookieFlag.HTTP_ONLY),
                        CookieCall.setBoxedFlag(self, "setSecure", CookieFlag.SECURE),
                        CookieCall.setMaxAge(self, "setCookieMaxAge", "I"),
                        // saveToken runs the customizer on the builder after its own settings: it may set any
                        // attribute, SameSite included.
                        CookieCall.configuredByCallback(self, "setCookieCustomizer",
                                "org/springframework/http/ResponseCookie$ResponseCookieBuilder"))
                .starts(CookieFlag.SECURE, FlagValue.SET)
                .starts(CookieFlag.HTTP_ONLY, FlagValue.SET)
                .defaultName("XSRF-TOKEN")
                .fix(CookieFlag.SECURE, "repository.setSecure(true), or drop setSecure(false)")
                .fix(CookieFlag.HTTP_ONLY, "repository.setCookieHttpOnly(true)")
                .fix(CookieFlag.SAME_SITE, "repository.setCookieCustomizer(cookie -> cookie.sameSite(\"Lax\")) (or \"Strict\")")
                .sameSiteThrough(repository + ".setCookieCustomizer(Ljava/util/function/Consumer;)V")
                .build();
    }
}
