package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookieNames;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.CookieApiSupport;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cookie configurations declared as beans in Spring XML: {@code <bean class="...DefaultCookieSerializer">} with
 * {@code <property name="useHttpOnlyCookie" value="false"/>}, a Shiro {@code SimpleCookie} given its name as a
 * {@code <constructor-arg>}, Spring Security's remember-me services. Each is judged as the same object configured in
 * code: the class is one of {@link CookieCatalogue}'s configurations (by its exact name), a property is the setter of
 * its name ({@code useHttpOnlyCookie} is {@code setUseHttpOnlyCookie}) as the catalogue reads it, and the flags start at
 * the API's defaults. The priorities are the cookie detector's: a flag set off is HIGH (LOW for a cookie whose name
 * says it carries nothing); a flag missing is HIGH on a session or credential cookie, NORMAL otherwise; a value from a
 * placeholder ({@code ${cookie.secure}}) LOW; {@code SameSite=None} on a session or credential cookie NORMAL. A flag
 * the API on the classpath cannot set is not asked for. Reported at the property, or at the bean when it is missing.
 */
final class SpringXmlCookieBeans {
    static final String BEANS_NAMESPACE = "http://www.springframework.org/schema/beans";
    private static final String BEAN = "bean";

    private SpringXmlCookieBeans() {
    }

    /** Cheap text screen before any XML parsing: a beans file that names a cookie configuration class. */
    static boolean mayConfigure(String text) {
        if (!text.contains(BEANS_NAMESPACE)) {
            return false;
        }
        for (CookieApi api : CookieCatalogue.apis()) {
            if (api.kind() == CookieApi.Kind.CONFIGURATION && api.types().stream()
                    .anyMatch(type -> text.contains(type.replace('/', '.')))) {
                return true;
            }
        }
        return false;
    }

    static List<SettingFinding> judge(SettingsResource file, XmlElement root, CookieApiSupport support) {
        List<SettingFinding> findings = new ArrayList<>();
        if (root == null) {
            return findings;
        }
        List<XmlElement> beans = new ArrayList<>();
        root.collect(BEAN, beans, 0);
        for (XmlElement bean : beans) {
            String type = bean.attribute("class");
            CookieApi api = BEANS_NAMESPACE.equals(bean.namespace) && type != null ? configuration(type.trim()) : null;
            if (api != null) {
                new Bean(file, bean, type.trim(), api, support).judge(findings);
            }
        }
        return findings;
    }

    /** The catalogue's configuration API whose types include the class, or null. */
    private static CookieApi configuration(String dottedClass) {
        String slashed = dottedClass.replace('.', '/');
        for (CookieApi api : CookieCatalogue.apis()) {
            if (api.kind() == CookieApi.Kind.CONFIGURATION && api.types().contains(slashed)) {
                return api;
            }
        }
        return null;
    }

    /** One bean: its cookie's name and flags, from its constructor argument and properties. */
    private static final class Bean {
        private final SettingsResource file;
        private final XmlElement bean;
        private final String type;
        private final CookieApi api;
        private final CookieApiSupport support;
        private final Map<CookieFlag, FlagValue> flags = new EnumMap<>(CookieFlag.class);
        private final Map<CookieFlag, XmlElement> setAt = new EnumMap<>(CookieFlag.class);
        private String name;
        private boolean sameSiteNone;
        /** False once a property hands the cookie to another bean or stops it. */
        private boolean judged = true;

        Bean(SettingsResource file, XmlElement bean, String type, CookieApi api, CookieApiSupport support) {
            this.file = file;
            this.bean = bean;
            this.type = type;
            this.api = api;
            this.support = support;
            this.name = api.defaultName();
            for (CookieFlag flag : CookieFlag.values()) {
                flags.put(flag, flag == CookieFlag.SECURE && support.secureByDefault(api) ? FlagValue.SET
                        : api.defaultFor(flag));
            }
        }

        void judge(List<SettingFinding> findings) {
            readConstructorName();
            for (XmlElement property : bean.children("property")) {
                read(property);
            }
            if (!judged) {
                return;
            }
            for (CookieFlag flag : CookieFlag.values()) {
                if (support.supports(api, flag)) {
                    verdict(flag, findings);
                }
            }
        }

        /** {@code <constructor-arg value="sid"/>} where a constructor of the API takes the name first. */
        private void readConstructorName() {
            List<XmlElement> arguments = bean.children("constructor-arg");
            if (arguments.size() != 1 || value(arguments.get(0)) == null) {
                return;
            }
            for (CookieCall call : api.calls()) {
                if (call.role() == CookieCall.Role.CREATE && call.arg() == 0 && call.call().name().equals("<init>")) {
                    name = value(arguments.get(0));
                    return;
                }
            }
        }

