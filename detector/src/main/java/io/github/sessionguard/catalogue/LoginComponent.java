package io.github.sessionguard.catalogue;

import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.TypeChecks;

import java.util.List;

/**
 * A framework component that logs the user in for the application, once the application has created or
 * configured it, and keeps the session id: Wicket's {@code SignInPanel} (its form calls {@code signIn}), the Java
 * CAS client's ticket-validation filter (it stores the assertion in the session). Reported where the application
 * creates it, unless the component's class overrides {@link #hookName()} with an id change on every path.
 *
 * <p>A row naming the component's type with its subtypes (a receiver-typed {@link #creation()}) is created by
 * {@code new Panel(...)} of that type or an application subclass; a subclass constructor's own {@code super(...)}
 * builds that same object and is not another one. A row naming one exact class (Wicket's {@code SignInPage}, whose
 * panel is Wicket's own) is also reached through an application subclass's {@code super(...)}, which is reported.
 *
 * <p>Each row: what the finding calls the login; the component's constructor call; the method a subclass
 * overrides to act after the login, and its descriptor (none: no subclass can); the login's kind, which carries
 * the fix; the boolean setter that, given false, keeps the login out of the session (its {@code web.xml} init or
 * context parameter is the name without "set"; none: no such switch), and the setter without which code settings
 * do not hold; and the framework's classes a {@code web.xml}
 * {@code <filter-class>} may name for it.
 */
public final class LoginComponent {
    private final String what;
    private final CallPattern creation;
    private final String hookName;
    private final String hookDescriptor;
    private final LoginEventKind kind;
    private final String sessionOff;
    private final String keepsCodeSettings;
    private final List<String> webXmlClasses;

    private LoginComponent(String what, CallPattern creation, String hookName, String hookDescriptor,
            LoginEventKind kind, String sessionOff, String keepsCodeSettings, List<String> webXmlClasses) {
        this.what = what;
        this.creation = creation;
        this.hookName = hookName;
        this.hookDescriptor = hookDescriptor;
        this.kind = kind;
        this.sessionOff = sessionOff;
        this.keepsCodeSettings = keepsCodeSettings;
        this.webXmlClasses = webXmlClasses;
    }

    private static final String CAS = "org/apereo/cas/client/validation/";
    private static final String JASIG_CAS = "org/jasig/cas/client/validation/";

    public static final List<LoginComponent> ALL = List.of(
            new LoginComponent("Wicket SignInPanel (its form signs in with AuthenticatedWebSession.signIn)",
                    CallPattern.onKnownReceiver(List.of("org/apache/wicket/authroles/authentication/panel/SignInPanel"),
                            "<init>", null),
                    "onSignInSucceeded", "()V", LoginEventKind.WICKET_SIGN_IN_PANEL, null, null, List.of()),
            new LoginComponent("Wicket SignInPage (its panel signs in with AuthenticatedWebSession.signIn)",
                    CallPattern.of("org/apache/wicket/authroles/authentication/pages/SignInPage", "<init>", null),
                    null, null, LoginEventKind.WICKET_SIGN_IN_PANEL, null, null, List.of()),
            casFilter(CAS, "jakarta"),
            casFilter(JASIG_CAS, "javax"));

    /**
     * The Java CAS client's ticket-validation filter (Apereo's jakarta releases, and the older Jasig javax ones):
     * after validating the service ticket it stores the assertion in the session ({@code useSession}, true by
     * default) and calls {@code onSuccessfulValidation}, keeping the id (CasValidationFilterLoginTest).
     */
    private static LoginComponent casFilter(String pkg, String servlet) {
        String filter = pkg + "AbstractTicketValidationFilter";
        return new LoginComponent("the CAS ticket-validation filter (it stores the assertion in the session)",
                CallPattern.onKnownReceiver(List.of(filter), "<init>", null), "onSuccessfulValidation",
                "(L" + servlet + "/servlet/http/HttpServletRequest;L" + servlet + "/servlet/http/HttpServletResponse;L"
                        + pkg + "Assertion;)V",
                // setUseSession(false) in code holds only with setIgnoreInitConfiguration(true): otherwise the
                // filter's init reads its init parameters again, useSession (true by default) among them.
                LoginEventKind.CAS_TICKET_VALIDATION, "setUseSession", "setIgnoreInitConfiguration",
                List.of(pkg + "Cas10TicketValidationFilter", pkg + "Cas20ProxyReceivingTicketValidationFilter",
                        pkg + "Cas30ProxyReceivingTicketValidationFilter"));
    }

    /** The row whose component this constructor call creates, or null. */
    public static LoginComponent created(String owner, String name, String descriptor) {
        // Asked at every constructor call of an analysed method: only the components' own classes and the
        // application's (their subclasses) can be one; the others are not looked up in the class hierarchy.
        if (!name.equals("<init>") || !(inComponentPackage(owner) || QuietClasspath.isApplicationClass(owner))) {
            return null;
        }
        for (LoginComponent component : ALL) {
            if (component.creation.matches(owner, name, descriptor) && component.creation.matchesReceiver(owner)) {
                return component;
            }
        }
        return null;
    }

    /**
     * The row whose hook this application method overrides (a subclass of the component's type declaring the hook:
     * the framework calls it right after it logged the user in), or null. The override is the login's place: it
     * is reported there unless it changes the id on every path.
     */
    public static LoginComponent hookOverriddenBy(String slashedClass, String methodName, String descriptor) {
        for (LoginComponent component : ALL) {
            if (methodName.equals(component.hookName) && descriptor.equals(component.hookDescriptor)
                    && !component.isFrameworkInternal(slashedClass)
                    && component.creation.receiverTypes().stream().anyMatch(type -> TypeChecks.isKnownSubtype(slashedClass, type))) {
                return component;
            }
        }
        return null;
    }

    public String what() {
        return what;
    }

    public CallPattern creation() {
        return creation;
    }

    public String hookName() {
        return hookName;
    }

    public String hookDescriptor() {
        return hookDescriptor;
    }

    public LoginEventKind kind() {
        return kind;
    }

    public String sessionOff() {
        return sessionOff;
    }

    /**
     * The boolean setter that, given true, keeps what code set on the component (null: code settings always
     * hold): the CAS filter re-reads its init parameters at {@code init} unless told to ignore them.
     */
    public String keepsCodeSettings() {
        return keepsCodeSettings;
    }

    public List<String> webXmlClasses() {
        return webXmlClasses;
    }

    private static final List<String> PACKAGES = packages();

    /** The packages of the components' types: a class naming one may create a component (the cost screens' texts). */
    public static List<String> screenTexts() {
        return PACKAGES;
    }

    private static boolean inComponentPackage(String owner) {
        for (String prefix : PACKAGES) {
            if (owner.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> packages() {
        java.util.Set<String> packages = new java.util.TreeSet<>();
        for (LoginComponent component : ALL) {
            java.util.Collection<String> types = component.builtBySubclasses() ? component.creation.receiverTypes()
                    : component.creation.owners();
            for (String type : types) {
                packages.add(type.substring(0, type.lastIndexOf('/') + 1));
            }
        }
        return List.copyOf(packages);
    }

    /**
     * True when the calling class is the component's own framework (its first three package names: Wicket's
     * {@code SignInPage} builds its panel itself): what a framework does inside itself is judged where the
     * application uses it.
     */
    public boolean isFrameworkInternal(String slashedCallingClass) {
        return creation.isVendorCode(slashedCallingClass);
    }

    /** Whether a subclass constructor's {@code super(...)} is this very component being built (see above). */
    public boolean builtBySubclasses() {
        return !creation.receiverTypes().isEmpty();
    }
}
