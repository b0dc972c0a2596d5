package io.github.sessionguard.catalogue;

import java.util.Set;

/**
 * Matches a call by owner, name and descriptor. A null part matches anything, so one row can name a
 * method on every implementation of an interface, or every method with a given shape.
 */
public final class CallPattern {
    private final Set<String> owners;
    private final String name;
    private final String descriptor;

    private CallPattern(Set<String> owners, String name, String descriptor) {
        this.owners = owners;
        this.name = name;
        this.descriptor = descriptor;
    }

    /** A method of one of the given slashed owner types. */
    public static CallPattern of(Set<String> owners, String name, String descriptor) {
        return new CallPattern(owners, name, descriptor);
    }

    public static CallPattern of(String owner, String name, String descriptor) {
        return new CallPattern(Set.of(owner), name, descriptor);
    }

    /** A method of any owner, recognised by name and descriptor alone. */
    public static CallPattern anyOwner(String name, String descriptor) {
        return new CallPattern(null, name, descriptor);
    }

    public boolean matches(String owner, String callName, String callDescriptor) {
        return (name == null || name.equals(callName)) && (descriptor == null || descriptor.equals(callDescriptor))
                && (owners == null || owners.contains(owner));
    }

    /** The owner types this pattern names; null when it matches any owner. */
    public Set<String> owners() {
        return owners;
    }

    /** Both the javax and the jakarta spelling of a servlet type. */
    public static Set<String> servlet(String typeAfterServlet) {
        return Set.of("javax/servlet/" + typeAfterServlet, "jakarta/servlet/" + typeAfterServlet);
    }
}
