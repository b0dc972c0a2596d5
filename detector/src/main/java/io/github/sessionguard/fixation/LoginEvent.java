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
    /** The session attribute the login wrote, when it is one with a known name; else null. */
    private final String attribute;
    /** For a login a called login method left unfixed: that method's event; null for the method's own. */
    private final LoginEvent parent;
    /**
     * A Jakarta Security {@code SecurityContext.authenticate} (or a call that reaches one), whose meaning the
     * application's own authentication mechanisms may decide (see {@link LoginSummaries#mechanismsAnswerForAuthenticate()}).
     */
    private final boolean securityContextAuthenticate;
    /** See {@link #isTimeStamp()}. */
    private boolean timeStamp;

    LoginEvent(Site site, LoginEventKind kind, String what) {
        this(site, kind, what, false);
    }

    /**
     * @param markerOnly the only evidence is a constant marker ({@code Boolean.TRUE}) under a name no
     *                   catalogue knows, written on a credential check's success branch: reported NORMAL
     */
    LoginEvent(Site site, LoginEventKind kind, String what, boolean markerOnly) {
        this(site, kind, what, markerOnly, null, null);
    }

    /** A write of the named session attribute. */
    static LoginEvent attributeWrite(Site site, LoginEventKind kind, String what, boolean markerOnly, String attribute) {
        return new LoginEvent(site, kind, what, markerOnly, attribute, null);
    }

    /** The container login {@code SecurityContext.authenticate} (see {@link #isSecurityContextAuthenticate()}). */
    static LoginEvent securityContextAuthenticate(Site site, String what) {
        return new LoginEvent(site, LoginEventKind.CONTAINER, what, false, null, null, true);
    }

    private LoginEvent(Site site, LoginEventKind kind, String what, boolean markerOnly, String attribute,
            LoginEvent parent) {
        this(site, kind, what, markerOnly, attribute, parent, parent != null && parent.securityContextAuthenticate);
    }

    private LoginEvent(Site site, LoginEventKind kind, String what, boolean markerOnly, String attribute,
            LoginEvent parent, boolean securityContextAuthenticate) {
        this.securityContextAuthenticate = securityContextAuthenticate;
        this.site = site;
        this.kind = kind;
        this.what = what;
        this.markerOnly = markerOnly;
        this.attribute = attribute;
        this.parent = parent;
    }

    /**
     * The event of a called login method (a service that checked the password and stored the user) that
     * left it unfixed, as its caller sees it; null for an event of this method's own. Whether the callee or
     * its callers answer for it is decided once every method is analysed: see {@link LoginResponsibility}.
     */
    LoginEvent parent() {
        return parent;
    }

    /**
     * Is this (or the login it was inherited from) a Jakarta Security {@code SecurityContext.authenticate}, whose
     * meaning the application's own authentication mechanisms may decide (see
     * {@link LoginSummaries#mechanismsAnswerForAuthenticate()})?
     */
    boolean isSecurityContextAuthenticate() {
        return securityContextAuthenticate;
    }

    boolean isMarkerOnly() {
        return markerOnly;
    }

    /**
     * The value written is a clock reading ({@code reauthenticatedAt = Instant.now()}): when something happened, under a
     * login's name. A method that requires a logged-in user records a re-check of that user with it, no login.
     */
    boolean isTimeStamp() {
        return timeStamp;
    }

    /** The same event, its value a clock reading (see {@link #isTimeStamp()}). */
    LoginEvent asTimeStamp() {
        LoginEvent copy = new LoginEvent(site, kind, what, markerOnly, attribute, parent, securityContextAuthenticate);
        copy.timeStamp = true;
        return copy;
    }

    private LoginEvent keepingTimeStamp(LoginEvent copy) {
        copy.timeStamp = timeStamp;
        return copy;
    }

    /** The session attribute written, or null (not a named attribute write). */
    String attribute() {
        return attribute;
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
        // An exported event that was itself inherited keeps its chain back to the login method that left it.
        return keepingTimeStamp(new LoginEvent(callSite, kind, through(calleeName), markerOnly, attribute,
                parent == null ? null : this, securityContextAuthenticate));
    }

    /** A called login method's unfixed login, seen at its call: the caller may fix it (an id change after the call). */
    LoginEvent inheritedAt(Site callSite, String calleeName) {
        return keepingTimeStamp(new LoginEvent(callSite, kind, through(calleeName), markerOnly, attribute, this,
                securityContextAuthenticate));
    }

    /** The message's chain of methods: one call seen both as inherited and as exported names its method once. */
    private String through(String calleeName) {
        String suffix = " in " + calleeName + "()";
        return what.endsWith(suffix) ? what : what + suffix;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginEvent)) {
            return false;
        }
        LoginEvent other = (LoginEvent) o;
        return site.equals(other.site) && kind == other.kind && what.equals(other.what)
                && markerOnly == other.markerOnly && timeStamp == other.timeStamp && Objects.equals(parent, other.parent);
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
