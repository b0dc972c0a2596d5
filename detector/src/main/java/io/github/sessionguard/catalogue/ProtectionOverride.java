package io.github.sessionguard.catalogue;

import java.util.List;
import java.util.Set;

/**
 * A framework method that changes the session id, which an application subclass can override: an override whose
 * body changes no id switches the framework's protection off for every login that relies on it, as a
 * {@link ProtectionSwitch} does by a call. Apache Wicket's {@code Session.changeSessionId()} (what applications call
 * after {@code signIn}, and what {@code AuthenticatedWebSession.signIn} itself calls since 10.9/9.23/8.18; it sets
 * the id {@code generateNewSessionId()} answers, which {@code WebSession} gets from {@code
 * HttpServletRequest.changeSessionId()}), {@code replaceSession()} (destroy and bind a new session) and {@code
 * generateNewSessionId()} (checked with javap on wicket-core 10.2.0). An override that still calls one of the {@link
 * #renewingCalls()} (its {@code super} method, the servlet request's {@code changeSessionId()}, an invalidation) keeps
 * the protection, whatever else it does.
 */
public final class ProtectionOverride {
    private static final Set<String> WICKET_RENEWING = Set.of("changeSessionId", "replaceSession",
            "generateNewSessionId", "invalidate", "invalidateNow", "destroy");
    private static final String WICKET_FIX = "remove the override, or call super.%s() in it (Wicket's id change at "
            + "sign-in depends on it)";

    public static final List<ProtectionOverride> ALL = List.of(
            wicket("changeSessionId", "()V"),
            wicket("replaceSession", "()V"),
            wicket("generateNewSessionId", "()Ljava/lang/String;"));

    private final String frameworkType;
    private final String name;
    private final String descriptor;
    private final String vendorPackage;
    private final Set<String> renewingCalls;
    private final String description;
    private final String fix;

    private ProtectionOverride(String frameworkType, String name, String descriptor, String vendorPackage,
            Set<String> renewingCalls, String description, String fix) {
        this.frameworkType = frameworkType;
        this.name = name;
        this.descriptor = descriptor;
        this.vendorPackage = vendorPackage;
        this.renewingCalls = renewingCalls;
        this.description = description;
        this.fix = fix;
    }

    private static ProtectionOverride wicket(String name, String descriptor) {
        return new ProtectionOverride(FrameworkSessionCatalogue.WICKET_SESSION, name, descriptor, "org/apache/wicket/",
                WICKET_RENEWING, "Wicket Session." + name + "() overridden with a body that changes no session id",
                String.format(WICKET_FIX, name));
    }

    /** The framework class (slashed) whose method is overridden. */
    public String frameworkType() {
        return frameworkType;
    }

    /** Does a method of this name and descriptor override the row's method? */
    public boolean overriddenBy(String methodName, String methodDescriptor) {
        return name.equals(methodName) && descriptor.equals(methodDescriptor);
    }

    /** The framework's own package: its classes are the framework, not the application. */
    public String vendorPackage() {
        return vendorPackage;
    }

    /** Names of calls an override may make to keep the id change (by name: the receiver's type does not matter). */
    public Set<String> renewingCalls() {
        return renewingCalls;
    }

    public String description() {
        return description;
    }

    public String fix() {
        return fix;
    }

    /** The texts a class must mention to hold such an override: the first screen. */
    public static List<String> relevantNames() {
        return ALL.stream().map(ProtectionOverride::vendorPackage).distinct().collect(java.util.stream.Collectors.toList());
    }
}
