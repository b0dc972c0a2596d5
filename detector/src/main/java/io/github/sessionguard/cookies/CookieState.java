package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.flow.Site;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** What is known of one cookie object at one point of a method, over every path that reaches it. */
public final class CookieState {
    private final CookieApi api;
    private final String name;
    private final Site origin;
    private final Map<CookieFlag, FlagValue> flags;
    private final boolean deleting;
    /** Some path set SameSite=None (and no later setter changed it). */
    private final boolean sameSiteNone;
    /** Some path has SameSite=None and no Secure at this point. */
    private final boolean sameSiteNoneWithoutSecure;

    private CookieState(CookieApi api, String name, Site origin, Map<CookieFlag, FlagValue> flags, boolean deleting,
            boolean sameSiteNone, boolean sameSiteNoneWithoutSecure) {
        this.api = api;
        this.name = name;
        this.origin = origin;
        this.flags = flags;
        this.deleting = deleting;
        this.sameSiteNone = sameSiteNone;
        this.sameSiteNoneWithoutSecure = sameSiteNoneWithoutSecure;
    }

    /** A cookie just built: every flag at the API's default, which is off. */
    public static CookieState created(CookieApi api, String name, Site origin) {
        Map<CookieFlag, FlagValue> flags = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            flags.put(flag, FlagValue.MISSING);
        }
        return new CookieState(api, name, origin, flags, false, false, false);
    }

    public CookieApi api() {
        return api;
    }

    /** The cookie's name when it is a constant, else null. */
    public String name() {
        return name;
    }

    /** Where the cookie was created: the line a fix belongs next to. */
    public Site origin() {
        return origin;
    }

    public FlagValue flag(CookieFlag flag) {
        return flags.get(flag);
    }

    /** True when every path gave the cookie max-age 0: it removes a cookie and carries nothing. */
    public boolean isDeleting() {
        return deleting;
    }

    /**
     * True when some path leaves the cookie SameSite=None and not Secure, which browsers reject. Kept per
     * path rather than derived from the merged flags: a path with None and Secure joined with one with Lax
     * and no Secure has a merged "None somewhere" and "Secure missing", yet no path sends None unsecured.
     */
    public boolean isSameSiteNoneWithoutSecure() {
        return sameSiteNoneWithoutSecure;
    }

    /** A later setter overrides an earlier one: a new SameSite value ends a previous None. */
    public CookieState withFlag(CookieFlag flag, FlagValue value) {
        Map<CookieFlag, FlagValue> copy = new EnumMap<>(flags);
        copy.put(flag, value);
        boolean none = flag != CookieFlag.SAME_SITE && sameSiteNone;
        boolean unsecured = flag == CookieFlag.SECURE ? none && value != FlagValue.SET
                : none && sameSiteNoneWithoutSecure;
        return new CookieState(api, name, origin, copy, deleting, none, unsecured);
    }

    public CookieState withDeleting(boolean value) {
        return new CookieState(api, name, origin, flags, value, sameSiteNone, sameSiteNoneWithoutSecure);
    }

    /** SameSite=None: a valid choice for cross-site use, as long as the cookie is (or becomes) Secure. */
    public CookieState withSameSiteNone() {
        Map<CookieFlag, FlagValue> copy = new EnumMap<>(flags);
        copy.put(CookieFlag.SAME_SITE, FlagValue.SET);
        return new CookieState(api, name, origin, copy, deleting, true, flags.get(CookieFlag.SECURE) != FlagValue.SET);
    }

    /** The state on a join of two paths: the worse value of each flag. */
    public CookieState merge(CookieState other) {
        if (equals(other)) {
            return this;
        }
        Map<CookieFlag, FlagValue> merged = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            merged.put(flag, flags.get(flag).merge(other.flags.get(flag)));
        }
        String mergedName = Objects.equals(name, other.name) ? name : null;
        return new CookieState(api, mergedName, origin, merged, deleting && other.deleting,
                sameSiteNone || other.sameSiteNone, sameSiteNoneWithoutSecure || other.sameSiteNoneWithoutSecure);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CookieState)) {
            return false;
        }
        CookieState other = (CookieState) o;
        return deleting == other.deleting && sameSiteNone == other.sameSiteNone
                && sameSiteNoneWithoutSecure == other.sameSiteNoneWithoutSecure && api == other.api
                && Objects.equals(name, other.name) && origin.equals(other.origin) && flags.equals(other.flags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, origin, flags, deleting, sameSiteNone, sameSiteNoneWithoutSecure);
    }

    @Override
    public String toString() {
        return "Cookie(" + name + " " + flags + (deleting ? " deleting" : "") + ")";
    }
}
