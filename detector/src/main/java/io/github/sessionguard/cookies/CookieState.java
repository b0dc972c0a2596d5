package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.Site;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * What is known of one cookie object at one point of a method, over every path that reaches it: a cookie
 * made in the method (it has an origin), or one received as parameter {@link #parameter()} (its flags are
 * then what the method does to the caller's cookie).
 */
public final class CookieState {
    private final CookieApi api;
    private final String name;
    private final int nameParameter;
    private final Site origin;
    private final int parameter;
    private final Map<CookieFlag, FlagEffect> flags;
    private final boolean deleting;
    /** Some path set SameSite=None (and no later SameSite setter changed it). */
    private final boolean sameSiteNone;
    /** Some path has SameSite=None and no Secure at this point. */
    private final boolean sameSiteNoneWithoutSecure;
    /** Every path gave the cookie the constant value "" or null (a logout or "clear" cookie). */
    private boolean empty;
    /** The call whose arguments chose each flag at this cookie's reported call (a helper, a builder's setter). */
    private Map<CookieFlag, String> choosers = Map.of();
    /** The chosen flags the chooser's argument turns off when true ({@code setHttpOnly(!scriptReadable)}). */
    private Set<CookieFlag> invertedChoices = Set.of();
    /** The String parameter the value comes from (its caller's choice), or -1. */
    private int valueParameter = -1;
    /** The call whose result the value is, when that call says it yields a token or session id, else null. */
    private String secretSource;
    /** The caller whose arguments named this cookie (or gave its value), when it is reported in a helper. */
    private String namedBy;
    /** Some path set one of its flags (a configuration the code hardens here, not only reads or names). */
    private boolean configured;
    /** The constant text a name known only in part surely starts with ({@code "EH_BASKET_" + id}), else null. */
    private String namePrefix;

    private CookieState(CookieApi api, String name, int nameParameter, Site origin, int parameter,
            Map<CookieFlag, FlagEffect> flags, boolean deleting, boolean sameSiteNone,
            boolean sameSiteNoneWithoutSecure) {
        this.api = api;
        this.name = name;
        this.nameParameter = nameParameter;
        this.origin = origin;
        this.parameter = parameter;
        this.flags = flags;
        this.deleting = deleting;
        this.sameSiteNone = sameSiteNone;
        this.sameSiteNoneWithoutSecure = sameSiteNoneWithoutSecure;
    }

    /** A cookie just built: every flag at the API's default. */
    public static CookieState created(CookieApi api, String name, Site origin) {
        Map<CookieFlag, FlagEffect> flags = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            flags.put(flag, FlagEffect.of(api.defaultFor(flag)));
        }
        return new CookieState(api, name == null ? api.defaultName() : name, -1, origin, -1, flags, false, false,
                false);
    }

    /** The caller's cookie, received as parameter {@code index}: nothing done to it yet. */
    public static CookieState parameter(CookieApi api, int index) {
        Map<CookieFlag, FlagEffect> flags = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            flags.put(flag, FlagEffect.KEEP);
        }
        return new CookieState(api, null, -1, null, index, flags, false, false, false);
    }

    public CookieApi api() {
        return api;
    }

    /** The cookie's name when it is a constant, else null. */
    public String name() {
        return name;
    }

    /** When the name is not a constant, the constant text it surely starts with, or null. */
    public String namePrefix() {
        return name == null ? namePrefix : null;
    }

    /** The cookie, its name known to start with {@code prefix}. */
    public CookieState withNamePrefix(String prefix) {
        CookieState copy = keepChooser(new CookieState(api, name, nameParameter, origin, parameter, flags, deleting,
                sameSiteNone, sameSiteNoneWithoutSecure));
        copy.namePrefix = prefix;
        return copy;
    }

    /** The String parameter the name comes from (its caller's choice), or -1. */
    public int nameParameter() {
        return nameParameter;
    }

    /** Where the cookie was created: the line a fix belongs next to. Null for a parameter's cookie. */
    public Site origin() {
        return origin;
    }

    /** The parameter this cookie came in as, or -1 for a cookie made in the method. */
    public int parameter() {
        return parameter;
    }

    public boolean isParameter() {
        return parameter >= 0;
    }

    public FlagEffect effect(CookieFlag flag) {
        return flags.get(flag);
    }

    /** The flag's value for a cookie made here, with no caller involved. */
    public FlagValue flag(CookieFlag flag) {
        return flags.get(flag).value();
    }

    /** True when the flag's value (on some path) is the caller's choice, passed as a boolean parameter. */
    public boolean isCallerDecided(CookieFlag flag) {
        return flags.get(flag).parameter() >= 0;
    }

    /**
     * True when every path gave the cookie max-age 0, or the empty value "" or null, and no other value
     * later: it removes a cookie, or carries nothing.
     */
    public boolean isDeleting() {
        return deleting || empty;
    }

    /** The cookie's value is now the empty constant (true) or something else (false). */
    public CookieState withEmptyValue(boolean value) {
        CookieState copy = keepChooser(new CookieState(api, name, nameParameter, origin, parameter, flags, deleting,
                sameSiteNone, sameSiteNoneWithoutSecure));
        copy.empty = value;
        return copy;
    }

    /** True when some path marked the cookie SameSite=None (and no later SameSite setter changed it). */
    public boolean isSameSiteNone() {
        return sameSiteNone;
    }

    /**
     * True when some path leaves the cookie SameSite=None and not Secure, which browsers reject. Kept per
     * path rather than derived from the merged flags: a path with None and Secure joined with one with Lax
     * and no Secure has a merged "None somewhere" and "Secure missing", yet no path sends None unsecured.
     */
    public boolean isSameSiteNoneWithoutSecure() {
        return sameSiteNoneWithoutSecure;
    }

    /**
     * A later setter overrides an earlier one: a new SameSite value ends a previous None; Secure switched
     * on (surely) ends "None without Secure" on this path, anything else written into Secure leaves it.
     */
    public CookieState withFlag(CookieFlag flag, FlagEffect value) {
        Map<CookieFlag, FlagEffect> copy = new EnumMap<>(flags);
        copy.put(flag, value);
        boolean none = flag != CookieFlag.SAME_SITE && sameSiteNone;
        boolean unsecured = flag == CookieFlag.SECURE ? none && !isSurelySet(value)
                : none && sameSiteNoneWithoutSecure;
        return keepChooser(new CookieState(api, name, nameParameter, origin, parameter, copy, deleting, none,
                unsecured));
    }

    private static boolean isSurelySet(FlagEffect effect) {
        return effect.equals(FlagEffect.of(FlagValue.SET));
    }

    private CookieState keepChooser(CookieState copy) {
        copy.choosers = choosers;
        copy.invertedChoices = invertedChoices;
        copy.empty = empty;
        copy.valueParameter = valueParameter;
        copy.secretSource = secretSource;
        copy.namedBy = namedBy;
        copy.configured = configured;
        copy.namePrefix = namePrefix;
        return copy;
    }

    /** True when some path set one of this cookie's or configuration's flags. */
    public boolean isConfigured() {
        return configured;
    }

    /** This cookie after a flag setter of its API. */
    public CookieState configured() {
        if (configured) {
            return this;
        }
        CookieState copy = keepChooser(new CookieState(api, name, nameParameter, origin, parameter, flags, deleting,
                sameSiteNone, sameSiteNoneWithoutSecure));
        copy.configured = true;
        return copy;
    }

    /** The String parameter the cookie's value comes from (the caller passes it), or -1. */
    public int valueParameter() {
        return valueParameter;
    }

    /** The call (as Owner.method) whose result, a token or session id, is the cookie's value; else null. */
    public String secretSource() {
        return secretSource;
    }

    /** The caller that supplied this cookie's name or value to the helper that builds it, or null. */
    public String namedBy() {
        return namedBy;
    }

    /**
     * The cookie's value is now the value of the calling method's parameter {@code parameter} (or -1),
     * and carries the result of {@code source} (a token or session id producer, or null).
     */
    public CookieState withValueFrom(int parameter, String source) {
        CookieState copy = keepChooser(new CookieState(api, name, nameParameter, origin, this.parameter, flags,
                deleting, sameSiteNone, sameSiteNoneWithoutSecure));
        copy.valueParameter = parameter;
        copy.secretSource = source;
        return copy;
    }

    /** The cookie as its helper builds it, with the name and value {@code caller} passed in. */
    public CookieState namedBy(String caller) {
        CookieState copy = keepChooser(new CookieState(api, name, nameParameter, origin, parameter, flags, deleting,
                sameSiteNone, sameSiteNoneWithoutSecure));
        copy.namedBy = caller;
        return copy;
    }

    public CookieState withFlag(CookieFlag flag, FlagValue value) {
        return withFlag(flag, FlagEffect.of(value));
    }

    public CookieState withDeleting(boolean value) {
        return keepChooser(new CookieState(api, name, nameParameter, origin, parameter, flags, value, sameSiteNone,
                sameSiteNoneWithoutSecure));
    }

    /**
     * SameSite=None on this path (or its end, for {@code false}): a valid choice for cross-site use, as
     * long as the cookie is (or becomes) Secure.
     */
    public CookieState withSameSiteNone(boolean value) {
        return keepChooser(new CookieState(api, name, nameParameter, origin, parameter, flags, deleting, value,
                value && !isSurelySet(flags.get(CookieFlag.SECURE))));
    }

    public CookieState withName(String newName, int newNameParameter) {
        CookieState copy = keepChooser(new CookieState(api, newName, newNameParameter, origin, parameter, flags, deleting,
                sameSiteNone, sameSiteNoneWithoutSecure));
        copy.namePrefix = null; // a new name: what the old one started with says nothing
        return copy;
    }

    /**
     * A copy of this cookie ({@code clone()}) made at {@code site}: the same name, value and flags, and the same caller's
     * cookie when this is one, but another object (see {@link CookieFacts#sameObject}).
     */
    public CookieState copiedAt(Site site) {
        return keepChooser(new CookieState(api, name, nameParameter, site, parameter, flags, deleting, sameSiteNone,
                sameSiteNoneWithoutSecure));
    }

    /**
     * The cookie as reported at a call whose arguments chose some of its flags (each by the call named; {@code inverted}
     * the flags whose argument is negated before it is written, which {@code false} turns on).
     */
    public CookieState chosenAt(Site callSite, Map<CookieFlag, String> chosenBy, Set<CookieFlag> inverted) {
        CookieState copy = new CookieState(api, name, nameParameter, callSite, -1, flags, deleting, sameSiteNone,
                sameSiteNoneWithoutSecure);
        copy.choosers = chosenBy.isEmpty() ? Map.of() : new EnumMap<>(chosenBy);
        copy.invertedChoices = inverted.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(inverted);
        copy.empty = empty;
        copy.valueParameter = valueParameter;
        copy.secretSource = secretSource;
        copy.namedBy = namedBy;
        copy.configured = configured;
        return copy;
    }

    /** The method whose arguments chose the flag at this cookie's reported call, or null. */
    public String chooserOf(CookieFlag flag) {
        return choosers.get(flag);
    }

    /** Does the chooser's argument for the flag turn it off when true (see {@link #chosenAt})? */
    public boolean isChoiceInverted(CookieFlag flag) {
        return invertedChoices.contains(flag);
    }

    /**
     * This cookie after a callee did {@code effect} to it (the callee's view of the cookie as its
     * parameter): flags the callee wrote replace these where the callee's paths wrote them. A None the
     * callee set, or this cookie's None where the callee left SameSite alone, stays unsecured unless the
     * composed Secure is surely on.
     */
    public CookieState then(CookieState effect) {
        Map<CookieFlag, FlagEffect> composed = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            composed.put(flag, flags.get(flag).then(effect.flags.get(flag)));
        }
        String composedName = effect.name != null ? effect.name : name;
        int composedNameParameter = effect.name != null ? -1 : nameParameter;
        boolean keepsSameSite = effect.flags.get(CookieFlag.SAME_SITE).keepsIncoming();
        boolean none = effect.sameSiteNone || (sameSiteNone && keepsSameSite);
        boolean unsecured = (effect.sameSiteNoneWithoutSecure || (sameSiteNoneWithoutSecure && keepsSameSite))
                && !isSurelySet(composed.get(CookieFlag.SECURE));
        CookieState composedState = keepChooser(new CookieState(api, composedName, composedNameParameter, origin,
                parameter, composed, deleting || effect.deleting, none, unsecured));
        if (effect.secretSource != null || effect.valueParameter >= 0) {
            // The callee wrote the value: what it wrote is the value now.
            composedState.secretSource = effect.secretSource;
            composedState.valueParameter = effect.valueParameter;
        }
        composedState.configured = configured || effect.configured;
        if (effect.name == null && effect.namePrefix != null) {
            composedState.namePrefix = effect.namePrefix;
        }
        return composedState;
    }

    /** The state on a join of two paths: every possibility of each flag. */
    public CookieState merge(CookieState other) {
        if (equals(other)) {
            return this;
        }
        Map<CookieFlag, FlagEffect> merged = new EnumMap<>(CookieFlag.class);
        for (CookieFlag flag : CookieFlag.values()) {
            merged.put(flag, flags.get(flag).merge(other.flags.get(flag)));
        }
        String mergedName = Objects.equals(name, other.name) ? name : null;
        int mergedNameParameter = nameParameter == other.nameParameter ? nameParameter : -1;
        CookieState joined = keepChooser(new CookieState(api, mergedName, mergedNameParameter, origin, parameter,
                merged, deleting && other.deleting, sameSiteNone || other.sameSiteNone,
                sameSiteNoneWithoutSecure || other.sameSiteNoneWithoutSecure));
        joined.empty = empty && other.empty;
        joined.valueParameter = valueParameter == other.valueParameter ? valueParameter : -1;
        // The strongest evidence of either path (a token on one path is a token), chosen stably.
        joined.secretSource = secretSource == null ? other.secretSource
                : other.secretSource == null || secretSource.compareTo(other.secretSource) <= 0 ? secretSource
                : other.secretSource;
        joined.namedBy = Objects.equals(namedBy, other.namedBy) ? namedBy : null;
        joined.configured = configured || other.configured;
        joined.namePrefix = Objects.equals(namePrefix, other.namePrefix) ? namePrefix : null;
        return joined;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CookieState)) {
            return false;
        }
        CookieState other = (CookieState) o;
        return deleting == other.deleting && empty == other.empty && sameSiteNone == other.sameSiteNone
                && sameSiteNoneWithoutSecure == other.sameSiteNoneWithoutSecure && api == other.api
                && parameter == other.parameter && nameParameter == other.nameParameter
                && Objects.equals(name, other.name) && Objects.equals(origin, other.origin)
                && choosers.equals(other.choosers) && invertedChoices.equals(other.invertedChoices)
                && flags.equals(other.flags)
                && valueParameter == other.valueParameter && Objects.equals(secretSource, other.secretSource)
                && Objects.equals(namedBy, other.namedBy) && configured == other.configured
                && Objects.equals(namePrefix, other.namePrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, origin, parameter, flags, deleting, empty, sameSiteNone, sameSiteNoneWithoutSecure);
    }

    @Override
    public String toString() {
        return "Cookie(" + (name != null ? name : "p" + nameParameter) + (parameter >= 0 ? " param" + parameter : "")
                + " " + flags + (deleting ? " deleting" : "") + ")";
    }
}
