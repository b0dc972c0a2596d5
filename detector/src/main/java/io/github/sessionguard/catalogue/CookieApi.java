package io.github.sessionguard.catalogue;

import io.github.sessionguard.cookies.CookieFlag;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A cookie API: the type of its cookie objects, its calls, and how its users fix each missing flag. */
public final class CookieApi {
    private final String label;
    private final String cookieType;
    private final List<CookieCall> calls;
    private final Map<CookieFlag, String> fixes;
    private final String sameSiteSetter;

    CookieApi(String label, String cookieType, List<CookieCall> calls, Map<CookieFlag, String> fixes,
            String sameSiteSetter) {
        this.label = label;
        this.cookieType = cookieType;
        this.calls = List.copyOf(calls);
        this.fixes = new EnumMap<>(fixes);
        this.sameSiteSetter = sameSiteSetter;
    }

    /** Short name of the API, as shown in messages. */
    public String label() {
        return label;
    }

    /** Slashed name of the cookie object's class. */
    public String cookieType() {
        return cookieType;
    }

    public List<CookieCall> calls() {
        return calls;
    }

    /** The call a user adds to set the flag, in this API's terms. */
    public String fixFor(CookieFlag flag) {
        return fixes.get(flag);
    }

    /**
     * Name and descriptor of the method through which this API sets SameSite, as
     * {@code name + descriptor}; the flag is checked only when the class on the analysis classpath has
     * it (javax {@code Cookie}, and Servlet 5 {@code jakarta} ones, cannot carry SameSite). Null when the
     * API offers no way at all.
     */
    public String sameSiteSetter() {
        return sameSiteSetter;
    }
}
