package io.github.sessionguard.catalogue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A cookie API: the types its cookie objects (and their builders) have, its calls, the flags a fresh
 * object starts with, and how its users fix each missing flag.
 */
public final class CookieApi {

    /** When a tracked object of the API counts as having reached the browser. */
    public enum Kind {
        /** A single cookie: judged where a SEND row hands it to the client. */
        COOKIE,
        /**
         * A configuration (a generator, a serializer, the container's session cookie settings, a cookie
         * bean): every cookie it will ever write is decided where it is configured, so it is judged when it
         * leaves the configuring code (returned, stored in a field, handed to other code) or at the end of
         * the method, as well as at its own SEND rows.
         */
        CONFIGURATION,
        /**
         * A single cookie the response already holds when it is made (Ratpack's {@code response.cookie(name, value)},
         * encoded when the response goes out): what the code sets on it before the method that holds it ends is what
         * is sent. Judged at the normal end of that method; returned, it is its caller's, which is judged the same way.
         * Handed to other code (a logger) it is still the response's and still open to change.
         */
        IN_RESPONSE
    }

    private final String label;
    private final Kind kind;
    private final List<String> types;
    private final List<CookieCall> calls;
    private final Map<CookieFlag, FlagValue> defaults;
    private final Map<CookieFlag, String> fixes;
    private final String sameSiteMethod;
    private final String defaultName;
    private final boolean sessionCookie;
    private final boolean containerOwned;
    private final String httpOnlyMethod;
    private final List<String> mentions;
    private final List<String> implementedIn;
    private final List<String> secureByDefaultMarker;

    private CookieApi(Builder builder) {
        this.secureByDefaultMarker = List.copyOf(builder.secureByDefaultMarker);
        this.implementedIn = List.copyOf(builder.implementedIn);
        this.httpOnlyMethod = builder.httpOnlyMethod;
        this.mentions = List.copyOf(builder.mentions);
        this.label = builder.label;
        this.kind = builder.kind;
        this.types = List.copyOf(builder.types);
        this.calls = List.copyOf(builder.calls);
        this.defaults = new EnumMap<>(builder.defaults);
        this.fixes = new EnumMap<>(builder.fixes);
        this.sameSiteMethod = builder.sameSiteMethod;
        this.defaultName = builder.defaultName;
        this.sessionCookie = builder.sessionCookie;
        this.containerOwned = builder.containerOwned;
    }

    static Builder builder(String label, Kind kind, String... types) {
        return new Builder(label, kind, List.of(types));
    }

    /** Short name of the API, as shown in messages. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** Slashed name of the cookie object's class (the first of {@link #types()}). */
    public String cookieType() {
        return types.isEmpty() ? null : types.get(0);
    }

    /** Slashed names of every class whose objects stand for one cookie of this API (cookie, builders). */
    public List<String> types() {
        return types;
    }

    public List<CookieCall> calls() {
        return calls;
    }

    /** What a freshly created object has for the flag before any call. */
    public FlagValue defaultFor(CookieFlag flag) {
        return defaults.getOrDefault(flag, FlagValue.MISSING);
    }

    /** The call a user adds to set the flag, in this API's terms. */
    public String fixFor(CookieFlag flag) {
        return fixes.get(flag);
    }

    /**
     * The method through which this API sets SameSite, as {@code owner.name(descriptor)}: the flag is
     * checked only when the class on the analysis classpath has it (javax {@code Cookie}, JAX-RS 2.1 and
     * Servlet 5 cannot carry SameSite). The empty string means always possible; null, never.
     */
    public String sameSiteMethod() {
        return sameSiteMethod;
    }

    /**
     * The method through which this API sets HttpOnly, as {@code owner.name(descriptor)}, checked like
     * {@link #sameSiteMethod()}: Servlet 2.x's {@code Cookie} has no {@code setHttpOnly}. Null: always possible.
     */
    public String httpOnlyMethod() {
        return httpOnlyMethod;
    }

