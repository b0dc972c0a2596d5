package io.github.sessionguard.fixation;

import java.util.Objects;

/**
 * A session-facade method's write, in terms of its parameters: "writes the session attribute named by
 * parameter k (or with this constant name), with the value of parameter j". A caller applies it with its
 * own arguments, so a login that hands its checked user to {@code sessions.put(request, KEY, user)} is
 * seen at the call.
 */
final class SessionWrite {
    private final int nameParameter;
    private final String constantName;
    private final int valueParameter;
    private final boolean shiro;

    SessionWrite(int nameParameter, String constantName, int valueParameter) {
        this(nameParameter, constantName, valueParameter, false);
    }

    /** {@code shiro}: the write goes to a Shiro session, whose fix is Shiro's. */
    SessionWrite(int nameParameter, String constantName, int valueParameter, boolean shiro) {
        this.nameParameter = nameParameter;
        this.constantName = constantName;
        this.valueParameter = valueParameter;
        this.shiro = shiro;
    }

    boolean shiro() {
        return shiro;
    }

    /** The parameter (0 = first) holding the attribute name, or -1 when the name is {@link #constantName()}. */
    int nameParameter() {
        return nameParameter;
    }

    String constantName() {
        return constantName;
    }

    int valueParameter() {
        return valueParameter;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionWrite)) {
            return false;
        }
        SessionWrite other = (SessionWrite) o;
        return nameParameter == other.nameParameter && valueParameter == other.valueParameter
                && Objects.equals(constantName, other.constantName) && shiro == other.shiro;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nameParameter, constantName, valueParameter, shiro);
    }
}
