package io.github.sessionguard.fixation.spring;

import java.util.Objects;

/** An application method that runs around the methods an annotation marks (see {@link AdviceBindings}). */
public final class AdviceMethod {
    private final String slashedClass;
    private final String name;
    private final String descriptor;

    AdviceMethod(String slashedClass, String name, String descriptor) {
        this.slashedClass = slashedClass;
        this.name = name;
        this.descriptor = descriptor;
    }

    public String slashedClass() {
        return slashedClass;
    }

    public String name() {
        return name;
    }

    public String descriptor() {
        return descriptor;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdviceMethod && slashedClass.equals(((AdviceMethod) other).slashedClass)
                && name.equals(((AdviceMethod) other).name) && descriptor.equals(((AdviceMethod) other).descriptor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(slashedClass, name, descriptor);
    }

    @Override
    public String toString() {
        return slashedClass + "." + name + descriptor;
    }
}
