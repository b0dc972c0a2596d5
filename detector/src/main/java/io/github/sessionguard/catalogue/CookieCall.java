package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * One row of the cookie catalogue: a method of a cookie API and what it does to the cookie it touches.
 * Argument positions count declared arguments from zero, left to right; -1 means the receiver.
 * Descriptors are matched on their argument part only, so a fluent setter matches whatever (erased)
 * builder type it returns.
 */
public final class CookieCall {

    /** What a call does to the tracked cookie. */
    public enum Role {
        /**
         * Creates a cookie object: a constructor (the receiver is the cookie) or a factory method (its
         * result is). {@link #arg} is the position of the name, or -1.
         */
        CREATE,
        /**
         * Any constructor of the owner: the name is argument 0 when it is a String; its boolean arguments
         * set {@link #booleanFlags} in order; an argument of type {@link #sameSiteType} sets SameSite; the
         * last int argument is the max age. Short constructors therefore leave the flags at their default.
         */
        CREATE_ANY_CONSTRUCTOR,
        /** Sets {@link #flag} from the boolean argument at {@link #arg} (-1: a setter without argument that switches it on). */
        SET_FLAG,
        /** Sets SameSite from the String or enum argument at {@link #arg} (null removes it). */
        SET_SAME_SITE,
        /** Sets a named attribute: argument 0 is the attribute name, argument 1 its value. */
        SET_ATTRIBUTE,
        /** Sets the max age from the numeric argument at {@link #arg}; zero means a deletion cookie. */
        SET_MAX_AGE,
        /** Names the cookie from the String argument at {@link #arg}. */
        SET_NAME,
        /**
         * Hands the cookie at {@link #arg} (-1: the receiver; an array: each element) to the client; where the row
         * names it ({@link #sendNameArg()}), the call's String argument there is the name of the cookie it writes
         * (Wicket's {@code cookieUtils.save(key, value)} writes a cookie of that name with the object's settings).
         */
        SEND,
        /**
         * A constructor whose object stands, from then on, for the tracked object given at {@link #arg}: Wicket's
         * {@code new CookieUtils(defaults)} writes every cookie with that {@code CookieDefaults}' flags.
         */
        ADOPT,
        /**
         * Builds a cookie with the API's defaults from a name ({@link #arg}) and a value
         * ({@link #valueArg()}) and sends it at once: Javalin's {@code ctx.cookie(name, value)}, Netty's
         * {@code ServerCookieEncoder.encode(name, value)}. Reported at the call. Where the call also takes
         * the flags (Spark's {@code response.cookie(name, value, maxAge, secured, httpOnly)}), its boolean
         * arguments set {@link #booleanFlags} in order and its int at {@link #maxAgeInt} is the max age.
         */
        CREATE_SENT,
        /** Sets the cookie's value from the String argument at {@link #arg}: an empty one carries nothing. */
        SET_VALUE,
        /**
         * Turns the receiver into text whose only faithful use is a {@code Set-Cookie} value: the result
         * stands for the cookie, which is sent when the text is written into that header
         * ({@code java.net.HttpCookie.toString()}, which leaves out Secure and HttpOnly).
         */
        SERIALIZE,
        /**
         * Hands the decision over the cookie's attributes to something given here that the analysis judges
         * elsewhere or cannot follow: a replacement cookie object (Shiro's {@code setCookie(Cookie)}, judged
         * where that cookie is made) or a customizer callback that may set any attribute (Spring Security's
         * {@code setCookieCustomizer(Consumer<Cookie>)}, {@code rememberMeServices(services)}). The tracked
         * object's own defaults no longer decide what is sent, so it is not judged.
         */
        DECIDED_ELSEWHERE,
        /**
         * Hands the receiver a callback it runs on each cookie it writes, after its own defaults (WebFlux's
         * {@code CookieWebSessionIdResolver.addCookieInitializer(builder -> ...)}, Spring Security's
         * {@code setCookieCustomizer(cookie -> ...)}): a callback at {@link #arg} the analysis follows (a lambda or
         * method reference of the application) changes the receiver's cookie as it changes its parameter of type
         * {@link #callbackCookieType()}; one it cannot follow (a bean, a field) decides what is sent, as
         * {@link #DECIDED_ELSEWHERE}.
         */
        CONFIGURED_BY_CALLBACK,
        /**
         * Writes a deletion of the cookie the receiver describes (Spring's {@code CookieGenerator.removeCookie}: an empty
         * value with Max-Age 0), or, with a boolean argument, stops the object sending its cookie when given
         * {@code true} (Vert.x {@code SessionHandler.setCookieless(true)}: the id travels in the path): on that path the
         * object sends nothing to protect; without an argument, a call that removes the object altogether (Spring
         * Security's configurer {@code disable()}: no remember-me cookie is ever written) is the same.
         */
        DELETE
    }

