package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.Priorities;
import io.github.sessionguard.catalogue.CookieNames;

import java.util.ArrayList;
import java.util.List;

/**
 * Spring Security's XML {@code <remember-me/>}: the framework builds remember-me services that write the
 * "remember-me" cookie (or the name in {@code remember-me-cookie}) themselves, judged as for the Java DSL's
 * {@code http.rememberMe(...)}: HttpOnly on; Secure only on requests seen as HTTPS unless
 * {@code use-secure-cookie} says otherwise (LOW when absent, a finding when "false"); no SameSite, which
 * the namespace cannot give it (runtime evidence for the services: SpringRememberMeCookieTest), unless an app-wide
 * SameSite policy (Tomcat's {@code sameSiteCookies} in {@code META-INF/context.xml}, a cookie processor or a Boot
 * {@code CookieSameSiteSupplier} installed in code) gives it one, as it would the same cookie configured in code:
 * the services write it through {@code response.addCookie}, which the container's cookie processor serialises. With
 * {@code services-ref} the application's own services write the cookie: they are judged where they are built.
 */
final class RememberMeXml {
    private static final String SECURE = "COOKIE_MISSING_SECURE";
    private static final String SAMESITE = "COOKIE_MISSING_SAMESITE";

    private RememberMeXml() {
    }

    /**
     * @param sameSiteByPolicy tells, for a cookie name, whether an app-wide SameSite policy decides that cookie's
     *        SameSite
     */
    static List<SettingFinding> judge(SettingsResource file, XmlElement root,
            java.util.function.Predicate<String> sameSiteByPolicy) {
        List<SettingFinding> findings = new ArrayList<>();
        List<XmlElement> elements = new ArrayList<>();
        root.collect(SpringSecurityXml.REMEMBER_ME, elements, 0);
        for (XmlElement element : elements) {
            if (!SpringSecurityXml.NAMESPACE.equals(element.namespace) || element.attribute("services-ref") != null) {
                continue;
            }
            String name = element.attribute("remember-me-cookie");
            name = name == null || name.isBlank() ? "remember-me" : name.trim();
            int line = startLine(file, element.line);
            String cookie = "cookie \"" + name + "\" that Spring Security writes for <remember-me>";
            String secure = element.attribute("use-secure-cookie");
            if (secure == null) {
                findings.add(new SettingFinding(SECURE, Priorities.LOW_PRIORITY, file, line,
                        cookie + ", Secure only on requests it sees as HTTPS,",
                        "add use-secure-cookie=\"true\" to <remember-me>"));
            } else if ("false".equalsIgnoreCase(secure.trim())) {
                findings.add(new SettingFinding(SECURE, credentialOr(name, Priorities.HIGH_PRIORITY), file,
                        line, cookie + " with use-secure-cookie=\"false\"", "set use-secure-cookie=\"true\""));
            }
            if (sameSiteByPolicy.test(name)) {
                continue;
            }
            findings.add(new SettingFinding(SAMESITE, credentialOr(name, Priorities.NORMAL_PRIORITY), file, line,
                    cookie, "services-ref to TokenBasedRememberMeServices with setCookieCustomizer(cookie -> "
                            + "cookie.setAttribute(\"SameSite\", \"Lax\")), or a SameSite policy for every cookie "
                            + "(Tomcat's sameSiteCookies)"));
        }
        return findings;
    }

    /** HIGH for a credential name (the default "remember-me" is one), LOW for a name saying it carries nothing. */
    private static int credentialOr(String name, int otherwise) {
        if (CookieNames.isSensitive(name)) {
            return Priorities.HIGH_PRIORITY;
        }
        return CookieNames.isInnocuous(name) ? Priorities.LOW_PRIORITY : otherwise;
    }

    /** The start tag's first line (the parser gives the line where the tag ends), prefixed or not. */
    private static int startLine(SettingsResource file, int tagEnd) {
        int plain = file.lineContainingBefore("<" + SpringSecurityXml.REMEMBER_ME, tagEnd);
        int prefixed = file.lineContainingBefore(":" + SpringSecurityXml.REMEMBER_ME, tagEnd);
        // Each answers tagEnd when its spelling is not found; the nearer real start wins.
        int found = Math.max(plain == tagEnd ? 0 : plain, prefixed == tagEnd ? 0 : prefixed);
        return found > 0 ? found : tagEnd;
    }
}
