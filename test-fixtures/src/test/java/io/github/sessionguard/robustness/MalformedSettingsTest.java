package io.github.sessionguard.robustness;

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
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad settings input: an application whose {@code application.yml} is not valid YAML and whose
 * {@code web.xml} and {@code weblogic.xml} are not well-formed XML, and whose {@code undertow-handlers.conf} is
 * garbled, next to a sound {@code application-prod.properties}. Each bad XML or YAML
 * file must end up in SpotBugs' error channel, named, with SessionGuard named (the handler file, read leniently,
 * credits nothing and raises nothing); the run must complete;
 * and the sound file is still judged (its HttpOnly off reported), as is the code (a cookie without flags).
 */
class MalformedSettingsTest {
    private static final String CLASS = "odd/ShopServlet";
    private static final String DOTTED = CLASS.replace('/', '.');
    private static final String RESPONSE = "jakarta/servlet/http/HttpServletResponse";
    private static final String COOKIE = "jakarta/servlet/http/Cookie";

    private static SpotBugsRun run;

    @BeforeAll
    static void analyseApplicationWithBadSettings(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        write(classes.resolve(CLASS + ".class"), servlet());
        write(classes.resolve("application.yml"), ("server:\n  servlet:\n    session:\n      cookie:\n"
                + "        secure: [false\n      timeout: {\n").getBytes(StandardCharsets.UTF_8));
        write(classes.resolve("WEB-INF/web.xml"), ("<?xml version=\"1.0\"?>\n<web-app>\n  <session-config>\n"
                + "    <cookie-config><http-only>false</http-only></session-config>\n</web-app>\n")
                .getBytes(StandardCharsets.UTF_8));
        write(classes.resolve("WEB-INF/weblogic.xml"), ("<weblogic-web-app>\n  <session-descriptor>\n"
                + "    <cookie-http-only>false</cookie-http-only>\n</weblogic-web-app>\n").getBytes(StandardCharsets.UTF_8));
        write(classes.resolve("WEB-INF/undertow-handlers.conf"), ("samesite-cookie(mode='Lax\n} -> ;;(\n"
                + "path-prefix('/a' -> samesite-cookie(\n").getBytes(StandardCharsets.UTF_8));
        write(classes.resolve("application-prod.properties"),
                "server.servlet.session.cookie.http-only=false\n".getBytes(StandardCharsets.UTF_8));
        run = SpotBugsRun.analyse("malformed-settings", List.of(classes));
    }

    @Test
    void invalidYamlIsReportedAsAnAnalysisErrorNamingTheFile() {
        assertErrorNames("application.yml");
    }

    @Test
    void malformedWebXmlIsReportedAsAnAnalysisErrorNamingTheFile() {
        assertErrorNames("WEB-INF/web.xml");
    }

    @Test
    void malformedWebLogicXmlIsReportedAsAnAnalysisErrorNamingTheFile() {
        assertErrorNames("WEB-INF/weblogic.xml");
    }

    @Test
    void soundSettingsFileNextToTheBadOnesIsStillJudged() {
        List<String> found = run.findings().stream().filter(Finding::isSessionGuard)
                .filter(f -> f.sourcePath().endsWith("application-prod.properties"))
                .map(f -> f.pattern() + "@" + f.line()).sorted().collect(Collectors.toList());
        assertTrue(found.contains("COOKIE_MISSING_HTTPONLY@1"),
                "the sound profile's http-only=false must be reported, found " + found + "; SpotBugs log:\n" + run.log());
    }

    @Test
    void codeOfTheSameApplicationIsStillAnalysed() {
        List<String> found = run.findings().stream().filter(Finding::isSessionGuard)
                .filter(f -> f.className().equals(DOTTED) && "remember".equals(f.methodName()))
                .map(Finding::pattern).sorted().collect(Collectors.toList());
        assertTrue(found.contains("COOKIE_MISSING_SECURE") && found.contains("COOKIE_MISSING_HTTPONLY"),
                "the cookie without flags must be reported, found " + found + "; SpotBugs log:\n" + run.log());
    }

    @Test
    void noOtherSessionGuardError() {
        List<String> others = run.errors().stream().filter(e -> e.contains("SessionGuard"))
                .filter(e -> !e.contains("application.yml") && !e.contains("WEB-INF/web.xml")
                        && !e.contains("WEB-INF/weblogic.xml"))
                .collect(Collectors.toList());
        assertEquals(List.of(), others);
    }

    private static void assertErrorNames(String file) {
        assertTrue(run.errors().stream().anyMatch(e -> e.contains("SessionGuard") && e.contains(file)),
                "no SessionGuard error naming " + file + " among: " + run.errors());
    }

    private static void write(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** A servlet whose {@code remember} method sends a cookie without any flag. */
    private static byte[] servlet() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, CLASS, null, "jakarta/servlet/http/HttpServlet",
                null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "jakarta/servlet/http/HttpServlet", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "remember", "(L" + RESPONSE + ";)V", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, COOKIE);
        mv.visitInsn(Opcodes.DUP);
        mv.visitLdcInsn("remember");
        mv.visitLdcInsn("value");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, COOKIE, "<init>", "(Ljava/lang/String;Ljava/lang/String;)V", false);
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, RESPONSE, "addCookie", "(L" + COOKIE + ";)V", true);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