    /**
     * Slashed names of types that are no cookie objects but whose mention makes a class worth analysing
     * (Javalin's {@code Context}, whose {@code cookie(name, value)} builds and sends a cookie at once).
     */
    public List<String> mentions() {
        return mentions;
    }

    /**
     * Slashed package prefixes of the framework code that implements this API (its own cookie helpers,
     * which build cookies from their callers' arguments): that code is not the application's, and is not
     * judged, so the framework's jars stay quiet. Narrow on purpose: sample applications live in sibling
     * packages ({@code io.vertx.example}, {@code io.undertow.examples}).
     */
    public List<String> implementedIn() {
        return implementedIn;
    }

    /**
     * For APIs whose Secure default changed between releases: {@code [slashed class, text]}, where the class
     * on the analysis classpath containing the constant text marks a release that makes the cookie Secure by
     * default (as far as the API can: Shiro 2.2 sends Secure on every HTTPS request). Empty: no such change.
     */
    public List<String> secureByDefaultMarker() {
        return secureByDefaultMarker;
    }

    /** The cookie's name when the code never sets one (the API's own default), or null. */
    public String defaultName() {
        return defaultName;
    }

    /**
     * True for APIs that configure the session cookie itself: there SameSite=None is an improper value, as
     * it makes every cross-site request carry the session (what CSRF needs).
     */
    public boolean isSessionCookie() {
        return sessionCookie;
    }

    /**
     * True for the container's own configuration object (its one session cookie): every call of the getter
     * answers the same object, so {@code ctx.getSessionCookieConfig().setSecure(true);
     * ctx.getSessionCookieConfig().setHttpOnly(true);} configures one cookie.
     */
    public boolean isContainerOwned() {
        return containerOwned;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Fluent construction of the catalogue's entries. */
    static final class Builder {
        private final String label;
        private final Kind kind;
        private final List<String> types;
        private final List<CookieCall> calls = new java.util.ArrayList<>();
        private final Map<CookieFlag, FlagValue> defaults = new EnumMap<>(CookieFlag.class);
        private final Map<CookieFlag, String> fixes = new EnumMap<>(CookieFlag.class);
        private String sameSiteMethod;
        private String defaultName;
        private boolean sessionCookie;
        private boolean containerOwned;
        private String httpOnlyMethod;
        private final List<String> mentions = new java.util.ArrayList<>();
        private final List<String> implementedIn = new java.util.ArrayList<>();
        private List<String> secureByDefaultMarker = List.of();

        private Builder(String label, Kind kind, List<String> types) {
            this.label = label;
            this.kind = kind;
            this.types = types;
        }

        Builder calls(CookieCall... rows) {
            calls.addAll(List.of(rows));
            return this;
        }

        Builder starts(CookieFlag flag, FlagValue value) {
            defaults.put(flag, value);
            return this;
        }

        Builder fix(CookieFlag flag, String call) {
            fixes.put(flag, call);
            return this;
        }

        Builder sameSiteThrough(String ownerDotNameDescriptor) {
            sameSiteMethod = ownerDotNameDescriptor;
            return this;
        }

        Builder httpOnlyThrough(String ownerDotNameDescriptor) {
            httpOnlyMethod = ownerDotNameDescriptor;
            return this;
        }

        Builder implementedIn(String... slashedPackagePrefixes) {
            implementedIn.addAll(List.of(slashedPackagePrefixes));
            return this;
        }

        Builder mentions(String... slashedTypes) {
            mentions.addAll(List.of(slashedTypes));
            return this;
        }

        Builder secureByDefaultWhenClassMentions(String slashedClass, String text) {
            secureByDefaultMarker = List.of(slashedClass, text);
            return this;
        }

        Builder defaultName(String name) {
            defaultName = name;
            return this;
        }

        Builder sessionCookie() {
            sessionCookie = true;
            return this;
        }

        Builder containerOwned() {
            containerOwned = true;
            return this;
        }

        CookieApi build() {
            return new CookieApi(this);
        }
    }
}
