package io.github.sessionguard.settings;

/**
 * What the rest of the application says about its session cookie, gathered from the code and the
 * classpath before the settings are judged: a session cookie configured in code
 * ({@code SessionCookieConfig}, a Spring Session {@code CookieSerializer}, a Boot {@code Session.Cookie}
 * customizer) makes the container's defaults irrelevant, as does a SameSite policy in code for SameSite.
 */
final class SessionContext {
    final boolean webApplication;
    final boolean cookieConfiguredInCode;
    final boolean sameSiteConfiguredInCode;
    final boolean springSession;
    /** The application's code names Spring WebFlux's server types and no servlet type. */
    final boolean onlyReactiveCode;

    SessionContext(boolean webApplication, boolean cookieConfiguredInCode, boolean sameSiteConfiguredInCode,
            boolean springSession) {
        this(webApplication, cookieConfiguredInCode, sameSiteConfiguredInCode, springSession, false);
    }

    private SessionContext(boolean webApplication, boolean cookieConfiguredInCode, boolean sameSiteConfiguredInCode,
            boolean springSession, boolean onlyReactiveCode) {
        this.webApplication = webApplication;
        this.cookieConfiguredInCode = cookieConfiguredInCode;
        this.sameSiteConfiguredInCode = sameSiteConfiguredInCode;
        this.springSession = springSession;
        this.onlyReactiveCode = onlyReactiveCode;
    }

    SessionContext onlyReactiveCode(boolean reactive) {
        return new SessionContext(webApplication, cookieConfiguredInCode, sameSiteConfiguredInCode, springSession,
                reactive);
    }

    /**
     * Tomcat's {@code <CookieProcessor sameSiteCookies="lax|strict">} in the application's
     * {@code META-INF/context.xml} sets SameSite on every cookie, the session cookie included ({@code none} sets
     * an improper one).
     */
    SessionContext withSameSiteFrom(java.util.List<SettingsResource> files) {
        for (SettingsResource file : files) {
            try {
                if (TomcatContextFile.hardeningSameSite(file) != null) {
                    return new SessionContext(webApplication, cookieConfiguredInCode, true, springSession,
                            onlyReactiveCode);
                }
            } catch (org.xml.sax.SAXException | java.io.IOException e) {
                // Expected answer for a malformed context.xml: no policy (the file is reported where it is judged).
                continue;
            }
        }
        return this;
    }

    /** Spring Session replaces the container's JSESSIONID with its SESSION cookie (Lax by default). */
    String defaultCookieName() {
        return springSession ? "SESSION" : "JSESSIONID";
    }
}
