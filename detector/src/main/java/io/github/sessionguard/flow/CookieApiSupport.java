package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.ba.XClass;
import io.github.sessionguard.catalogue.CookieApi;
import io.github.sessionguard.catalogue.CookieFlag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which flags an API lets its users set, decided from the classes on the analysis classpath: a finding
 * the user cannot fix with the API at hand is noise (javax {@code Cookie} and JAX-RS 2.1 have no SameSite,
 * Servlet 2.x's {@code Cookie} has no {@code setHttpOnly}).
 */
public final class CookieApiSupport {
    /** Answers per analysis: another analysis in the same JVM (an IDE) may have another classpath. */
    private final Map<String, Boolean> known = new HashMap<>();

    public boolean supports(CookieApi api, CookieFlag flag) {
        if (flag == CookieFlag.HTTP_ONLY) {
            return api.httpOnlyMethod() == null || !lacksMethod(api.httpOnlyMethod());
        }
        if (flag != CookieFlag.SAME_SITE) {
            return true;
        }
        String method = api.sameSiteMethod();
        if (method == null) {
            return false;
        }
        return method.isEmpty() || hasMethod(method);
    }

    /**
     * True only when the class is on the analysis classpath and has no such method (Servlet 2.x's
     * {@code Cookie} without {@code setHttpOnly}). A class missing from the classpath proves nothing:
     * nearly every servlet API in use has the method, so the flag is still asked for.
     */
    private boolean lacksMethod(String qualified) {
        Boolean answer = known.get("lacks " + qualified);
        if (answer != null) {
            return answer;
        }
        int paren = qualified.indexOf('(');
        int dot = qualified.lastIndexOf('.', paren);
        // Not on the classpath: assume the common API, which has the method (QuietClasspath counts the miss).
        XClass type = QuietClasspath.find(qualified.substring(0, dot));
        boolean lacks = type != null
                && type.findMethod(qualified.substring(dot + 1, paren), qualified.substring(paren), false) == null;
        known.put("lacks " + qualified, lacks);
        return lacks;
    }

    /**
     * True when the release of the API on the analysis classpath makes its cookie Secure by default (see
     * {@link CookieApi#secureByDefaultMarker()}): the class's bytes contain the marker text.
     */
    public boolean secureByDefault(CookieApi api) {
        List<String> marker = api.secureByDefaultMarker();
        if (marker.isEmpty()) {
            return false;
        }
        String key = "secure " + marker.get(0);
        Boolean answer = known.get(key);
        if (answer != null) {
            return answer;
        }
        boolean found = QuietClasspath.mentions(marker.get(0), marker.get(1));
        known.put(key, found);
        return found;
    }

    /** {@code owner.name(descriptor)}: is the method on the analysis classpath? */
    private boolean hasMethod(String qualified) {
        Boolean answer = known.get(qualified);
        if (answer != null) {
            return answer;
        }
        int dot = qualified.lastIndexOf('.', qualified.indexOf('('));
        int paren = qualified.indexOf('(');
        String owner = qualified.substring(0, dot);
        String name = qualified.substring(dot + 1, paren);
        String descriptor = qualified.substring(paren);
        // Quietly: an API variant absent from the classpath is the answer, not a missing class to report.
        boolean found = QuietClasspath.declaresMethod(owner, name, descriptor);
        known.put(qualified, found);
        return found;
    }
}
