package io.github.sessionguard.robustness;

import io.github.sessionguard.harness.Finding;
import io.github.sessionguard.harness.SpotBugsRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: a class SpotBugs reads but whose methods SessionGuard's dataflow cannot handle. Each such
 * method must end up in SpotBugs' error channel, named, and the analysis must go on: the sound method
 * that follows them in the same class is still analysed and its insecure cookie reported.
 *
 * <p>The class is generated with ASM as an old (Java 5, version 49) class file, which has no stack map
 * frames, so nothing stops it from holding code a compiler would never emit.
 */
class BrokenMethodTest {
    private static final String CLASS = "odd/BrokenCookieServlet";
    private static final String DOTTED = CLASS.replace('/', '.');
    private static final String COOKIE = "javax/servlet/http/Cookie";
    private static final String RESPONSE = "javax/servlet/http/HttpServletResponse";
    private static final String ADD_COOKIE = "(L" + COOKIE + ";)V";

    private static SpotBugsRun run;

    @BeforeAll
    static void analyseBrokenClass(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Path file = classes.resolve(CLASS + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, brokenClass());
        run = SpotBugsRun.analyse("broken-method", List.of(classes));
    }

    @Test
    void mergeWithDifferentStackDepthsIsReportedAsAnAnalysisError() {
        assertErrorNames("mergeWithDifferentStackDepths");
    }

    @Test
    void stackUnderflowIsReportedAsAnAnalysisError() {
        assertErrorNames("stackUnderflow");
    }

    @Test
    void soundMethodAfterTheBrokenOnesIsStillReported() {
        List<String> found = run.findings().stream().filter(Finding::isSessionGuard)
                .filter(f -> f.className().equals(DOTTED) && f.methodName().equals("sound"))
                .map(f -> f.pattern() + "/" + f.priority()).sorted().collect(Collectors.toList());
        assertEquals(List.of("COOKIE_MISSING_HTTPONLY/2", "COOKIE_MISSING_SECURE/2"), found,
                "the sound method's cookie \"cart\" must be reported; SpotBugs log:\n" + run.log());
    }

    private static void assertErrorNames(String method) {
        String expected = DOTTED + "." + method + "(";
        assertTrue(run.errors().stream().anyMatch(e -> e.contains("SessionGuard") && e.contains(expected)),
                "no SessionGuard error naming " + expected + " among: " + run.errors());
    }

    /**
     * Three methods, in this order: two broken ones, then a sound one that sends a cookie without
     * flags. A failure that escaped the per-method guard would end the class's analysis before the
     * sound method.
     */
    private static byte[] brokenClass() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, CLASS, null, "java/lang/Object", null);

        // One path pushes an extra value before the paths meet: SpotBugs models the merged frame as
        // "bottom" and no longer knows which value addCookie receives.
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "mergeWithDifferentStackDepths",
                "(L" + RESPONSE + ";Z)V", null, null);
        mv.visitCode();
        newCookie(mv, "sid");
        mv.visitVarInsn(Opcodes.ASTORE, 3);
        Label join = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 2);
        mv.visitJumpInsn(Opcodes.IFEQ, join);
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        mv.visitLabel(join);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 3);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, RESPONSE, "addCookie", ADD_COOKIE, true);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(6, 4);
        mv.visitEnd();

        // addCookie with the cookie but no response on the stack: SpotBugs' value-number analysis throws.
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "stackUnderflow", "(L" + RESPONSE + ";)V", null, null);
        mv.visitCode();
        newCookie(mv, "sid");
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, RESPONSE, "addCookie", ADD_COOKIE, true);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(4, 3);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "sound", "(L" + RESPONSE + ";)V", null, null);
        mv.visitCode();
        newCookie(mv, "cart");
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, RESPONSE, "addCookie", ADD_COOKIE, true);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(4, 3);
        mv.visitEnd();

        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code new Cookie(name, "value")}, left on the stack. */
    private static void newCookie(MethodVisitor mv, String name) {
        mv.visitTypeInsn(Opcodes.NEW, COOKIE);
        mv.visitInsn(Opcodes.DUP);
        mv.visitLdcInsn(name);
        mv.visitLdcInsn("value");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, COOKIE, "<init>", "(Ljava/lang/String;Ljava/lang/String;)V", false);
    }
}
