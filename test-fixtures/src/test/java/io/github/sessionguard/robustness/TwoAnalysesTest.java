package io.github.sessionguard.robustness;

import edu.umd.cs.findbugs.FindBugs;
import edu.umd.cs.findbugs.FindBugs2;
import edu.umd.cs.findbugs.Plugin;
import edu.umd.cs.findbugs.TextUICommandLine;
import io.github.sessionguard.harness.SpotBugsRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two SpotBugs analyses in one JVM (an IDE, a build daemon, a test suite), at the same time, with
 * different SessionGuard settings: each must get the findings of its own settings. The settings come
 * from each analysis' own {@code sessionguard.properties} (on its class path); a settings value kept in
 * a static field would leak from one analysis into the other.
 *
 * <p>The same application code (an in-house SSO login, and its twin that calls an in-house session
 * renewal, directly or in a helper) is analysed with: A, the login, renewal and identity attribute
 * taught, so only the login without renewal is reported; B, the renewal not taught, so every login is
 * reported; C, a malformed setting, which must go to SpotBugs' error channel while SpotBugs' other detectors still report.
 */
class TwoAnalysesTest {
    private static final String LOGIN = "sessionguard.loginMethods=com.example.shop.AcmeSso#signOn\n"
            + "sessionguard.identityAttributes=acme.who\n";
    private static final String A = LOGIN + "sessionguard.rotationMethods=com.example.shop.AcmeSessions#renew\n";
    private static final String B = LOGIN;
    private static final String C = LOGIN + "sessionguard.rotationMethods=com.example.shop.AcmeSessions.renew\n";

    private static Path work;
    private static Path compiled;

    @BeforeAll
    static void compileAndLoadPlugin(@TempDir Path dir) throws Exception {
        work = dir;
        compiled = compile(dir.resolve("compiled"));
        // Loaded once for the JVM, as an IDE does; each analysis below is a separate FindBugs2 run.
        Plugin.addCustomPlugin(SpotBugsRun.pluginJar().toUri());
    }

    @Test
    void concurrentAnalysesEachUseTheirOwnSettings() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CountDownLatch start = new CountDownLatch(2);
                Future<Report> a = threads.submit(analysis("a" + round, A, start));
                Future<Report> b = threads.submit(analysis("b" + round, B, start));
                Report ra = a.get(5, TimeUnit.MINUTES);
                Report rb = b.get(5, TimeUnit.MINUTES);
                assertEquals(List.of("com.example.shop.SsoEntryServlet"), ra.fixations,
                        "analysis A (renewal taught) must report only the login without renewal; errors: " + ra.errors);
                assertEquals(List.of("com.example.shop.HelperRenewingSsoEntryServlet",
                        "com.example.shop.RenewingSsoEntryServlet", "com.example.shop.SsoEntryServlet"),
                        rb.fixations, "analysis B (renewal not taught) must report both logins; errors: " + rb.errors);
                assertEquals(List.of(), ra.errors);
                assertEquals(List.of(), rb.errors);
                assertEquals(List.of(), ra.badSettings);
                assertEquals(List.of(), rb.badSettings);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void badSettingIsAnErrorOfSessionGuardNotAnAbortedRun() throws Exception {
        Report rc = analysis("c", C, new CountDownLatch(0)).call();
        assertEquals(List.of(), rc.fixations);
        assertEquals(1, rc.errors.size(), "the bad setting must be reported once: " + rc.errors);
        String error = rc.errors.get(0);
        assertTrue(error.contains("SessionGuard setting sessionguard.rotationMethods")
                && error.contains("com.example.shop.AcmeSessions.renew") && error.contains("ClassName#methodName"),
                "the error must name the setting, the value and the expected form: " + error);
        assertTrue(rc.otherFindings > 0, "SpotBugs' own detectors must still report (new String(...) in Other)");
        assertEquals(1, rc.badSettings.size(), "one finding makes spotbugs:check fail: " + rc.badSettings);
        assertTrue(rc.badSettings.get(0).contains("com.example.shop.AcmeSessions.renew"), rc.badSettings.get(0));
    }

    /** One analysis of its own copy of the compiled classes, with {@code settings} as its sessionguard.properties. */
    private static Callable<Report> analysis(String name, String settings, CountDownLatch start) throws Exception {
        Path classes = work.resolve(name + "-classes");
        copy(compiled, classes);
        Files.writeString(classes.resolve("sessionguard.properties"), settings);
        Path report = work.resolve(name + ".xml");
        return () -> {
            start.countDown();
            start.await();
            try (FindBugs2 engine = new FindBugs2()) {
                TextUICommandLine commandLine = new TextUICommandLine();
                FindBugs.processCommandLine(commandLine, new String[] {"-quiet", "-low",
                    "-xml:withMessages=" + report, "-auxclasspath", servletJar(), classes.toString()}, engine);
                engine.execute();
            }
            return Report.read(report);
        };
    }

