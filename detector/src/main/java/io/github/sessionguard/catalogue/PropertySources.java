package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * Where application code reads its settings (the same keys as {@code application.properties}), with a default written
 * in the code: Spring's {@code @Value("${key:default}")} injection, and Spring's property lookups ({@code Environment}
 * is a {@code PropertyResolver}) given a default.
 */
public final class PropertySources {
    /** Property injection annotations, whose placeholder text may carry a default. */
    public static final List<String> INJECTION_ANNOTATIONS = List.of("org/springframework/beans/factory/annotation/Value");

    private static final List<String> RESOLVERS = List.of("org/springframework/core/env/PropertyResolver");

    /** {@code env.getProperty(key, Boolean.class, Boolean.TRUE)}: a typed lookup, its default the last argument. */
    public static final List<CallPattern> TYPED_LOOKUPS = List.of(CallPattern.onReceiver(RESOLVERS, "getProperty",
            "(Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Object;)"));

    /** {@code env.getProperty(key, "Lax")}: a text lookup, its default the last argument. */
    public static final List<CallPattern> TEXT_LOOKUPS = List.of(CallPattern.onReceiver(RESOLVERS, "getProperty",
            "(Ljava/lang/String;Ljava/lang/String;)"));

    private PropertySources() {
    }
}
