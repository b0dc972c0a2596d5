package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.SessionSettingSources;
import io.github.sessionguard.flow.TypeChecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shiro's {@code shiro.ini}: its {@code [main]} section builds the security manager from {@code name = class} and
 * {@code name.property = value} lines. A {@code DefaultWebSessionManager} installed there gives the application
 * Shiro's own sessions and session cookie, configured by the same lines as in code
 * ({@code sessionManager.sessionIdUrlRewritingEnabled = true}, {@code cookie.secure = true}); the code-level rules
 * of {@code setSessionIdUrlRewritingEnabled(true)} and of the manager's cookie defaults apply to them unchanged. A
 * {@code CookieRememberMeManager} installed there writes the remember-me cookie, judged by the same rules.
 */
final class ShiroIni {
    private static final String MAIN = "main";
    private static final String SECURITY_MANAGER_SESSIONS = "securityManager.sessionManager";
    /** The security manager a web environment's {@code shiro.ini} builds unless {@code securityManager} names another. */
    private static final String WEB_SECURITY_MANAGER = "org.apache.shiro.web.mgt.DefaultWebSecurityManager";

    /** A manager of the security manager that writes a cookie of its own, and how {@code shiro.ini} configures it. */
    private static final class ManagedCookie {
        /** The security manager's property installing the manager. */
        final String installedAs;
        /** The manager's property holding its cookie. */
        final String cookieProperty;
        /** The cookie's default name. */
        final String defaultName;
        /** What the cookie is, for the message. */
        final String kind;
        /** Shiro's class of such managers, slashed; a class of the application extending it counts too. */
        final String managerClass;

        ManagedCookie(String installedAs, String cookieProperty, String defaultName, String kind, String managerClass) {
            this.installedAs = installedAs;
            this.cookieProperty = cookieProperty;
            this.defaultName = defaultName;
            this.kind = kind;
            this.managerClass = managerClass;
        }

        boolean isManager(String className) {
            return className.replace('.', '/').equals(managerClass) || className.matches("[\\w.$]+")
                    && TypeChecks.isKnownSubtype(className.replace('.', '/'), managerClass);
        }
    }

    private static final ManagedCookie SESSION_COOKIE = new ManagedCookie(SECURITY_MANAGER_SESSIONS, ".sessionIdCookie",
            "JSESSIONID", "session cookie", SessionSettingSources.SHIRO_SESSION_MANAGER_CLASS);
    private static final ManagedCookie REMEMBER_ME_COOKIE = new ManagedCookie("securityManager.rememberMeManager",
            ".cookie", "rememberMe", "remember-me cookie", SessionSettingSources.SHIRO_REMEMBER_ME_MANAGER_CLASS);

    private ShiroIni() {
    }