    private final CallPattern call;
    private final Role role;
    private final CookieFlag flag;
    private final int arg;
    private final List<CookieFlag> booleanFlags;
    private final String sameSiteType;
    private int valueArg = -1;
    private int attributesArg = -1;
    private List<String> attributeKeys = List.of();
    private int maxAgeInt = -1;
    private List<String> unlessClassCalls = List.of();
    private List<CookieFlag> presets = List.of();
    private int sendNameArg = -1;
    private boolean offWhenFalse;
    private boolean onSecureRequests;
    private String callbackCookieType;
    private int classArg = -1;
    private String classLiteral;

    private CookieCall(CallPattern call, Role role, CookieFlag flag, int arg, List<CookieFlag> booleanFlags,
            String sameSiteType) {
        this.call = call;
        this.role = role;
        this.flag = flag;
        this.arg = arg;
        this.booleanFlags = booleanFlags;
        this.sameSiteType = sameSiteType;
    }

    private static CookieCall row(List<String> owners, String name, String arguments, Role role, CookieFlag flag,
            int arg) {
        return new CookieCall(CallPattern.withArguments(owners, name, arguments), role, flag, arg, List.of(), null);
    }

    static CookieCall constructor(String owner, String arguments, int nameArg) {
        return row(List.of(owner), "<init>", arguments, Role.CREATE, null, nameArg);
    }

    /** A constructor taking the cookie's name and value (in that order, at 0 and 1). */
    static CookieCall nameValueConstructor(String owner) {
        return constructor(owner, "(Ljava/lang/String;Ljava/lang/String;)", 0).valueAt(1);
    }

    /** A static factory {@code name(String name, String value)}. */
    static CookieCall nameValueFactory(List<String> owners, String name) {
        return factory(owners, name, "(Ljava/lang/String;Ljava/lang/String;)", 0).valueAt(1);
    }

    /** A static or instance method whose result is a new cookie object; null owners: any receiver. */
    static CookieCall factory(List<String> owners, String name, String arguments, int nameArg) {
        return row(owners, name, arguments, Role.CREATE, null, nameArg);
    }

    /**
     * This row's argument at {@code index} is a map of the cookie's attributes by name (Jetty's
     * {@code HttpCookie.from(name, value, Map.of("HttpOnly", "true"))}): a flag's attribute present with any value
     * but "false" sets it, a SameSite attribute gives its value.
     */
    CookieCall attributesAt(int index) {
        attributesArg = index;
        return this;
    }

    public int attributesArg() {
        return attributesArg;
    }

    /**
     * As {@link #attributesAt(int)}, for an API whose map names the flags otherwise (Faces' {@code addResponseCookie}:
     * "secure", "httpOnly"), in the order Secure, HttpOnly, SameSite.
     */
    CookieCall attributesAt(int index, String secureKey, String httpOnlyKey, String sameSiteKey) {
        attributesArg = index;
        attributeKeys = List.of(secureKey, httpOnlyKey, sameSiteKey);
        return this;
    }

