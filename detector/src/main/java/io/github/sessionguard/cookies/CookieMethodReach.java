package io.github.sessionguard.cookies;

import io.github.sessionguard.flow.CallReach;

/**
 * What the cookie analysis' per-method cost screen ({@link CallReach}) looks for: the texts the class-level
 * screen looks for ({@link CookieSummaries#passesScreen}), a catalogue type or a Set-Cookie header, named by
 * one of the method's own instructions or signature, or by an application method it runs. A method that
 * names none, not even further down, creates, configures and sends no cookie, so it has no finding of its
 * own; a caller that hands it a cookie still gets its summary on demand.
 */
final class CookieMethodReach implements CallReach.Screen {
    @Override
    public boolean namesText(String text) {
        return CookieSummaries.COOKIE_TYPES.foundIn(text) || CookieSummaries.HEADER_TEXTS.foundIn(text);
    }
}
