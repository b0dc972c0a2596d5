package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import io.github.sessionguard.catalogue.CookieNames;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * What a cookie's value says it carries: the result of a call that yields a token or a session id
 * ({@link CookieNames#yieldsSecret}). A cookie built from such a value is a credential, whatever its name,
 * which matters where the name is unknown or chosen by a caller (a {@code CookieUtil.addCookie(response,
 * name, value, maxAge)} helper).
 */
final class SecretValues {
    private final ValueOrigins origins;
    private final ConstantPoolGen cpg;

    SecretValues(ValueOrigins origins, ConstantPoolGen cpg) {
        this.origins = origins;
        this.cpg = cpg;
    }

    boolean isNullLiteral(ValueNumber value) {
        return origins.isNullLiteral(value);
    }

    /** {@code Owner.method} of the call that produced the value, when it yields a secret; else null. */
    String sourceOf(ValueNumber value) {
        InvokeInstruction call = origins.producingCall(value);
        if (call == null || call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        String owner = CallAt.ownerOf(call, cpg);
        String simpleOwner = owner.substring(owner.lastIndexOf('/') + 1);
        String method = call.getMethodName(cpg);
        return CookieNames.yieldsSecret(simpleOwner, method) ? simpleOwner + "." + method : null;
    }
}
