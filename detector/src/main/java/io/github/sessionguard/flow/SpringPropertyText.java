package io.github.sessionguard.flow;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring's text forms for an injected property: the placeholder {@code ${key:default}} an {@code @Value} carries, and
 * a boolean as Spring converts text to one. Read by the cookie flags' origins and by the URL-tracking switches.
 */
public final class SpringPropertyText {
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([^:}]+)(?::([^}]*))?\\}$");
    private static final List<String> TRUE = List.of("true", "on", "yes", "1");
    private static final List<String> FALSE = List.of("false", "off", "no", "0");

    private SpringPropertyText() {
    }

    /** The key (as written) and the default (null when there is none) of a single placeholder; null for other text. */
    public static String[] keyAndDefault(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text == null ? "" : text.trim());
        return matcher.matches() ? new String[] {matcher.group(1), matcher.group(2)} : null;
    }

    /** A boolean as Spring converts text to one (true/on/yes/1, false/off/no/0), or null. */
    public static Boolean booleanValue(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(value)) {
            return Boolean.TRUE;
        }
        return FALSE.contains(value) ? Boolean.FALSE : null;
    }
}
