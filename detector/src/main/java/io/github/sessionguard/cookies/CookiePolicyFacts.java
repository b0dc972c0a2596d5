package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IAnalysisCache;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookiePolicyCatalogue;
import io.github.sessionguard.flow.Site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The app-wide cookie policies the first pass ({@link CookiePolicyCollector}) found in the application
 * classes: one database per analysis, kept in SpotBugs' analysis cache (never in a static field), complete
 * before the cookie detector's pass starts, so no verdict depends on the order of the classes.
 */
public final class CookiePolicyFacts {
    private final List<SameSitePolicy> sameSitePolicies = new ArrayList<>();
    /** Installed response wrappers (slashed class name) and the classes (filters, servlets) that install each. */
    private final Map<String, Set<String>> wrappers = new TreeMap<>();
    /**
     * The installers among those that are base classes handing their own dispatch the wrapper, and the methods (name
     * and descriptor) it reaches in them and their subclasses; {@link #EVERY_METHOD} for every one (a servlet's
     * {@code service}).
     */
    private final Map<String, Set<String>> baseClassInstallers = new TreeMap<>();
    /** The installing methods (name and descriptor) of each base-class installer: code there runs before it wraps. */
    private final Map<String, Set<String>> installingMethods = new TreeMap<>();
    static final String EVERY_METHOD = "*";
    /** Which requests reach the application's filters and handlers. */
    private final RequestPaths requestPaths = new RequestPaths();
    /** Flags server handlers set on every cookie of some types, whatever the cookie chose: flag to cookie types. */
    private final Map<CookieFlag, Set<String>> forcedFlags = new EnumMap<>(CookieFlag.class);

    /** The facts of the running analysis, or null when the first pass did not run (its detector disabled). */
    static CookiePolicyFacts ofAnalysis() {
        IAnalysisCache cache = Global.getAnalysisCache();
        return cache == null ? null : cache.getOptionalDatabase(CookiePolicyFacts.class);
    }

    /**
     * A fresh, empty database for the analysis that is starting (a detector made outside an analysis,
     * with no cache, keeps its facts to itself).
     */
    static CookiePolicyFacts startAnalysis() {
        CookiePolicyFacts facts = new CookiePolicyFacts();
        IAnalysisCache cache = Global.getAnalysisCache();
        if (cache != null) {
            cache.eagerlyPutDatabase(CookiePolicyFacts.class, facts);
        }
        return facts;
    }

    void sameSite(SameSitePolicy policy) {
        sameSitePolicies.add(policy);
    }

    void forced(CookieFlag flag, Collection<String> cookieTypes) {
        forcedFlags.computeIfAbsent(flag, f -> new TreeSet<>()).addAll(cookieTypes);
    }

    /** Does an installed server handler set this flag on every cookie of this type? */
    boolean forces(CookieFlag flag, String cookieType) {
        Set<String> types = forcedFlags.get(flag);
        return types != null && types.contains(cookieType);
    }

    void wrapperInstalled(String slashedWrapper, Site site) {
        wrappers.computeIfAbsent(slashedWrapper, k -> new TreeSet<>()).add(site.method().getSlashedClassName());
    }

    /**
     * A base class hands its own dispatch a wrapper: every handler of its subclasses ({@code dispatched} null: a
     * servlet's {@code service}), or the overrides of one method ({@code dispatched} its name and descriptor).
     */
    void wrapperInstalledForSubclasses(String slashedWrapper, Site site, String dispatched) {
        wrapperInstalled(slashedWrapper, site);
        baseClassInstallers.computeIfAbsent(site.method().getSlashedClassName(), k -> new TreeSet<>())
                .add(dispatched == null ? EVERY_METHOD : dispatched);
        installingMethods.computeIfAbsent(site.method().getSlashedClassName(), k -> new TreeSet<>())
                .add(site.method().getName() + site.method().getSignature());
    }

    /** Is the method one in which the base class installs its wrapper (its own code there is not wrapped)? */
    boolean isInstallingMethod(String installer, String nameAndDescriptor) {
        return installingMethods.getOrDefault(installer, Set.of()).contains(nameAndDescriptor);
    }

