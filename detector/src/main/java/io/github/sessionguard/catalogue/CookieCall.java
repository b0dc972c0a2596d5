package io.github.sessionguard.catalogue;

import io.github.sessionguard.cookies.CookieFlag;

/**
 * One row of the cookie catalogue: a method of a cookie API and what it does to the cookie it
 * touches. Argument positions count declared arguments from zero, left to right.
 */
public final class CookieCall {

    /** What a call does to the tracked cookie. */
    public enum Role {
        /** Constructs a cookie; {@link #arg} is the position of its name (or -1). */
        CREATE,
        /** Sets {@link #flag} from the boolean argument at {@link #arg}. */
        SET_FLAG,
        /** Sets a named attribute: argument 0 is the attribute name, argument 1 its value. */
        SET_ATTRIBUTE,
        /** Sets the max age from the int argument at {@link #arg}; zero means a deletion cookie. */
        SET_MAX_AGE,
        /** Hands the cookie at {@link #arg} to the client. */
        SEND
    }

    private final String owner;
    private final String name;
    private final String descriptor;
    private final Role role;
    private final CookieFlag flag;
    private final int arg;

    private CookieCall(String owner, String name, String descriptor, Role role, CookieFlag flag, int arg) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
        this.role = role;
        this.flag = flag;
        this.arg = arg;
    }

    static CookieCall create(String owner, String descriptor, int nameArg) {
        return new CookieCall(owner, "<init>", descriptor, Role.CREATE, null, nameArg);
    }

    static CookieCall setFlag(String owner, String name, CookieFlag flag) {
        return new CookieCall(owner, name, "(Z)V", Role.SET_FLAG, flag, 0);
    }

    static CookieCall setAttribute(String owner) {
        return new CookieCall(owner, "setAttribute", "(Ljava/lang/String;Ljava/lang/String;)V", Role.SET_ATTRIBUTE, null, 1);
    }

    static CookieCall setMaxAge(String owner) {
        return new CookieCall(owner, "setMaxAge", "(I)V", Role.SET_MAX_AGE, null, 0);
    }

    /** A sink matched on name and descriptor alone, whatever the receiver (response wrappers included). */
    static CookieCall send(String name, String descriptor, int cookieArg) {
        return new CookieCall(null, name, descriptor, Role.SEND, null, cookieArg);
    }

    public boolean matches(String callOwner, String callName, String callDescriptor) {
        return name.equals(callName) && descriptor.equals(callDescriptor) && (owner == null || owner.equals(callOwner));
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
}
