package io.github.sessionguard.cookies;

import io.github.sessionguard.catalogue.RequestMappingCatalogue;

/**
 * Servlet URL patterns (the specification's three forms: {@code /prefix/*}, {@code *.extension}, an exact path),
 * and whether the requests one pattern matches are all matched by another. A Spring mapping is put in the same form:
 * its path, or {@code /prefix/*} for every request under a controller's prefix.
 */
final class UrlPatterns {
    private UrlPatterns() {
    }

    /** True when every request {@code handler} matches is matched by {@code filter}. */
    static boolean covers(String filter, String handler) {
        if (filter.equals(RequestMappingCatalogue.EVERY_REQUEST)) {
            return true;
        }
        if (filter.endsWith("/*")) {
            String prefix = filter.substring(0, filter.length() - 2);
            String requests = handler.endsWith("/*") ? handler.substring(0, handler.length() - 2) : handler;
            return !handler.startsWith("*.") && (requests.equals(prefix) || requests.startsWith(prefix + "/"));
        }
        if (filter.startsWith("*.")) {
            return handler.equals(filter) || !handler.endsWith("/*") && !handler.startsWith("*.")
                    && handler.endsWith(filter.substring(1));
        }
        return filter.equals(handler);
    }

    /** A Spring path in servlet form: {@code /a/**} is {@code /a/*}, a missing leading slash is added. */
    static String fromSpring(String path) {
        String normal = path.startsWith("/") ? path : "/" + path;
        if (normal.endsWith("/**")) {
            return normal.substring(0, normal.length() - 1);
        }
        return normal;
    }

    /** A controller prefix and a method's path, joined as Spring joins them. */
    static String join(String prefix, String path) {
        String head = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (path.isEmpty()) {
            return head.isEmpty() ? "/" : head;
        }
        return head + (path.startsWith("/") ? path : "/" + path);
    }
}
