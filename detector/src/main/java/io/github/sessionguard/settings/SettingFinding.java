package io.github.sessionguard.settings;

/**
 * A finding in a settings file: the pattern and priority, the file and line the user must change (or
 * the file that should hold the missing setting, at its first line), what is wrong and which key fixes it.
 */
public final class SettingFinding {
    private final String pattern;
    private final int priority;
    private final SettingsResource resource;
    private final int line;
    private final String description;
    private final String fix;

    public SettingFinding(String pattern, int priority, SettingsResource resource, int line, String description,
            String fix) {
        this.pattern = pattern;
        this.priority = priority;
        this.resource = resource;
        this.line = Math.max(line, 1);
        this.description = description;
        this.fix = fix;
    }

    public String pattern() {
        return pattern;
    }

    public int priority() {
        return priority;
    }

    public SettingsResource resource() {
        return resource;
    }

    public int line() {
        return line;
    }

    public String description() {
        return description;
    }

    public String fix() {
        return fix;
    }

    @Override
    public String toString() {
        return pattern + " " + priority + " " + resource.path() + ":" + line + " " + description;
    }
}
