package io.github.sessionguard.catalogue;

import io.github.sessionguard.flow.TypeChecks;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The one way SessionGuard matches a call: by owner, name and descriptor. Every catalogue row that names
 * a call holds one of these.
 * <ul>
 * <li>Owner: one of an exact set, or any owner (null); a row may also name receiver types, "this type or
 * a subtype", which need the classpath and are checked apart ({@link #matchesReceiver}): a type the classpath
 * cannot place counts ({@link #onReceiver}) or does not ({@link #onKnownReceiver}).</li>
 * <li>Name: exact, or any (null).</li>
 * <li>Descriptor: exact, any (null), or by argument shape: a prefix of the argument part, so a fluent
 * setter matches whatever (erased) builder type it returns.</li>
 * </ul>
 */
public final class CallPattern {
    private final Set<String> owners;
    private final String name;
    private final String descriptor;
    private final boolean argumentShape;
    private final List<String> receiverTypes;
    private final boolean knownReceiver;

    private CallPattern(Set<String> owners, String name, String descriptor, boolean argumentShape,
            List<String> receiverTypes, boolean knownReceiver) {
        this.owners = owners;
        this.name = name;
        this.descriptor = descriptor;
        this.argumentShape = argumentShape;
        this.receiverTypes = receiverTypes;
        this.knownReceiver = knownReceiver;
    }

    private CallPattern(Set<String> owners, String name, String descriptor) {
        this(owners, name, descriptor, false, List.of(), false);
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

    /**
     * A method of one of the owners (null: any) whose descriptor starts with {@code arguments}, a prefix
     * of its argument part such as {@code "(Z)"} (null: any descriptor).
     */
    public static CallPattern withArguments(Collection<String> owners, String name, String arguments) {
        return new CallPattern(owners == null ? null : Set.copyOf(owners), name, arguments, true, List.of(), false);
    }

    /**
     * A method called on any receiver that is one of these types or a subtype (a response wrapper, a
     * container's response), whose descriptor starts with {@code arguments}.
     */
    public static CallPattern onReceiver(List<String> receiverTypes, String name, String arguments) {
        return new CallPattern(null, name, arguments, true, List.copyOf(receiverTypes), false);
    }

    /**
     * As {@link #onReceiver}, but only on a receiver the classpath shows to be one of these types or a subtype:
     * for rows whose name alone says little (a constructor, {@code signIn}, {@code setAttribute}), a type whose
     * hierarchy cannot be read is not taken for the framework's.
     */
    public static CallPattern onKnownReceiver(List<String> receiverTypes, String name, String arguments) {
        return new CallPattern(null, name, arguments, true, List.copyOf(receiverTypes), true);
    }

    /** Owner, name and descriptor; receiver types, which need the classpath, are {@link #matchesReceiver}'s. */
    public boolean matches(String owner, String callName, String callDescriptor) {
        return (name == null || name.equals(callName)) && matchesDescriptor(callDescriptor)
                && (owners == null || owners.contains(owner));
    }

    private boolean matchesDescriptor(String callDescriptor) {
        if (descriptor == null) {
            return true;
        }
        return argumentShape ? callDescriptor.startsWith(descriptor) : descriptor.equals(callDescriptor);
    }

    /**
     * True when the call's owner is one of this pattern's receiver types or a subtype (a type the classpath
     * cannot place counts), or when the pattern names none: a same-named method of another class (a saved
     * request's {@code addCookie}) is not the API's.
     */
    public boolean matchesReceiver(String owner) {
        if (receiverTypes.isEmpty()) {
            return true;
        }
        if (!knownReceiver) {
            return TypeChecks.isSubtypeOfAny(owner, receiverTypes);
        }
        for (String type : receiverTypes) {
            if (TypeChecks.isKnownSubtype(owner, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code slashedClass} belongs to the framework module whose types this row names (the first four
     * names of their packages, or the whole package when it is shorter: {@code org/apache/wicket/authroles/},
     * {@code org/apereo/cas/client/}, not the CAS server's {@code org/apereo/cas/}): a framework's own use of its
     * API is judged where the application uses the framework.
     */
    public boolean isVendorCode(String slashedClass) {
        java.util.Collection<String> types = receiverTypes.isEmpty() && owners != null ? owners : receiverTypes;
        for (String type : types) {
            String[] parts = type.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < Math.min(4, parts.length - 1); i++) {
                prefix.append(parts[i]).append('/');
            }
            if (prefix.length() > 0 && slashedClass.startsWith(prefix.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The owner types this pattern names; null when it matches any owner. */
    public Set<String> owners() {
        return owners;
    }

    /** The method name; null when any name matches. */
    public String name() {
        return name;
    }

    /** The types the receiver must have; empty when any will do. */
    public List<String> receiverTypes() {
        return receiverTypes;
    }

    /** Both the javax and the jakarta spelling of a servlet type (under {@link ContainerApis#PACKAGES}). */
    public static Set<String> servlet(String typeAfterServlet) {
        return ContainerApis.PACKAGES.stream().map(servletPackage -> servletPackage + typeAfterServlet)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