    /**
     * The methods a base-class installer's wrapper reaches in it and its subclasses ({@link #EVERY_METHOD} for all);
     * null for a filter, whose wrapper reaches what its request paths reach.
     */
    Set<String> dispatchedMethods(String installer) {
        Set<String> methods = baseClassInstallers.get(installer);
        return methods == null ? null : Collections.unmodifiableSet(methods);
    }

    /** The SameSite policies, in a stable order. */
    List<SameSitePolicy> sameSitePolicies() {
        List<SameSitePolicy> sorted = new ArrayList<>(sameSitePolicies);
        sorted.sort(Comparator.comparing(SameSitePolicy::sortKey));
        return Collections.unmodifiableList(sorted);
    }

    /**
     * Does an app-wide SameSite policy decide SameSite for a cookie of this type and name: a protective value, or a
     * None (then the policy's finding, or a deliberate cross-site choice for the cookies it names)? A policy that only
     * fills in a missing SameSite decides nothing for a cookie with its own ({@code ownValue}).
     */
    boolean decidesSameSite(String cookieType, String cookieName, String namePrefix, boolean ownValue) {
        for (SameSitePolicy policy : sameSitePolicies()) {
            if (policy.reachesType(cookieType) && (policy.replacesOwn() || !ownValue)
                    && (policy.reaches(cookieName) || policy.reachesEveryNameStarting(namePrefix))
                    && (CookiePolicyCatalogue.isHardeningSameSite(policy.value())
                            || CookiePolicyCatalogue.isNone(policy.value()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a cookie a framework writes as a settings file configures it (Spring Security XML's {@code <remember-me>}):
     * does an app-wide SameSite policy of this analysis ({@link CookiePolicyCollector}'s pass, complete by then) decide
     * its SameSite, as it would for the same cookie configured in code? False when that pass did not run.
     */
    public static boolean sameSiteDecidedForFrameworkCookie(String cookieType, String cookieName) {
        CookiePolicyFacts facts = ofAnalysis();
        return facts != null && facts.decidesSameSite(cookieType, cookieName, null, false);
    }

    /** Installed response wrappers and the classes that install them. */
    Map<String, Set<String>> wrappers() {
        return Collections.unmodifiableMap(wrappers);
    }

    RequestPaths requestPaths() {
        return requestPaths;
    }

    /** A SameSite value given to the cookies of some names (or all) that have none of their own. */
    static final class SameSitePolicy {
        /** A pattern's tail that matches whatever follows (a cookie name holds no line break). */
        private static final String ANY_REST = ".*";
        /** A character with a meaning in a regular expression: a text holding none is matched literally. */
        private static final Pattern PATTERN_SYNTAX = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");
        private final String value;
        private final String owner;
        private final Site site;
        /** Null: every cookie. */
        private final String exactName;
        private final Pattern namePattern;
        /** Narrowed by a condition the bytecode does not reveal: which cookies it reaches is unknown. */
        private final boolean unknownScope;
        /** The cookie types it reaches. */
        private final Collection<String> cookieTypes;
        /** Does it replace a cookie's own SameSite (a server handler), or only fill in a missing one (a writer)? */
        private final boolean replacesOwn;

        private SameSitePolicy(String value, String owner, Site site, String exactName, Pattern namePattern,
                boolean unknownScope, Collection<String> cookieTypes, boolean replacesOwn) {
            this.value = value;
            this.owner = owner;
            this.site = site;
            this.exactName = exactName;
            this.namePattern = namePattern;
            this.unknownScope = unknownScope;
            this.cookieTypes = cookieTypes;
            this.replacesOwn = replacesOwn;
        }

        /** The container's cookie writer's value, for every cookie it writes without its own. */
        static SameSitePolicy everyCookie(String value, String owner, Site site) {
            return new SameSitePolicy(value, owner, site, null, null, false, CookiePolicyCatalogue.CONTAINER_WRITTEN,
                    false);
        }

        /** The container's cookie writer's value as a settings file gives it: no call installs it (no site). */
        static SameSitePolicy everyCookieFromFile(String value, String file) {
            return new SameSitePolicy(value, file, null, null, null, false, CookiePolicyCatalogue.CONTAINER_WRITTEN,
                    false);
        }

        /** A settings file's default for every cookie of these types without its own (Jetty's jetty-web.xml). */
        static SameSitePolicy everyCookieFromFile(String value, String file, Collection<String> cookieTypes) {
            return new SameSitePolicy(value, file, null, null, null, false, cookieTypes, false);
        }

        /** A settings file's server handler: its value replaces the own value of every cookie of these types. */
        static SameSitePolicy everyCookieReplacingFromFile(String value, String file, Collection<String> cookieTypes) {
            return new SameSitePolicy(value, file, null, null, null, false, cookieTypes, true);
        }

        /** A server handler's value, replacing the own value of every cookie of these types. */
        static SameSitePolicy everyCookieReplacing(String value, String owner, Site site,
                Collection<String> cookieTypes) {
            return new SameSitePolicy(value, owner, site, null, null, false, cookieTypes, true);
        }

        /** A server default's value, for every cookie of these types without its own. */
        static SameSitePolicy everyCookieWithout(String value, String owner, Site site, Collection<String> cookieTypes) {
            return new SameSitePolicy(value, owner, site, null, null, false, cookieTypes, false);
        }

        SameSitePolicy onlyNamed(String name) {
            return name == null ? unknownScope()
                    : new SameSitePolicy(value, owner, site, name, null, false, cookieTypes, replacesOwn);
        }

        SameSitePolicy onlyMatching(String regex, int flags) {
            if (regex == null) {
                return unknownScope();
            }
            try {
                return new SameSitePolicy(value, owner, site, null, Pattern.compile(regex, flags), false, cookieTypes,
                        replacesOwn);
            } catch (PatternSyntaxException e) {
                // The framework would reject it at start-up; the policy reaches nothing.
                return unknownScope();
            }
        }

        SameSitePolicy unknownScope() {
            return new SameSitePolicy(value, owner, site, null, null, true, cookieTypes, replacesOwn);
        }

        boolean reachesType(String cookieType) {
            return cookieTypes.contains(cookieType);
        }

        boolean replacesOwn() {
            return replacesOwn;
        }

        String value() {
            return value;
        }

        /** Slashed type whose call installed it (the supplier or the processor). */
        String owner() {
            return owner;
        }

        /** The call that installs it; null for a settings file's policy. */
        Site site() {
            return site;
        }

        String sortKey() {
            return site != null ? site.toString() : owner;
        }

        /** The one cookie name it is narrowed to ({@code whenHasName("remember-me")}), or null. */
        String exactName() {
            return unknownScope ? null : exactName;
        }

        boolean isEveryCookie() {
            return !unknownScope && exactName == null && namePattern == null;
        }

        /** Does it surely reach a cookie of this name (null: a name the analysis does not know)? */
        boolean reaches(String cookieName) {
            if (isEveryCookie()) {
                return true;
            }
            if (unknownScope || cookieName == null) {
                return false;
            }
            return exactName != null ? exactName.equals(cookieName) : namePattern.matcher(cookieName).matches();
        }

        /**
         * Does it surely reach every cookie whose name starts with {@code prefix} ({@code "EH_BASKET_" + id})? A pattern
         * of a plain text followed by {@code .*} ({@code whenHasNameMatching("EH_BASKET_.*")}) does when the prefix
         * starts with that text; other patterns are not read.
         */
        boolean reachesEveryNameStarting(String prefix) {
            if (prefix == null || unknownScope || namePattern == null || namePattern.flags() != 0) {
                return false;
            }
            String regex = namePattern.pattern();
            if (!regex.endsWith(ANY_REST)) {
                return false;
            }
            String text = regex.substring(0, regex.length() - ANY_REST.length());
            return !PATTERN_SYNTAX.matcher(text).find() && prefix.startsWith(text);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof SameSitePolicy)) {
                return false;
            }
            SameSitePolicy other = (SameSitePolicy) o;
            return value.equals(other.value) && Objects.equals(site, other.site) && Objects.equals(owner, other.owner)
                    && Objects.equals(exactName, other.exactName)
                    && Objects.equals(String.valueOf(namePattern), String.valueOf(other.namePattern))
                    && unknownScope == other.unknownScope && replacesOwn == other.replacesOwn;
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, site, exactName, unknownScope);
        }
    }
}