    /** The key under which this row's attribute map sets the flag (by default its Set-Cookie attribute name). */
    public String attributeKey(CookieFlag flag) {
        return attributeKeys.isEmpty() ? flag.attributeName() : attributeKeys.get(flag.ordinal());
    }

    /** This row's String argument at {@code index} is the cookie's value (for CREATE, CREATE_SENT rows). */
    CookieCall valueAt(int index) {
        valueArg = index;
        return this;
    }

    /**
     * For {@link Role#CREATE_ANY_CONSTRUCTOR}: which int argument (counting int arguments only) is the max
     * age, when it is not the last one (Javalin's {@code Cookie} has {@code maxAge} before {@code version}).
     */
    CookieCall maxAgeAtInt(int index) {
        maxAgeInt = index;
        return this;
    }

    /**
     * For a CREATE row: the flags the factory itself sets to a protective value before handing the object over
     * (Armeria's {@code Cookie.secureBuilder(name, value)}: Secure, HttpOnly and SameSite=Strict), where the
     * API's other factories leave them at its defaults.
     */
    CookieCall presets(CookieFlag... flags) {
        presets = List.of(flags);
        return this;
    }

    /**
     * For a CREATE row of a generic call: it makes the API's object only when its argument at {@code index} is the
     * class literal {@code slashedClass} (Ratpack's {@code bindings.module(SessionModule.class, config -> ...)}
     * configures the session cookie; the same call with another module configures something else).
     */
    CookieCall whenClassArgument(int index, String slashedClass) {
        classArg = index;
        classLiteral = slashedClass;
        return this;
    }

    /** See {@link #whenClassArgument}: the argument's position, or -1 when the row has no such condition. */
    public int classArg() {
        return classArg;
    }

    /** See {@link #whenClassArgument}: the slashed class the argument must name, or null. */
    public String classLiteral() {
        return classLiteral;
    }

    /** See {@link #presets}: empty for most rows. */
    public List<CookieFlag> presets() {
        return presets;
    }

    /** See {@link Role#DECIDED_ELSEWHERE}. */
    static CookieCall decidedElsewhere(List<String> owners, String name, String arguments) {
        return row(owners, name, arguments, Role.DECIDED_ELSEWHERE, null, -1);
    }

    /** See {@link Role#CONFIGURED_BY_CALLBACK}: {@code cookieType} is slashed, the callback is argument 0. */
    static CookieCall configuredByCallback(List<String> owners, String name, String cookieType) {
        CookieCall row = row(owners, name, "(Ljava/util/function/Consumer;)", Role.CONFIGURED_BY_CALLBACK, null, 0);
        row.callbackCookieType = cookieType;
        return row;
    }

    /** For {@link Role#CONFIGURED_BY_CALLBACK}: the slashed type of the cookie the callback is given, else null. */
    public String callbackCookieType() {
        return callbackCookieType;
    }

    /**
     * For a CREATE row: no object is made when the class also calls {@code owner.name} (slashed owner, any
     * descriptor). A DSL call such as Spring Security's {@code rememberMe(customizer)} configures its
     * object in a lambda the analysis does not enter; a class that also calls the configurer's
     * {@code rememberMeServices(...)} hands the cookie to services judged where they are built.
     */
    CookieCall unlessClassCalls(String owner, String name) {
        unlessClassCalls = List.of(owner, name);
        return this;
    }

    /** For CREATE rows: the {@code owner, name} pair of {@link #unlessClassCalls}, or an empty list. */
    public List<String> unlessClassCalls() {
        return unlessClassCalls;
    }

    static CookieCall createSent(List<String> owners, String name, String arguments, int nameArg, int valueArg) {
        return row(owners, name, arguments, Role.CREATE_SENT, null, nameArg).valueAt(valueArg);
    }

    /**
     * A {@link Role#CREATE_SENT} call whose boolean arguments set {@code booleanFlags} in order and whose
     * first int argument is the max age (zero: a deletion cookie).
     */
    static CookieCall createSentWithFlags(List<String> owners, String name, String arguments, int nameArg,
            int valueArg, List<CookieFlag> booleanFlags) {
        return createSentWithFlags(CallPattern.withArguments(owners, name, arguments), nameArg, valueArg, booleanFlags);
    }

