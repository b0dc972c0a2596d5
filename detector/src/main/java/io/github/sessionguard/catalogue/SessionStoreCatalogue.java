package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Home-made session stores: where a login reads the session id the browser presented, and the calls
 * that write a record keyed by it (JDBC, JPA/Spring Data, Redis clients, maps and caches, an
 * application's registry of logged-in sessions).
 */
public final class SessionStoreCatalogue {
    /**
     * A servlet's request entries, handed only the request and the response (its exchange types): a login that
     * calls one ({@code doGet(request, response)} on a failed login, to show the form again) hands it no user.
     */
    public static final Set<String> SERVLET_ENTRIES = Set.of("doGet", "doPost", "doPut", "doDelete", "doHead", "service");
    public static final Set<String> EXCHANGE_TYPES = java.util.stream.Stream.of("http/HttpServletRequest",
            "http/HttpServletResponse", "ServletRequest", "ServletResponse")
            .flatMap(type -> CallPattern.servlet(type).stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Calls whose result is the id the browser presented (before any id change in the method). */
    /** The fix for a session record keyed by the id the browser presented. */
    public static final String FIX = "issue a new random session id at login (SecureRandom or UUID.randomUUID()), "
            + "send it as the new session cookie and key the record by it; or call request.changeSessionId() "
            + "before reading getId()";

    public static final List<CallPattern> PRESENTED_IDS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpSession"), "getId", "()Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getRequestedSessionId", "()Ljava/lang/String;"),
            CallPattern.of(CallPattern.servlet("http/Cookie"), "getValue", "()Ljava/lang/String;"),
            CallPattern.of(Set.of("javax/ws/rs/core/Cookie", "jakarta/ws/rs/core/Cookie"), "getValue",
                    "()Ljava/lang/String;"),
            // The request cookies of other stacks: a decoded Netty or Vert.x cookie, Undertow's and Jetty 12's.
            CallPattern.of("io/netty/handler/codec/http/cookie/Cookie", "value", "()Ljava/lang/String;"),
            // Armeria: a cookie of the request's Cookies (an annotated service's Cookies parameter, or
            // ctx.request().headers().cookies()).
            CallPattern.of("com/linecorp/armeria/common/Cookie", "value", "()Ljava/lang/String;"),
            CallPattern.of(Set.of("io/vertx/core/http/Cookie", "io/undertow/server/handlers/Cookie",
                    "org/eclipse/jetty/http/HttpCookie"), "getValue", "()Ljava/lang/String;"),
            // Spring WebFlux: a request cookie (ServerHttpRequest.getCookies(), ServerRequest.cookies()) is an
            // HttpCookie; a response cookie is read as a ResponseCookie, another owner.
            CallPattern.of("org/springframework/http/HttpCookie", "getValue", "()Ljava/lang/String;"),
            // A request cookie's value by its name: Javalin ctx.cookie(name), Spark request.cookie(name),
            // JFinal getCookie(name).
            CallPattern.of("io/javalin/http/Context", "cookie", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("spark/Request", "cookie", "(Ljava/lang/String;)Ljava/lang/String;"),
            // Called on the application's controller: matched by receiver type, as JFinal's setSessionAttr is.
            CallPattern.onReceiver(List.of("com/jfinal/core/Controller"), "getCookie", "(Ljava/lang/String;)"));

    /**
     * Request headers read by name ({@code request.getHeader("X-Session-Id")}): the session id a client presents in a
     * header of its own instead of a cookie (an API or device client), when the header's name says it carries a
     * session id ({@link #namesSessionHeader}; {@code X-Device-Key} or {@code Authorization} do not). Servlet
     * {@code getHeader}, Javalin {@code ctx.header(name)}, Spark {@code request.headers(name)}, Vert.x
     * {@code request.getHeader(name)}, Helidon 3 {@code req.headers().first(name)} (an {@code Optional}).
     */
    public static final List<CallPattern> HEADER_READS = List.of(
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getHeader",
                    "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("io/javalin/http/Context", "header", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("spark/Request", "headers", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("io/vertx/core/http/HttpServerRequest", "getHeader", "(Ljava/lang/String;)Ljava/lang/String;"),
            CallPattern.of("io/helidon/webserver/RequestHeaders", "first", "(Ljava/lang/String;)Ljava/util/Optional;"));

    /** Parameter annotations that hand a handler a request header's value (named as {@link #HEADER_READS} are). */
    public static final Set<String> HEADER_PARAMETERS = Set.of("Lorg/springframework/web/bind/annotation/RequestHeader;",
            "Ljavax/ws/rs/HeaderParam;", "Ljakarta/ws/rs/HeaderParam;");

    /** A header read of {@link #HEADER_READS}, whatever the header (its name is asked of the call's argument). */
    public static boolean isHeaderRead(String owner, String name, String descriptor) {
        return LoginCatalogue.any(HEADER_READS, owner, name, descriptor);
    }

    /** A header name that says it carries a session id: {@code X-Session-Id}, {@code X-Scanner-Session}, {@code X-SID}. */
    public static boolean namesSessionHeader(String header) {
        String normal = LoginCatalogue.normalise(header);
        return normal.contains("session") || normal.endsWith("sid");
    }

    /**
     * A request attribute a handler is handed ({@code @RequestAttribute("X-Clinic-Session") String token}): the presented
     * id when some application code (a filter that resolves the session) stores one under that name with
     * {@link #REQUEST_ATTRIBUTE_WRITES}.
     */
    public static final Set<String> REQUEST_ATTRIBUTE_PARAMETERS = Set.of(
            "Lorg/springframework/web/bind/annotation/RequestAttribute;");
    /**
     * Request attribute writes: the servlet request's, Javalin's {@code ctx.attribute(name, value)} (a {@code before}
     * handler's), Spark's {@code request.attribute(name, value)}.
     */
    public static final List<CallPattern> REQUEST_ATTRIBUTE_WRITES = List.of(
            CallPattern.of(CallPattern.servlet("ServletRequest"), "setAttribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "setAttribute",
                    "(Ljava/lang/String;Ljava/lang/Object;)V"),
            CallPattern.of("io/javalin/http/Context", "attribute", "(Ljava/lang/String;Ljava/lang/Object;)V"),
            CallPattern.of("spark/Request", "attribute", "(Ljava/lang/String;Ljava/lang/Object;)V"));

    /**
     * The same attributes read back by name in a handler ({@code (String) request.getAttribute("cartshop.sid")},
     * Javalin {@code ctx.attribute("ksid")}, Spark {@code request.attribute("sid")}): as for
     * {@link #REQUEST_ATTRIBUTE_PARAMETERS}, the presented id when some application code stores one under that name.
     */
    public static final List<CallPattern> REQUEST_ATTRIBUTE_READS = List.of(
            CallPattern.of(CallPattern.servlet("ServletRequest"), "getAttribute", "(Ljava/lang/String;)Ljava/lang/Object;"),
            CallPattern.of(CallPattern.servlet("http/HttpServletRequest"), "getAttribute",
                    "(Ljava/lang/String;)Ljava/lang/Object;"),
            CallPattern.of("io/javalin/http/Context", "attribute", "(Ljava/lang/String;)Ljava/lang/Object;"),
            CallPattern.of("spark/Request", "attribute", "(Ljava/lang/String;)Ljava/lang/Object;"));

    public static boolean isRequestAttributeWrite(String owner, String name, String descriptor) {
        return LoginCatalogue.any(REQUEST_ATTRIBUTE_WRITES, owner, name, descriptor);
    }

    /**
     * Words of an application type's simple name that say its objects are sessions ({@code LobbySession},
     * {@code BffSession}, {@code TerminalSession}): such an object kept under the presented id and handed the checked
     * user is a logged-in session; a {@code GuestCart} given its owner is not.
     */
    private static final List<String> SESSION_RECORD_WORDS = List.of("session");

    public static boolean namesSessionRecord(String simpleName) {
        String lower = simpleName.toLowerCase(Locale.ROOT);
        return SESSION_RECORD_WORDS.stream().anyMatch(lower::contains);
    }

    public static boolean isRequestAttributeRead(String owner, String name, String descriptor) {
        return LoginCatalogue.any(REQUEST_ATTRIBUTE_READS, owner, name, descriptor);
    }

    /** Parameter annotations that hand a handler a request cookie's value. */
    public static final Set<String> COOKIE_PARAMETERS = Set.of("Lorg/springframework/web/bind/annotation/CookieValue;",
            "Ljavax/ws/rs/CookieParam;", "Ljakarta/ws/rs/CookieParam;");

    /** JDBC: a statement parameter bound to the id; the statement's SQL decides whether it writes. */
    public static final Set<String> JDBC_STATEMENTS = Set.of("java/sql/PreparedStatement", "java/sql/CallableStatement");
    public static final Set<String> JDBC_SETTERS = Set.of("setString", "setObject", "setNString");
    public static final Set<String> JDBC_PREPARES = Set.of("prepareStatement", "prepareCall");
    /** Parameter types (descriptor prefixes) of a helper that looks a value up in a database rather than makes a key. */
    public static final java.util.List<String> DATABASE_HANDLES = java.util.List.of("Ljava/sql/", "Ljavax/sql/",
            "Lorg/springframework/jdbc/");

    /** Maps and caches: {@code put(key, value)} with the id in the key. */
    public static final Set<String> MAP_TYPES = Set.of("java/util/Map", "java/util/HashMap", "java/util/LinkedHashMap",
            "java/util/TreeMap", "java/util/Hashtable", "java/util/concurrent/ConcurrentMap",
            "java/util/concurrent/ConcurrentHashMap", "javax/cache/Cache", "com/google/common/cache/Cache",
            "com/github/benmanes/caffeine/cache/Cache", "org/springframework/cache/Cache",
            "org/springframework/data/redis/core/HashOperations", "com/hazelcast/map/IMap", "org/redisson/api/RMap",
            "org/redisson/api/RMapCache");
    /** Writes of an entry ({@code set}: Hazelcast's {@code IMap.set(key, value[, ttl, unit])}, a put without answer). */
    public static final Set<String> MAP_WRITES = Set.of("put", "putIfAbsent", "replace", "set");
    /** ...or the record a map or cache holds under the id, read out and then written: {@code sessions.get(sid).put(...)}. */
    public static final Set<String> MAP_READS = Set.of("get", "getOrDefault", "computeIfAbsent", "getIfPresent");

    /**
     * A client's handle on the entry kept under the key it is given ({@code redisson.getBucket("session:" + sid)},
     * {@code redis.boundHashOps(key)}): writing through the handle ({@link #HANDLE_WRITES}) writes that entry.
     */
    public static final List<CallPattern> KEYED_HANDLES = List.of(
            CallPattern.withArguments(Set.of("org/redisson/api/RedissonClient"), null, "(Ljava/lang/String;"),
            CallPattern.withArguments(Set.of("org/springframework/data/redis/core/RedisTemplate",
                    "org/springframework/data/redis/core/StringRedisTemplate",
                    "org/springframework/data/redis/core/RedisOperations"), null, "(Ljava/lang/Object;)"));
    /** Names of the Redisson and Spring Data Redis handle types {@link #KEYED_HANDLES} answer. */
    private static final List<String> HANDLE_TYPE_PREFIXES = List.of("org/redisson/api/R",
            "org/springframework/data/redis/core/Bound");
    public static final Set<String> HANDLE_WRITES = Set.of("set", "setAsync", "trySet", "setIfAbsent", "getAndSet",
            "put", "putAll", "fastPut", "putIfAbsent", "fastPutIfAbsent", "putAsync", "fastPutAsync", "putAllAsync");

    /** Does the call answer a handle on the entry under its key argument (a bucket, a bound hash, a map by name)? */
    public static boolean answersKeyedHandle(String owner, String name, String descriptor) {
        String returned = descriptor.substring(descriptor.indexOf(')') + 1);
        return LoginCatalogue.any(KEYED_HANDLES, owner, name, descriptor) && returned.startsWith("L")
                && isHandleType(returned.substring(1));
    }

    private static boolean isHandleType(String slashed) {
        return HANDLE_TYPE_PREFIXES.stream().anyMatch(slashed::startsWith);
    }

    /** A write through such a handle, by the call alone ({@code RBucket.set}, {@code BoundHashOperations.putAll}). */
    public static boolean isHandleWrite(String owner, String name) {
        return HANDLE_WRITES.contains(name) && isHandleType(owner);
    }

    /** Redis clients (Jedis, Lettuce, Spring Data Redis value operations): writes with the id in the key. */
    public static final List<String> REDIS_PREFIXES = List.of("redis/clients/jedis/", "io/lettuce/core/",
            "org/springframework/data/redis/core/");
    public static final Set<String> REDIS_WRITES = Set.of("set", "setex", "setnx", "psetex", "hset", "hsetnx", "hmset",
            "setIfAbsent", "put", "putIfAbsent", "putAll");

    /** Repositories and entity managers: an entity carrying the id is saved. */
    public static final Set<String> ENTITY_WRITES = Set.of("save", "saveAndFlush", "persist", "merge", "insert",
            "upsert");

    /**
     * Repository and entity manager lookups by primary key ({@code sessions.findById(sid)}, {@code em.find(Session.class,
     * sid)}): the entity found has the id as its own, so saving it (once written) writes the record kept under it.
     */
    public static final Set<String> ENTITY_LOOKUPS = Set.of("findById", "getById", "getReferenceById", "find",
            "getReference");

    private static final String SPRING_SECURITY_WEB = "org/springframework/security/web/";

    /**
     * Framework methods an application implements and the framework calls with the user it has just authenticated,
     * to keep that login: Spring Security's {@code SecurityContextRepository.saveContext(context, request, response)}
     * (form login's {@code AbstractAuthenticationProcessingFilter.successfulAuthentication} saves the authenticated
     * context through the configured repository), WebFlux' {@code ServerSecurityContextRepository.save(exchange,
     * context)} ({@code AuthenticationWebFilter.onAuthenticationSuccess}), and the success handlers both call next.
     * A home-made store written there under the id the browser presented is the login's, whatever checked the
     * credential: the framework's own id change is the {@code HttpSession}'s or {@code WebSession}'s, not the store's.
     */
    public static final List<CallPattern> LOGIN_PERSISTENCE = List.of(
            CallPattern.onKnownReceiver(List.of(SPRING_SECURITY_WEB + "context/SecurityContextRepository"),
                    "saveContext", "(Lorg/springframework/security/core/context/SecurityContext;"),
            CallPattern.onKnownReceiver(List.of(SPRING_SECURITY_WEB + "server/context/ServerSecurityContextRepository"),
                    "save", "(Lorg/springframework/web/server/ServerWebExchange;"
                            + "Lorg/springframework/security/core/context/SecurityContext;)"),
            CallPattern.onKnownReceiver(List.of(SPRING_SECURITY_WEB + "authentication/AuthenticationSuccessHandler"),
                    "onAuthenticationSuccess", null),
            CallPattern.onKnownReceiver(
                    List.of(SPRING_SECURITY_WEB + "server/authentication/ServerAuthenticationSuccessHandler"),
                    "onAuthenticationSuccess", "(L" + SPRING_SECURITY_WEB + "server/WebFilterExchange;"
                            + "Lorg/springframework/security/core/Authentication;)"));

    /** Does this application method implement a {@link #LOGIN_PERSISTENCE} method (its class a known subtype)? */
    public static boolean persistsLogin(String slashedClass, String methodName, String descriptor) {
        return !isLibrary(slashedClass) && LoginCatalogue.any(LOGIN_PERSISTENCE, slashedClass, methodName, descriptor);
    }

    /** An application's own registry of logged-in sessions: {@code registry.register(id, user)}. */
    private static final List<String> REGISTRY_PREFIXES = List.of("register", "bind", "put", "store", "save",
            "track", "associate", "attach");

    private SessionStoreCatalogue() {
    }

    public static boolean isPresentedId(String owner, String name, String descriptor) {
        return LoginCatalogue.any(PRESENTED_IDS, owner, name, descriptor);
    }

    /**
     * Calls that make a fresh random id: {@code UUID.randomUUID()}, {@code SecureRandom.nextBytes}, and the
     * libraries' and applications' own generators by name ({@code StrKit.getRandomUUID()}, {@code IdUtil.fastUUID()},
     * {@code RandomStringUtils.randomAlphanumeric(32)}).
     */
    public static boolean makesFreshId(String owner, String name, String descriptor) {
        if ((owner.equals("java/util/UUID") && name.equals("randomUUID"))
                || (owner.equals("java/security/SecureRandom") && name.startsWith("next"))) {
            return true;
        }
        // A generator answers a new String from nothing textual: isUuid(value) or parseUuid(text) make nothing.
        String lower = name.toLowerCase(Locale.ROOT);
        return !owner.startsWith("java/") && (lower.contains("uuid") || lower.contains("random"))
                && descriptor.endsWith(")Ljava/lang/String;") && !descriptor.contains("Ljava/lang/String;)")
                && !descriptor.startsWith("(Ljava/lang/String;");
    }

    public static boolean isRedisWrite(String owner, String name) {
        return REDIS_WRITES.contains(name) && REDIS_PREFIXES.stream().anyMatch(owner::startsWith);
    }

    /**
     * The store a call inside an application helper writes, by the call alone: a JDBC update
     * ({@code executeUpdate}: queries use {@code executeQuery}), Spring's {@code JdbcTemplate.update}, a Redis
     * write, a repository's or entity manager's save, or (when the helper's class keeps a map in a field) a map
     * write. Null for any other call.
     */
    public static String storeWriteByCall(String owner, String name, boolean classKeepsMap) {
        if (JDBC_UPDATES.contains(name) && (owner.startsWith("java/sql/") || owner.equals(JDBC_TEMPLATE))) {
            return DATABASE;
        }
        if (isRedisWrite(owner, name)) {
            return "Redis";
        }
        if (ENTITY_WRITES.contains(name) && !owner.startsWith("java/")) {
            return "a repository";
        }
        if (classKeepsMap && MAP_TYPES.contains(owner) && MAP_WRITES.contains(name)) {
            return "a map it keeps";
        }
        return null;
    }

    /** What {@link #storeWriteByCall} calls a JDBC update (the helper's SQL then decides). */
    public static final String DATABASE = "the database";

    private static final Set<String> JDBC_UPDATES = Set.of("executeUpdate", "executeLargeUpdate", "update");
    private static final String JDBC_TEMPLATE = "org/springframework/jdbc/core/JdbcTemplate";

    /** Does the class declare a field whose type is one of the map or cache types? */
    public static boolean keepsMapField(org.apache.bcel.classfile.JavaClass javaClass) {
        for (org.apache.bcel.classfile.Field field : javaClass.getFields()) {
            if (isMapSignature(field.getSignature())) {
                return true;
            }
        }
        return false;
    }

    /** A JDK map or cache type ({@link #MAP_TYPES}), as a field or return signature. */
    public static boolean isMapSignature(String signature) {
        return signature.startsWith("L") && signature.endsWith(";")
                && MAP_TYPES.contains(signature.substring(1, signature.length() - 1));
    }

    public static boolean isRegistryWrite(String owner, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !isLibrary(owner) && REGISTRY_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /** JDK and framework code: its methods are not the application's registry. */
    public static boolean isLibrary(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jakarta/")
                || owner.startsWith("org/springframework/") || owner.startsWith("org/apache/") || owner.startsWith("kotlin/");
    }

    /** SQL that writes a row (INSERT, UPDATE, MERGE, REPLACE), not one that reads or deletes. */
    public static boolean isWritingSql(String sql) {
        String lower = sql.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("insert") || lower.startsWith("update") || lower.startsWith("merge")
                || lower.startsWith("replace") || lower.startsWith("upsert");
    }

    /**
     * Does the statement's placeholder (1-based) compare a column in its WHERE part that its SET part assigns anew
     * ({@code UPDATE cart_item SET session_token = ? WHERE session_token = ?})? Then the rows move from the id bound
     * there to another key: nothing is bound to that id.
     */
    public static boolean rekeysColumnAt(String sql, int placeholder) {
        String lower = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int where = lower.indexOf(" where ");
        if (!lower.trim().startsWith("update") || where < 0) {
            return false;
        }
        int at = -1;
        for (int seen = 0; seen < placeholder; seen++) {
            at = lower.indexOf('?', at + 1);
            if (at < 0) {
                return false;
            }
        }
        if (at < where) {
            return false;
        }
        java.util.regex.Matcher column = COMPARED_COLUMN.matcher(lower.substring(where, at + 1));
        String compared = null;
        while (column.find()) {
            compared = column.group(1);
        }
        return compared != null && java.util.regex.Pattern.compile("[\\s,]" + java.util.regex.Pattern.quote(compared)
                + "\\s*=\\s*\\?").matcher(lower.substring(0, where)).find();
    }

    /** A column compared with a placeholder: {@code session_token = ?}; the last one before the placeholder. */
    private static final java.util.regex.Pattern COMPARED_COLUMN = java.util.regex.Pattern.compile(
            "([a-z_][a-z0-9_.]*)\\s*=\\s*\\?");

    private static final List<String> RELEVANT_TYPES = List.of("servlet/http/HttpSession", "servlet/http/Cookie",
            "getRequestedSessionId", "CookieValue", "CookieParam", "ws/rs/core/Cookie", "http/cookie/Cookie",
            "vertx/core/http/Cookie", "undertow/server/handlers/Cookie", "jetty/http/HttpCookie",
            "springframework/http/HttpCookie", "javalin/http/Context",
            "spark/Request", "jfinal/core/Controller", "linecorp/armeria/common/Cookie", "getHeader", "RequestHeader",
            "HeaderParam", "helidon/webserver/RequestHeaders", "RequestAttribute", "getAttribute", "setAttribute");

    /** Texts whose absence from a class's constant pool rules out a session store keyed by the presented id. */
    public static List<String> relevantTypes() {
        return RELEVANT_TYPES;
    }
}
