package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.flow.Site;

import java.util.Objects;

/** A place where a session becomes authenticated: the call, what it did, and through which API. */
final class LoginEvent {
    private final Site site;
    private final LoginEventKind kind;
    private final String what;

    LoginEvent(Site site, LoginEventKind kind, String what) {
        this.site = site;
        this.kind = kind;
        this.what = what;
    }

    Site site() {
        return site;
    }

    LoginEventKind kind() {
        return kind;
    }

    /** What authenticated the session, for the message: {@code session attribute "user"}. */
    String what() {
        return what;
    }

    /** The same event seen from a caller: it happens at the call of the method that contains it. */
    LoginEvent calledFrom(Site callSite, String calleeName) {
        return new LoginEvent(callSite, kind, what + " in " + calleeName + "()");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginEvent)) {
            return false;
        }
        LoginEvent other = (LoginEvent) o;
        return site.equals(other.site) && kind == other.kind && what.equals(other.what);
    }

    @Override
    public int hashCode() {
        return Objects.hash(site, kind, what);
    }

    @Override
    public String toString() {
        return what + " at " + site;
    }
}