    /** {@link #createSentWithFlags} on any receiver of these types or a subtype (an application's controller). */
    static CookieCall createSentThroughWithFlags(List<String> receiverTypes, String name, String arguments, int nameArg,
            int valueArg, List<CookieFlag> booleanFlags) {
        return createSentWithFlags(CallPattern.onReceiver(receiverTypes, name, arguments), nameArg, valueArg,
                booleanFlags);
    }

    private static CookieCall createSentWithFlags(CallPattern call, int nameArg, int valueArg,
            List<CookieFlag> booleanFlags) {
        return new CookieCall(call, Role.CREATE_SENT, null, nameArg, List.copyOf(booleanFlags), null).valueAt(valueArg)
                .maxAgeAtInt(0);
    }

    static CookieCall setValue(List<String> owners, String name) {
        return row(owners, name, "(Ljava/lang/String;)", Role.SET_VALUE, null, 0);
    }

    static CookieCall serialize(List<String> owners, String name) {
        return row(owners, name, "()", Role.SERIALIZE, null, -1);
    }

    /** A setter without argument that switches the flag on (Micronaut's {@code secure()}). */
    static CookieCall switchOn(List<String> owners, String name, CookieFlag flag) {
        return row(owners, name, "()", Role.SET_FLAG, flag, -1);
    }

    static CookieCall anyConstructor(String owner, List<CookieFlag> booleanFlags, String sameSiteType) {
        return new CookieCall(CallPattern.withArguments(List.of(owner), "<init>", null), Role.CREATE_ANY_CONSTRUCTOR,
                null, 0, List.copyOf(booleanFlags), sameSiteType);
    }

    static CookieCall setFlag(List<String> owners, String name, CookieFlag flag) {
        return row(owners, name, "(Z)", Role.SET_FLAG, flag, 0);
    }

    /**
     * A switch that, when {@code true}, marks the cookie Secure on exactly the requests the server sees as secure, and
     * when {@code false} never does, whatever another setter adds (Jetty 12's {@code setSecureRequestOnly}, true by
     * default: Secure = {@code secureCookies || (secureRequestOnly && request.isSecure())}).
     */
    static CookieCall secureOnSecureRequests(List<String> owners, String name) {
        CookieCall row = row(owners, name, "(Z)", Role.SET_FLAG, CookieFlag.SECURE, 0);
        row.onSecureRequests = true;
        return row;
    }

    /** For a SET_FLAG row of Secure: {@code true} sets it on secure requests only (see {@link #secureOnSecureRequests}). */
    public boolean onSecureRequests() {
        return onSecureRequests;
    }

    /** A setter taking a {@code Boolean} object (Spring Boot's server cookie): null keeps the container's default. */
    static CookieCall setBoxedFlag(List<String> owners, String name, CookieFlag flag) {
        return row(owners, name, "(Ljava/lang/Boolean;)", Role.SET_FLAG, flag, 0);
    }

    static CookieCall setSameSite(List<String> owners, String name, String argumentType) {
        return row(owners, name, "(" + argumentType + ")", Role.SET_SAME_SITE, CookieFlag.SAME_SITE, 0);
    }

    static CookieCall setAttribute(List<String> owners) {
        return row(owners, "setAttribute", "(Ljava/lang/String;Ljava/lang/String;)", Role.SET_ATTRIBUTE, null, 1);
    }

    static CookieCall setMaxAge(List<String> owners, String name, String argumentType) {
        return row(owners, name, "(" + argumentType + ")", Role.SET_MAX_AGE, null, 0);
    }

    static CookieCall delete(List<String> owners, String name) {
        return row(owners, name, null, Role.DELETE, null, -1);
    }

    /** A switch that, given {@code true}, stops the receiver sending its cookie at all. */
    static CookieCall switchOff(List<String> owners, String name) {
        return row(owners, name, "(Z)", Role.DELETE, null, 0);
    }

