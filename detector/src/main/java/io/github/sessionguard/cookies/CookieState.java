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
    private final boolean sameSiteNone;

    private CookieState(CookieApi api, String name, Site origin, Map<CookieFlag, FlagValue> flags, boolean deleting,
            boolean sameSiteNone) {
        this.api = api;
        this.name = name;
        this.origin = origin;
        this.flags = flags;
        this.deleting = deleting;
        this.sameSiteNone = sameSiteNone;
    }

    /** A cookie just built: every flag at the API's default, which is off. */
    public static CookieState created(CookieApi api, String name, Site origin) {
        Map<CookieFlag, FlagValue> flags = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            flags.put(flag, FlagValue.MISSING);
        }
        return new CookieState(api, name, origin, flags, false, false);
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

    /** True when some path marked the cookie SameSite=None, which browsers accept only with Secure. */
    public boolean isSameSiteNone() {
        return sameSiteNone;
    }

    public CookieState withFlag(CookieFlag flag, FlagValue value) {
        Map<CookieFlag, FlagValue> copy = new EnumMap<>(flags);
        copy.put(flag, value);
        return new CookieState(api, name, origin, copy, deleting, sameSiteNone);
    }

    public CookieState withDeleting(boolean value) {
        return new CookieState(api, name, origin, flags, value, sameSiteNone);
    }

    public CookieState withSameSiteNone() {
        return new CookieState(api, name, origin, flags, deleting, true);
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
                sameSiteNone || other.sameSiteNone);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CookieState)) {
            return false;
        }
        CookieState other = (CookieState) o;
        return deleting == other.deleting && sameSiteNone == other.sameSiteNone && api == other.api
                && Objects.equals(name, other.name) && origin.equals(other.origin) && flags.equals(other.flags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, origin, flags, deleting, sameSiteNone);
    }

    @Override
    public String toString() {
        return "Cookie(" + name + " " + flags + (deleting ? " deleting" : "") + ")";
    }
}
