package io.github.sessionguard.fixation;

import io.github.sessionguard.catalogue.LoginEventKind;

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
    private final LoginEventKind kind;
    private final int mapParameter;

    SessionWrite(int nameParameter, String constantName, int valueParameter) {
        this(nameParameter, constantName, valueParameter, LoginEventKind.SESSION_ATTRIBUTE);
    }

    /** {@code kind}: whose session the write goes to (a Shiro or Spark session has its own fix). */
    SessionWrite(int nameParameter, String constantName, int valueParameter, LoginEventKind kind) {
        this(nameParameter, constantName, valueParameter, kind, NO_MAP);
    }

    /**
     * A put into the plain {@code Map} parameter {@code mapParameter}: a session write only where the caller hands
     * it a framework's session map (a lambda given the Struts 2 {@code ActionContext.getSession()} map it captured).
     */
    SessionWrite(int nameParameter, String constantName, int valueParameter, LoginEventKind kind, int mapParameter) {
        this.nameParameter = nameParameter;
        this.constantName = constantName;
        this.valueParameter = valueParameter;
        this.kind = kind;
        this.mapParameter = mapParameter;
    }

    /** {@link #mapParameter()} of a write that goes to the session whatever the caller passes. */
    static final int NO_MAP = -1;

    /** The parameter (0 = first) holding the map the write puts into, or {@link #NO_MAP}. */
    int mapParameter() {
        return mapParameter;
    }

    LoginEventKind kind() {
        return kind;
    }

    /** The parameter (0 = first) holding the attribute name, or -1 when the name is {@link #constantName()} (null: computed). */
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
                && Objects.equals(constantName, other.constantName) && kind == other.kind
                && mapParameter == other.mapParameter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nameParameter, constantName, valueParameter, kind, mapParameter);
    }
}
