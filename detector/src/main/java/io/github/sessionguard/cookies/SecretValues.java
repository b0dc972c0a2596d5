package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import io.github.sessionguard.catalogue.CookieNames;
import io.github.sessionguard.catalogue.SecretMakers;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a cookie's value says it carries, as a phrase for the finding ("the result of JwtService.generateToken"), or
 * null when nothing says it is a secret. A cookie built from such a value is a credential, whatever its name, which
 * matters where the name is unknown or chosen by a caller (a {@code CookieUtil.addCookie(response, name, value,
 * maxAge)} helper) or says nothing ({@code nf_kiosk}, {@code lr_ws}). The evidence, strongest first:
 * <ul>
 * <li>the call that produced the value yields a token or a session id by its name ({@link CookieNames#yieldsSecret});</li>
 * <li>the value is made, a few steps back, from cryptographic randomness, a key generator, a MAC or a signature
 * ({@link SecretMakers}): {@code UUID.randomUUID().toString()}, {@code encoder.encodeToString(raw)} after
 * {@code random.nextBytes(raw)};</li>
 * <li>the code names the variable holding it for a token or a session id ({@link CookieNames#namesSecretValue}):
 * a factory's {@code deviceCookie(String deviceToken)}.</li>
 * </ul>
 */
final class SecretValues {
    /** How many values the walk back from a cookie's value visits at most. */
    private static final int MAX_STEPS = 24;

    private final ValueOrigins origins;
    private final ConstantPoolGen cpg;
    /** The answer per value number: the same argument is asked about at every pass of the dataflow. */
    private final Map<Integer, String> answers = new HashMap<>();

    SecretValues(ValueOrigins origins, ConstantPoolGen cpg) {
        this.origins = origins;
        this.cpg = cpg;
    }

    boolean isNullLiteral(ValueNumber value) {
        return origins.isNullLiteral(value);
    }

    /** What says the value is a secret, as a phrase ("the result of Owner.method"), or null. */
    String sourceOf(ValueNumber value) throws DataflowAnalysisException {
        if (value == null) {
            return null;
        }
        if (answers.containsKey(value.getNumber())) {
            return answers.get(value.getNumber());
        }
        String answer = namedCall(value);
        if (answer == null) {
            answer = madeSecret(value);
        }
        if (answer == null) {
            answer = namedVariable(value);
        }
        answers.put(value.getNumber(), answer);
        return answer;
    }

    /** The call that produced the value yields a secret by its name. */
    private String namedCall(ValueNumber value) {
        InvokeInstruction call = origins.producingCall(value);
        if (call == null || call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        String owner = CallAt.ownerOf(call, cpg);
        String simpleOwner = owner.substring(owner.lastIndexOf('/') + 1);
        String method = call.getMethodName(cpg);
        return CookieNames.yieldsSecret(simpleOwner, method) ? "the result of " + simpleOwner + "." + method : null;
    }

    /**
     * A bounded walk back over what the value was computed from (call receivers and arguments, the joins of paths, a
     * constructor's arguments): the first {@link SecretMakers} call met, a {@code SecureRandom} handed in, or an
     * array such a call filled; a random UUID where one of the values met is also kept by the application.
     */
    private String madeSecret(ValueNumber value) throws DataflowAnalysisException {
        Deque<ValueNumber> todo = new ArrayDeque<>();
        todo.add(value);
        Set<Integer> seen = new HashSet<>();
        List<ValueNumber> met = new ArrayList<>();
        String randomId = null;
        while (!todo.isEmpty() && seen.size() < MAX_STEPS) {
            ValueNumber next = todo.poll();
            if (next == null || !seen.add(next.getNumber())) {
                continue;
            }
            met.add(next);
            String made = madeHere(next);
            if (made != null) {
                return made;
            }
            InvokeInstruction call = origins.producingCall(next);
            if (randomId == null && call != null && !(call instanceof org.apache.bcel.generic.INVOKEDYNAMIC)
                    && SecretMakers.makesRandomId(CallAt.ownerOf(call, cpg), call.getMethodName(cpg), call.getSignature(cpg))) {
                randomId = "the result of UUID." + call.getMethodName(cpg) + ", which the application keeps";
            }
            todo.addAll(origins.inputsOf(next));
        }
        return randomId != null && keptByApplication(met) ? randomId : null;
    }

    /**
     * One of the values is handed to the application's own code that neither writes nor returns a cookie: the server
     * keeps it ({@code registry.start(kioskId)}, {@code devices.register(id)}) to recognise the cookie when it comes
     * back, which makes the cookie a key to that record. A helper that writes the cookie (it takes a response, returns
     * a cookie) is not such a place.
     */
    private boolean keptByApplication(List<ValueNumber> values) throws DataflowAnalysisException {
        for (ValueNumber value : values) {
            for (int index = 0; index < MAX_KEEPING_ARGUMENTS; index++) {
                for (InvokeInstruction call : origins.callsTaking(value, index)) {
                    String owner = CallAt.ownerOf(call, cpg);
                    if (QuietClasspath.isApplicationClass(owner) && !handlesCookies(call.getSignature(cpg))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** How many leading arguments of a call {@link #keptByApplication} reads. */
    private static final int MAX_KEEPING_ARGUMENTS = 3;

    /** The descriptor names a cookie or a response type: the call writes or builds the cookie. */
    private static boolean handlesCookies(String descriptor) {
        return descriptor.contains("Cookie") || descriptor.contains("Response") || descriptor.contains("Exchange");
    }

    /** What made this one value a secret, as a phrase, or null. */
    private String madeHere(ValueNumber value) throws DataflowAnalysisException {
        InvokeInstruction call = origins.producingCall(value);
        if (call != null && !(call instanceof org.apache.bcel.generic.INVOKEDYNAMIC)
                && SecretMakers.makesSecret(CallAt.ownerOf(call, cpg), call.getMethodName(cpg), call.getSignature(cpg))) {
            return "the result of " + simpleName(CallAt.ownerOf(call, cpg)) + "." + call.getMethodName(cpg);
        }
        String type = origins.producedType(value);
        if (type != null && SecretMakers.isRandomSource(type)) {
            return "a value made with " + simpleName(type.substring(1, type.length() - 1));
        }
        org.apache.bcel.generic.InstructionHandle made = origins.producer(value) == null ? null
                : origins.producer(value).getHandle();
        if (made != null && made.getInstruction() instanceof org.apache.bcel.generic.NEWARRAY) {
            // An array made here that a call fills: random.nextBytes(raw).
            for (InvokeInstruction filler : origins.callsTaking(value, 0)) {
                String owner = CallAt.ownerOf(filler, cpg);
                if (SecretMakers.fillsArgument(owner, filler.getMethodName(cpg), filler.getSignature(cpg))) {
                    return "the bytes of " + simpleName(owner) + "." + filler.getMethodName(cpg);
                }
            }
        }
        return null;
    }

    /** The parameter or local variable holding the value is named for a token or a session id. */
    private String namedVariable(ValueNumber value) throws DataflowAnalysisException {
        List<ValueNumber> copies = new ArrayList<>(origins.copiedFrom(value));
        copies.add(0, value);
        for (ValueNumber copy : copies) {
            for (String name : origins.variableNames(copy)) {
                if (CookieNames.namesSecretValue(name)) {
                    return "the value of " + name;
                }
            }
        }
        return null;
    }

    private static String simpleName(String slashed) {
        return slashed.substring(slashed.lastIndexOf('/') + 1);
    }
}
