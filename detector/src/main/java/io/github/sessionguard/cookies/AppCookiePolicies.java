package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookieNames;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.cookies.CookiePolicyFacts.SameSitePolicy;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.ReportedMethods;
import io.github.sessionguard.flow.TypeChecks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The second pass' view of the application's cookie policies ({@link CookiePolicyFacts}): which flags of
 * which cookies a policy decides, so the cookie is not blamed for them, and which policies are findings
 * themselves (SameSite=None for every cookie, reported where the policy is installed).
 */
final class AppCookiePolicies implements CookieFindings.PolicyHook {
    /** How many superclasses are walked from a subclass up to the base servlet. */
    private static final int MAX_NESTING = 16;
    private final CookiePolicyFacts facts;
    private final CookieSummaries summaries;
    /** Each installed response wrapper's flags set on every added cookie; computed on first use. */
    private Map<String, Set<CookieFlag>> forcedByWrappers;
    /** Each installed wrapper's flags set on the cookies whose name passes its one name test; computed on first use. */
    private Map<String, Map<NameCondition, Set<CookieFlag>>> forcedByName;
    /** Each installed response wrapper's flags added to every Set-Cookie header text; computed on first use. */
    private Map<String, Set<CookieFlag>> addedToHeaders;

    /** @param facts the first pass' facts, or null when it did not run (no policies then) */
    AppCookiePolicies(CookiePolicyFacts facts, CookieSummaries summaries) {
        this.facts = facts;
        this.summaries = summaries;
    }

    /**
     * True when a policy decides the flag for this cookie. A wrapper that sets the flag on every
     * {@code addCookie} overrides whatever the cookie's own code did (for the cookies written while its filter runs),
     * and so does a server handler that sets a flag on every cookie of its stack; the container's SameSite policy
     * gives its value only to cookies without their own (an explicit value is judged at the cookie, as Tomcat keeps it).
     */
    @Override
    public boolean covers(CookieState cookie, CookieFlag flag) {
        if (facts == null) {
            return false;
        }
        String type = cookie.api().cookieType();
        // A hand-written Set-Cookie header (no type): only a wrapper's header methods see it.
        if ((type == null || CookiePolicyCatalogue.WRITTEN_AS_HEADERS.contains(type))
                && wrappersReaching(cookie, addedToHeaders()).contains(flag)) {
            return true;
        }
        if (type == null) {
            return false;
        }
        if (CookiePolicyCatalogue.ADDED_THROUGH_RESPONSE.contains(type)
                && (wrappersReaching(cookie, forcedByWrappers()).contains(flag) || forcedByNameOn(cookie).contains(flag))
                || facts.forces(flag, type)) {
            return true;
        }
        if (flag != CookieFlag.SAME_SITE) {
            return false;
        }
        boolean ownValue = !cookie.flag(CookieFlag.SAME_SITE).isUnset() || cookie.isSameSiteNone();
        // A None policy decides too: the finding is then the policy's (policyFindings), or, for a supplier narrowed
        // to named cookies, a deliberate cross-site choice for those cookies.
        return facts.decidesSameSite(type, cookie.name(), cookie.namePrefix(), ownValue);
    }

    /**
     * Findings for the policies that send every cookie SameSite=None, and for those narrowed by name to one session or
     * credential cookie that send it None (as a cookie's own None on such a cookie is one), at the call that installs
     * them. None narrowed to another cookie (an embeddable widget's) is a deliberate cross-site choice.
     */
    List<BugInstance> policyFindings(Detector detector) {
        List<BugInstance> bugs = new ArrayList<>();
        if (facts == null) {
            return bugs;
        }
        for (SameSitePolicy policy : facts.sameSitePolicies()) {
            if (!CookiePolicyCatalogue.isNone(policy.value()) || policy.site() == null) {
                continue;
            }
            String subject;
            String fix;
            if (policy.isEveryCookie()) {
                subject = CookiePolicyCatalogue.noneEverywhereSubject(policy.owner());
                fix = CookiePolicyCatalogue.noneEverywhereFix(policy.owner());
            } else if (policy.exactName() != null && CookieNames.isSensitive(policy.exactName())) {
                subject = CookiePolicyCatalogue.noneForCredentialSubject(policy.exactName());
                fix = CookiePolicyCatalogue.noneForCredentialFix();
            } else {
                continue;
            }
            bugs.add(ReportedMethods.addClassAndMethod(new BugInstance(detector, CookieFlag.SAME_SITE.bugPattern(),
                    Priorities.NORMAL_PRIORITY), policy.site().method())
                    .addString(subject)
                    .addString(fix)
                    .addSourceLine(policy.site().sourceLine()));
        }
        return bugs;
    }

