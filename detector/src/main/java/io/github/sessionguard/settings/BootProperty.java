package io.github.sessionguard.settings;

import java.util.Locale;

/**
 * One Spring Boot property as written in a settings file: its key as written, its value, where it is
 * (file and line) and the profile it applies to (the file's {@code application-<profile>} suffix or the
 * document's {@code spring.config.activate.on-profile}; null for the default profile).
 */
public final class BootProperty {
    private final String key;
    private final String value;
    private final SettingsResource resource;
    private final int line;
    private final String profile;

    public BootProperty(String key, String value, SettingsResource resource, int line, String profile) {
        this.key = key;
        this.value = value;
        this.resource = resource;
        this.line = line;
        this.profile = profile;
    }

    /**
     * Spring Boot's relaxed binding: {@code http-only}, {@code httpOnly}, {@code http_only} and the
     * environment style {@code SERVER_SERVLET_SESSION_COOKIE_HTTP_ONLY} all bind to the same property,
     * and list items ({@code tracking-modes[0]}) to the list. Compared without case, dashes,
     * underscores, dots and indexes.
     */
    public static String canonical(String key) {
        StringBuilder out = new StringBuilder(key.length());
        int depth = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && c != '-' && c != '_' && c != '.') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    public boolean is(String canonicalKey) {
        return canonical(key).equals(canonicalKey);
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String normalizedValue() {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    public SettingsResource resource() {
        return resource;
    }

    public int line() {
        return line;
    }

    public String profile() {
        return profile;
    }
}
