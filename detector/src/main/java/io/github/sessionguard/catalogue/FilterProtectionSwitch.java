package io.github.sessionguard.catalogue;

import java.util.List;

/**
 * A framework login filter that changes the session id itself when it logs a user in, unless an init parameter
 * in {@code web.xml} switches that off, as data: its classes, the parameter, the value that switches it off.
 */
public final class FilterProtectionSwitch {
    public static final List<FilterProtectionSwitch> ALL = List.of(
            // pac4j's callback filter (jakartaee-pac4j 8 and jee-pac4j 7: org.pac4j.jee; j2e-pac4j 4: org.pac4j.j2e)
            // hands renewSession to DefaultCallbackLogic, which renews the session on login unless it is false
            // (runtime evidence: Pac4jCallbackFilterLoginTest).
            new FilterProtectionSwitch(List.of("org/pac4j/jee/filter/CallbackFilter", "org/pac4j/j2e/filter/CallbackFilter"),
                    "renewSession", "false", "pac4j CallbackFilter renewSession=false",
                    "remove the renewSession init-param (pac4j renews the session on login by default)"));

    private final List<String> filterClasses;
    private final String parameter;
    private final String offValue;
    private final String what;
    private final String fix;

    private FilterProtectionSwitch(List<String> filterClasses, String parameter, String offValue, String what, String fix) {
        this.filterClasses = filterClasses;
        this.parameter = parameter;
        this.offValue = offValue;
        this.what = what;
        this.fix = fix;
    }

    /** Slashed names of the filter's classes. */
    public List<String> filterClasses() {
        return filterClasses;
    }

    public String parameter() {
        return parameter;
    }

    /** The parameter's value (compared without case) that switches the id change off. */
    public String offValue() {
        return offValue;
    }

    public String what() {
        return what;
    }

    public String fix() {
        return fix;
    }
}