    /** The flags of the wrappers whose filter runs where the cookie is made (see {@link RequestPaths#reaches}). */
    private Set<CookieFlag> wrappersReaching(CookieState cookie, Map<String, Set<CookieFlag>> flagsByWrapper) {
        Set<CookieFlag> flags = EnumSet.noneOf(CookieFlag.class);
        flagsByWrapper.forEach((wrapper, wrapperFlags) -> {
            if (!flags.containsAll(wrapperFlags) && installedWhereReached(wrapper, cookie)) {
                flags.addAll(wrapperFlags);
            }
        });
        return flags;
    }

    /**
     * The flags of the wrappers reaching the cookie that harden cookies by name ({@code if
     * (cookie.getName().startsWith("forum_"))}) and whose test this cookie's name, known here, passes.
     */
    private Set<CookieFlag> forcedByNameOn(CookieState cookie) {
        Set<CookieFlag> flags = EnumSet.noneOf(CookieFlag.class);
        if (cookie.name() == null) {
            return flags;
        }
        forcedByName().forEach((wrapper, byCondition) -> byCondition.forEach((condition, conditionFlags) -> {
            if (condition.holds(cookie.name()) && !flags.containsAll(conditionFlags)
                    && installedWhereReached(wrapper, cookie)) {
                flags.addAll(conditionFlags);
            }
        }));
        return flags;
    }

    private Map<String, Map<NameCondition, Set<CookieFlag>>> forcedByName() {
        if (forcedByName == null) {
            forcedByName = new TreeMap<>();
            for (String wrapper : facts.wrappers().keySet()) {
                Map<NameCondition, Set<CookieFlag>> byCondition = new java.util.LinkedHashMap<>();
                for (String descriptor : CookiePolicyCatalogue.WRAPPER_ADD_COOKIE_DESCRIPTORS) {
                    NameCondition test = summaries.nameTestOf(wrapper, "addCookie", descriptor);
                    for (NameCondition side : test == null ? List.<NameCondition>of() : List.of(test, test.negated())) {
                        Set<CookieFlag> flags = setOnEvery(summaries.assuming(wrapper, "addCookie", descriptor, side));
                        if (!flags.isEmpty()) {
                            byCondition.computeIfAbsent(side, c -> EnumSet.noneOf(CookieFlag.class)).addAll(flags);
                        }
                    }
                }
                if (!byCondition.isEmpty()) {
                    forcedByName.put(wrapper, byCondition);
                }
            }
        }
        return forcedByName;
    }

