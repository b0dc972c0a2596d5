package io.github.sessionguard.reports;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sessionguard.harness.Finding;
import io.github.sessionguard.harness.SpotBugsRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A settings finding must point where code scanning and a reader find the file: the path in the
 * repository. The layout is a two-module Maven repository whose {@code web} module was built
 * ({@code web/target/classes} holds the copied {@code application.properties}); SpotBugs analyses the
 * build output only. The XML report's {@code sourcepath} and the SARIF result's
 * {@code artifactLocation.uri} must both be {@code web/src/main/resources/application.properties}, at
 * the line of the setting.
 */
class SettingsLocationTest {
    private static final String EXPECTED = "web/src/main/resources/application.properties";
    private static final String PROPERTIES = "# session cookie\nserver.servlet.session.cookie.http-only=false\n";

    private static SpotBugsRun run;
    private static JsonObject sarif;

    @BeforeAll
    static void analyseBuiltModule(@TempDir Path dir) throws Exception {
        Path repository = dir.resolve("repo");
        Files.createDirectories(repository.resolve(".git"));
        write(repository.resolve("pom.xml"), "<project/>\n");
        Path module = repository.resolve("web");
        write(module.resolve("pom.xml"), "<project/>\n");
        write(module.resolve("src/main/resources/application.properties"), PROPERTIES);
        Path classes = module.resolve("target/classes");
        write(classes.resolve("application.properties"), PROPERTIES);
        Path servlet = classes.resolve("shop/web/ShopServlet.class");
        Files.createDirectories(servlet.getParent());
        Files.write(servlet, servlet("shop/web/ShopServlet"));
        Path sarifFile = dir.resolve("report.sarif");
        run = SpotBugsRun.analyse("settings-location", List.of(classes), SpotBugsRun.engineClasspath(), true,
                List.of("-sarif=" + sarifFile));
        sarif = JsonParser.parseString(Files.readString(sarifFile, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void xmlReportNamesTheFileInTheRepository() {
        List<String> found = run.findings().stream().filter(Finding::isSessionGuard)
                .filter(f -> f.pattern().equals("COOKIE_MISSING_HTTPONLY"))
                .map(f -> f.sourcePath() + ":" + f.line()).collect(Collectors.toList());
        assertEquals(List.of(EXPECTED + ":2"), found, "SpotBugs log:\n" + run.log());
    }

    @Test
    void sarifLocationIsTheFileInTheRepository() {
        List<String> found = new ArrayList<>();
        for (JsonElement result : sarif.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")) {
            JsonObject object = result.getAsJsonObject();
            if (object.get("ruleId").getAsString().equals("COOKIE_MISSING_HTTPONLY")) {
                JsonObject physical = object.getAsJsonArray("locations").get(0).getAsJsonObject()
                        .getAsJsonObject("physicalLocation");
                found.add(physical.getAsJsonObject("artifactLocation").get("uri").getAsString() + ":"
                        + physical.getAsJsonObject("region").get("startLine").getAsInt());
            }
        }
        assertEquals(List.of(EXPECTED + ":2"), found, "SARIF:\n" + sarif);
    }

    @Test
    void everySettingsFindingOfTheModuleIsInTheRepositoryPath() {
        List<Finding> settings = run.findings().stream().filter(Finding::isInSettingsFile).collect(Collectors.toList());
        assertFalse(settings.isEmpty(), "no settings finding; SpotBugs log:\n" + run.log());
        settings.forEach(f -> assertEquals(EXPECTED, f.sourcePath(), f.toString()));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** An empty servlet: the module is a web application. */
    private static byte[] servlet(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "jakarta/servlet/http/HttpServlet",
                null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "jakarta/servlet/http/HttpServlet", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
