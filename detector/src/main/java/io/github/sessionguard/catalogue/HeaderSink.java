package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * A call that adds a response header: argument {@link #nameArg} is the header's name and
 * {@link #valueArg} its value (a String, an Object, or a String array of values).
 */
public final class HeaderSink {
    private final CallPattern call;

    HeaderSink(String owner, String name, String arguments) {
        this.call = CallPattern.withArguments(owner == null ? null : List.of(owner), name, arguments);
    }

    /** Which calls this row is; the descriptor is matched on its argument part. */
    public CallPattern call() {
        return call;
    }

    public boolean matches(String callOwner, String callName, String callDescriptor) {
        return call.matches(callOwner, callName, callDescriptor);
    }

    public int nameArg() {
        return 0;
    }

    public int valueArg() {
        return 1;
    }
}