    private boolean installedWhereReached(String wrapper, CookieState cookie) {
        for (String installer : facts.wrappers().get(wrapper)) {
            Set<String> dispatched = facts.dispatchedMethods(installer);
            MethodDescriptor origin = cookie.origin().method();
            if (dispatched == null ? facts.requestPaths().reaches(installer, origin)
                    : reachedByDispatch(installer, dispatched, origin)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Is the cookie made where a base class's own dispatch hands the wrapper? In an override of the template method it
     * calls, or, for a servlet's {@code service}, in any handler of the base or a subclass: an instance method (or a
     * lambda body there), not the installing method itself (its code before the call is not wrapped), and not below
     * a subclass that overrides {@code service} again. A static helper, or a class nested in one, may be handed any
     * servlet's response: not known to be wrapped.
     */
    private boolean reachedByDispatch(String installer, Set<String> dispatched, MethodDescriptor origin) {
        String method = origin.getName() + origin.getSignature();
        String owner = origin.getSlashedClassName();
        if (facts.isInstallingMethod(installer, method) && owner.equals(installer)
                || !TypeChecks.isKnownSubtype(owner, installer)) {
            return false;
        }
        if (dispatched.contains(method) && !owner.equals(installer)) {
            return true;
        }
        return dispatched.contains(CookiePolicyFacts.EVERY_METHOD)
                && (!origin.isStatic() || origin.getName().startsWith("lambda$"))
                && !overridesDispatchBelow(owner, installer);
    }

    /** Does a class from {@code owner} up to (not including) the installer override the servlet's service again? */
    private static boolean overridesDispatchBelow(String owner, String installer) {
        String type = owner;
        for (int depth = 0; depth < MAX_NESTING && type != null && !type.equals(installer); depth++) {
            for (String descriptor : CookiePolicyCatalogue.SERVLET_DISPATCH_DESCRIPTORS) {
                if (QuietClasspath.declaresMethod(type,
                        CookiePolicyCatalogue.SERVLET_DISPATCH, descriptor)) {
                    return true;
                }
            }
            XClass xClass = QuietClasspath.find(type);
            type = xClass == null || xClass.getSuperclassDescriptor() == null ? null
                    : xClass.getSuperclassDescriptor().getClassName();
        }
        return false;
    }

    private Map<String, Set<CookieFlag>> forcedByWrappers() {
        if (forcedByWrappers == null) {
            forcedByWrappers = new TreeMap<>();
            for (String wrapper : facts.wrappers().keySet()) {
                Set<CookieFlag> forced = EnumSet.noneOf(CookieFlag.class);
                for (String descriptor : CookiePolicyCatalogue.WRAPPER_ADD_COOKIE_DESCRIPTORS) {
                    forced.addAll(forcedBy(wrapper, descriptor));
                }
                forcedByWrappers.put(wrapper, forced);
            }
        }
        return forcedByWrappers;
    }

    private Map<String, Set<CookieFlag>> addedToHeaders() {
        if (addedToHeaders == null) {
            addedToHeaders = new TreeMap<>();
            for (String wrapper : facts.wrappers().keySet()) {
                addedToHeaders.put(wrapper, HeaderHardening.headerFlags(wrapper));
            }
        }
        return addedToHeaders;
    }

    /** The flags the wrapper's addCookie surely sets (to a protective value) on every cookie it passes on. */
    private Set<CookieFlag> forcedBy(String wrapper, String descriptor) {
        Set<CookieFlag> forced = EnumSet.noneOf(CookieFlag.class);
        // An addCookie that writes the cookie as header text it hardens (super.addHeader(SET_COOKIE, harden(text))).
        forced.addAll(HeaderHardening.addedBy(wrapper, "addCookie", descriptor));
        forced.addAll(setOnEvery(summaries.forCall(wrapper, "addCookie", descriptor, true)));
        return forced;
    }

    /** The flags a wrapper's addCookie (as summarised) surely sets on the cookie it passes on. */
    private static Set<CookieFlag> setOnEvery(MethodSummary summary) {
        Set<CookieFlag> forced = EnumSet.noneOf(CookieFlag.class);
        CookieState passedOn = summary == null || !summary.isFollowed() ? null : summary.parameterSends().get(0);
        if (passedOn == null) {
            return forced;
        }
        for (CookieFlag flag : CookieFlag.values()) {
            boolean none = flag == CookieFlag.SAME_SITE && passedOn.isSameSiteNone();
            if (!none && passedOn.effect(flag).equals(FlagEffect.of(FlagValue.SET))) {
                forced.add(flag);
            }
        }
        return forced;
    }
}
