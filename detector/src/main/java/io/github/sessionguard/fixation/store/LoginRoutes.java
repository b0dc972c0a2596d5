package io.github.sessionguard.fixation.store;

import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.MethodHandleTargets;
import io.github.sessionguard.flow.RawInstructions;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Constant;
import org.apache.bcel.classfile.ConstantPool;
import org.apache.bcel.classfile.ConstantString;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods of a class that a route registers for a login path: a lambda or method reference handed to a call
 * given a path constant that names a login ({@code app.post("/login/rfid", ctx -> ...)}, {@code
 * rules.post("/device-login", this::deviceLogin)}), or to the call right after one that took it ({@code
 * router.post("/login").handler(...)}). The framework runs the handler for a login request: a login by its
 * mapping, as a handler with {@code @PostMapping("/login")} is, whatever its credential is (a badge, a device key).
 * Read from the class's own bytes: the registration and the handler are in the same class.
 */
final class LoginRoutes {
    private LoginRoutes() {
    }

    /** The handlers (name + descriptor) the class's methods register for login paths. */
    static Set<String> of(JavaClass javaClass) {
        Set<String> handlers = new HashSet<>();
        ConstantPool pool = javaClass.getConstantPool();
        for (Method method : javaClass.getMethods()) {
            if (method.getCode() == null) {
                continue;
            }
            // Since the last call: the path constants loaded and the handlers made; the previous call's paths.
            List<String> paths = new ArrayList<>();
            List<String> previousPaths = new ArrayList<>();
            List<String> made = new ArrayList<>();
            try {
                RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                    if ((opcode == Const.LDC || opcode == Const.LDC_W) && index > 0
                            && pool.getConstant(index) instanceof ConstantString) {
                        String text = ((ConstantString) pool.getConstant(index)).getBytes(pool);
                        if (text.startsWith(LoginCatalogue.ROUTE_PATH_PREFIX)) {
                            paths.add(text);
                        }
                    } else if (opcode == Const.INVOKEDYNAMIC && index > 0) {
                        Constant site = pool.getConstant(index);
                        for (MethodHandleTargets.Target target : MethodHandleTargets.of(javaClass, site)) {
                            if (target.owner().equals(javaClass.getClassName().replace('.', '/'))) {
                                made.add(target.name() + target.descriptor());
                            }
                        }
                    } else if (RawInstructions.callsMethodRef(opcode)) {
                        List<String> routed = paths.isEmpty() ? previousPaths : paths;
                        if (!made.isEmpty() && routed.stream().anyMatch(LoginCatalogue::isLoginRoutePath)) {
                            handlers.addAll(made);
                        }
                        previousPaths.clear();
                        previousPaths.addAll(paths);
                        paths.clear();
                        made.clear();
                    }
                    return false;
                });
            } catch (IOException e) {
                // Truncated code, which SpotBugs' own decoding rejects too: read as registering nothing; reported.
                edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                        + javaClass.getClassName() + "." + method.getName(), e);
            }
        }
        return handlers;
    }
}