    private static String servletJar() {
        return SpotBugsRun.engineClasspath().stream().filter(e -> e.contains("jakarta.servlet-api")).findFirst()
                .orElseThrow(() -> new IllegalStateException("jakarta.servlet-api is not on the test classpath"));
    }

    private static Path compile(Path out) throws Exception {
        Path sources = out.resolveSibling("sources");
        String pkg = "package com.example.shop;\n"
                + "import jakarta.servlet.http.*;\n";
        String[][] files = {
            {"AcmeSso", pkg + "public interface AcmeSso { String signOn(String user, String password); }"},
            {"AcmeSessions", pkg + "public interface AcmeSessions { void renew(HttpServletRequest request); }"},
            {"SsoEntryServlet", pkg + "public class SsoEntryServlet extends HttpServlet {\n"
                + "  private final AcmeSso sso;\n"
                + "  public SsoEntryServlet(AcmeSso sso) { this.sso = sso; }\n"
                + "  @Override protected void doPost(HttpServletRequest request, HttpServletResponse response)"
                + " throws java.io.IOException {\n"
                + "    String principal = sso.signOn(request.getParameter(\"user\"), request.getParameter(\"secret\"));\n"
                + "    request.getSession().setAttribute(\"acme.who\", principal);\n"
                + "    response.sendRedirect(\"/\");\n"
                + "  }\n}"},
            {"RenewingSsoEntryServlet", pkg + "public class RenewingSsoEntryServlet extends HttpServlet {\n"
                + "  private final AcmeSso sso;\n"
                + "  private final AcmeSessions sessions;\n"
                + "  public RenewingSsoEntryServlet(AcmeSso sso, AcmeSessions sessions) {"
                + " this.sso = sso; this.sessions = sessions; }\n"
                + "  @Override protected void doPost(HttpServletRequest request, HttpServletResponse response)"
                + " throws java.io.IOException {\n"
                + "    String principal = sso.signOn(request.getParameter(\"user\"), request.getParameter(\"secret\"));\n"
                + "    sessions.renew(request);\n"
                + "    request.getSession().setAttribute(\"acme.who\", principal);\n"
                + "    response.sendRedirect(\"/\");\n"
                + "  }\n}"},
            // The renewal in a helper that names no session API itself: its summary must still see it.
            {"HelperRenewingSsoEntryServlet", pkg + "public class HelperRenewingSsoEntryServlet extends HttpServlet {\n"
                + "  private final AcmeSso sso;\n"
                + "  private final AcmeSessions sessions;\n"
                + "  public HelperRenewingSsoEntryServlet(AcmeSso sso, AcmeSessions sessions) {"
                + " this.sso = sso; this.sessions = sessions; }\n"
                + "  @Override protected void doPost(HttpServletRequest request, HttpServletResponse response)"
                + " throws java.io.IOException {\n"
                + "    String principal = sso.signOn(request.getParameter(\"user\"), request.getParameter(\"secret\"));\n"
                + "    renewFor(request);\n"
                + "    request.getSession().setAttribute(\"acme.who\", principal);\n"
                + "    response.sendRedirect(\"/\");\n"
                + "  }\n"
                + "  private void renewFor(HttpServletRequest request) { sessions.renew(request); }\n}"},
            {"Other", pkg + "public class Other { public String copy(String s) { return new String(s); } }"},
        };
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-g", "-cp", servletJar()));
        for (String[] file : files) {
            Path source = sources.resolve("com/example/shop/" + file[0] + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, file[1]);
            args.add(source.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(null, null, errors, args.toArray(new String[0]));
        assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
        return out;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(path).toString().replace(File.separatorChar, '/'));
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** What one analysis reported: classes with SESSION_FIXATION (sorted), other plugins' findings, errors. */
    private static final class Report {
        final List<String> fixations = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> badSettings = new ArrayList<>();
        int otherFindings;

        static Report read(Path xml) throws Exception {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
            Report report = new Report();
            NodeList bugs = doc.getElementsByTagName("BugInstance");
            for (int i = 0; i < bugs.getLength(); i++) {
                Element bug = (Element) bugs.item(i);
                if ("SESSION_FIXATION".equals(bug.getAttribute("type"))) {
                    Element classElement = (Element) bug.getElementsByTagName("Class").item(0);
                    report.fixations.add(classElement.getAttribute("classname"));
                } else if ("SESSIONGUARD_BAD_SETTING".equals(bug.getAttribute("type"))) {
                    report.badSettings.add(bug.getElementsByTagName("LongMessage").item(0).getTextContent());
                } else if (!bug.getAttribute("type").startsWith("SESSION_") && !bug.getAttribute("type").startsWith("COOKIE_")) {
                    report.otherFindings++;
                }
            }
            NodeList errors = doc.getElementsByTagName("ErrorMessage");
            for (int i = 0; i < errors.getLength(); i++) {
                report.errors.add(errors.item(i).getTextContent().trim());
            }
            report.fixations.sort(String::compareTo);
            return report;
        }
    }
}