    static boolean isShiroIni(String resourceName) {
        String name = resourceName.substring(resourceName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.startsWith("shiro") && name.endsWith(".ini");
    }

    /** One {@code key = value} line of {@code [main]}. */
    private static final class Entry {
        final String value;
        final int line;

        Entry(String value, int line) {
            this.value = value;
            this.line = line;
        }
    }

    /**
     * @param managerSecureByDefault does the Shiro on the analysis classpath make the session cookie Secure by
     *                               default (2.2 and later)?
     */
    static List<SettingFinding> judge(SettingsResource file, boolean managerSecureByDefault) {
        Map<String, Entry> main = mainSection(file);
        List<SettingFinding> findings = new ArrayList<>();
        Entry installed = main.get(SECURITY_MANAGER_SESSIONS);
        for (Map.Entry<String, Entry> object : main.entrySet()) {
            String name = object.getKey();
            if (name.contains(".") || !SESSION_COOKIE.isManager(object.getValue().value)) {
                continue;
            }
            // Installed as securityManager.sessionManager = $name, or configured through that path.
            boolean isInstalled = installed != null && installed.value.equals("$" + name);
            if (!isInstalled) {
                continue;
            }
            List<String> prefixes = List.of(name, SECURITY_MANAGER_SESSIONS);
            Entry rewriting = property(main, prefixes, ".sessionIdUrlRewritingEnabled");
            if (rewriting != null && "true".equalsIgnoreCase(rewriting.value)) {
                findings.add(new SettingFinding("SESSION_ID_IN_URL", Priorities.HIGH_PRIORITY, file, rewriting.line,
                        "sessionIdUrlRewritingEnabled = true writes ;JSESSIONID= into the links Shiro encodes",
                        "remove it, or set " + name + ".sessionIdUrlRewritingEnabled = false (Shiro's default)"));
            }
            findings.addAll(judgeCookie(file, main, name, SESSION_COOKIE, prefixes, object.getValue(),
                    managerSecureByDefault));
        }
        Entry rememberMe = main.get(REMEMBER_ME_COOKIE.installedAs);
        String manager = rememberMe != null && rememberMe.value.startsWith("$") ? rememberMe.value.substring(1) : null;
        Entry declaration = manager == null ? null : main.get(manager);
        if (declaration != null && REMEMBER_ME_COOKIE.isManager(declaration.value)) {
            findings.addAll(judgeCookie(file, main, manager, REMEMBER_ME_COOKIE,
                    List.of(manager, REMEMBER_ME_COOKIE.installedAs), declaration, managerSecureByDefault));
        } else if (rememberMe == null) {
            Entry builtIn = builtInRememberMeManager(main);
            if (builtIn != null) {
                findings.addAll(judgeCookie(file, main, REMEMBER_ME_COOKIE.installedAs, REMEMBER_ME_COOKIE,
                        List.of(REMEMBER_ME_COOKIE.installedAs), builtIn, managerSecureByDefault));
            }
        }
        return findings;
    }

    /**
     * The remember-me manager the web security manager makes for itself ({@code DefaultWebSecurityManager}'s
     * constructor installs a {@code CookieRememberMeManager}), when {@code [main]} configures its cookie through the
     * security manager's path ({@code securityManager.rememberMeManager.cookie.name = ...}): the application uses
     * remember-me, with that cookie. Given as a declaration at the first such line; null when no line configures it,
     * or {@code securityManager} is a class of the application's that may make another manager.
     */
    private static Entry builtInRememberMeManager(Map<String, Entry> main) {
        Entry securityManager = main.get("securityManager");
        if (securityManager != null && !WEB_SECURITY_MANAGER.equals(securityManager.value)) {
            return null;
        }
        Entry first = null;
        for (Map.Entry<String, Entry> entry : main.entrySet()) {
            String cookie = REMEMBER_ME_COOKIE.installedAs + REMEMBER_ME_COOKIE.cookieProperty;
            if ((entry.getKey().equals(cookie) || entry.getKey().startsWith(cookie + "."))
                    && (first == null || entry.getValue().line < first.line)) {
                first = entry.getValue();
            }
        }
        return first == null ? null
                : new Entry(SessionSettingSources.SHIRO_REMEMBER_ME_MANAGER_CLASS.replace('/', '.'), first.line);
    }

    /**
     * The manager's cookie: its own (its defaults), or a SimpleCookie object handed to it; its properties set through the
     * object's name or through the manager's path to it. The session cookie is none with
     * {@code sessionIdCookieEnabled = false} (the id travels in a header: no cookie is sent).
     */
    private static List<SettingFinding> judgeCookie(SettingsResource file, Map<String, Entry> main, String manager,
            ManagedCookie managed, List<String> prefixes, Entry declaration, boolean secureByDefault) {
        Entry enabled = managed == SESSION_COOKIE ? property(main, prefixes, ".sessionIdCookieEnabled") : null;
        if (enabled != null && "false".equalsIgnoreCase(enabled.value)) {
            return List.of();
        }
        String cookieProperty = managed.cookieProperty;
        List<String> cookiePrefixes = new ArrayList<>();
        Entry replaced = property(main, prefixes, cookieProperty);
        Entry cookieAt = declaration;
        if (replaced != null) {
            String object = replaced.value.startsWith("$") ? replaced.value.substring(1) : null;
            Entry cookie = object == null ? null : main.get(object);
            if (cookie == null || !SessionSettingSources.SHIRO_COOKIES.contains(cookie.value)) {
                // A cookie class of the application's own: judged where its code is.
                return List.of();
            }
            cookiePrefixes.add(object);
            cookieAt = cookie;
        }
        for (String prefix : prefixes) {
            cookiePrefixes.add(prefix + cookieProperty);
        }
        Entry name = property(main, cookiePrefixes, ".name");
        String cookieName = name == null ? managed.defaultName : name.value;
        String described = "Shiro's " + managed.kind + " \"" + cookieName + "\"";
        List<SettingFinding> findings = new ArrayList<>();
        Entry secure = property(main, cookiePrefixes, ".secure");
        // Shiro 2.2's Secure default is the manager's own cookie template's; a SimpleCookie made here starts off.
        boolean startsSecure = secureByDefault && replaced == null;
        if (secure == null ? !startsSecure : !"true".equalsIgnoreCase(secure.value)) {
            findings.add(new SettingFinding("COOKIE_MISSING_SECURE", Priorities.HIGH_PRIORITY, file,
                    secure == null ? cookieAt.line : secure.line,
                    described + " (" + manager + " = " + simpleName(declaration.value) + ": Secure"
                            + (secure == null ? " is off by default before Shiro 2.2)" : " set to " + secure.value + ")"),
                    "set " + cookiePrefixes.get(0) + ".secure = true"));
        }
        Entry httpOnly = property(main, cookiePrefixes, ".httpOnly");
        if (httpOnly != null && "false".equalsIgnoreCase(httpOnly.value)) {
            findings.add(new SettingFinding("COOKIE_MISSING_HTTPONLY", Priorities.HIGH_PRIORITY, file, httpOnly.line,
                    described + " (httpOnly = false)",
                    "remove " + cookiePrefixes.get(0) + ".httpOnly = false (HttpOnly is Shiro's default)"));
        }
        Entry sameSite = property(main, cookiePrefixes, ".sameSite");
        if (sameSite != null && "none".equalsIgnoreCase(sameSite.value)) {
            findings.add(new SettingFinding("COOKIE_MISSING_SAMESITE", Priorities.NORMAL_PRIORITY, file, sameSite.line,
                    described + " (sameSite = NONE: sent on cross-site requests)",
                    "set " + cookiePrefixes.get(0) + ".sameSite = LAX (Shiro's default)"));
        }
        return findings;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The last line setting {@code prefix + suffix} for any of the prefixes (Shiro applies lines in order). */
    private static Entry property(Map<String, Entry> main, List<String> prefixes, String suffix) {
        Entry last = null;
        for (String prefix : prefixes) {
            Entry entry = main.get(prefix + suffix);
            if (entry != null && (last == null || entry.line > last.line)) {
                last = entry;
            }
        }
        return last;
    }

    /** The {@code [main]} section's keys (last assignment wins, as Shiro applies them) with values and lines. */
    private static Map<String, Entry> mainSection(SettingsResource file) {
        Map<String, Entry> main = new LinkedHashMap<>();
        // Shiro reads lines before any section header as [main].
        String section = MAIN;
        List<String> lines = file.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim().toLowerCase(Locale.ROOT);
                continue;
            }
            int separator = separator(line);
            if (!MAIN.equals(section) || separator <= 0) {
                continue;
            }
            main.put(line.substring(0, separator).trim(), new Entry(line.substring(separator + 1).trim(), i + 1));
        }
        return main;
    }

    /** The first {@code =} or {@code :} (Shiro accepts either between a key and its value), or -1. */
    private static int separator(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }
}
