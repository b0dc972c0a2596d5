package io.github.sessionguard.catalogue;

/**
 * A call that adds a response header: argument {@link #nameArg} is the header's name and
 * {@link #valueArg} its value (a String, an Object, or a String array of values).
 */
public final class HeaderSink {
    private final String owner;
    private final String name;
    private final String descriptor;

    HeaderSink(String owner, String name, String descriptor) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
    }

    public boolean matches(String callOwner, String callName, String callDescriptor) {
        return name.equals(callName) && callDescriptor.startsWith(descriptor)
                && (owner == null || owner.equals(callOwner));
    }

    public int nameArg() {
        return 0;
    }

    public int valueArg() {
        return 1;
    }
}
