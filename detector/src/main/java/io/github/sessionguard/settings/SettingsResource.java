package io.github.sessionguard.settings;

import java.util.List;

/**
 * One settings file found among the application's resources: its name in the code base, the path a
 * user finds it under in the sources (without a jar's {@code BOOT-INF/classes/} or a war's
 * {@code WEB-INF/classes/}), and its lines.
 */
public final class SettingsResource {
    private final String resourceName;
    private final String path;
    private final String text;
    private final List<String> lines;

    public SettingsResource(String resourceName, String path, String text) {
        this.resourceName = resourceName;
        this.path = path;
        this.text = text;
        this.lines = List.of(text.split("\r\n|\r|\n", -1));
    }

    public String resourceName() {
        return resourceName;
    }

    /** Relative to the resource root ({@code src/main/resources}, or the web root for {@code WEB-INF/}). */
    public String path() {
        return path;
    }

    /** The file name without folders, e.g. {@code application-prod.yml}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public String text() {
        return text;
    }

    public List<String> lines() {
        return lines;
    }

    /** The 1-based line number of the first line at or after {@code from} containing {@code fragment}, else {@code from}. */
    public int lineContaining(String fragment, int from) {
        for (int i = Math.max(from, 1); i <= lines.size(); i++) {
            if (lines.get(i - 1).contains(fragment)) {
                return i;
            }
        }
        return from;
    }

    /** The 1-based line number of the last line at or before {@code upTo} containing {@code fragment}, else {@code upTo}. */
    public int lineContainingBefore(String fragment, int upTo) {
        for (int i = Math.min(upTo, lines.size()); i >= 1; i--) {
            if (lines.get(i - 1).contains(fragment)) {
                return i;
            }
        }
        return upTo;
    }
}
