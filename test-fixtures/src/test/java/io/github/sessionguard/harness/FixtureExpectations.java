package io.github.sessionguard.harness;

import io.github.sessionguard.fixtures.expect.Confidence;
import io.github.sessionguard.fixtures.expect.ExpectWarning;
import io.github.sessionguard.fixtures.expect.NoWarning;

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

    /** A pattern that must not appear in a method (or, with a null method, anywhere in the class). */
    static final class Forbidden {
        final String method;
        final String pattern;

        Forbidden(String method, String pattern) {
            this.method = method;
            this.pattern = pattern;
        }

        boolean matches(Finding finding) {
            return finding.pattern().equals(pattern) && (method == null || finding.sourceMethodName().equals(method));
        }

        @Override
        public String toString() {
            return "no " + pattern + (method == null ? " anywhere" : " in " + method + "()");
        }
    }

    final Class<?> fixture;
    final List<Expected> expected = new ArrayList<>();
    final List<Forbidden> forbidden = new ArrayList<>();

    private final FixtureSource source;

    private FixtureExpectations(Class<?> fixture, FixtureSource source) {
        this.fixture = fixture;
        this.source = source;
        NoWarning classLevel = fixture.getAnnotation(NoWarning.class);
        if (classLevel != null) {
            Arrays.stream(classLevel.value()).forEach(p -> forbidden.add(new Forbidden(null, p)));
        }
        Stream.concat(Arrays.stream(fixture.getDeclaredMethods()), Arrays.stream(fixture.getDeclaredConstructors()))
                .forEach(this::read);
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
        return !expected.isEmpty() || !forbidden.isEmpty();
    }

    /**
     * Every class compiled into the fixtures folder except the annotations themselves; their sources,
     * for the line text an expectation pins, are under one of {@code sourceRoots} (Java and Kotlin).
     */
    static List<FixtureExpectations> load(Path classesDir, List<Path> sourceRoots) throws IOException {
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
                    all.add(new FixtureExpectations(fixture, FixtureSource.of(sourceRoots, fixture)));
                } catch (ClassNotFoundException e) {
                    throw new IOException("Fixture class " + name + " cannot be loaded", e);
                }
            }
            return all;
        }
    }
}
