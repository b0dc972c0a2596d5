package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieFlag;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A cookie that reaches the client, and the flags to judge at that point. */
final class Sent {
    private final CookieState cookie;
    private final Set<CookieFlag> flags;

    Sent(CookieState cookie, Set<CookieFlag> flags) {
        this.cookie = cookie;
        this.flags = flags.isEmpty() ? EnumSet.noneOf(CookieFlag.class) : EnumSet.copyOf(flags);
    }

    static Sent allFlags(CookieState cookie) {
        return new Sent(cookie, EnumSet.allOf(CookieFlag.class));
    }

    CookieState cookie() {
        return cookie;
    }

    Set<CookieFlag> flags() {
        return flags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sent && ((Sent) o).cookie.equals(cookie) && ((Sent) o).flags.equals(flags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cookie, flags);
    }
}