    /**
     * A switch that, given {@code false}, stops the receiver sending its cookie at all (Shiro's
     * {@code setSessionIdCookieEnabled(false)}: the session id travels in a header the application reads).
     */
    static CookieCall disable(List<String> owners, String name) {
        CookieCall row = row(owners, name, "(Z)", Role.DELETE, null, 0);
        row.offWhenFalse = true;
        return row;
    }

    /** As {@link #disable}, for a setter taking a {@code Boolean} object (Sa-Token's {@code setIsReadCookie}). */
    static CookieCall disableBoxed(List<String> owners, String name) {
        CookieCall row = row(owners, name, "(Ljava/lang/Boolean;)", Role.DELETE, null, 0);
        row.offWhenFalse = true;
        return row;
    }

    /** For a DELETE row with a boolean: true when {@code false}, not {@code true}, stops the cookie. */
    public boolean offWhenFalse() {
        return offWhenFalse;
    }

    static CookieCall setName(List<String> owners, String name) {
        return row(owners, name, "(Ljava/lang/String;)", Role.SET_NAME, null, 0);
    }

    /** A sink; null owners match any receiver (response wrappers, framework subclasses). */
    static CookieCall send(List<String> owners, String name, String arguments, int cookieArg) {
        return row(owners, name, arguments, Role.SEND, null, cookieArg);
    }

    /**
     * A sink on any receiver that is one of these types or a subtype (a response wrapper, a container's
     * response): a same-named method of another class (a saved request's {@code addCookie}) is no sink.
     */
    static CookieCall sendThrough(List<String> receiverTypes, String name, String arguments, int cookieArg) {
        return new CookieCall(CallPattern.onReceiver(receiverTypes, name, arguments), Role.SEND, null, cookieArg,
                List.of(), null);
    }

    /** A SEND row whose String argument at {@code nameIndex} names the cookie written, at {@code valueIndex} its value. */
    CookieCall naming(int nameIndex, int valueIndex) {
        sendNameArg = nameIndex;
        valueArg = valueIndex;
        return this;
    }

    /** For a SEND row: the position of the name of the cookie it writes, or -1 (the cookie keeps its own). */
    public int sendNameArg() {
        return sendNameArg;
    }

    /** See {@link Role#ADOPT}. */
    static CookieCall adopt(String owner, String arguments, int adoptedArg) {
        return row(List.of(owner), "<init>", arguments, Role.ADOPT, null, adoptedArg);
    }

    /** Which calls this row is: for sinks matched on any receiver, also the types the receiver must have. */
    public CallPattern call() {
        return call;
    }

    /** For sinks matched on any receiver: the types the receiver must have; empty when any will do. */
    public List<String> receiverTypes() {
        return call.receiverTypes();
    }

    public boolean matches(String callOwner, String callName, String callDescriptor) {
        return call.matches(callOwner, callName, callDescriptor);
    }

    public Role role() {
        return role;
    }

    public CookieFlag flag() {
        return flag;
    }

    public int arg() {
        return arg;
    }

    /** For {@link Role#CREATE_ANY_CONSTRUCTOR} and {@link Role#CREATE_SENT}: the flags its boolean arguments set, in order. */
    public List<CookieFlag> booleanFlags() {
        return booleanFlags;
    }

    /** The position of the cookie's value among the arguments, or -1. */
    public int valueArg() {
        return valueArg;
    }

    /**
     * For {@link Role#CREATE_ANY_CONSTRUCTOR}: the max age's position among the int arguments; -1: the last.
     * For {@link Role#CREATE_SENT}: that position, or -1 when the call takes no max age.
     */
    public int maxAgeInt() {
        return maxAgeInt;
    }

    /** For {@link Role#CREATE_ANY_CONSTRUCTOR}: the descriptor of its SameSite argument type, or null. */
    public String sameSiteType() {
        return sameSiteType;
    }
}