        private void read(XmlElement property) {
            String propertyName = property.attribute("name");
            CookieCall call = propertyName == null ? null : setter(propertyName.trim());
            if (call == null) {
                return;
            }
            String value = value(property);
            if (call.role() == CookieCall.Role.DECIDED_ELSEWHERE) {
                // A cookie bean of its own (a ref or an inner bean) replaces this object's: that one is judged.
                judged = false;
                return;
            }
            if (value == null) {
                return;
            }
            boolean placeholder = value.contains("${") || value.contains("#{");
            switch (call.role()) {
            case DELETE:
                // A switch that stops the cookie (Shiro's sessionIdCookieEnabled=false): nothing is sent to protect.
                judged &= placeholder || call.arg() < 0 || Boolean.parseBoolean(value) == call.offWhenFalse();
                break;
            case SET_NAME:
                name = placeholder ? null : value;
                break;
            case SET_FLAG:
                if (call.arg() >= 0) {
                    flags.put(call.flag(), placeholder ? FlagValue.UNKNOWN
                            : Boolean.parseBoolean(value) ? FlagValue.SET : FlagValue.CLEARED);
                    setAt.put(call.flag(), property);
                }
                break;
            case SET_SAME_SITE:
                sameSiteNone = !placeholder && "none".equalsIgnoreCase(value);
                flags.put(CookieFlag.SAME_SITE, placeholder ? FlagValue.UNKNOWN
                        : sameSiteNone || "lax".equalsIgnoreCase(value) || "strict".equalsIgnoreCase(value)
                                ? FlagValue.SET : FlagValue.CLEARED);
                setAt.put(CookieFlag.SAME_SITE, property);
                break;
            default:
                break;
            }
        }

        /** The catalogue's row for a property's setter ({@code useHttpOnlyCookie} is {@code setUseHttpOnlyCookie}). */
        private CookieCall setter(String property) {
            if (property.isEmpty()) {
                return null;
            }
            String method = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
            for (CookieCall call : api.calls()) {
                if (call.call().name().equals(method)) {
                    return call;
                }
            }
            return null;
        }

        private void verdict(CookieFlag flag, List<SettingFinding> findings) {
            String shown = name == null ? "" : name;
            if (flag == CookieFlag.HTTP_ONLY && CookieNames.isScriptReadable(shown)) {
                return;
            }
            boolean credential = CookieNames.isSensitive(shown);
            boolean innocuous = CookieNames.isInnocuous(shown);
            FlagValue value = flags.get(flag);
            XmlElement property = setAt.get(flag);
            int priority;
            String detail;
            if (flag == CookieFlag.SAME_SITE && value == FlagValue.SET && sameSiteNone
                    && (api.isSessionCookie() || credential)) {
                priority = Priorities.NORMAL_PRIORITY;
                detail = "SameSite=None: sent on cross-site requests";
            } else if (value == FlagValue.CLEARED) {
                priority = innocuous ? Priorities.LOW_PRIORITY : Priorities.HIGH_PRIORITY;
                detail = property.attribute("name") + "=" + value(property);
            } else if (value == FlagValue.MISSING) {
                boolean demanded = credential || flag == CookieFlag.SECURE && CookieNames.hasSecurePrefix(shown);
                priority = demanded ? Priorities.HIGH_PRIORITY
                        : innocuous ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
                detail = "no " + flag.attributeName() + " by default";
            } else if (value == FlagValue.UNKNOWN) {
                priority = Priorities.LOW_PRIORITY;
                detail = property == null ? flag.attributeName() + " decided at run time"
                        : property.attribute("name") + " from " + value(property);
            } else {
                return;
            }
            int line = property != null ? property.line : file.lineContainingBefore(type, bean.line);
            findings.add(new SettingFinding(flag.bugPattern(), priority, file, line,
                    "cookie \"" + (name == null ? "(set at run time)" : name) + "\" written by the " + api.label()
                            + " bean (" + detail + ")", fix(flag)));
        }

        /** The property that sets the flag, in the bean's terms; else the API's fix in code. */
        private String fix(CookieFlag flag) {
            for (CookieCall call : api.calls()) {
                boolean sets = call.role() == CookieCall.Role.SET_FLAG && call.flag() == flag && call.arg() >= 0
                        || call.role() == CookieCall.Role.SET_SAME_SITE && flag == CookieFlag.SAME_SITE;
                if (sets) {
                    String setter = call.call().name().substring(3);
                    String property = Character.toLowerCase(setter.charAt(0)) + setter.substring(1);
                    return "set <property name=\"" + property + "\" value=\""
                            + (flag == CookieFlag.SAME_SITE ? "Lax" : "true") + "\"/> on the " + type + " bean";
                }
            }
            return api.fixFor(flag);
        }

        /** A property's or argument's value: its {@code value} attribute or its {@code <value>} element. */
        private static String value(XmlElement element) {
            String value = element.attribute("value");
            if (value == null && element.child("value") != null) {
                value = element.child("value").text();
            }
            return value == null ? null : value.trim();
        }
    }
}
