package io.github.sessionguard.harness;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the real SpotBugs command line in a separate JVM, with the freshly built plugin jar loaded
 * through {@code -pluginList} exactly as users load it, and reads its XML report.
 */
public final class SpotBugsRun {
    private final List<Finding> findings;
    private final List<String> errors;
    private final String log;
    private final List<String> missingClasses;

    private SpotBugsRun(List<Finding> findings, List<String> errors, String log, List<String> missingClasses) {
        this.findings = findings;
        this.errors = errors;
        this.log = log;
        this.missingClasses = missingClasses;
    }

    public static Path pluginJar() {
        Path jar = Paths.get(System.getProperty("sessionguard.plugin"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Plugin jar " + jar + " is missing: build the detector module first");
        }
        return jar;
    }

    /** Analyses {@code targets} (class folders or jars) with every framework jar of the test classpath as aux. */
    public static SpotBugsRun analyse(String name, List<Path> targets) throws IOException, InterruptedException {
        return analyse(name, targets, engineClasspath());
    }

    /** Analyses {@code targets} with the given aux classpath (the engine runs on the test classpath). */
    public static SpotBugsRun analyse(String name, List<Path> targets, List<String> auxClasspath)
            throws IOException, InterruptedException {
        return analyse(name, targets, auxClasspath, true);
    }

    /**
     * Analyses {@code targets} with the given aux classpath, with SessionGuard loaded or (to compare
     * SpotBugs' own output with and without it) not.
     */
    public static SpotBugsRun analyse(String name, List<Path> targets, List<String> auxClasspath, boolean withPlugin)
            throws IOException, InterruptedException {
        return analyse(name, targets, auxClasspath, withPlugin, List.of());
    }

    /** As above, with more command-line options for SpotBugs (another report, say {@code -sarif=FILE}). */
    public static SpotBugsRun analyse(String name, List<Path> targets, List<String> auxClasspath, boolean withPlugin,
            List<String> moreOptions) throws IOException, InterruptedException {
        Path work = Paths.get(System.getProperty("sessionguard.work", "target/spotbugs-runs"));
        Files.createDirectories(work);
        Path report = work.resolve(name + ".xml");
        Path output = work.resolve(name + ".log");
        Files.deleteIfExists(report);
        List<String> classpath = engineClasspath();

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx2g");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add("edu.umd.cs.findbugs.FindBugs2");
        command.addAll(Arrays.asList("-quiet", "-low", "-effort:max"));
        if (withPlugin) {
            command.addAll(Arrays.asList("-pluginList", pluginJar().toString()));
        }
        // "=file" rather than -output: SpotBugs 4.8 leaves the messages out of an -output report.
        command.addAll(Arrays.asList("-xml:withMessages=" + report, "-auxclasspath",
                String.join(File.pathSeparator, auxClasspath)));
        command.addAll(moreOptions);
        targets.forEach(t -> command.add(t.toString()));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("SpotBugs did not finish in 10 minutes; see " + output);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || !Files.isRegularFile(report)) {
            throw new IllegalStateException("SpotBugs failed (exit " + process.exitValue() + "):\n" + log);
        }
        return parse(report, log);
    }

    /** The test JVM's classpath without the plugin itself, which must come only from -pluginList. */
    public static List<String> engineClasspath() {
        String fixtures = Paths.get(System.getProperty("sessionguard.fixtures")).toAbsolutePath().toString();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("sessionguard-0") && !entry.contains("detector" + File.separator + "target"))
                .filter(entry -> !Paths.get(entry).toAbsolutePath().toString().equals(fixtures))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.toList());
    }

    private static SpotBugsRun parse(Path report, String log) throws IOException {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
            List<Finding> findings = new ArrayList<>();
            NodeList bugs = doc.getElementsByTagName("BugInstance");
            for (int i = 0; i < bugs.getLength(); i++) {
                findings.add(Finding.from((Element) bugs.item(i)));
            }
            List<String> errors = new ArrayList<>();
            NodeList errorNodes = doc.getElementsByTagName("Error");
            for (int i = 0; i < errorNodes.getLength(); i++) {
                errors.add(errorNodes.item(i).getTextContent().trim());
            }
            List<String> missing = new ArrayList<>();
            NodeList missingNodes = doc.getElementsByTagName("MissingClass");
            for (int i = 0; i < missingNodes.getLength(); i++) {
                missing.add(missingNodes.item(i).getTextContent().trim());
            }
            return new SpotBugsRun(findings, errors, log, missing);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("Unreadable SpotBugs report " + report, e);
        }
    }

    public List<Finding> findings() {
        return findings;
    }

    /** Analysis errors SpotBugs collected (message and stack trace of each). */
    public List<String> errors() {
        return errors;
    }

    /** The classes SpotBugs reported missing from the classpath ({@code <MissingClass>}), in report order. */
    public List<String> missingClasses() {
        return missingClasses;
    }

    public String log() {
        return log;
    }
}
