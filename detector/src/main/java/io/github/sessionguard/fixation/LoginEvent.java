package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.LoginEventKind;
import io.github.sessionguard.flow.Site;

import java.util.Objects;

/** A place where a session becomes authenticated: the call, what it did, and through which API. */
final class LoginEvent {
    private final Site site;
    private final LoginEventKind kind;
    private final String what;
    private final boolean markerOnly;

    LoginEvent(Site site, LoginEventKind kind, String what) {
        this(site, kind, what, false);
    }

    /**
     * @param markerOnly the only evidence is a constant marker ({@code Boolean.TRUE}) under a name no
     *                   catalogue knows, written on a credential check's success branch: reported NORMAL
     */
    LoginEvent(Site site, LoginEventKind kind, String what, boolean markerOnly) {
        this.site = site;
        this.kind = kind;
        this.what = what;
        this.markerOnly = markerOnly;
    }

    boolean isMarkerOnly() {
        return markerOnly;
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
        return new LoginEvent(callSite, kind, what + " in " + calleeName + "()", markerOnly);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginEvent)) {
            return false;
        }
        LoginEvent other = (LoginEvent) o;
        return site.equals(other.site) && kind == other.kind && what.equals(other.what)
                && markerOnly == other.markerOnly;
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
