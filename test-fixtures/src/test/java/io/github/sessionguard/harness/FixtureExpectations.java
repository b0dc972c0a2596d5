package io.github.sessionguard.harness;

import io.github.sessionguard.fixtures.expect.Confidence;
import io.github.sessionguard.fixtures.expect.ExpectSettingWarning;
import io.github.sessionguard.fixtures.expect.ExpectWarning;
import io.github.sessionguard.fixtures.expect.NoSettingWarning;
import io.github.sessionguard.fixtures.expect.NoWarning;
import io.github.sessionguard.fixtures.expect.SettingsApplication;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What one fixture class says it must and must not produce, read from its annotations. */
final class FixtureExpectations {
    /**
     * One expected finding: the method it must be reported in, its pattern and priority, and where
     * stated the text of the line it points at and fragments of its message.
     */
    static final class Expected {
        final String method;
        final String pattern;
        final Confidence priority;
        final String at;
        final List<String> message;
        private final FixtureSource source;

        Expected(String method, ExpectWarning expect, FixtureSource source) {
            this.method = method;
            this.pattern = expect.value();
            this.priority = expect.priority();
            this.at = expect.at();
            this.message = List.of(expect.message());
            this.source = source;
        }

        boolean matches(Finding finding) {
            return finding.sourceMethodName().equals(method) && finding.pattern().equals(pattern)
                    && finding.priority() == priority.spotBugsPriority()
                    && (at.isEmpty() || source.lineContains(finding.line(), at))
                    && message.stream().allMatch(finding.message()::contains);
        }

        @Override
        public String toString() {
            return pattern + " " + priority + " in " + method + "()" + (at.isEmpty() ? "" : " at `" + at + "`")
                    + (message.isEmpty() ? "" : " saying " + message);
        }
    }

    /** One expected finding in a settings file: the file, pattern, priority, line text and message fragments. */
    static final class ExpectedSetting {
        final ExpectSettingWarning expect;
        private final SettingsFiles files;

        ExpectedSetting(ExpectSettingWarning expect, SettingsFiles files) {
            this.expect = expect;
            this.files = files;
        }

        boolean matches(Finding finding) {
            return finding.isInSettingsFile() && finding.settingsFile().equals(expect.file())
                    && finding.pattern().equals(expect.value())
                    && finding.priority() == expect.priority().spotBugsPriority()
                    && files.lineContains(expect.file(), finding.line(), expect.at())
                    && Arrays.stream(expect.message()).allMatch(finding.message()::contains);
        }

        @Override
        public String toString() {
            return expect.value() + " " + expect.priority() + " in " + expect.file() + " at `" + expect.at()
                    + "` saying " + Arrays.toString(expect.message());
        }
    }

    /** A pattern that must not appear in a method (or, with a null method, anywhere in the class). */
    static final class Forbidden {
        final String method;
        final String pattern;
        final String file;

        Forbidden(String method, String pattern) {
            this(method, pattern, null);
        }

        Forbidden(String method, String pattern, String file) {
            this.method = method;
            this.pattern = pattern;
            this.file = file;
        }

        boolean matches(Finding finding) {
            if (file != null) {
                return finding.isInSettingsFile() && finding.settingsFile().equals(file) && finding.pattern().equals(pattern);
            }
            return !finding.isInSettingsFile() && finding.pattern().equals(pattern)
                    && (method == null || finding.sourceMethodName().equals(method));
        }

        @Override
        public String toString() {
            if (file != null) {
                return "no " + pattern + " in " + file;
            }
            return "no " + pattern + (method == null ? " anywhere" : " in " + method + "()");
        }
    }

    final Class<?> fixture;
    final List<Expected> expected = new ArrayList<>();
    final List<Forbidden> forbidden = new ArrayList<>();
    final List<ExpectedSetting> expectedSettings = new ArrayList<>();
    /** The settings files this fixture speaks for: their findings belong to it. */
    final List<String> settingsFiles = new ArrayList<>();
    /** The folder under {@code src/settings-apps/} analysed with this class alone, or null. */
    final String application;
    final SettingsFiles files;

