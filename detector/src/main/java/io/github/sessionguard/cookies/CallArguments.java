package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import io.github.sessionguard.catalogue.FlagValue;
import io.github.sessionguard.flow.CallAt;

/**
 * The arguments of a call as the cookie analysis reads them: a constant, or a parameter of the calling
 * method (the caller's caller decides), or unknown.
 */
final class CallArguments {
    private final CallAt call;
    private final int[] parameterValues;
    private final BooleanOrigins booleans;
    private final SecretValues secrets;

    CallArguments(CallAt call, int[] parameterValues, BooleanOrigins booleans, SecretValues secrets) {
        this.call = call;
        this.parameterValues = parameterValues;
        this.booleans = booleans;
        this.secrets = secrets;
    }

    /** The argument is the constant "" or null: a value that carries nothing. */
    boolean isEmptyText(int index) throws DataflowAnalysisException {
        String text = call.stringArgument(index);
        return (text != null && text.isEmpty()) || secrets.isNullLiteral(call.argument(index));
    }

    /** The call (Owner.method) that produced the argument when it yields a token or session id, else null. */
    String secretSourceOf(int index) throws DataflowAnalysisException {
        return secrets.sourceOf(call.argument(index));
    }

    CallAt call() {
        return call;
    }

    /**
     * A boolean (or {@code Boolean}) argument as a flag: its constant, the calling method's parameter it
     * is, a configuration field's in-code default, or UNKNOWN.
     */
    FlagEffect booleanArgument(int index) throws DataflowAnalysisException {
        Constant value = call.constantArgument(index);
        if (value.isConstantInteger()) {
            return FlagEffect.of(value.getConstantInt() != 0 ? FlagValue.SET : FlagValue.CLEARED);
        }
        ValueNumber argument = booleans.unboxed(call.argument(index));
        int parameter = parameterOf(argument);
        if (parameter >= 0) {
            return FlagEffect.fromParameter(parameter);
        }
        FlagValue known = booleans.valueOf(argument);
        return FlagEffect.of(known != null ? known : FlagValue.UNKNOWN);
    }

    String stringArgument(int index) throws DataflowAnalysisException {
        return call.stringArgument(index);
    }

    /** The calling method's parameter whose entry value the argument is, or -1. */
    int parameterOfArgument(int index) throws DataflowAnalysisException {
        return parameterOf(call.argument(index));
    }

    private int parameterOf(ValueNumber value) {
        for (int i = 0; i < parameterValues.length; i++) {
            if (parameterValues[i] == value.getNumber()) {
                return i;
            }
        }
        return -1;
    }
}
