package io.github.sessionguard.fixation.store;

import io.github.sessionguard.catalogue.SessionStoreCatalogue;
import io.github.sessionguard.flow.MethodCalls;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;

/**
 * A DAO's own executor: a method of the helper's class that runs whatever SQL its caller hands it
 * ({@code private void execute(String sql, Object... args)} binding each value and calling {@code executeUpdate}).
 * What it writes is the caller's SQL constant ({@code UPDATE portal_session SET practitioner_id = ? WHERE sid = ?}),
 * so a helper that hands it writing SQL and the id writes the database keyed by the id, one level further down than
 * a helper that binds the statement itself.
 */
final class DatabaseExecutors {
    private DatabaseExecutors() {
    }

    /**
     * Is {@code owner.name(descriptor)}, called from {@code caller}, another method of the caller's own class whose
     * calls write the database?
     */
    static boolean isExecutor(JavaClass helper, Method caller, String owner, String name, String descriptor) {
        if (!owner.equals(helper.getClassName().replace('.', '/'))) {
            return false;
        }
        for (Method method : helper.getMethods()) {
            if (method != caller && method.getName().equals(name) && method.getSignature().equals(descriptor)) {
                return MethodCalls.callsItself(helper, method, (o, n, d) ->
                        SessionStoreCatalogue.DATABASE.equals(SessionStoreCatalogue.storeWriteByCall(o, n, false)));
            }
        }
        return false;
    }
}
