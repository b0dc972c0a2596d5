package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.XClass;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieCall;
import io.github.sessionguard.catalogue.CookieCatalogue;
import io.github.sessionguard.catalogue.CookieFlag;
import io.github.sessionguard.catalogue.CookieNames;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.CookieApiSupport;
import io.github.sessionguard.flow.QuietClasspath;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
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
    private static final String P_NAMESPACE = "http://www.springframework.org/schema/p";
    private static final String C_NAMESPACE = "http://www.springframework.org/schema/c";

    private SpringXmlCookieBeans() {
    }

    /** Superclasses looked at above a bean's class before giving up (a guard against odd class graphs). */
    private static final int MAX_SUPERCLASSES = 16;

    /**
     * Cheap text screen before any XML parsing: a beans file that declares a bean of some class (which may be a cookie
     * configuration or a subclass of one: {@code CookieLocaleResolver} extends {@code CookieGenerator} in Spring 4 and 5).
     */
    static boolean mayConfigure(String text) {
        return text.contains(BEANS_NAMESPACE) && text.contains("class=");
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
            if (!BEANS_NAMESPACE.equals(bean.namespace) || type == null) {
                continue;
            }
            String slashed = type.trim().replace('.', '/');
            CookieApi api = configuration(slashed);
            List<String> subclasses = new ArrayList<>();
            if (api == null) {
                api = inheritedConfiguration(slashed, subclasses);
            }
            if (api != null) {
                new Bean(file, bean, type.trim(), api, support, subclasses).judge(findings);
            }
        }
        return findings;
    }

    /** The catalogue's configuration API whose types include the class (slashed), or null. */
    private static CookieApi configuration(String slashed) {
        for (CookieApi api : CookieCatalogue.apis()) {
            if (api.kind() == CookieApi.Kind.CONFIGURATION && api.types().contains(slashed)) {
                return api;
            }
        }
        return null;
    }

    /**
     * The configuration API of the class's nearest catalogue superclass on the analysis classpath, or null (also when
     * the classpath lacks the class: a bean judged as what it may not be would be noise). {@code subclasses} receives the
     * classes between, whose constructors may change the inherited defaults.
     */
    private static CookieApi inheritedConfiguration(String slashed, List<String> subclasses) {
        String current = slashed;
        for (int depth = 0; depth < MAX_SUPERCLASSES; depth++) {
            XClass type = QuietClasspath.find(current);
            if (type == null || type.getSuperclassDescriptor() == null) {
                return null;
            }
            subclasses.add(current);
            current = type.getSuperclassDescriptor().getClassName();
            CookieApi api = configuration(current);
            if (api != null) {
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
        /** Where each flag is set: the property's line and its {@code name=value}. */
        private final Map<CookieFlag, Setting> setAt = new EnumMap<>(CookieFlag.class);
        private String name;
        private boolean sameSiteNone;
        /**
         * False once the bean's cookie is decided where this reader does not look: a property hands it to another
         * bean or stops it, a nested path ({@code sessionIdCookie.secure}) sets it, or the bean is an abstract
         * template or inherits a parent's properties.
         */
        private boolean judged;

        /**
         * @param subclasses the classes between the bean's class (first) and the API's: a flag whose setter one of them
         *                   calls (its constructor may change the default) is left to that class: taken as set, not
         *                   reported (the bytes mention the setter's name; which value it passes is not read)
         */
        Bean(SettingsResource file, XmlElement bean, String type, CookieApi api, CookieApiSupport support,
                List<String> subclasses) {
            this.file = file;
            this.bean = bean;
            this.type = type;
            this.api = api;
            this.support = support;
            this.name = subclasses.isEmpty() ? api.defaultName() : null;
            this.judged = !"true".equals(bean.attribute("abstract")) && bean.attribute("parent") == null;
            for (CookieFlag flag : CookieFlag.values()) {
                flags.put(flag, flag == CookieFlag.SECURE && support.secureByDefault(api) ? FlagValue.SET
                        : api.defaultFor(flag));
            }
            for (CookieCall call : api.calls()) {
                boolean setsFlag = call.role() == CookieCall.Role.SET_FLAG || call.role() == CookieCall.Role.SET_SAME_SITE;
                if (setsFlag && subclasses.stream().anyMatch(c -> QuietClasspath.mentions(c, call.call().name()))) {
                    flags.put(call.role() == CookieCall.Role.SET_FLAG ? call.flag() : CookieFlag.SAME_SITE, FlagValue.SET);
                }
            }
        }

        void judge(List<SettingFinding> findings) {
            readConstructorName();
            for (XmlElement property : bean.children("property")) {
                String propertyName = property.attribute("name");
                if (propertyName != null && property.child("null") != null) {
                    readNull(propertyName.trim(), property.line);
                } else if (propertyName != null) {
                    read(propertyName.trim(), value(property), property.line);
                }
            }
            // The p: namespace's attributes are properties too (p:secure="true", p:cookie-ref="other").
            String prefix = XmlElement.qualified(P_NAMESPACE, "");
            for (Map.Entry<String, String> attribute : bean.attributes.entrySet()) {
                if (attribute.getKey().startsWith(prefix)) {
                    String property = attribute.getKey().substring(prefix.length());
                    boolean ref = property.endsWith("-ref");
                    read(ref ? property.substring(0, property.length() - 4) : property, ref ? null : attribute.getValue(),
                            file.lineContainingBefore(property + "=", bean.line));
                }
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

        /**
         * {@code <constructor-arg value="sid"/>} (or {@code c:name="sid"}, {@code c:_0="sid"}) where a constructor of
         * the API takes the name first.
         */
        private void readConstructorName() {
            List<XmlElement> arguments = bean.children("constructor-arg");
            String argument = arguments.size() == 1 ? value(arguments.get(0)) : null;
            if (argument == null) {
                argument = bean.attribute(XmlElement.qualified(C_NAMESPACE, "name"));
            }
            if (argument == null) {
                argument = bean.attribute(XmlElement.qualified(C_NAMESPACE, "_0"));
            }
            if (argument == null) {
                return;
            }
            for (CookieCall call : api.calls()) {
                if (call.role() == CookieCall.Role.CREATE && call.arg() == 0 && call.call().name().equals("<init>")) {
                    name = isPlaceholder(argument) ? null : argument;
                    return;
                }
            }
        }

        /** One property: its name, its value (null for a reference or an inner bean), its line. */
        private void read(String property, String value, int line) {
            if (property.contains(".") || property.contains("[")) {
                // A nested path (sessionIdCookie.secure = true) configures the cookie through another object.
                CookieCall owner = setter(property.substring(0, property.contains(".") ? property.indexOf('.')
                        : property.indexOf('[')));
                judged &= owner == null;
                return;
            }
            CookieCall call = setter(property);
            if (call == null) {
                return;
            }
            if (call.role() == CookieCall.Role.DECIDED_ELSEWHERE || call.role() == CookieCall.Role.CONFIGURED_BY_CALLBACK) {
                // A cookie bean of its own (a ref or an inner bean) replaces this object's: that one is judged; a
                // customizer bean is code this reader does not follow.
                judged = false;
                return;
            }
            if (value == null) {
                // A reference, an inner bean or <null/>: a value this reader cannot see.
                if (call.role() == CookieCall.Role.SET_FLAG || call.role() == CookieCall.Role.SET_SAME_SITE) {
                    CookieFlag flag = call.role() == CookieCall.Role.SET_FLAG ? call.flag() : CookieFlag.SAME_SITE;
                    flags.put(flag, FlagValue.UNKNOWN);
                    setAt.put(flag, new Setting(line, property + " from another bean"));
                }
                return;
            }
            Boolean bool = springBoolean(value);
            Setting setting = new Setting(line, property + "=" + value);
            switch (call.role()) {
            case DELETE:
                // A switch that stops the cookie (Shiro's sessionIdCookieEnabled=false): nothing is sent to protect.
                judged &= bool == null || call.arg() < 0 || bool == call.offWhenFalse();
                break;
            case SET_NAME:
                name = isPlaceholder(value) ? null : value;
                break;
            case SET_FLAG:
                if (call.arg() >= 0) {
                    flags.put(call.flag(), bool == null ? FlagValue.UNKNOWN : bool ? FlagValue.SET : FlagValue.CLEARED);
                    setAt.put(call.flag(), setting);
                }
                break;
            case SET_SAME_SITE:
                boolean known = "none".equalsIgnoreCase(value) || "lax".equalsIgnoreCase(value)
                        || "strict".equalsIgnoreCase(value);
                sameSiteNone = "none".equalsIgnoreCase(value);
                flags.put(CookieFlag.SAME_SITE, known ? FlagValue.SET : FlagValue.UNKNOWN);
                setAt.put(CookieFlag.SAME_SITE, setting);
                break;
            default:
                break;
            }
        }

        /** {@code <property name="sameSite"><null/></property>}: the setter handed null, a serializer's SameSite removed. */
        private void readNull(String property, int line) {
            CookieCall call = setter(property);
            if (call != null && call.role() == CookieCall.Role.SET_SAME_SITE) {
                flags.put(CookieFlag.SAME_SITE, FlagValue.CLEARED);
                setAt.put(CookieFlag.SAME_SITE, new Setting(line, property + "=null"));
            } else if (call != null) {
                read(property, null, line);
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
            Setting setting = setAt.get(flag);
            int priority;
            String detail;
            if (flag == CookieFlag.SAME_SITE && value == FlagValue.SET && sameSiteNone
                    && (api.isSessionCookie() || credential)) {
                priority = Priorities.NORMAL_PRIORITY;
                detail = "SameSite=None: sent on cross-site requests";
            } else if (value == FlagValue.CLEARED) {
                priority = innocuous ? Priorities.LOW_PRIORITY : Priorities.HIGH_PRIORITY;
                detail = setting.text;
            } else if (value == FlagValue.MISSING) {
                boolean demanded = credential || flag == CookieFlag.SECURE && CookieNames.hasSecurePrefix(shown);
                priority = demanded ? Priorities.HIGH_PRIORITY
                        : innocuous ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
                detail = "no " + flag.attributeName() + " by default";
            } else if (value == FlagValue.UNKNOWN) {
                priority = Priorities.LOW_PRIORITY;
                detail = setting == null ? flag.attributeName() + " decided at run time" : setting.text;
            } else {
                return;
            }
            int line = setting != null ? setting.line : file.lineContainingBefore(type, bean.line);
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

        private static boolean isPlaceholder(String value) {
            return value.contains("${") || value.contains("#{");
        }

        /**
         * A boolean as Spring's {@code CustomBooleanEditor} reads it ({@code true}/{@code on}/{@code yes}/{@code 1},
         * {@code false}/{@code off}/{@code no}/{@code 0}); null for a placeholder or anything else.
         */
        private static Boolean springBoolean(String value) {
            String text = value.toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("on") || text.equals("yes") || text.equals("1")) {
                return Boolean.TRUE;
            }
            if (text.equals("false") || text.equals("off") || text.equals("no") || text.equals("0")) {
                return Boolean.FALSE;
            }
            return null;
        }
    }

    /** Where a flag is set: a line and the setting as written. */
    private static final class Setting {
        final int line;
        final String text;

        Setting(int line, String text) {
            this.line = line;
            this.text = text;
        }
    }
}
