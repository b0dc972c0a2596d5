package io.github.sessionguard.fixation;

import io.github.sessionguard.fixation.spring.SpringSessionFacts;

/**
 * Whether a Spring Security login that only puts the authentication in the {@code SecurityContextHolder}
 * ({@code setAuthentication}, {@code setContext}) authenticates the HTTP session. It does when something
 * saves the holder's context there after the request: Spring Security before 6, or 6+ with
 * {@code requireExplicitSave(false)}; it does not when every chain is {@code STATELESS} (the runtime-evidence
 * test {@code SpringChainSessionTest} shows both on Spring Security 7). An explicit
 * {@code saveContext} is judged on its own.
 */
final class SpringHolderLogins {
    private SpringHolderLogins() {
    }

    static boolean reachSession(String callName) {
        boolean holderOnly = "setAuthentication".equals(callName) || "setContext".equals(callName);
        return !holderOnly || SpringSessionFacts.current().holderContextReachesSession();
    }
}
