package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * App-wide cookie policies, as data: settings an application installs once that decide attributes of every
 * cookie it writes, and which cookies each one reaches (a policy applied by the container's cookie writer
 * reaches the cookies the container writes; a response wrapper's {@code addCookie} reaches the cookies added through
 * it, and its {@code addHeader}/{@code setHeader} the cookies written as {@code Set-Cookie} text).
 *
 * <ul>
 * <li>Spring Boot {@code CookieSameSiteSupplier} beans ({@code ofLax()}, {@code ofStrict()}, {@code ofNone()},
 * narrowed by {@code whenHasName}/{@code whenHasNameMatching}): Boot installs them in the embedded server's
 * cookie writer, which gives a cookie without its own SameSite the supplier's value.</li>
 * <li>Tomcat {@code Rfc6265CookieProcessor.setSameSiteCookies(value)}: every cookie without its own SameSite,
 * the session cookie included, is sent with that value; a cookie's own value wins (runtime-evidence
 * {@code TomcatSameSitePolicyTest}).</li>
 * <li>A servlet response wrapper whose {@code addCookie} sets a flag on every cookie before passing it on,
 * installed by a filter ({@code chain.doFilter(request, new Wrapper(response))}): every cookie added
 * downstream has the flag, whatever the code that made it chose.</li>
 * <li>Such a wrapper handed on by a base servlet's {@code service} ({@code super.service(request, new
 * Wrapper(response))}): every cookie its subclasses add.</li>
 * <li>A wrapper whose {@code addHeader} and {@code setHeader} add an attribute to every Set-Cookie text they pass on
 * (or whose {@code addCookie} writes the cookie as such a header): every cookie written as header text has it
 * (runtime-evidence {@code HeaderHardeningWrapperTest}).</li>
 * <li>A server handler that sets one attribute on every response cookie of its stack ({@link #SERVER_HANDLERS}):
 * Undertow's {@code SameSiteCookieHandler} and {@code SecureCookieCommitListener}.</li>
 * <li>A SameSite default set as a server or context attribute ({@link #SAME_SITE_ATTRIBUTES}): Jetty 12's.</li>
 * <li>A WebFlux or JAX-RS response filter that rewrites every response cookie before it is written
 * ({@link CookieRewriteHook}).</li>
 * </ul>
 */
public final class CookiePolicyCatalogue {

    /** Spring Boot's SameSite supplier: Boot 2.6 to 3.x, and Boot 4. */
    public static final List<String> SAME_SITE_SUPPLIERS = List.of(
            "org/springframework/boot/web/servlet/server/CookieSameSiteSupplier",
            "org/springframework/boot/web/server/servlet/CookieSameSiteSupplier");

    /** The supplier's factories and the SameSite value each supplies. */
    public static final Map<String, String> SUPPLIER_FACTORIES = Map.of("ofLax", "Lax", "ofStrict", "Strict",
            "ofNone", "None");

    /** The supplier's general factory, {@code of(Cookie.SameSite.LAX)}: the value is the enum constant's. */
    public static final String SUPPLIER_OF = "of";

    /** Narrowing to one cookie name (a constant argument). */
    public static final String SUPPLIER_EXACT_NAME = "whenHasName";
    /** Narrowing to the names a regular expression matches (a constant argument). */
    public static final String SUPPLIER_NAME_PATTERN = "whenHasNameMatching";
    /** Any narrowing method: a name prefix ({@code when}, {@code whenHasName(Supplier)}, ...). */
    public static final String SUPPLIER_NARROWING = "when";

    /** Tomcat's cookie writers (the setter is declared in {@code CookieProcessorBase}). */
    public static final List<String> SAME_SITE_PROCESSORS = List.of(
            "org/apache/tomcat/util/http/Rfc6265CookieProcessor",
            "org/apache/tomcat/util/http/CookieProcessorBase",
            "org/apache/tomcat/util/http/LegacyCookieProcessor");
    public static final String PROCESSOR_SETTER = "setSameSiteCookies";
    public static final String PROCESSOR_SETTER_DESCRIPTOR = "(Ljava/lang/String;)V";
    /** Tomcat's enum of the setter's values, read by {@code SameSiteCookies.STRICT.getValue()}. */
    public static final String PROCESSOR_VALUES = "org/apache/tomcat/util/http/SameSiteCookies";
    public static final String PROCESSOR_VALUE_GETTER = "getValue";

    /** Servlet response wrappers, whose application subclasses may harden every cookie in addCookie. */
    public static final List<String> RESPONSE_WRAPPERS = List.of("javax/servlet/http/HttpServletResponseWrapper",
            "jakarta/servlet/http/HttpServletResponseWrapper");

    /** {@code addCookie} of a wrapper, per servlet namespace. */
    public static final List<String> WRAPPER_ADD_COOKIE_DESCRIPTORS = List.of("(Ljavax/servlet/http/Cookie;)V",
            "(Ljakarta/servlet/http/Cookie;)V");

    /** A wrapper's header methods, whose overrides may harden every Set-Cookie value they pass on. */
    public static final List<String> WRAPPER_HEADER_METHODS = List.of("addHeader", "setHeader");
    public static final String WRAPPER_HEADER_DESCRIPTOR = "(Ljava/lang/String;Ljava/lang/String;)V";

    /** Calls that append a text to the header being built. */
    public static final java.util.Set<String> TEXT_APPENDS = java.util.Set.of("append", "concat");

    /**
     * Calls a header-hardening wrapper makes when what it adds depends on something other than the text lacking the
     * attribute: the cookie's own flags, the request's scheme, how the text starts (which cookie it is); or when it
     * removes attributes.
     */
    public static final java.util.Set<String> CONDITIONAL_HARDENING_CALLS = java.util.Set.of("getSecure", "isHttpOnly",
            "isSecure", "startsWith", "endsWith", "replace", "replaceAll", "replaceFirst");

    /**
     * Cookies a servlet application writes as Set-Cookie header text through the response's {@code addHeader}
     * or {@code setHeader} (hand-written headers have no type): Spring MVC and JAX-RS runtimes write their
     * cookies' text through the servlet response, so a wrapper's header methods see it.
     */
    public static final List<String> WRITTEN_AS_HEADERS = List.of("org/springframework/http/ResponseCookie",
            "javax/ws/rs/core/NewCookie", "jakarta/ws/rs/core/NewCookie", "java/net/HttpCookie");

    /**
     * Does one of a wrapper's texts add the flag as a Set-Cookie attribute? An attribute is a {@code ;}-separated
     * part ({@code "; Secure"}, {@code "; HttpOnly"}, {@code "; SameSite=Lax"}); a SameSite value may be a text of
     * its own ({@code "; SameSite=" + DEFAULT}, {@code DEFAULT = "Lax"}). None is no hardening.
     */
    public static boolean addsAttribute(CookieFlag flag, java.util.Collection<String> texts) {
        boolean sameSiteName = false;
        boolean hardeningValue = false;
        for (String text : texts) {
            for (String part : text.split(";")) {
                String attribute = part.trim().toLowerCase(Locale.ROOT);
                if (flag == CookieFlag.SECURE && "secure".equals(attribute)
                        || flag == CookieFlag.HTTP_ONLY && "httponly".equals(attribute)) {
                    return true;
                }
                if (flag == CookieFlag.SAME_SITE && attribute.startsWith("samesite=")) {
                    String value = attribute.substring("samesite=".length()).trim();
                    if (isNone(value)) {
                        return false;
                    }
                    sameSiteName = true;
                    hardeningValue |= isHardeningSameSite(value);
                }
            }
            hardeningValue |= isHardeningSameSite(text.trim());
        }
        return sameSiteName && hardeningValue;
    }

    /**
     * Servlets whose {@code service} an application base class may override to hand every subclass's {@code doGet}
     * and {@code doPost} a wrapped response ({@code super.service(request, new Wrapper(response))}): a wrapper so
     * installed reaches the cookies that base's subclasses add, and no others.
     */
    public static final List<String> SERVLETS = List.of("javax/servlet/http/HttpServlet",
            "jakarta/servlet/http/HttpServlet", "javax/servlet/GenericServlet", "jakarta/servlet/GenericServlet");
    public static final String SERVLET_DISPATCH = "service";
    /** The dispatch a subclass may override again (and so bypass the base's wrapper). */
    public static final List<String> SERVLET_DISPATCH_DESCRIPTORS = List.of(
            "(Ljavax/servlet/http/HttpServletRequest;Ljavax/servlet/http/HttpServletResponse;)V",
            "(Ljakarta/servlet/http/HttpServletRequest;Ljakarta/servlet/http/HttpServletResponse;)V",
            "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;)V",
            "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)V");

    /** The call through which a filter hands the rest of the chain its (wrapped) response. */
    public static final List<String> FILTER_CHAINS = List.of("javax/servlet/FilterChain", "jakarta/servlet/FilterChain");
    public static final String FILTER_CHAIN_CALL = "doFilter";

    /**
     * Cookie types the container writes through its cookie writer (Tomcat's processor, Boot's suppliers):
     * servlet cookies, Spring's {@code CookieGenerator} (which adds servlet cookies) and the container's own
     * session cookie.
     */
    public static final List<String> CONTAINER_WRITTEN = List.of("javax/servlet/http/Cookie",
            "jakarta/servlet/http/Cookie", "org/springframework/web/util/CookieGenerator",
            "javax/servlet/SessionCookieConfig", "jakarta/servlet/SessionCookieConfig",
            // Spring Security's remember-me cookie goes out through response.addCookie, so the
            // container's cookie processor gives it the policy's SameSite.
            "org/springframework/security/web/authentication/rememberme/TokenBasedRememberMeServices",
            "org/springframework/security/config/annotation/web/configurers/RememberMeConfigurer");

    /** Cookie types that reach the response through {@code addCookie}, hence through a response wrapper. */
    public static final List<String> ADDED_THROUGH_RESPONSE = List.of("javax/servlet/http/Cookie",
            "jakarta/servlet/http/Cookie", "org/springframework/web/util/CookieGenerator");

    /**
     * A server handler that sets one attribute on every response cookie of the types it reaches, replacing what the
     * cookie chose: installed by constructing it, or by using its shared {@code INSTANCE}.
     *
     * @param type           slashed class of the handler
     * @param flag           the attribute it sets
     * @param modeArgument   for SameSite, the constructor argument that holds the value; -1 otherwise
     * @param patternArgument the constructor argument holding a regular expression of the cookie names it reaches
     *                       (absent from shorter constructors: every cookie); -1 for none
     * @param caseArgument   the constructor argument saying whether that pattern is case-sensitive; -1 for none
     * @param reaches        the cookie types it reaches
     */
    public static final class ServerHandler {
        public final String type;
        public final CookieFlag flag;
        public final int modeArgument;
        public final int patternArgument;
        public final int caseArgument;
        public final List<String> reaches;

        ServerHandler(String type, CookieFlag flag, int modeArgument, int patternArgument, int caseArgument,
                List<String> reaches) {
            this.type = type;
            this.flag = flag;
            this.modeArgument = modeArgument;
            this.patternArgument = patternArgument;
            this.caseArgument = caseArgument;
            this.reaches = reaches;
        }
    }

    /**
     * Undertow core's own cookies ({@code exchange.setResponseCookie(new CookieImpl(...))}), and its session cookie, which
     * {@code SessionCookieConfig.setSessionId} sends the same way (a {@code CookieImpl} copied from the config's).
     */
    private static final List<String> UNDERTOW_COOKIES = List.of("io/undertow/server/handlers/CookieImpl",
            "io/undertow/server/session/SessionCookieConfig");

    /**
     * The cookies an Undertow handler wrapped around a servlet deployment (WildFly's, Quarkus'
     * {@code undertow-handlers.conf}) sees among the response cookies: the servlet API's (Undertow's
     * {@code HttpServletResponseImpl.addCookie} hands them to {@code exchange.setResponseCookie}), the servlet session
     * cookie, and Undertow core's own; not a raw {@code Set-Cookie} header.
     */
    public static final List<String> UNDERTOW_DEPLOYMENT_WRITTEN = java.util.stream.Stream
            .concat(CONTAINER_WRITTEN.stream(), UNDERTOW_COOKIES.stream()).collect(java.util.stream.Collectors.toUnmodifiableList());

    /**
     * Server handlers that harden every cookie (runtime-evidence {@code UndertowCookiePolicyTest}). Undertow's
     * {@code SecureCookieHandler} is not one: it adds Secure on HTTPS exchanges only, so behind a TLS-terminating
     * proxy its cookies go out without it.
     */
    public static final List<ServerHandler> SERVER_HANDLERS = List.of(
            // SameSiteCookieHandler(next, mode[, cookiePattern[, caseSensitive[, ...]]]): at commit, every response
            // cookie whose name the pattern matches (every one without a pattern) gets the mode.
            new ServerHandler("io/undertow/server/handlers/SameSiteCookieHandler", CookieFlag.SAME_SITE, 1, 2, 3,
                    UNDERTOW_COOKIES),
            // exchange.addResponseCommitListener(SecureCookieCommitListener.INSTANCE): Secure on every cookie.
            new ServerHandler("io/undertow/server/SecureCookieCommitListener", CookieFlag.SECURE, -1, -1, -1,
                    UNDERTOW_COOKIES));

    /** The shared instance whose use installs a handler without constructing it. */
    public static final String SHARED_HANDLER_FIELD = "INSTANCE";

    /** The row of a server handler type, or null. */
    public static ServerHandler serverHandler(String slashedType) {
        for (ServerHandler handler : SERVER_HANDLERS) {
            if (handler.type.equals(slashedType)) {
                return handler;
            }
        }
        return null;
    }

    /**
     * A SameSite default set as an attribute of the server or a context ({@code holder.setAttribute(key, value)}):
     * every cookie of the types it reaches that has no SameSite of its own gets the value; a cookie's own is kept.
     *
     * @param holder   slashed types whose {@code setAttribute(String, Object)} (or a subtype's) sets it
     * @param key      the attribute's name
     * @param values   slashed enum type whose constants may give the value instead of a text
     * @param reaches  the cookie types it reaches
     */
    public static final class AttributeDefault {
        public final List<String> holder;
        public final String key;
        public final String values;
        public final List<String> reaches;

        AttributeDefault(List<String> holder, String key, String values, List<String> reaches) {
            this.holder = holder;
            this.key = key;
            this.values = values;
            this.reaches = reaches;
        }
    }

    /** The setter of an attribute default, with its descriptor. */
    public static final String ATTRIBUTE_SETTER = "setAttribute";
    public static final String ATTRIBUTE_SETTER_DESCRIPTOR = "(Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;";

    /** Jetty 12's context attribute naming the SameSite of every cookie without its own. */
    public static final String JETTY_SAME_SITE_DEFAULT = "org.eclipse.jetty.cookie.sameSiteDefault";

    /**
     * The cookies a Jetty 12 context's SameSite default reaches: {@code HttpCookie}s added with
     * {@code Response.addCookie}, the session handlers' cookie (core and ee10), and in an ee10 servlet context the
     * servlet {@code Cookie}s added with {@code response.addCookie} (runtime evidence {@code JettyCookiePolicyTest},
     * {@code Jetty12SessionCookieDefaultsTest}).
     */
    public static final List<String> JETTY_CONTEXT_WRITTEN = List.of("org/eclipse/jetty/http/HttpCookie",
            CookieCatalogue.JETTY_CORE_SESSIONS, CookieCatalogue.JETTY_EE10_SESSIONS, "jakarta/servlet/http/Cookie");

    /**
     * Jetty 12's {@code HttpCookieUtils.SAME_SITE_DEFAULT_ATTRIBUTE} on a {@code ContextHandler} or the
     * {@code Server}: the cookies of {@link #JETTY_CONTEXT_WRITTEN}.
     */
    public static final List<AttributeDefault> SAME_SITE_ATTRIBUTES = List.of(
            // A context's or the server's attributes: Jetty reads request.getContext()'s (a request's or a
            // session's own attributes are not asked).
            new AttributeDefault(List.of("org/eclipse/jetty/server/handler/ContextHandler",
                    "org/eclipse/jetty/server/Server"), JETTY_SAME_SITE_DEFAULT,
                    "org/eclipse/jetty/http/HttpCookie$SameSite", JETTY_CONTEXT_WRITTEN));

    private static boolean isAttributeHolder(String policyOwner) {
        return SAME_SITE_ATTRIBUTES.stream().anyMatch(attribute -> attribute.holder.contains(policyOwner));
    }

    /**
     * Can a {@code setAttribute} call of this owner set an attribute default? Not the servlet API's (a request's, a
     * session's or a servlet context's attributes): the first pass reads no method for those.
     */
    public static boolean mayHoldAttributeDefault(String slashedOwner) {
        return !slashedOwner.startsWith("jakarta/servlet/") && !slashedOwner.startsWith("javax/servlet/");
    }

    /**
     * A response filter that rewrites every cookie of every response before it is written: it reads the response's
     * cookies, replaces each by a copy built with the flags set ({@code cookie.mutate().secure(true)...build()}), and
     * answers the copy or puts it back. Every cookie of the types it reaches goes through it. One that picks cookies by
     * name ({@code cookies.get("SESSION")}) or sets a flag on some paths only is not such a policy for them.
     * <ul>
     * <li>{@link #WEBFLUX}: a Spring WebFlux {@code WebFilter} ({@code response.beforeCommit(...)} over
     * {@code response.getCookies()}).</li>
     * <li>{@link #JAX_RS}: a JAX-RS {@code ContainerResponseFilter} over {@code response.getHeaders()}' Set-Cookie
     * values, each {@code NewCookie} replaced by {@code new NewCookie.Builder(cookie).secure(true)...build()} (JAX-RS
     * 3.1; its {@code WriterInterceptor}s run only for responses with an entity, so they are not read). A filter with a
     * name-binding annotation runs for the resources so bound only, and is not read either.</li>
     * </ul>
     */
    public static final class CookieRewriteHook {
        /** The types a filter class implements. */
        public final List<String> filters;
        /** The response types and their method that answers the cookies (or the headers holding them). */
        public final List<String> responses;
        public final String cookiesRead;
        /** The cookie types the hook rewrites (and reaches), and their getter of their own SameSite. */
        public final List<String> cookies;
        public final String ownSameSite;
        /** The copy: a method of the cookie ({@code mutate}) or a constructor of the builder taking the cookie. */
        public final List<String> copyOwners;
        public final String copyName;
        /** The builders the copy is made with, and their method that makes the cookie. */
        public final List<String> builders;
        public final String build;
        /** The enum of the builder's SameSite values, or null when they are texts. */
        public final String sameSiteValues;
        /** Maps whose keyed reads pick cookies by name. */
        public final List<String> cookieMaps;
        /**
         * Puts copies back in place of the cookies ({@code entry.setValue(hardened)}, {@code cookies.set(name, copy)}):
         * a method that builds the copies and calls one of these hands them on as one that returns the copy does.
         */
        public final Map<String, java.util.Set<String>> putsBack;
        /**
         * The annotation (a type descriptor) by which the runtime finds and installs the filter for every request
         * (JAX-RS' {@code @Provider}; one registered otherwise may be bound to some resources by a
         * {@code DynamicFeature}); null when every filter of the type runs for every request (a WebFlux bean).
         */
        public final String discoveredBy;
        /**
         * The response method that defers a callback until the response is committed ({@code beforeCommit}), when
         * the filter itself runs before the handler has added its cookies: only a read of the cookies in a callback so
         * deferred sees them. Null when the filter runs after the handler (JAX-RS response filters).
         */
        public final String deferredBy;

        CookieRewriteHook(List<String> filters, List<String> responses, String cookiesRead, List<String> cookies,
                String ownSameSite, List<String> copyOwners, String copyName, List<String> builders, String build,
                String sameSiteValues, List<String> cookieMaps, Map<String, java.util.Set<String>> putsBack,
                String discoveredBy, String deferredBy) {
            this.filters = filters;
            this.responses = responses;
            this.cookiesRead = cookiesRead;
            this.cookies = cookies;
            this.ownSameSite = ownSameSite;
            this.copyOwners = copyOwners;
            this.copyName = copyName;
            this.builders = builders;
            this.build = build;
            this.sameSiteValues = sameSiteValues;
            this.cookieMaps = cookieMaps;
            this.putsBack = putsBack;
            this.discoveredBy = discoveredBy;
            this.deferredBy = deferredBy;
        }

        /** Is this call the copy of a cookie ({@code cookie.mutate()}, {@code new NewCookie.Builder(cookie)})? */
        public boolean isCopy(String owner, String name, String descriptor) {
            if (!copyOwners.contains(owner) || !copyName.equals(name)) {
                return false;
            }
            return !"<init>".equals(name) || cookieArgument(descriptor);
        }

        /**
         * Is this call a builder made from a cookie's name alone ({@code new NewCookie.Builder(cookie.getName())}, the
         * caller then copies the other attributes by their getters)? A copy when that name is the cookie's own
         * ({@link #readsOwnName} just before).
         */
        public boolean isRebuild(String owner, String name, String descriptor) {
            return "<init>".equals(copyName) && copyOwners.contains(owner) && copyName.equals(name)
                    && REBUILT_FROM.equals(descriptor);
        }

        /** Is this call a cookie's own name ({@code cookie.getName()}) of a type the copy takes? */
        public boolean readsOwnName(String owner, String name) {
            return OWN_NAME.equals(name) && COPIED_TYPES.contains(owner);
        }

        private boolean cookieArgument(String descriptor) {
            return descriptor.startsWith("(L") && descriptor.indexOf(';') == descriptor.indexOf(")") - 1
                    && COPIED_TYPES.contains(descriptor.substring(2, descriptor.indexOf(';')));
        }

        /** The type named by the filter rows' first entry, for messages. */
        public String filter() {
            return filters.get(0);
        }

        /** Does the method's descriptor answer a cookie of this hook (the copy)? */
        public boolean answersCookie(String descriptor) {
            return cookies.stream().anyMatch(cookie -> descriptor.endsWith(")L" + cookie + ";"));
        }
    }

    /** The builder setters of each flag, the same names in both stacks. */
    public static final Map<String, CookieFlag> REWRITE_SETTERS = Map.of("secure", CookieFlag.SECURE,
            "httpOnly", CookieFlag.HTTP_ONLY, "sameSite", CookieFlag.SAME_SITE);
    /** Reads of one entry of a cookie map: cookies picked by name. */
    public static final java.util.Set<String> KEYED_READS = java.util.Set.of("get", "getFirst", "containsKey",
            "remove");
    /**
     * The views of a cookie map that hand every name in turn ({@code cookies.keySet()}, {@code cookies.entrySet()}):
     * a keyed read whose key came from one reads every cookie, not one picked by name.
     */
    public static final java.util.Set<String> KEY_VIEWS = java.util.Set.of("keySet", "entrySet");
    /** A loop's next element ({@code Iterator.next()}, what a for-each over the cookies compiles to). */
    public static final String NEXT_ELEMENT = "next";
    /**
     * Tests of a text or a set ({@code name.startsWith("SESSION")}, {@code exchange.getRequest().getPath()...
     * startsWith("/admin")}): outside the method that sets the flags they may pick the cookies or requests the hook
     * hardens, which the analysis does not follow.
     */
    public static final java.util.Set<String> SELECTIONS = java.util.Set.of("startsWith", "endsWith", "equals",
            "equalsIgnoreCase", "matches", "contains");
    /**
     * A membership test of a cookie's name in a constant collection of names ({@code if
     * (!SCRIPT_READABLE.contains(cookie.getName()))}): the collection types and the test.
     */
    public static final List<String> NAME_COLLECTIONS = List.of("java/util/Set", "java/util/List",
            "java/util/Collection");
    public static final String MEMBERSHIP_TEST = "contains";
    /** The JDK factories of unmodifiable collections: a static final field set to one holds its elements for good. */
    public static final List<String> UNMODIFIABLE_COLLECTION_FACTORIES = List.of("java/util/List.of",
            "java/util/Set.of", "java/util/Collections.singletonList", "java/util/Collections.singleton");
    /** JAX-RS' name-binding meta-annotation: a filter whose annotation carries it runs for bound resources only. */
    public static final List<String> NAME_BINDINGS = List.of("Ljakarta/ws/rs/NameBinding;", "Ljavax/ws/rs/NameBinding;");
    /** A builder constructor taking the cookie's name, and the getter of that name. */
    private static final String REBUILT_FROM = "(Ljava/lang/String;)V";
    private static final String OWN_NAME = "getName";
    /** The cookie a JAX-RS copy constructor takes. */
    private static final List<String> COPIED_TYPES = List.of("jakarta/ws/rs/core/Cookie", "jakarta/ws/rs/core/NewCookie");

    public static final CookieRewriteHook WEBFLUX = new CookieRewriteHook(
            List.of("org/springframework/web/server/WebFilter"),
            List.of("org/springframework/http/server/reactive/ServerHttpResponse"), "getCookies",
            List.of("org/springframework/http/ResponseCookie"), "getSameSite",
            List.of("org/springframework/http/ResponseCookie"), "mutate",
            List.of("org/springframework/http/ResponseCookie$ResponseCookieBuilder"), "build", null,
            List.of("org/springframework/util/MultiValueMap", "java/util/Map"),
            Map.of("java/util/Map$Entry", java.util.Set.of("setValue"), "org/springframework/util/MultiValueMap",
                    java.util.Set.of("set", "put", "add", "addAll", "setAll", "replaceAll"), "java/util/Map",
                    java.util.Set.of("put", "replaceAll")), null,
            // A WebFilter runs before the handler: cookies are there only in its response.beforeCommit(...) callback.
            "beforeCommit");

    public static final CookieRewriteHook JAX_RS = new CookieRewriteHook(
            List.of("jakarta/ws/rs/container/ContainerResponseFilter"),
            List.of("jakarta/ws/rs/container/ContainerResponseContext"), "getHeaders",
            List.of("jakarta/ws/rs/core/NewCookie"), "getSameSite",
            List.of("jakarta/ws/rs/core/NewCookie$Builder"), "<init>",
            List.of("jakarta/ws/rs/core/NewCookie$Builder", "jakarta/ws/rs/core/NewCookie$AbstractNewCookieBuilder"),
            "build", "jakarta/ws/rs/core/NewCookie$SameSite",
            // The headers map's get("Set-Cookie") reads every cookie; a plain map (getCookies()) is read by name, a
            // list of the values by index (cookies.get(0): that one cookie).
            List.of("java/util/Map", "java/util/List"),
            Map.of("jakarta/ws/rs/core/MultivaluedMap", java.util.Set.of("put", "putSingle", "add", "addAll", "replace"),
                    "java/util/ListIterator", java.util.Set.of("set"), "java/util/List", java.util.Set.of("set",
                            "replaceAll"), "java/util/Map", java.util.Set.of("put", "replace", "replaceAll")),
            "Ljakarta/ws/rs/ext/Provider;", null);

    /** Every cookie-rewriting hook the first pass reads. */
    public static final List<CookieRewriteHook> REWRITE_HOOKS = List.of(WEBFLUX, JAX_RS);

    /** Every type (or attribute name) whose mention makes a class worth the first pass. */
    public static final List<String> POLICY_TYPES = policyTypes();

    private static List<String> policyTypes() {
        List<String> types = new java.util.ArrayList<>(SAME_SITE_SUPPLIERS);
        types.addAll(SAME_SITE_PROCESSORS);
        types.addAll(FILTER_CHAINS);
        types.addAll(SERVLETS);
        types.addAll(RequestMappingCatalogue.FILTER_REGISTRATIONS);
        SERVER_HANDLERS.forEach(handler -> types.add(handler.type));
        SAME_SITE_ATTRIBUTES.forEach(attribute -> types.add(attribute.key));
        return List.copyOf(types);
    }

    private CookiePolicyCatalogue() {
    }

    /**
     * The SameSite several possible values give together ({@code this.sameSite}, "Lax" or "Strict" by configuration):
     * the first when every one is protective, else null.
     */
    public static String hardeningSameSite(java.util.Collection<String> values) {
        return !values.isEmpty() && values.stream().allMatch(CookiePolicyCatalogue::isHardeningSameSite)
                ? values.iterator().next() : null;
    }

    /** True for SameSite values that keep a cookie off cross-site requests (Lax, Strict; any case). */
    public static boolean isHardeningSameSite(String value) {
        String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return "lax".equals(lower) || "strict".equals(lower);
    }

    /** The SameSite value of Boot's {@code Cookie.SameSite} constant ({@code LAX} gives "Lax"), or null. */
    public static String sameSiteOfConstant(String enumConstant) {
        if (enumConstant == null || enumConstant.isEmpty()) {
            return null;
        }
        return enumConstant.charAt(0) + enumConstant.substring(1).toLowerCase(Locale.ROOT);
    }

    /** True for SameSite=None (any case). */
    public static boolean isNone(String value) {
        return value != null && "none".equals(value.toLowerCase(Locale.ROOT));
    }

    /** The fix for a policy that sends every cookie SameSite=None, in the policy's own terms. */
    public static String noneEverywhereFix(String policyOwner) {
        if (isAttributeHolder(policyOwner)) {
            return "set the attribute to \"Lax\" (or \"Strict\"), and SameSite=None on the cookies that must travel"
                    + " cross-site only";
        }
        if (serverHandler(policyOwner) != null) {
            return "new SameSiteCookieHandler(next, \"Lax\") (or \"Strict\"), and a second handler narrowed by a"
                    + " cookie name pattern for the cookies that must travel cross-site";
        }
        if (SAME_SITE_SUPPLIERS.contains(policyOwner)) {
            return "CookieSameSiteSupplier.ofLax() (or ofStrict()), or narrow ofNone() with whenHasName(...) to the"
                    + " cookies that must travel cross-site";
        }
        return "setSameSiteCookies(\"Lax\") (or \"Strict\"), and set SameSite=None on the cookies that must"
                + " travel cross-site only";
    }

    /**
     * The fix for a policy narrowed to one session or credential cookie by name that sends it SameSite=None (Boot's
     * {@code CookieSameSiteSupplier.ofNone().whenHasName("remember-me")}).
     */
    public static String noneForCredentialFix() {
        return "CookieSameSiteSupplier.ofLax().whenHasName(...) (or ofStrict()) for it: None only for cookies that must"
                + " travel cross-site and carry no credential";
    }

    /** What a policy narrowed to one session or credential cookie that sends it SameSite=None is called. */
    public static String noneForCredentialSubject(String cookieName) {
        return "cookie \"" + cookieName + "\", a session or credential cookie, given SameSite=None by"
                + " CookieSameSiteSupplier.ofNone().whenHasName(\"" + cookieName + "\") (sent on every cross-site"
                + " request),";
    }

    /** What a policy that sends every cookie SameSite=None is called in its finding. */
    public static String noneEverywhereSubject(String policyOwner) {
        String how = SAME_SITE_SUPPLIERS.contains(policyOwner) ? "CookieSameSiteSupplier.ofNone() for every cookie"
                : serverHandler(policyOwner) != null ? "new SameSiteCookieHandler(next, \"None\")"
                : isAttributeHolder(policyOwner) ? "the SameSite default attribute set to None"
                : "setSameSiteCookies(\"None\")";
        String which = serverHandler(policyOwner) != null ? "every cookie the server writes, its own SameSite replaced"
                : "every cookie the server writes without its own SameSite";
        return which + ", the session cookie included (" + how + ": SameSite=None sends them on every cross-site request),";
    }
}