    private final FixtureSource source;

    private FixtureExpectations(Class<?> fixture, FixtureSource source, Path settingsRoot) {
        this.fixture = fixture;
        this.source = source;
        SettingsApplication app = fixture.getAnnotation(SettingsApplication.class);
        this.application = app == null ? null : app.value();
        this.files = new SettingsFiles(app == null ? settingsRoot.resolve("main-resources")
                : settingsRoot.resolve("settings-apps").resolve(app.value()));
        for (ExpectSettingWarning expect : fixture.getAnnotationsByType(ExpectSettingWarning.class)) {
            expectedSettings.add(new ExpectedSetting(expect, files));
            settingsFiles.add(expect.file());
        }
        for (NoSettingWarning none : fixture.getAnnotationsByType(NoSettingWarning.class)) {
            Arrays.stream(none.value()).forEach(p -> forbidden.add(new Forbidden(null, p, none.file())));
            settingsFiles.add(none.file());
        }
        NoWarning classLevel = fixture.getAnnotation(NoWarning.class);
        if (classLevel != null) {
            Arrays.stream(classLevel.value()).forEach(p -> forbidden.add(new Forbidden(null, p)));
        }
        // javac copies a method's annotations to the bridge it makes for a generic interface (handle(Object) beside
        // handle(RoutingContext)): the expectation belongs to the method the source declares, once.
        Stream.concat(Arrays.stream(fixture.getDeclaredMethods()).filter(m -> !m.isBridge()),
                Arrays.stream(fixture.getDeclaredConstructors())).forEach(this::read);
    }

    private void read(Executable member) {
        String name = member instanceof java.lang.reflect.Constructor ? "<init>" : member.getName();
        for (ExpectWarning expect : member.getAnnotationsByType(ExpectWarning.class)) {
            expected.add(new Expected(name, expect, source));
        }
        NoWarning none = member.getAnnotation(NoWarning.class);
        if (none != null) {
            Arrays.stream(none.value()).forEach(p -> forbidden.add(new Forbidden(name, p)));
        }
    }

    boolean statesAnything() {
        return !expected.isEmpty() || !forbidden.isEmpty() || !expectedSettings.isEmpty();
    }

    /**
     * Every class compiled into the fixtures folder except the annotations themselves; their sources,
     * for the line text an expectation pins, are under one of {@code sourceRoots} (Java and Kotlin).
     */
    static List<FixtureExpectations> load(Path classesDir, List<Path> sourceRoots) throws IOException {
        return load(classesDir, sourceRoots, sourceRoots.get(0).getParent().getParent());
    }

    /**
     * {@code settingsRoot} is {@code src/}: settings files are read from {@code src/main/resources} (under
     * the name {@code main-resources}, see {@link SettingsFiles}) and {@code src/settings-apps/<app>}.
     */
    static List<FixtureExpectations> load(Path classesDir, List<Path> sourceRoots, Path settingsRoot)
            throws IOException {
        try (Stream<Path> files = Files.walk(classesDir)) {
            List<String> names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classesDir.relativize(f).toString().replace(".class", "").replace('/', '.'))
                    .filter(n -> !n.startsWith("io.github.sessionguard.fixtures.expect."))
                    .filter(n -> !n.contains("$"))
                    .sorted()
                    .collect(Collectors.toList());
            List<FixtureExpectations> all = new ArrayList<>();
            for (String name : names) {
                try {
                    Class<?> fixture = Class.forName(name, false, FixtureExpectations.class.getClassLoader());
                    all.add(new FixtureExpectations(fixture, FixtureSource.of(sourceRoots, fixture), settingsRoot));
                } catch (ClassNotFoundException e) {
                    throw new IOException("Fixture class " + name + " cannot be loaded", e);
                }
            }
            return all;
        }
    }
}
