package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * APIs whose classes belong to the container, whichever jar holds them: the servlet API (with JSP's, in the
 * same packages). A call on one of them means what the catalogue says it means, and the analysis never
 * follows it into an implementation, even when the analysed jars bundle the API and its container
 * (tomcat-embed-core holds both), as with the API on the auxiliary class path, where an application's build
 * keeps it.
 */
public final class ContainerApis {
    /** Slashed package prefixes of those classes. */
    public static final List<String> PACKAGES = List.of("javax/servlet/", "jakarta/servlet/");

    private ContainerApis() {
    }

    /** Is this (slashed) class one of the container's? */
    public static boolean isContainerClass(String slashedClass) {
        return PACKAGES.stream().anyMatch(slashedClass::startsWith);
    }
}
