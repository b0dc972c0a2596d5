package io.github.sessionguard.fixation;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XFactory;
import edu.umd.cs.findbugs.ba.XField;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.ba.constant.Constant;
import edu.umd.cs.findbugs.ba.constant.ConstantDataflow;
import edu.umd.cs.findbugs.ba.constant.ConstantFrame;
import edu.umd.cs.findbugs.ba.vna.ValueNumber;
import edu.umd.cs.findbugs.ba.vna.ValueNumberDataflow;
import edu.umd.cs.findbugs.ba.vna.ValueNumberFrame;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.analysis.AnnotationValue;
import io.github.sessionguard.catalogue.AsyncCarriers;
import io.github.sessionguard.catalogue.ContainerApis;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.flow.CallAt;
import io.github.sessionguard.flow.CallSites;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.LookupFailures;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.ValueOrigins;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.LocalVariable;
import org.apache.bcel.classfile.LocalVariableTable;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.AALOAD;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.GETFIELD;
import org.apache.bcel.generic.GETSTATIC;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.LDC;
import org.apache.bcel.generic.PUTFIELD;
import org.apache.bcel.generic.ObjectType;
import org.apache.bcel.generic.Type;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identity by data flow in one method, on SpotBugs' value numbers: which values are secrets submitted
 * with the request (a password parameter, a ticket, an authorization code, a remember-me cookie, a
 * bearer header), which values are the identity a credential check established (the user a lookup
 * returned for a secret, the result of {@code authenticate(...)}, the user whose stored hash a check
 * compared, and identity getters read from them), which booleans are check results, and on which
 * branch edges a check succeeded or failed.
 *
 * <p>The sets are computed by passes over the method until nothing changes: value numbers name one
 * value for the whole method, so the order of the blocks does not matter.
 */
final class CredentialFlow {
    private static final io.github.sessionguard.flow.TextSearch AUTHORIZATION_CODE_MARKERS =
            io.github.sessionguard.flow.TextSearch.ignoringCase(LoginCatalogue.AUTHORIZATION_CODE_MARKERS);

    private static final int MAX_PASSES = 6;
    private static final List<String> ENTITY_ANNOTATIONS = List.of("Entity", "Table", "Document", "MappedSuperclass");
    private static final List<String> SECRET_CARRIER_TYPE_WORDS = List.of("token", "credential", "grant");

    private final ClassContext classContext;
    private final Method method;
    private final ConstantPoolGen cpg;
    private final ValueNumberDataflow vna;
    private final ConstantDataflow constants;
    private final LoginSummaries summaries;
    /** Facts of the class, not of the method: asked only when a name or a cookie read needs them (see below). */
    private Boolean authorizationCodeClient;
    private Boolean namesSecretCookie;
    /** Each call's return type, by pc. */
    private final Map<Integer, Type> returnTypes = new HashMap<>();
    private CFG cfg;
    /**
     * Does the method read any attribute of the session, and the logged-in user (an identity attribute, the
     * container's user, a Principal parameter)? Surveyed together in one walk, at the first question.
     */
    private Boolean readsSessionAttribute;
    private Boolean readsLoggedInUser;
    /** See {@link #readsCurrentAuthentication()}; null until first asked. */
    private Boolean readsCurrentAuthentication;
    /** The method's parameter count, parsed from its descriptor at the first question. */
    private int parameterCount = -1;
    private ValueOrigins origins;
    /** Each call read once for all passes (and for {@link LoginCallMeaning}, which asks through {@link #callAt}). */
    private final CallSites calls;

    private final Set<Integer> secrets = new HashSet<>();
    /** Values a one-way hash answered (see LoginCatalogue.ONE_WAY_HASHES): a secret once compared with a stored one. */
    private final Set<Integer> hashed = new HashSet<>();
    /**
     * What the request may have submitted, whatever its name: the method's text parameters, a request's values, the
     * handler bean's own text fields (a JSF backing bean's), and text derived from them. Only a hash of one of these
     * is a password's other form (a document's or an article's stored body hashed is an integrity check).
     */
    private final Set<Integer> submitted = new HashSet<>();
    /** Secrets a servlet or filter keeps in its own fields (see isSharedHandlerField): the stored side of a check. */
    private final Set<Integer> configuredSecrets = new HashSet<>();
    /**
     * Values compared with a shared handler's own field that holds no secret ({@code authUsername.equals(username)}):
     * the account name a check against the configured password was asked about, once such a check is made here.
     */
    private final Set<Integer> comparedWithConfiguredName = new HashSet<>();
    private boolean checksConfiguredSecret;
    /** Is this class a servlet, filter or singleton bean (see isSharedHandlerField)? Null until first asked. */
    private Boolean sharedHandler;
    /** Maps of all the request's parameters by name ({@link LoginCatalogue#REQUEST_PARAMETER_MAPS}). */
    private final Set<Integer> parameterMaps = new HashSet<>();
    /** The values of one parameter read out of such a map, by value number: the parameter's name. */
    private final Map<Integer, String> parameterValues = new HashMap<>();
    /** Other request parameters and headers: a proof of identity only when a verifying call says so. */
    private final Set<Integer> requestValues = new HashSet<>();
    private final Set<Integer> identities = new HashSet<>();
    /** The names a credential check was asked about (the login name): the user's identity once it said yes. */
    private final Set<Integer> checkedNames = new HashSet<>();
    /** Check results: value number to "true means the check succeeded". */
    private final Map<Integer, Boolean> checkResults = new HashMap<>();
    /** Calls after which the check has succeeded (it returned a user, or it throws on failure). */
    private final Set<Integer> verifyingCalls = new HashSet<>();
    private boolean checksCredentials;
    /**
     * Session attributes whose values a credential check here was handed (directly, or the user loaded by them):
     * the pending user of a second factor ({@code session.getAttribute("PRE_AUTH_USER_ID")}).
     */
    private final Set<String> checkedSessionAttributes = new java.util.TreeSet<>();
    /** See {@link #linkedSessionAttributes()}; null until first asked. */
    private Set<String> linkedSessionAttributes;
    /** The values put into a map made here, by the map's value number (an LDAP bind's environment). */
    private final java.util.Map<Integer, List<ValueNumber>> mapTexts = new java.util.HashMap<>();
    /** Objects a check was called on (a stateful authenticator): not null after it. */
    private final Set<Integer> dereferenced = new HashSet<>();
    /** See {@link #comparesSecrets()}. */
    private boolean comparesSecrets;
    /** Values read from a request cookie (those marked secrets): a method returning one reads a cookie. */
    private final Set<Integer> cookieValues = new HashSet<>();
    /** A lookup by a submitted secret alone (no value read from the session) returned the user. */
    private boolean identifiesByRequest;
    private boolean changed;

    CredentialFlow(ClassContext classContext, Method method, ValueNumberDataflow vna, ConstantDataflow constants,
            LoginSummaries summaries) {
        this.classContext = classContext;
        this.method = method;
        this.cpg = classContext.getConstantPoolGen();
        this.vna = vna;
        this.constants = constants;
        this.summaries = summaries;
        this.calls = new CallSites(cpg, vna, constants);
    }

    /** Computes the sets over the whole method. */
    void compute(CFG cfg) throws DataflowAnalysisException {
        this.cfg = cfg;
        origins = ValueOrigins.of(cfg, vna, cpg);
        seedParameters();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            changed = false;
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                visit(it.next());
            }
            if (!secrets.isEmpty()) {
                // token = cookie.getValue() inside a loop over the cookies: the token after the loop is a merge of
                // that value and null; a secret on any path makes it one (a check handed it is a check).
                origins.forEachMerge((merge, inputs) -> {
                    if (inputs.stream().anyMatch(this::isSecret)) {
                        mark(secrets, merge);
                    }
                });
            }
            if (!identities.isEmpty()) {
                // user = phone == null ? null : gateway.verify(phone, code), found = ok ? lookUp(...) : Optional.empty():
                // where the paths meet, the checked user or nothing (its test then decides the branch, as for the
                // check's own result) is that user.
                origins.forEachMerge((merge, inputs) -> {
                    if (inputs.stream().anyMatch(this::isIdentity)
                            && inputs.stream().allMatch(input -> isIdentity(input) || isNothing(input))) {
                        mark(identities, merge);
                    }
                });
            }
            if (!changed) {
                return;
            }
        }
    }

    CallAt callAt(InvokeInstruction invoke, Location location) throws DataflowAnalysisException {
        return calls.at(invoke, location);
    }

    ValueOrigins origins() {
        return origins;
    }

    boolean checksCredentials() {
        return checksCredentials;
    }

    /**
     * The user came from a lookup by what the request submitted (a reset link's token), not from a re-check of
     * the user already logged in: even code that resets a password then logs someone in.
     */
    boolean identifiesByRequest() {
        return identifiesByRequest;
    }

    /** The session attributes a credential check here was handed the values of (see the field). */
    Set<String> checkedSessionAttributes() {
        return checkedSessionAttributes;
    }

    /**
     * Session attributes whose values a call here was handed together with the user (or the name) a credential check
     * established: {@code accounts.linkSsoSubject(employeeNo, pending.issuer(), pending.subject())} after the password of
     * {@code employeeNo} was checked. The value read back is what the check joins to the user, a pending identity of an
     * earlier step (an SSO identity waiting to be linked), as a value handed to the check itself is. Computed once, after
     * {@link #compute}, on the first request.
     */
    Set<String> linkedSessionAttributes() throws DataflowAnalysisException {
        if (linkedSessionAttributes == null) {
            Set<String> linked = new java.util.TreeSet<>();
            if (checksCredentials && !(identities.isEmpty() && checkedNames.isEmpty())) {
                for (Iterator<Location> it = cfg.locationIterator(); it.hasNext();) {
                    Location location = it.next();
                    if (location.getHandle().getInstruction() instanceof InvokeInstruction) {
                        CallAt call = calls.at((InvokeInstruction) location.getHandle().getInstruction(), location);
                        if (call != null && call.argumentCount() >= 2) {
                            noteLinkedSessionInputs(call, linked);
                        }
                    }
                }
            }
            linkedSessionAttributes = linked;
        }
        return linkedSessionAttributes;
    }

    /** Adds the attributes read back behind one argument of the call when another carries the checked user. */
    private void noteLinkedSessionInputs(CallAt call, Set<String> linked) throws DataflowAnalysisException {
        Set<String> read = new java.util.TreeSet<>();
        List<Integer> readAt = new java.util.ArrayList<>();
        for (int i = 0; i < call.argumentCount(); i++) {
            for (ValueNumber sessionRead : sessionReadsBehind(List.of(call.argument(i)))) {
                String name = attributeRead(sessionRead);
                if (name != null && read.add(name)) {
                    readAt.add(i);
                }
            }
        }
        if (read.isEmpty()) {
            return;
        }
        for (int i = 0; i < call.argumentCount(); i++) {
            ValueNumber argument = call.argument(i);
            // The checked user, or its name, as an argument that is no session value itself (the logged-in user's).
            if (!readAt.contains(i) && (isIdentity(argument) || isCheckedName(argument)) && !isSessionDerived(argument)) {
                linked.addAll(read);
                return;
            }
        }
    }

    private boolean isConfiguredSecret(ValueNumber value) {
        return value != null && configuredSecrets.contains(value.getNumber());
    }

    boolean isSecret(ValueNumber value) {
        return value != null && secrets.contains(value.getNumber());
    }

    /** A submitted secret was compared with a stored one here (not only looked up). */
    boolean comparesSecrets() {
        return comparesSecrets;
    }

    /** The value is a request cookie's value, read here. */
    boolean isCookieValue(ValueNumber value) {
        return value != null && cookieValues.contains(value.getNumber());
    }

    /** The value is (or was read from) the identity a credential check established. */
    boolean isIdentity(ValueNumber value) {
        return value != null && identities.contains(value.getNumber());
    }

    /** A name a credential check was asked about ({@code dao.validate(name, password)}). */
    boolean isCheckedName(ValueNumber value) {
        return value != null && checkedNames.contains(value.getNumber());
    }

    /** {@code Boolean.TRUE}, {@code "true"}, {@code Boolean.valueOf(true)}: a logged-in marker. */
    boolean isTrueMarker(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null) {
            return false;
        }
        Instruction instruction = producer.getHandle().getInstruction();
        if (instruction instanceof GETSTATIC) {
            GETSTATIC field = (GETSTATIC) instruction;
            return "java.lang.Boolean".equals(field.getClassName(cpg)) && "TRUE".equals(field.getFieldName(cpg));
        }
        if (instruction instanceof LDC) {
            Object constant = ((LDC) instruction).getValue(cpg);
            return constant instanceof String
                    && LoginCatalogue.TRUE_MARKERS.contains(((String) constant).toLowerCase(java.util.Locale.ROOT));
        }
        if (instruction instanceof INVOKESTATIC) {
            INVOKESTATIC call = (INVOKESTATIC) instruction;
            if ("java.lang.Boolean".equals(call.getClassName(cpg)) && "valueOf".equals(call.getMethodName(cpg))
                    && "(Z)Ljava/lang/Boolean;".equals(call.getSignature(cpg))) {
                ConstantFrame frame = constants.getFactAtLocation(producer);
                if (frame.isValid() && frame.getStackDepth() > 0) {
                    Constant argument = frame.getTopValue();
                    return argument.isConstantInteger() && argument.getConstantInt() == 1;
                }
            }
        }
        return false;
    }

    /** The call at this position checked a credential and the path after it has passed the check. */
    boolean isVerifyingCall(int pc) {
        return verifyingCalls.contains(pc);
    }

    /**
     * What following this edge says about a credential check: TRUE on its success branch, FALSE on its
     * failure branch, null when the edge does not leave a test of a check.
     */
    Boolean checkOutcome(Edge edge) throws DataflowAnalysisException {
        if (checkResults.isEmpty() && identities.isEmpty()) {
            return null;
        }
        BasicBlock source = edge.getSource();
        InstructionHandle last = source.getLastInstruction();
        if (last == null) {
            return null;
        }
        short opcode = last.getInstruction().getOpcode();
        boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
        if (!taken && edge.getType() != EdgeTypes.FALL_THROUGH_EDGE) {
            return null;
        }
        if (opcode != Const.IFNULL && opcode != Const.IFNONNULL && opcode != Const.IFEQ && opcode != Const.IFNE) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(new Location(last, source));
        if (!frame.isValid() || frame.getStackDepth() == 0) {
            return null;
        }
        int tested = frame.getTopValue().getNumber();
        if (opcode == Const.IFNULL || opcode == Const.IFNONNULL) {
            if (!identities.contains(tested) || dereferenced.contains(tested) || isMadeHere(frame.getTopValue())) {
                // An object made here, or one a check was called on, is not null: its test (a finally's
                // if (ctx != null) ctx.close(), try-with-resources' close) decides nothing.
                return null;
            }
            boolean nonNull = (opcode == Const.IFNONNULL) == taken;
            return nonNull;
        }
        Boolean trueMeansSuccess = checkResults.get(tested);
        if (trueMeansSuccess == null) {
            return null;
        }
        boolean isTrue = (opcode == Const.IFNE) == taken;
        return isTrue == trueMeansSuccess;
    }

    private void seedParameters() {
        XMethod xMethod = XFactory.createXMethod(classContext.getJavaClass(), method);
        LocalVariableTable names = method.getLocalVariableTable();
        Type[] types = method.getArgumentTypes();
        int slot = method.isStatic() ? 0 : 1;
        for (int i = 0; i < types.length; i++) {
            boolean secret = false;
            if (names != null) {
                LocalVariable variable = names.getLocalVariable(slot, 0);
                secret = variable != null && (isSecretName(variable.getName())
                        || Type.STRING.equals(types[i]) && LoginCatalogue.namesCookieValue(variable.getName())
                                && namesSecretCookie());
            }
            Collection<AnnotationValue> annotations = xMethod.getParameterAnnotations(i);
            for (AnnotationValue annotation : annotations) {
                secret |= isSecretName(String.valueOf(annotation.getValue("value")))
                        || isSecretName(String.valueOf(annotation.getValue("name")));
            }
            if (!secret && types[i] instanceof ObjectType) {
                // A fact of the type, not of the method: read once per type for this analysis.
                secret = summaries.isSecretCarrier(((ObjectType) types[i]).getClassName());
            }
            if (secret) {
                secrets.add(vna.getAnalysis().getEntryValueForParameter(i).getNumber());
            }
            if (isTextual(types[i]) || types[i] instanceof ObjectType && !LoginCatalogue.isJdk(
                    ((ObjectType) types[i]).getClassName().replace('.', '/'))) {
                // A text or a form the caller hands in: what the request may have submitted.
                submitted.add(vna.getAnalysis().getEntryValueForParameter(i).getNumber());
            }
            slot += types[i].getSize();
        }
    }

    private boolean isSecretName(String name) {
        return summaries.isSecretName(name)
                && (!LoginCatalogue.isAmbiguousSecretName(name) || authorizationCodeClient());
    }

    /** A form or request object of the application that carries a secret field, and is no persistent entity. */
    static boolean isSecretCarrierType(String dottedName) {
        if (dottedName.startsWith("java.")) {
            return false;
        }
        // Asked quietly, with the analysis' one answer to "is this the application's?" (see AttributeNames).
        if (!QuietClasspath.isApplicationClass(dottedName.replace('.', '/'))) {
            return false;
        }
        ClassDescriptor descriptor = DescriptorFactory.createClassDescriptorFromDottedClassName(dottedName);
        XClass xClass;
        try {
            xClass = Global.getAnalysisCache().getClassAnalysis(XClass.class, descriptor);
        } catch (CheckedAnalysisException e) {
            // An application class that cannot be read carries nothing we know of (counted if missing, else reported).
            LookupFailures.failed(e, "the annotations of " + dottedName);
            return false;
        }
        for (AnnotationValue annotation : xClass.getAnnotations()) {
            String type = annotation.getAnnotationClass().getSimpleName();
            if (ENTITY_ANNOTATIONS.contains(type)) {
                return false;
            }
        }
        for (XField field : xClass.getXFields()) {
            if (!field.isStatic() && LoginCatalogue.isSecretName(field.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code salt + password} compiled for Java 9 and later ({@code StringConcatFactory}): a string built from
     * a secret is the secret in another form, as it is when a {@code StringBuilder} builds it.
     */
    private void concatenation(INVOKEDYNAMIC call, Location location) throws DataflowAnalysisException {
        String name = call.getMethodName(cpg);
        if (!name.equals("makeConcatWithConstants") && !name.equals("makeConcat")) {
            return;
        }
        int operands = call.getArgumentTypes(cpg).length;
        ValueNumberFrame before = vna.getFactAtLocation(location);
        if (!before.isValid() || before.getStackDepth() < operands) {
            return;
        }
        for (int i = 0; i < operands; i++) {
            if (submitted.contains(before.getStackValue(i).getNumber())) {
                markProduced(submitted, location);
            }
        }
        for (int i = 0; i < operands; i++) {
            if (isSecret(before.getStackValue(i))) {
                markProduced(secrets, location);
                return;
            }
        }
        if (isIdentityText(call, before, operands)) {
            markProduced(identities, location);
        }
    }

    /** Constant text of a name for a user: letters, digits and the separators of keys and DNs, no blank. */
    private static final java.util.regex.Pattern NAME_TEXT = java.util.regex.Pattern.compile("[\\p{L}\\p{N}=,:;._@/|#+-]*");

    /**
     * An identity joined only with constant texts that have no blank and no markup ({@code "uid=" + uid +
     * ",ou=people"}, {@code "member:" + id}): a name for the same user. Not a sentence ({@code "Welcome, " + name},
     * {@code "<b>" + name + "</b>"}), nor a text read from a field (a message bundle's).
     */
    private boolean isIdentityText(INVOKEDYNAMIC call, ValueNumberFrame before, int operands)
            throws DataflowAnalysisException {
        boolean identity = false;
        for (int i = 0; i < operands; i++) {
            ValueNumber operand = before.getStackValue(i);
            if (isIdentity(operand)) {
                identity = true;
                continue;
            }
            String constant = origins.stringLiteral(operand);
            if (constant == null || !NAME_TEXT.matcher(constant).matches()) {
                return false;
            }
        }
        if (!identity) {
            return false;
        }
        for (org.apache.bcel.classfile.Constant argument : io.github.sessionguard.flow.BootstrapArguments.of(
                classContext.getJavaClass(),
                (org.apache.bcel.classfile.ConstantInvokeDynamic) cpg.getConstant(call.getIndex()))) {
            if (argument instanceof org.apache.bcel.classfile.ConstantString && !NAME_TEXT.matcher(
                    ((org.apache.bcel.classfile.ConstantString) argument).getBytes(cpg.getConstantPool())
                            .replace("\u0001", "").replace("\u0002", "")).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A value the request sent under this name (null when unknown): what it submitted, a secret by its name, or
     * another request value.
     */
    private void requestValueRead(ValueNumber value, String read) {
        mark(submitted, value);
        if (isSecretName(read)) {
            mark(secrets, value);
        } else if (read != null && !LoginCatalogue.isNotSecretName(read)) {
            mark(requestValues, value);
        }
    }

    /** Marks the value the instruction at {@code location} leaves on top of the stack. */
    private void markProduced(Set<Integer> marked, Location location) throws DataflowAnalysisException {
        ValueNumberFrame after = vna.getFactAfterLocation(location);
        if (after.isValid() && after.getStackDepth() > 0) {
            mark(marked, after.getTopValue());
        }
    }

    private void visit(Location location) throws DataflowAnalysisException {
        Instruction instruction = location.getHandle().getInstruction();
        if (instruction instanceof GETFIELD) {
            GETFIELD field = (GETFIELD) instruction;
            String name = field.getFieldName(cpg);
            ValueNumberFrame before = vna.getFactAtLocation(location);
            ValueNumber object = before.isValid() && before.getStackDepth() > 0 ? before.getTopValue() : null;
            // A field of the checked record, as for its getters: login.accountId is the identity, login.tokenHash
            // the stored side of the check (not a submitted secret). A map or collection of secrets (secrets,
            // passwords by name) is the store a check reads its stored side from (secret.equals(secrets.get(name))),
            // not a secret itself.
            boolean secretName = isSecretName(name) && !LoginCatalogue.isContainerType(field.getSignature(cpg));
            if (isIdentity(object) && LoginCatalogue.isIdentityGetter(name)) {
                markProduced(identities, location);
            } else if (secretName && isSharedHandlerField(object)) {
                markProduced(configuredSecrets, location);
            } else if (secretName && !(isIdentity(object) && !isSecret(object))) {
                markProduced(secrets, location);
            }
            if (object != null && (submitted.contains(object.getNumber()) || !method.isStatic()
                    && object.equals(vna.getAnalysis().getThisValue()) && isTextual(field.getType(cpg)))) {
                // form.senha, or a backing bean's own text field (JSF binds the form to it): submitted.
                markProduced(submitted, location);
            }
            return;
        }
        if (instruction instanceof AALOAD) {
            // parts[1] of cookie.getValue().split(":"): an element of a secret is the secret.
            ValueNumberFrame before = vna.getFactAtLocation(location);
            if (before.isValid() && before.getStackDepth() >= 2 && isSecret(before.getStackValue(1))) {
                markProduced(secrets, location);
            }
            // request.getParameterMap().get("password")[0]: the value the request sent under that name.
            String parameter = before.isValid() && before.getStackDepth() >= 2
                    ? parameterValues.get(before.getStackValue(1).getNumber()) : null;
            ValueNumberFrame after = parameter == null ? null : vna.getFactAfterLocation(location);
            if (after != null && after.isValid() && after.getStackDepth() > 0) {
                requestValueRead(after.getTopValue(), parameter);
            }
            return;
        }
        if (instruction instanceof PUTFIELD) {
            // this.account = checkedAccount; holder.user = user: the holder now carries the identity.
            ValueNumberFrame before = vna.getFactAtLocation(location);
            if (before.isValid() && before.getStackDepth() >= 2 && isIdentity(before.getStackValue(0))
                    && isHolder(before.getStackValue(1))) {
                mark(identities, before.getStackValue(1));
            }
            // owner.passwordHash = encoder.encode(form.password) on an object made here: like a constructor
            // given the secret, the new member carries it (saving it is registration's lookup).
            if (before.isValid() && before.getStackDepth() >= 2 && isSecret(before.getStackValue(0))
                    && isMadeHere(before.getStackValue(1))) {
                mark(secrets, before.getStackValue(1));
            }
            return;
        }
        if (instruction instanceof INVOKEDYNAMIC) {
            concatenation((INVOKEDYNAMIC) instruction, location);
            return;
        }
        if (!(instruction instanceof InvokeInstruction)) {
            return;
        }
        CallAt call = calls.at((InvokeInstruction) instruction, location);
        if (call == null) {
            return;
        }
        Type returnType = returnTypes.get(location.getHandle().getPosition());
        if (returnType == null) {
            // Parsed once per call, not at every pass.
            returnType = Type.getReturnType(call.descriptor());
            returnTypes.put(location.getHandle().getPosition(), returnType);
        }
        ValueNumber result = null;
        if (returnType != Type.VOID) {
            ValueNumberFrame after = vna.getFactAfterLocation(location);
            if (after.isValid() && after.getStackDepth() > 0) {
                result = after.getTopValue();
            }
        }
        visitCall(call, location, returnType, result);
    }

    private void visitCall(CallAt call, Location location, Type returnType, ValueNumber result)
            throws DataflowAnalysisException {
        String owner = call.owner();
        String name = call.name();
        String descriptor = call.descriptor();
        int pc = location.getHandle().getPosition();
        boolean constructor = "<init>".equals(name);
        ValueNumber receiver = call.hasReceiver() ? call.receiver() : null;
        boolean secretArgument = false;
        boolean identityArgument = false;
        for (int i = 0; i < call.argumentCount(); i++) {
            secretArgument |= isSecret(call.argument(i));
            identityArgument |= isIdentity(call.argument(i));
        }

        if (result != null && isTextual(returnType) && inputIn(submitted, call, receiver)) {
            // senha.getBytes(), salt + senha, form.getSenha(): still what the request submitted.
            mark(submitted, result);
        }
        if (result != null && (isTextual(returnType) || returnType instanceof ObjectType)
                && (LoginCatalogue.any(LoginCatalogue.ONE_WAY_HASHES, owner, name, descriptor)
                        && (inputIn(submitted, call, receiver) || inputIn(hashed, call, receiver))
                        || LoginCatalogue.isJdk(owner) && isTextual(returnType) && inputIn(hashed, call, receiver))) {
            // sha512Hex(salt + senha), then its hex or Base64 text: hashed, whatever its input was called.
            mark(hashed, result);
        }
        if (result != null && identityArgument && call.argumentCount() == 1 && LoginCatalogue.SERIALIZING_CALLS.contains(name)) {
            // GSON.toJson(user): the user as text.
            mark(identities, result);
            return;
        }
        if (LoginCatalogue.any(LoginCatalogue.AUTHENTICATED_TOKENS, owner, name, descriptor)
                && (!readsLoggedInUser() && !madeFromCurrentAuthentication(call) || switchesToAnotherUser(call))) {
            // UsernamePasswordAuthenticationToken.authenticated(identity.memberNumber(), null, roles): the application
            // vouches for the principal (after a check of its own: an SSO code redeemed, a certificate accepted, a
            // trusted proxy's header), so the token is the checked user and the method checked a credential. Not a
            // token made from the authentication the request has already (a profile change rebuilding that user's
            // authentication from current.getPrincipal()); a mere test of it (getAuthentication() == null, so nobody
            // is signed in yet) is the guard of a login, not a rebuild.
            checksCredentials = true;
            if (verifyingCalls.add(pc)) {
                changed = true;
            }
            mark(identities, constructor ? receiver : result);
            return;
        }
        if (result != null && LoginCatalogue.any(LoginCatalogue.CLIENT_CERTIFICATE_READS, owner, name, descriptor)
                && isClientCertificateAttribute(call.stringArgument(0))) {
            // (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate"): the chain the TLS
            // handshake verified, a credential; looking its subject up answers who logs in.
            mark(secrets, result);
            return;
        }
        if (result != null && receiver != null && isSecret(receiver)
                && LoginCatalogue.CERTIFICATE_TYPES.stream().anyMatch(owner::startsWith)) {
            // leaf.getSubjectX500Principal().getName(): what the presented certificate says, with its proof.
            mark(secrets, result);
            return;
        }
        if (LoginCatalogue.any(LoginCatalogue.REQUEST_VALUE_READS, owner, name, descriptor)) {
            requestValueRead(result, call.stringArgument(0));
            return;
        }
        if (result != null && LoginCatalogue.any(LoginCatalogue.REQUEST_PARAMETER_MAPS, owner, name, descriptor)) {
            mark(parameterMaps, result);
            return;
        }
        if (receiver != null && result != null && parameterMaps.contains(receiver.getNumber())
                && LoginCatalogue.PARAMETER_MAP_READS.contains(name) && call.stringArgument(0) != null) {
            // exchange.getQueryParameters().get("ticket"): the parameter's values; a multi-valued map's getFirst the
            // value itself.
            if ("getFirst".equals(name)) {
                requestValueRead(result, call.stringArgument(0));
            } else if (!parameterValues.containsKey(result.getNumber())) {
                parameterValues.put(result.getNumber(), call.stringArgument(0));
                changed = true;
            }
            return;
        }
        if (receiver != null && result != null && parameterValues.containsKey(receiver.getNumber())
                && LoginCatalogue.isJdk(owner) && LoginCatalogue.VALUE_ELEMENT_READS.contains(name)) {
            // ticket.peekFirst(), values.get(0): the value the request sent under that name.
            requestValueRead(result, parameterValues.get(receiver.getNumber()));
            return;
        }
        if (receiver != null && result != null && isKeyedRead(call, name, returnType) && isParameter(receiver)
                && isSecretName(call.stringArgument(0))) {
            // body.get("password"), json.getString("password"), form.getFirst("password"): a secret read by
            // its key out of what the handler was handed (a @RequestBody map, a JSON object, a form).
            mark(secrets, result);
            return;
        }
        if (LoginCatalogue.any(LoginCatalogue.COOKIE_VALUE_READS, owner, name, descriptor)) {
            if (namesSecretCookie()) {
                mark(secrets, result);
                mark(cookieValues, result);
            }
            return;
        }
        if (constructor && secretArgument && LoginCatalogue.LDAP_BINDS.matches(owner, name, descriptor)) {
            checked(call, pc, Type.VOID, null);
            // The principal the bind proved (env.put(Context.SECURITY_PRINCIPAL, "uid=" + uid + ",ou=people")):
            // the texts put into the environment, and what they were made of, are the name the check was asked about.
            for (ValueNumber argument : call.consumedValues()) {
                for (ValueNumber text : mapTexts.getOrDefault(argument == null ? -1 : argument.getNumber(), List.of())) {
                    if (origins.producer(text) != null && origins.producer(text).getHandle().getInstruction() instanceof LDC) {
                        continue; // the environment's settings (Context.SECURITY_AUTHENTICATION, "simple")
                    }
                    mark(checkedNames, text);
                    for (ValueNumber part : origins.inputsOf(text)) {
                        mark(checkedNames, part);
                    }
                }
            }
            return;
        }
        if (receiver != null && LoginCatalogue.isJdk(owner) && LoginCatalogue.MAP_PUTS.contains(name)
                && isMadeHere(receiver) && call.argumentCount() == 2) {
            if (isSubmittedSecret(call.argument(1))) {
                // env.put(Context.SECURITY_CREDENTIALS, password): the environment made here carries the password.
                mark(secrets, receiver);
            } else if ("(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;".equals(descriptor)
                    && call.argument(1) != null) {
                List<ValueNumber> texts = mapTexts.computeIfAbsent(receiver.getNumber(), k -> new java.util.ArrayList<>());
                if (!texts.contains(call.argument(1))) {
                    texts.add(call.argument(1));
                }
            }
        }
        if (constructor) {
            // A token or form built from a secret carries it; a DTO built from the checked user is the user,
            // and one built from the name a check was asked about is that name (new VetProfile(uid)).
            if (secretArgument) {
                mark(secrets, receiver);
            }
            if (identityArgument) {
                mark(identities, receiver);
            }
            for (int i = 0; i < call.argumentCount(); i++) {
                if (isCheckedName(call.argument(i))) {
                    mark(checkedNames, receiver);
                }
            }
            return;
        }
        if (receiver == null && result != null && identityArgument && !LoginCatalogue.isJdk(owner)
                && returnType instanceof ObjectType && ((ObjectType) returnType).getClassName().replace('.', '/').equals(owner)) {
            // LoginMember.of(member), UserDto.from(user): an application type's static factory given the checked user
            // builds that type from it, as its constructor would.
            mark(identities, result);
            return;
        }
        if (receiver != null && identityArgument && isHolder(receiver) && (returnType == Type.VOID && name.startsWith("set")
                && !LoginCatalogue.isJdk(owner) || LoginCatalogue.isMapWrite(owner, name))) {
            // userSession.setUserId(user.getId()), info.put("memberId", member.id) on an object or map made here: the
            // holder carries the identity, like a DTO constructed from the user.
            mark(identities, receiver);
        }
        if (receiver != null && !identityArgument && isHolder(receiver) && LoginCatalogue.isJdk(owner)
                && LoginCatalogue.isMapWrite(owner, name) && call.argumentCount() == 2 && isCheckedName(call.argument(1))
                && !isSessionDerived(call.argument(1))) {
            // identity.put("name", form.user) on a map made here: like a DTO constructed from the name a check was
            // asked about, the map is that name (a login where the check passed).
            mark(checkedNames, receiver);
        }
        // form.getPassword(), token.accessToken(): a secret read from what carries one (a stored user's
        // getPasswordHash() is the other side of a check, not a submitted secret).
        if (receiver != null && call.argumentCount() == 0 && result != null
                && (!isIdentity(receiver) || isSecret(receiver)) && !LoginCatalogue.isJdk(owner) && isSecretName(name)) {
            mark(secrets, result);
            return;
        }
        if (LoginCatalogue.any(LoginCatalogue.SECRET_COMPARISONS, owner, name, descriptor)) {
            compareSecret(call, result);
            return;
        }
        if (LoginCatalogue.isHttpClientCall(owner, name) && (secretArgument || (receiver != null && isSecret(receiver)))
                && authorizationCodeClient()) {
            if (result == null) {
                // form.add("code", code) on a MultiValueMap: the form now carries the code.
                if (receiver != null && secretArgument) {
                    mark(secrets, receiver);
                }
            } else if (LoginCatalogue.isHttpExchange(owner, name) && !readsLoggedInUser()) {
                // http.send(a request carrying the authorization code), rest.postForObject(url, form, ...): the
                // provider's answer to the code is the proof of the login, as a client's exchangeCode(code) is.
                lookUp(call, pc, name, returnType, result);
            } else {
                // The request being built from the code (its form, body publisher, builder) carries the code.
                mark(secrets, result);
            }
            return;
        }
        if (receiver != null && secretArgument && LoginCatalogue.isMapWrite(owner, name) && isUserStoreField(receiver)) {
            // accounts.put(name, new Account(name, encoder.encode(password))) at sign-up: the account made here
            // with the (hashed) password joins the users the class keeps, and it is the user the request now has.
            savesAccount(call, pc);
            return;
        }
        if (receiver != null && secretArgument && result != null && LoginCatalogue.isMapRead(owner, name)
                && isUserStoreField(receiver)) {
            // tokenHashToUser.get(sha256(token)): a store of users the class keeps in a field, read by a secret,
            // answers who the user is (a map made in the method holds nothing yet).
            lookUp(call, pc, name, returnType, result);
            return;
        }
        if (receiver != null && result != null && call.argumentCount() == 1
                && LoginCatalogue.isMapTake(owner, name, descriptor) && isRedeemableKey(call.argument(0))
                && isRecordStoreField(receiver)) {
            // pending.remove(code) on the records the class keeps by one-time key: the text the caller was handed is
            // checked against what is stored, and consumed; the record taken out is whom the key was issued to.
            lookUp(call, pc, name, returnType, result);
            return;
        }
        if (receiver != null && result != null && call.argumentCount() == 1
                && LoginCatalogue.isPredicateFilter(owner, name) && lambdaChecksCredentials(call.argument(0))) {
            // found.filter(m -> encoder.matches(password, m.getPassword())): the check runs in the lambda, and what
            // passes it is the checked user.
            checked(call, pc, returnType, result);
            return;
        }
        if (result != null && carriesIdentity(call, owner, name, receiver, identityArgument)) {
            // verify(badge, pin).thenApply(...), authenticate(...).zipWith(exchange.getSession()), pair.getT1():
            // the checked user, still carried (later, or maybe) by what an asynchronous login chains on it.
            mark(identities, result);
            return;
        }
        LoginSummary callee = LoginCatalogue.isJdk(owner) ? null : summaries.of(owner, name, descriptor);
        // Passwords.hash(password) over a PBKDF2 helper: a helper named for hashing or encoding the secret answers the
        // secret in another form, whatever its body hands the secret to (a key derivation read as a lookup); it
        // checks nothing, and what it answers may be stored as a new password.
        if (LoginCatalogue.isCredentialCheck(owner, name, descriptor, summaries.settings())
                || (callee != null && callee.checksCredentials() && !LoginCatalogue.managesPasswords(name)
                        && !(LoginCatalogue.namesSecretTransform(name) && isTextual(returnType)))) {
            checked(call, pc, returnType, result);
            return;
        }
        if (callee != null && callee.returnsIdentity()) {
            mark(identities, result);
        }
        if (callee != null && callee.returnsSecret()) {
            mark(secrets, result);
        }
        if (callee != null && callee.returnsHashed() && inputIn(submitted, call, null)) {
            // resumo(usuario.getSal() + senha): a helper's hash of what this request submitted.
            mark(hashed, result);
        }
        // form.setPassword(request.getParameter("password")): the form (a DTO, not a stored entity) now carries
        // the secret, and handing it to a lookup (mapper.login(form)) is a credential check.
        if (receiver != null && secretArgument && call.argumentCount() == 1 && returnType == Type.VOID
                && name.startsWith("set") && isSecretName(name.substring(3)) && !LoginCatalogue.isJdk(owner)
                && !isEntity(owner)) {
            mark(secrets, receiver);
            return;
        }
        if (!secretArgument && result != null && returnType instanceof ObjectType && hasRequestValue(call)
                && !LoginCatalogue.isJdk(owner) && LoginCatalogue.mayLookUpUser(owner, name)
                && LoginCatalogue.namesVerification(name) && CheckAnswers.answersUser(call, (ObjectType) returnType, summaries)) {
            // sso.loginCheck(request.getParameter("sso_sessionid")) returning an SsoUser: what the request
            // handed in is verified and a user comes back, whatever the request value is called. The user may
            // come in an Optional, and its type is a user's by name or by the application's own password check
            // (registry.verifyBrokerAssertion(assertion) answering the Adjuster that verifyPassword answers).
            lookUp(call, pc, name, returnType, result);
            return;
        }
        // new Criteria().eq("password", md5(pwd)), LoginQuery.builder().password(pwd): a query or request
        // builder (a non-JDK call returning its own type) now carries the secret, like a DTO given it by a
        // setter; what the builder builds carries it too. Handing either to a lookup is a credential check.
        if (result != null && !LoginCatalogue.isJdk(owner) && !isEntity(owner)
                && ((secretArgument && fluent(owner, returnType))
                        || (receiver != null && isSecret(receiver) && call.argumentCount() == 0 && name.equals("build")))) {
            mark(secrets, result);
            return;
        }
        // Only a secret handed in as an argument is checked: calls on a submitted form (form.getUsername())
        // read what the user typed, they verify nothing.
        if (secretArgument && !LoginCatalogue.isJdk(owner) && !fluent(owner, returnType)) {
            if (LoginCatalogue.mayLookUpUser(owner, name) || setsPasswordOfRequestedAccount(call, returnType)) {
                lookUp(call, pc, name, returnType, result);
            } else if (isTextual(returnType)) {
                mark(secrets, result);
            }
            return;
        }
        boolean checkedNameArgument = false;
        boolean sessionArgument = false;
        for (int i = 0; i < call.argumentCount(); i++) {
            checkedNameArgument |= isCheckedName(call.argument(i));
            sessionArgument |= checkedNameArgument && isSessionDerived(call.argument(i));
        }
        if ((identityArgument || checkedNameArgument && !sessionArgument) && !secretArgument && result != null
                && returnType instanceof ObjectType
                && !LoginCatalogue.isJdk(owner) && !fluent(owner, returnType) && LoginCatalogue.mayLookUpUser(owner, name)
                && CheckAnswers.returnsUser(call, (ObjectType) returnType)) {
            // members.findById(link.memberId()): the user a lookup keyed by the checked identity returns is that
            // user (a magic link or reset token checked first, the member loaded by the id it names), and so is
            // the one a lookup by the name a check was asked about returns (directory.lookupAccount(uid) after
            // directory.bind("uid=" + uid + ...)). What else it returns (cartService.load(user)) is not.
            mark(identities, result);
            return;
        }
        if (receiver != null && result != null && call.argumentCount() == 1
                && (LoginCatalogue.OPTIONAL_TYPE.equals(owner) || LoginCatalogue.STREAM_TYPE.equals(owner))
                && LoginCatalogue.OPTIONAL_MAPS.contains(name) && namesSecretCookie() && mapsToCookieValue(call.argument(0))) {
            // Arrays.stream(cookies).filter(...).map(Cookie::getValue): the values of the cookies, in a class that names
            // a secret-bearing cookie, are secrets as each cookie.getValue() is.
            mark(secrets, result);
            return;
        }
        if (receiver != null && isIdentity(receiver) && result != null && call.argumentCount() == 1
                && LoginCatalogue.OPTIONAL_TYPE.equals(owner) && LoginCatalogue.OPTIONAL_MAPS.contains(name)
                && mapsToIdentity(call.argument(0))) {
            // found.map(Member::getId): the identity getter applied inside the Optional.
            mark(identities, result);
            return;
        }
        if (receiver != null && result != null && requestValues.contains(receiver.getNumber())
                && LoginCatalogue.OPTIONAL_TYPE.equals(owner) && LoginCatalogue.OPTIONAL_UNWRAPS.contains(name)) {
            // request.queryParam("assertion").orElse(""): WebFlux.fn hands a request value in an Optional.
            mark(requestValues, result);
        }
        if (receiver != null && result != null && isIdentity(receiver)
                && LoginCatalogue.LIST_ELEMENT_READ.matches(owner, name, descriptor)) {
            // admins.get(0) again, after the password of admins.get(0) was checked: the same checked user.
            Constant index = call.constantArgument(0);
            if (index.isConstantInteger() && index.getConstantInt() == 0) {
                mark(identities, result);
            }
            return;
        }
        if (receiver != null && result != null && (isIdentity(receiver) || isSecret(receiver))
                && (LoginCatalogue.OPTIONAL_TYPE.equals(owner) && LoginCatalogue.OPTIONAL_UNWRAPS.contains(name)
                        || LoginCatalogue.STREAM_TYPE.equals(owner) && LoginCatalogue.STREAM_PICKS.contains(name))) {
            // Every found.get() is a call of its own (its own value number): each one is the checked user (and
            // the token a lookup by a token returned carries that secret too); the secret a stream or an Optional of
            // secrets holds (findFirst(), orElse(null)) is that secret.
            if (isIdentity(receiver)) {
                mark(identities, result);
            }
            if (isSecret(receiver)) {
                mark(secrets, result);
            }
            return;
        }
        if (LoginCatalogue.isJdk(owner) && result != null
                && (isTextual(returnType) || LoginCatalogue.TEXT_READERS.contains(returnType.getSignature()))
                && (secretArgument || (receiver != null && isSecret(receiver)))) {
            // name.substring(3), SERIAL.matcher(subjectDn) and then its group(1): still the secret, or a part of it.
            mark(secrets, result);
            return;
        }
        if (receiver != null && isIdentity(receiver) && result != null && returnType == Type.BOOLEAN
                && call.argumentCount() == 0) {
            // optional.isPresent(), authentication.isAuthenticated(): true is success; isEmpty() the reverse.
            // Other flags of the user say nothing of the check, and either way round (isEnabled, link.used(),
            // isExpired): no side is taken for them.
            if (LoginCatalogue.CHECK_OUTCOME_FLAGS.containsKey(name)) {
                checkResults.putIfAbsent(result.getNumber(), LoginCatalogue.CHECK_OUTCOME_FLAGS.get(name));
            }
            return;
        }
        if (receiver != null && isIdentity(receiver) && result != null && LoginCatalogue.isIdentityGetter(name)) {
            mark(identities, result);
            return;
        }
        if (receiver != null && isIdentity(receiver) && result != null && LoginCatalogue.isRowColumnRead(owner, name, descriptor)
                && call.stringArgument(0) != null && LoginCatalogue.isIdentityColumn(call.stringArgument(0))) {
            // row.getLong("operator_id") of the checked row: that user's identity, as user.getId() is.
            mark(identities, result);
            return;
        }
        if (receiver == null && LoginCatalogue.isJdk(owner) && identityArgument && result != null) {
            // String.valueOf(user.getId()), Long.valueOf(id): the same identity in another type.
            mark(identities, result);
        }
    }

    /**
     * In an OAuth client, the text a check answered for the authorization code (an application {@code
     * exchangeCode(code)} that exchanges it over HTTP): the provider's token, proof of the login, unless the method
     * reads the logged-in user (connecting an account, see the lookup's rule).
     */
    private boolean isProviderToken(CallAt call, Type returnType) throws DataflowAnalysisException {
        if (!isTextual(returnType) || !authorizationCodeClient()) {
            return false;
        }
        for (int i = 0; i < call.argumentCount(); i++) {
            if (isSecret(call.argument(i))) {
                return !readsLoggedInUser();
            }
        }
        return false;
    }

    /**
     * A map the class keeps in a field whose values are no containers: a store of users by token
     * ({@code Map<String, String>}), not of session records ({@code Map<String, Map<String, Object>>}: what such a
     * map answers for an id is the session, not who the user is).
     */
    private boolean isUserStoreField(ValueNumber value) {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.FieldInstruction)
                || producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.PUTFIELD
                || producer.getHandle().getInstruction() instanceof org.apache.bcel.generic.PUTSTATIC) {
            return false;
        }
        edu.umd.cs.findbugs.ba.XField field = XFactory.createXField(
                (org.apache.bcel.generic.FieldInstruction) producer.getHandle().getInstruction(), cpg);
        // A raw map's values are unknown: then only the field's name tells.
        String values = io.github.sessionguard.flow.MapValueTypes.erasedValueType(field.getSourceSignature());
        if (values != null && LoginCatalogue.isContainerType(values)) {
            return false;
        }
        // Users by token: its values are users, or its name says so (tokenHashToUser); not a referrer's id by token.
        return LoginCatalogue.isUserType(field.getName()) || (values != null && values.startsWith("L")
                && LoginCatalogue.isUserType(values.substring(1, values.length() - 1).replace('/', '.')));
    }

    /** A text parameter of the method (what its caller hands in to redeem), not one named a nonce or state. */
    private boolean isRedeemableKey(ValueNumber value) {
        if (value == null || !isParameter(value)) {
            return false;
        }
        LocalVariableTable names = method.getLocalVariableTable();
        Type[] types = method.getArgumentTypes();
        int slot = method.isStatic() ? 0 : 1;
        for (int i = 0; i < types.length; i++) {
            if (vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                LocalVariable variable = names == null ? null : names.getLocalVariable(slot, 0);
                return Type.STRING.equals(types[i])
                        && (variable == null || !LoginCatalogue.isNotSecretName(variable.getName()));
            }
            slot += types[i].getSize();
        }
        return false;
    }

    /**
     * A map the class keeps in a field whose values are records of the application (an {@code Invite}, a code's
     * {@code Entry}): not a cache of texts or containers, whose entries name no one.
     */
    private boolean isRecordStoreField(ValueNumber value) {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof GETFIELD
                || producer.getHandle().getInstruction() instanceof GETSTATIC)) {
            return false;
        }
        XField field = XFactory.createXField((org.apache.bcel.generic.FieldInstruction) producer.getHandle().getInstruction(), cpg);
        String values = io.github.sessionguard.flow.MapValueTypes.erasedValueType(field.getSourceSignature());
        return values != null && values.startsWith("L") && !LoginCatalogue.isContainerType(values)
                && !LoginCatalogue.isJdk(values.substring(1)) && !values.startsWith("Ljavax/")
                && !values.startsWith("Ljakarta/");
    }

    /**
     * Does the call's result carry the checked user its receiver (or a zip's argument) carries: an operator of a
     * carrier that keeps the element ({@link AsyncCarriers#keepsElement}), a zip, a {@code map}/{@code flatMap}
     * with a method reference that wraps, unwraps or reads the identity ({@code Mono::justOrEmpty},
     * {@code Member::getId}), or a tuple's member of a zipped pair?
     */
    private boolean carriesIdentity(CallAt call, String owner, String name, ValueNumber receiver, boolean identityArgument)
            throws DataflowAnalysisException {
        if (receiver == null) {
            return false;
        }
        if (!isIdentity(receiver)) {
            return identityArgument && AsyncCarriers.zips(owner, name);
        }
        if (call.argumentCount() == 0 && AsyncCarriers.isTupleElementRead(name)) {
            return true;
        }
        return AsyncCarriers.keepsElement(owner, name) || AsyncCarriers.zips(owner, name)
                || AsyncCarriers.maps(owner, name) && call.argumentCount() == 1 && mapsWith(call.argument(0),
                        target -> AsyncCarriers.passesElement(target.owner(), target.name())
                                || !target.owner().startsWith("java/") && LoginCatalogue.isIdentityGetter(target.name()),
                        LoginCatalogue::isIdentityGetter);
    }

    /** A method reference to a cookie's {@code getValue}, or a lambda that is only that getter ({@code c -> c.getValue()}). */
    private boolean mapsToCookieValue(ValueNumber function) {
        return mapsWith(function,
                target -> LoginCatalogue.any(LoginCatalogue.COOKIE_VALUE_READS, target.owner(), target.name(), target.descriptor()),
                LoginCatalogue.COOKIE_VALUE_GETTER::equals);
    }

    /**
     * A method reference to an identity getter ({@code Member::getId}, {@code User::getUsername}), or a lambda
     * that is only that getter ({@code m -> m.getId()}).
     */
    private boolean mapsToIdentity(ValueNumber function) {
        return mapsWith(function, target -> !target.owner().startsWith("java/") && LoginCatalogue.isIdentityGetter(target.name()),
                LoginCatalogue::isIdentityGetter);
    }

    /**
     * Does the function made here read what the tests accept: a method reference the first accepts, or a lambda whose
     * whole body is one getter of its argument ({@link io.github.sessionguard.flow.LambdaGetters}) whose name the
     * second accepts?
     */
    private boolean mapsWith(ValueNumber function,
            java.util.function.Predicate<io.github.sessionguard.flow.MethodHandleTargets.Target> reference,
            java.util.function.Predicate<String> lambdaGetter) {
        for (io.github.sessionguard.flow.MethodHandleTargets.Target target : lambdaTargets(function)) {
            if (!target.name().startsWith("lambda$") && reference.test(target)) {
                return true;
            }
            String getter = io.github.sessionguard.flow.LambdaGetters.getterOf(classContext.getJavaClass(), target);
            if (getter != null && lambdaGetter.test(getter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A field of this servlet or filter, or of a Spring controller or service bean: one instance serves every
     * request, so what its fields hold is configuration (a console password read from an init parameter), the
     * stored side of a check, never what one request submitted (as an action's or a form bean's fields are, and a
     * bean's with a request or prototype scope).
     */
    private boolean isSharedHandlerField(ValueNumber object) {
        if (method.isStatic() || object == null || !object.equals(vna.getAnalysis().getThisValue())) {
            return false;
        }
        if (sharedHandler == null) {
            // A fact of the class, asked at every field read of every pass over the method: answered once.
            sharedHandler = isSharedHandler();
        }
        return sharedHandler;
    }

    private boolean isSharedHandler() {
        boolean stereotype = false;
        for (org.apache.bcel.classfile.AnnotationEntry annotation : classContext.getJavaClass().getAnnotationEntries()) {
            if (LoginCatalogue.NON_SINGLETON_SCOPES.contains(annotation.getAnnotationType()) && !isSingletonScope(annotation)) {
                // @Scope("prototype") on a Struts action, @RequestScope on a form bean: its fields are one request's.
                return false;
            }
            stereotype |= LoginCatalogue.SHARED_HANDLER_ANNOTATIONS.contains(annotation.getAnnotationType());
        }
        if (stereotype) {
            return true;
        }
        String self = classContext.getJavaClass().getClassName().replace('.', '/');
        return LoginCatalogue.SHARED_HANDLER_TYPES.stream()
                .anyMatch(type -> io.github.sessionguard.flow.TypeChecks.isKnownSubtype(self, type));
    }

    /** {@code @Scope("singleton")} (or {@code @Scope} with no value): still one instance. */
    private static boolean isSingletonScope(org.apache.bcel.classfile.AnnotationEntry annotation) {
        if (!annotation.getAnnotationType().endsWith("/Scope;")) {
            return false;
        }
        for (org.apache.bcel.classfile.ElementValuePair pair : annotation.getElementValuePairs()) {
            if (("value".equals(pair.getNameString()) || "scopeName".equals(pair.getNameString()))
                    && !pair.getValue().stringifyValue().isEmpty() && !"singleton".equals(pair.getValue().stringifyValue())) {
                return false;
            }
        }
        return true;
    }

    /** The methods a lambda or method reference made in this method runs; empty for any other value. */
    private java.util.List<io.github.sessionguard.flow.MethodHandleTargets.Target> lambdaTargets(ValueNumber function) {
        Location producer = origins.producer(function);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC)) {
            return java.util.List.of();
        }
        INVOKEDYNAMIC factory = (INVOKEDYNAMIC) producer.getHandle().getInstruction();
        return io.github.sessionguard.flow.MethodHandleTargets.of(classContext.getJavaClass(), cpg.getConstant(factory.getIndex()));
    }

    /** Is the value a lambda or method reference whose body checks a credential (a callee of this method)? */
    private boolean lambdaChecksCredentials(ValueNumber function) {
        for (io.github.sessionguard.flow.MethodHandleTargets.Target target : lambdaTargets(function)) {
            LoginSummary body = summaries.of(target.owner(), target.name(), target.descriptor());
            if (body != null && body.checksCredentials()) {
                return true;
            }
        }
        return false;
    }

    /** The constant name of the request attribute holding the TLS client's certificates (null: not a constant). */
    private static boolean isClientCertificateAttribute(String attribute) {
        return attribute != null && LoginCatalogue.CLIENT_CERTIFICATE_ATTRIBUTES.contains(attribute);
    }

    /** A persistent entity (JPA, Spring Data): what its setters receive is stored, not submitted. */
    private static boolean isEntity(String slashedOwner) {
        XClass xClass = io.github.sessionguard.flow.QuietClasspath.find(slashedOwner);
        if (xClass == null) {
            return false;
        }
        for (AnnotationValue annotation : xClass.getAnnotations()) {
            if (ENTITY_ANNOTATIONS.contains(annotation.getAnnotationClass().getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /** A credential check: what it returns is the identity (or the check's outcome); what it compared is the user. */
    private void checked(CallAt call, int pc, Type returnType, ValueNumber result)
            throws DataflowAnalysisException {
        checksCredentials = true;
        noteSessionInputs(call.consumedValues());
        if (returnType == Type.VOID && call.hasReceiver()
                && (isHolder(call.receiver()) || isObtainedHere(call.receiver()))) {
            // userContext.authenticate(name, password) on a context made or obtained here (contextFactory
            // .newUserContext()): a stateful authenticator that throws on failure now holds the user, whatever it
            // is stored as. Not a service held in a field: that one holds no user.
            mark(identities, call.receiver());
            mark(dereferenced, call.receiver());
        }
        if (returnType == Type.BOOLEAN) {
            if (result != null && !checkResults.containsKey(result.getNumber())) {
                checkResults.put(result.getNumber(), true);
                changed = true;
            }
        } else {
            if (verifyingCalls.add(pc)) {
                changed = true;
            }
            if (CheckAnswers.resultIsIdentity(call.name(), returnType) || isNewKey(returnType) || isProviderToken(call, returnType)) {
                mark(identities, result);
            }
        }
        for (int i = 0; i < call.argumentCount(); i++) {
            checkedUser(call.argument(i), Type.getArgumentTypes(call.descriptor())[i]);
        }
    }

    /**
     * The stored side of a check: the object whose getter supplied an argument (its stored hash; a getter
     * on a submitted form supplies the raw secret instead), or an object argument itself.
     */
    private void checkedUser(ValueNumber value, Type type) throws DataflowAnalysisException {
        if (!isSecret(value) && "Ljava/lang/String;".equals(type.getSignature())
                && !(origins.producer(value) != null && origins.producer(value).getHandle().getInstruction() instanceof LDC)) {
            mark(checkedNames, value);
            Location producer = origins.producer(value);
            if (producer != null && producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
                // directory.bind("uid=" + uid + ",ou=people", password): the parts of the name are what it names.
                for (ValueNumber part : origins.inputsOf(value)) {
                    if (!isSecret(part)) {
                        mark(checkedNames, part);
                    }
                }
            }
        }
        InvokeInstruction read = origins.producingCall(value);
        if (read != null && !(read instanceof INVOKEDYNAMIC)
                && LoginCatalogue.isMapRead(read.getClassName(cpg).replace('.', '/'), read.getMethodName(cpg))) {
            // BCrypt.checkpw(password, PASSWORD_HASHES.get(username)): the key the stored side was read by is the
            // name the check was asked about.
            List<ValueNumber> inputs = origins.inputsOf(value);
            if (inputs.size() >= 2 && inputs.get(1) != null && !isSecret(inputs.get(1))) {
                mark(checkedNames, inputs.get(1));
            }
        } else if (read != null && !(read instanceof INVOKEDYNAMIC)
                && LoginCatalogue.mayFindStoredSide(read.getClassName(cpg).replace('.', '/'), read.getMethodName(cpg))
                && !readsLoggedInUser()) {
            // bcrypt.matches(password, hashOfEmployee(badge)): the stored hash a lookup returned for a text is that
            // text's, so the text is the name the check was asked about, whatever the lookup is called (and so is
            // the text it was normalised from: badge.trim().toUpperCase()). Not where a user is logged in already:
            // a PIN checked for a vault the signed-in user opens names a resource, not who logs in.
            for (ValueNumber key : lookupKeys(read, value)) {
                mark(checkedNames, key);
                for (ValueNumber original : normalisedFrom(key)) {
                    mark(checkedNames, original);
                }
            }
        }
        ValueNumber owner = storedSideOwner(value);
        if (owner != null) {
            boolean row = read != null && !(read instanceof INVOKEDYNAMIC) && LoginCatalogue.isRowColumnRead(
                    read.getClassName(cpg).replace('.', '/'), read.getMethodName(cpg), read.getSignature(cpg));
            // A row looked up where the user is logged in already (a password re-check) is that user's, not a login.
            if (!isSecret(owner) && !isSessionRead(owner) && !(row && readsLoggedInUser())) {
                mark(identities, owner);
                markOptionalOf(owner);
            }
            return;
        }
        Location producer = origins.producer(value);
        // An object read from the session is the user a two-step login parked there (credentials.checkTotp(pending,
        // code, now)), as a pending name read back is, unless the method reads the logged-in user: then it re-checks
        // that user.
        if (!isSecret(value) && !(isSessionRead(value) && readsLoggedInUser()) && type instanceof ObjectType
                && !"java.lang.String".equals(((ObjectType) type).getClassName())
                && producer != null && !(producer.getHandle().getInstruction() instanceof LDC)) {
            mark(identities, value);
        }
    }

    /** How many {@code String} calls {@link #storedSideOwner} and {@link #normalisedFrom} look through. */
    private static final int MAX_STORED_STEPS = 3;

    /**
     * The object whose getter or field gave the stored side of a check, through JDK calls on the text it gave
     * ({@code user.passwordHash().getBytes(US_ASCII)} for {@code MessageDigest.isEqual}); else null.
     */
    private ValueNumber storedSideOwner(ValueNumber value) throws DataflowAnalysisException {
        ValueNumber current = value;
        for (int step = 0; step < MAX_STORED_STEPS && current != null; step++) {
            ValueNumber owner = getterOwner(current);
            if (owner != null) {
                return owner;
            }
            current = stringCallReceiver(current);
        }
        return null;
    }

    /** The text a {@code String} instance call made this value from ({@code text} of {@code text.trim()}), or null. */
    private ValueNumber stringCallReceiver(ValueNumber value) throws DataflowAnalysisException {
        InvokeInstruction call = origins.producingCall(value);
        if (call == null || call instanceof INVOKEDYNAMIC || call instanceof org.apache.bcel.generic.INVOKESTATIC
                || !"java.lang.String".equals(call.getClassName(cpg))) {
            return null;
        }
        return origins.receiverOfProducingCall(value);
    }

    /**
     * The texts a lookup that returned a check's stored side was given (not secrets, constants or session values):
     * the keys the stored hash was found by. Not a getter on an object (no arguments): its owner is the user.
     */
    private List<ValueNumber> lookupKeys(InvokeInstruction read, ValueNumber stored) throws DataflowAnalysisException {
        Type[] arguments = read.getArgumentTypes(cpg);
        List<ValueNumber> inputs = origins.inputsOf(stored);
        int first = inputs.size() - arguments.length;
        List<ValueNumber> keys = new java.util.ArrayList<>();
        for (int i = 0; i < arguments.length && first >= 0; i++) {
            ValueNumber key = inputs.get(first + i);
            Location producer = key == null ? null : origins.producer(key);
            if ("Ljava/lang/String;".equals(arguments[i].getSignature()) && !isSecret(key) && !isSessionRead(key)
                    && !(producer != null && producer.getHandle().getInstruction() instanceof LDC)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The texts a key was made from by {@code String}'s own calls ({@code name.trim().toLowerCase(ROOT)}). */
    private List<ValueNumber> normalisedFrom(ValueNumber key) throws DataflowAnalysisException {
        List<ValueNumber> originals = new java.util.ArrayList<>();
        ValueNumber current = stringCallReceiver(key);
        for (int step = 0; step < MAX_STORED_STEPS && current != null; step++) {
            if (!isSecret(current)) {
                originals.add(current);
            }
            current = stringCallReceiver(current);
        }
        return originals;
    }

    /**
     * A value read out of the HTTP session ({@code (Member) session.getAttribute("member")}): a check against
     * it re-authenticates the user already logged in (before a password or e-mail change), it logs nobody in.
     */
    private boolean isSessionRead(ValueNumber value) {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)) {
            return false;
        }
        InvokeInstruction read = (InvokeInstruction) producer.getHandle().getInstruction();
        return readsSession(read.getClassName(cpg).replace('.', '/'), read.getMethodName(cpg), read.getSignature(cpg));
    }

    /**
     * Is the value only what the session held under this attribute already ({@code (Member)
     * session.getAttribute(KEY)}, or null on another path), or a record made from it ({@code members.find(((Member)
     * session.getAttribute(KEY)).id)}: a fresh copy of the same user), and did a check of this method re-check the
     * session's user (a password compared with what a session value leads to)? Storing it back, after a password
     * change or a step-up check, changes nobody's login; an object the login itself filled from what the request
     * submitted (an authentication state the session was given empty), or a user found by another attribute (a
     * pending user), does.
     */
    boolean isReadBack(String attribute, ValueNumber value) throws DataflowAnalysisException {
        if (attribute == null || value == null || checkedSessionAttributes.isEmpty()) {
            return false;
        }
        boolean read = false;
        for (ValueNumber source : origins.copiedFrom(value)) {
            if (origins.isNullLiteral(source)) {
                continue;
            }
            // The read itself, or the reads a few steps behind a record made from it.
            List<ValueNumber> reads = sessionReadsBehind(List.of(source));
            if (reads.isEmpty()) {
                return false;
            }
            for (ValueNumber sessionRead : reads) {
                if (!attribute.equals(attributeRead(sessionRead))) {
                    return false;
                }
            }
            read = true;
        }
        return read;
    }

    /**
     * The one session attribute a value is what the session held under ({@code (Customer)
     * session.getAttribute(PENDING_CUSTOMER)}, or a record looked up from it a few steps back), or null when it is
     * made of no session read, or of reads of several attributes (null on another path is no read).
     */
    String onlyAttributeBehind(ValueNumber value) throws DataflowAnalysisException {
        if (value == null) {
            return null;
        }
        String source = null;
        for (ValueNumber origin : origins.copiedFrom(value)) {
            if (origins.isNullLiteral(origin)) {
                continue;
            }
            List<ValueNumber> reads = sessionReadsBehind(List.of(origin));
            if (reads.isEmpty()) {
                return null;
            }
            for (ValueNumber sessionRead : reads) {
                String attribute = attributeRead(sessionRead);
                if (attribute == null || source != null && !source.equals(attribute)) {
                    return null;
                }
                source = attribute;
            }
        }
        return source;
    }

    /** The attribute name a session read takes ({@code "member"} for {@code session.getAttribute("member")}), or null. */
    private String attributeRead(ValueNumber sessionRead) throws DataflowAnalysisException {
        Location producer = origins.producer(sessionRead);
        CallAt call = calls.at((InvokeInstruction) producer.getHandle().getInstruction(), producer);
        return call == null || call.argumentCount() != 1 ? null : AttributeNames.of(call, 0, origins, cpg);
    }

    /**
     * Is the value read from the HTTP session, or made from such a read a few steps back (a cast, a getter or field
     * of the session's user: {@code ((Member) session.getAttribute("member")).getUid()})? The name of the user who
     * is signed in already, re-checked before a sensitive page: no new login.
     */
    private boolean isSessionDerived(ValueNumber value) throws DataflowAnalysisException {
        return !sessionReadsBehind(List.of(value)).isEmpty();
    }

    /** A read of a session attribute by name, in the servlet session or a framework's ({@link LoginCatalogue#SESSION_READS}). */
    private static boolean readsSession(String slashedOwner, String name, String descriptor) {
        return LoginCatalogue.any(LoginCatalogue.SESSION_READS, slashedOwner, name, descriptor);
    }

    /**
     * The checked user taken out of an Optional ({@code found.get().getPasswordHash()}): the Optional holds that
     * user, so each later {@code found.get()} is the user too.
     */
    private void markOptionalOf(ValueNumber user) throws DataflowAnalysisException {
        InvokeInstruction unwrap = origins.producingCall(user);
        if (unwrap != null && LoginCatalogue.OPTIONAL_TYPE.equals(unwrap.getClassName(cpg).replace('.', '/'))
                && LoginCatalogue.OPTIONAL_UNWRAPS.contains(unwrap.getMethodName(cpg))) {
            mark(identities, origins.receiverOfProducingCall(user));
        } else if (unwrap != null && isFirstListElementRead(unwrap, origins.producer(user))) {
            mark(identities, origins.receiverOfProducingCall(user));
        }
    }

    /** {@code list.get(0)} at this location ({@link LoginCatalogue#LIST_ELEMENT_READ} with the constant index 0). */
    private boolean isFirstListElementRead(InvokeInstruction invoke, Location location) throws DataflowAnalysisException {
        if (location == null || !LoginCatalogue.LIST_ELEMENT_READ.matches(invoke.getClassName(cpg).replace('.', '/'),
                invoke.getMethodName(cpg), invoke.getSignature(cpg))) {
            return false;
        }
        ConstantFrame frame = constants.getFactAtLocation(location);
        if (!frame.isValid() || frame.getStackDepth() == 0) {
            return false;
        }
        Constant index = frame.getTopValue();
        return index.isConstantInteger() && index.getConstantInt() == 0;
    }

    /**
     * For a value returned by a zero-argument instance call, the object it was called on; for a value read from
     * an object's field ({@code account.passwordHash}) or a database row's column ({@code row.getString("pw_hash")}),
     * that object; else null.
     */
    private ValueNumber getterOwner(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer != null && producer.getHandle().getInstruction() instanceof GETFIELD) {
            GETFIELD field = (GETFIELD) producer.getHandle().getInstruction();
            ValueNumberFrame frame = vna.getFactAtLocation(producer);
            if (field.getClassName(cpg).startsWith("java.") || !frame.isValid()) {
                return null;
            }
            // A field of the handler itself (a configured admin hash) belongs to no user.
            ValueNumber object = frame.getTopValue();
            return !method.isStatic() && object.equals(vna.getAnalysis().getThisValue()) ? null : object;
        }
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)
                || producer.getHandle().getInstruction() instanceof INVOKESTATIC
                || producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC) {
            return null;
        }
        InvokeInstruction getter = (InvokeInstruction) producer.getHandle().getInstruction();
        boolean rowColumn = LoginCatalogue.isRowColumnRead(getter.getClassName(cpg).replace('.', '/'),
                getter.getMethodName(cpg), getter.getSignature(cpg));
        if (!rowColumn && (getter.getArgumentTypes(cpg).length != 0 || getter.getClassName(cpg).startsWith("java."))) {
            return null;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        return frame.isValid() ? frame.getInstance(getter, cpg) : null;
    }

    /** {@code stored.equals(submitted)}: one side a submitted secret, the other read from a stored user. */
    private void compareSecret(CallAt call, ValueNumber result) throws DataflowAnalysisException {
        ValueNumber[] operands = call.consumedValues();
        if (operands.length != 2) {
            return;
        }
        ValueNumber first = getterOwner(operands[0]);
        if (first != null && first.equals(getterOwner(operands[1]))) {
            // form.password.equals(form.confirmPassword): two fields of one submitted form, no stored side.
            return;
        }
        ValueNumber stored = null;
        if (isLookedUpSecret(operands[0]) && isTextParameter(operands[1])) {
            // user.password.equals(pd): a record the method looked up, its password compared with what the method was
            // handed, is a password check whatever the parameter is called (ZK's tutorial login(nm, pd)); the record,
            // not the parameter, is the stored side (isStoredSide below would take the parameter for it).
            stored = operands[0];
        } else if (isLookedUpSecret(operands[1]) && isTextParameter(operands[0])) {
            stored = operands[1];
        } else if (isSecret(operands[0]) && isStoredSide(operands[1])) {
            stored = operands[1];
        } else if (isSecret(operands[1]) && isStoredSide(operands[0])) {
            stored = operands[0];
        } else if (isHashed(operands[0]) != isHashed(operands[1])
                && isStoredRecordValue(isHashed(operands[0]) ? operands[1] : operands[0])
                && !isSessionDerived(isHashed(operands[0]) ? operands[1] : operands[0])) {
            // sha512Hex(usuario.getSal() + senha).equalsIgnoreCase(usuario.getSenhaHash()): a hash of what was
            // submitted, compared with what a stored record holds, is a password check whatever the names.
            stored = isHashed(operands[0]) ? operands[1] : operands[0];
        } else if (isConfiguredSecret(operands[0]) != isConfiguredSecret(operands[1])) {
            // adminPassword.equals(request.getParameter("word")): whatever is compared with the servlet's configured
            // password is the password submitted.
            stored = isConfiguredSecret(operands[0]) ? operands[0] : operands[1];
        }
        if (stored == null) {
            noteConfiguredNameComparison(operands);
            return;
        }
        if (isConfiguredSecret(stored) && readsSessionAttribute()) {
            // A servlet that reads its session before checking its configured password: a signed-in admin who
            // re-enters it (to change it), no login.
            return;
        }
        if (isConfiguredSecret(stored) && !checksConfiguredSecret) {
            checksConfiguredSecret = true;
            for (int name : comparedWithConfiguredName) {
                checkedNames.add(name);
            }
            changed = true;
        }
        checksCredentials = true;
        comparesSecrets = true;
        noteSessionInputs(operands);
        checkedUser(stored, Type.OBJECT);
        // The comparison's boolean: true is the success branch.
        if (result != null && !checkResults.containsKey(result.getNumber())) {
            checkResults.put(result.getNumber(), true);
            changed = true;
        }
    }

    /**
     * {@code authUsername.equals(username)} in a servlet or singleton bean: the submitted side is the account name,
     * checked once the configured password is (the dashboard account of a monitoring console).
     */
    private void noteConfiguredNameComparison(ValueNumber[] operands) throws DataflowAnalysisException {
        for (int i = 0; i < 2; i++) {
            ValueNumber other = operands[1 - i];
            if (isOwnFieldOfSharedHandler(operands[i]) && !isSecret(operands[i]) && !isConfiguredSecret(operands[i])
                    && !isSecret(other) && !isConfiguredSecret(other)
                    && comparedWithConfiguredName.add(other.getNumber()) && checksConfiguredSecret) {
                mark(checkedNames, other);
            }
        }
    }

    /** Is the value read from a field of this servlet, filter or singleton bean (see isSharedHandlerField)? */
    private boolean isOwnFieldOfSharedHandler(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof GETFIELD)) {
            return false;
        }
        ValueNumberFrame frame = vna.getFactAtLocation(producer);
        return frame.isValid() && frame.getStackDepth() > 0 && isSharedHandlerField(frame.getTopValue());
    }

    boolean isHashed(ValueNumber value) {
        return value != null && hashed.contains(value.getNumber());
    }

    /** One of the call's arguments, or its receiver, is in the set. */
    private boolean inputIn(Set<Integer> values, CallAt call, ValueNumber receiver) throws DataflowAnalysisException {
        if (receiver != null && values.contains(receiver.getNumber())) {
            return true;
        }
        for (int i = 0; i < call.argumentCount(); i++) {
            ValueNumber argument = call.argument(i);
            if (argument != null && values.contains(argument.getNumber())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value read out of a stored record by a call or field on it ({@code user.getPasswordHash()},
     * {@code rs.getString("hash")}), not a request's or a container's value, and no submitted secret.
     */
    private boolean isStoredRecordValue(ValueNumber value) throws DataflowAnalysisException {
        ValueNumber owner = getterOwner(value);
        if (owner == null || isSecret(owner) || isSecret(value) || isHashed(value)) {
            return false;
        }
        InvokeInstruction read = origins.producingCall(value);
        String readOwner = read == null ? null : read.getClassName(cpg).replace('.', '/');
        return readOwner == null || !ContainerApis.isContainerClass(readOwner);
    }

    /**
     * A secret-named field or getter ({@code user.password}, {@code account.getPwd()}) of a record an application call
     * answered here ({@code users.findUser(name)}): not of a parameter (a submitted form), of this object, or of
     * what the servlet API or the JDK answered.
     */
    private boolean isLookedUpSecret(ValueNumber value) throws DataflowAnalysisException {
        ValueNumber owner = getterOwner(value);
        if (owner == null || !isSecret(value) || isSecret(owner) || isParameter(owner) || isSessionDerived(value)
                || !method.isStatic() && owner.equals(vna.getAnalysis().getThisValue())) {
            return false;
        }
        InvokeInstruction lookup = origins.producingCall(owner);
        if (lookup == null || lookup instanceof INVOKEDYNAMIC) {
            return false;
        }
        String lookupOwner = lookup.getClassName(cpg).replace('.', '/');
        return !LoginCatalogue.isJdk(lookupOwner) && !ContainerApis.isContainerClass(lookupOwner);
    }

    /** A text parameter of the method: what its caller hands it to check. */
    private boolean isTextParameter(ValueNumber value) {
        Type[] parameters = method.getArgumentTypes();
        for (int i = 0; i < parameters.length; i++) {
            if (Type.STRING.equals(parameters[i]) && vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean isStoredSide(ValueNumber value) throws DataflowAnalysisException {
        Location producer = origins.producer(value);
        if (producer == null) {
            return false;
        }
        if (producer.getHandle().getInstruction() instanceof LDC) {
            // A password written into the code ("s3cret".equals(password)) is still a check.
            Object constant = ((LDC) producer.getHandle().getInstruction()).getValue(cpg);
            return constant instanceof String && !((String) constant).isEmpty();
        }
        ValueNumber owner = getterOwner(value);
        return owner != null ? !isSecret(owner) : !isSecret(value);
    }

    private void lookUp(CallAt call, int pc, String name, Type returnType, ValueNumber result)
            throws DataflowAnalysisException {
        if (!(returnType instanceof ObjectType)) {
            // userManager.addUser(user), memberMapper.insert(member) at sign-up: whatever the call answers.
            savesAccount(call, pc);
        }
        if (returnType == Type.VOID || result == null) {
            return;
        }
        if (returnType == Type.BOOLEAN) {
            checked(call, pc, returnType, result);
            return;
        }
        checksCredentials = true;
        noteSessionInputs(call.consumedValues());
        if (verifyingCalls.add(pc)) {
            changed = true;
        }
        // studentDao.save(student, password) at sign-up, users.login(form.getName(), pwd): what the secret was handed
        // in with is the user (and the name) the call made or checked, as for a named check.
        Type[] argumentTypes = Type.getArgumentTypes(call.descriptor());
        for (int i = 0; i < call.argumentCount(); i++) {
            checkedUser(call.argument(i), argumentTypes[i]);
        }
        if (CheckAnswers.resultIsIdentity(name, returnType) || isNewKey(returnType)) {
            mark(identities, result);
            identifiesByRequest |= noArgumentFromSession(call);
        } else if (isTextual(returnType)) {
            // md5(password) by a hand-written hex loop: still the secret, in another form.
            mark(secrets, result);
            if (authorizationCodeClient() && !readsLoggedInUser()) {
                // github.exchangeCode(code) in an OAuth client: the access token the provider gave for the code
                // is the proof of the login (hashing calls are transforms, never looked up here). Not where the
                // user is logged in already (connecting an account to the session's user signs nobody in).
                mark(identities, result);
            }
        }
        String typeName = returnType.toString().toLowerCase(java.util.Locale.ROOT);
        if (LoginCatalogue.isSecretName(name)
                || SECRET_CARRIER_TYPE_WORDS.stream().anyMatch(typeName.substring(typeName.lastIndexOf('.') + 1)::contains)) {
            // An access token or a grant is both: proof of a login, and the secret of the next exchange.
            mark(secrets, result);
        }
    }

    private static final int MAX_INPUT_STEPS = 6;

    /**
     * Records the session attributes the values a check was handed come from, a few steps back (a cast, the
     * object a getter was called on, a lookup's key: {@code user.totpSecret()} of
     * {@code users.findById((Long) session.getAttribute("PRE_AUTH_USER_ID")).orElse(null)}).
     */
    private void noteSessionInputs(ValueNumber[] checked) throws DataflowAnalysisException {
        for (ValueNumber value : sessionReadsBehind(java.util.Arrays.asList(checked))) {
            String name = attributeRead(value);
            if (name != null) {
                checkedSessionAttributes.add(name);
            }
        }
    }

    /** The session reads the values were made from, a few steps back ({@link #MAX_INPUT_STEPS}). */
    private List<ValueNumber> sessionReadsBehind(List<ValueNumber> values) throws DataflowAnalysisException {
        return inputsBehind(values, this::isSessionRead);
    }

    /**
     * The values these were made from, a few steps back ({@link #MAX_INPUT_STEPS}), that pass the test (the walk does
     * not go behind them): SpotBugs' value numbers, through the inputs {@link ValueOrigins} knows.
     */
    private List<ValueNumber> inputsBehind(List<ValueNumber> values, java.util.function.Predicate<ValueNumber> test)
            throws DataflowAnalysisException {
        List<ValueNumber> found = new java.util.ArrayList<>();
        List<ValueNumber> level = values;
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < MAX_INPUT_STEPS && !level.isEmpty(); step++) {
            List<ValueNumber> next = new java.util.ArrayList<>();
            for (ValueNumber value : level) {
                if (value == null || !seen.add(value.getNumber())) {
                    continue;
                }
                if (test.test(value)) {
                    found.add(value);
                } else {
                    next.addAll(origins.inputsOf(value));
                }
            }
            level = next;
        }
        return found;
    }

    /** Does the method read an attribute of the HTTP session anywhere? */
    private boolean readsSessionAttribute() throws DataflowAnalysisException {
        surveySessionReads();
        return readsSessionAttribute;
    }

    /**
     * Does the method read an identity attribute from the session ({@code session.getAttribute("userId")})? Then its
     * user is logged in already. Decided over the whole method at once, so the order of the passes does not matter.
     */
    boolean readsLoggedInUser() throws DataflowAnalysisException {
        surveySessionReads();
        return readsLoggedInUser;
    }

    /** {@code null}, or an empty {@code Optional} ({@code Optional.empty()}): no user. */
    private boolean isNothing(ValueNumber value) {
        if (origins.isNullLiteral(value)) {
            return true;
        }
        InvokeInstruction producer = origins.producingCall(value);
        return producer instanceof INVOKESTATIC && LoginCatalogue.OPTIONAL_TYPE.equals(producer.getClassName(cpg).replace('.', '/'))
                && "empty".equals(producer.getMethodName(cpg));
    }

    /**
     * Is one of the call's arguments made, a few steps back ({@link #MAX_INPUT_STEPS}), from the authentication the
     * request has already ({@code current.getPrincipal()} of {@code getContext().getAuthentication()}, or a user looked up
     * by its name)? Then the token rebuilds a signed-in user's authentication. Only when the method reads it at all.
     */
    private boolean madeFromCurrentAuthentication(CallAt call) throws DataflowAnalysisException {
        if (!readsCurrentAuthentication()) {
            return false;
        }
        List<ValueNumber> arguments = new java.util.ArrayList<>();
        for (int i = 0; i < call.argumentCount(); i++) {
            arguments.add(call.argument(i));
        }
        return !inputsBehind(arguments, this::isCurrentAuthenticationRead).isEmpty();
    }

    /**
     * Does an authenticated token made where someone is signed in already name another user: its principal (argument
     * 0) made, a few steps back, from what the caller or the request handed in ({@code customers.findByEmail(email)}),
     * and from nothing that reads the signed-in user (a {@code Principal} or {@code Authentication} parameter, the
     * current authentication, the session, the container's user)? Then the session changes hands: a support agent's
     * "log in as customer", an administrator's switch to another account. A profile or role change rebuilds the same
     * user's token from what the signed-in user is, and stays a rebuild.
     */
    private boolean switchesToAnotherUser(CallAt call) throws DataflowAnalysisException {
        if (call.argumentCount() == 0 || call.argument(0) == null || !readsLoggedInUser()) {
            return false;
        }
        // Two walks: the signed-in user's name (agent.getName()) is text the caller handed in too.
        List<ValueNumber> principal = List.of(call.argument(0));
        return inputsBehind(principal, this::readsSignedInUser).isEmpty()
                && !inputsBehind(principal, value -> submitted.contains(value.getNumber())).isEmpty();
    }

    /** A read of the signed-in user: a principal parameter, the current authentication, a session or container read. */
    private boolean readsSignedInUser(ValueNumber value) {
        for (int i = 0; i < method.getArgumentTypes().length; i++) {
            Type type = method.getArgumentTypes()[i];
            if (type instanceof ObjectType && LoginCatalogue.PRINCIPAL_TYPES.contains(
                    ((ObjectType) type).getClassName().replace('.', '/'))
                    && vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                return true;
            }
        }
        InvokeInstruction producer = origins.producingCall(value);
        return isCurrentAuthenticationRead(value) || isSessionRead(value)
                || producer != null && LoginCatalogue.READS_AUTHENTICATED_USER.contains(producer.getMethodName(cpg));
    }

    /** A value {@link LoginCatalogue#CURRENT_AUTHENTICATION} answered ({@code getContext().getAuthentication()}). */
    private boolean isCurrentAuthenticationRead(ValueNumber value) {
        InvokeInstruction producer = origins.producingCall(value);
        return producer != null && LoginCatalogue.CURRENT_AUTHENTICATION.matches(
                producer.getClassName(cpg).replace('.', '/'), producer.getMethodName(cpg), producer.getSignature(cpg));
    }

    /** Does the method read the authentication the request has already ({@code getContext().getAuthentication()})? */
    private boolean readsCurrentAuthentication() throws DataflowAnalysisException {
        if (readsCurrentAuthentication == null) {
            boolean read = false;
            for (Iterator<Location> it = cfg.locationIterator(); it.hasNext() && !read;) {
                Location location = it.next();
                if (location.getHandle().getInstruction() instanceof InvokeInstruction) {
                    CallAt call = calls.at((InvokeInstruction) location.getHandle().getInstruction(), location);
                    read = call != null && LoginCatalogue.CURRENT_AUTHENTICATION.matches(call.owner(), call.name(),
                            call.descriptor());
                }
            }
            readsCurrentAuthentication = read;
        }
        return readsCurrentAuthentication;
    }

    /** One walk over the method's calls for {@link #readsSessionAttribute()} and {@link #readsLoggedInUser()}. */
    private void surveySessionReads() throws DataflowAnalysisException {
        if (readsLoggedInUser != null) {
            return;
        }
        boolean anyRead = false;
        boolean userRead = false;
        for (Iterator<Location> it = cfg.locationIterator(); it.hasNext() && !(anyRead && userRead);) {
            Location location = it.next();
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                continue;
            }
            CallAt call = calls.at((InvokeInstruction) location.getHandle().getInstruction(), location);
            if (call == null) {
                continue;
            }
            boolean sessionRead = readsSession(call.owner(), call.name(), call.descriptor());
            anyRead |= sessionRead;
            userRead |= sessionRead && call.argumentCount() == 1
                    && LoginCatalogue.isIdentityAttribute(call.stringArgument(0), summaries.settings())
                    || LoginCatalogue.READS_AUTHENTICATED_USER.contains(call.name());
        }
        // A handler handed the logged-in principal (Principal, Spring's Authentication) runs for a signed-in user.
        for (Type parameter : method.getArgumentTypes()) {
            userRead |= parameter instanceof ObjectType
                    && LoginCatalogue.PRINCIPAL_TYPES.contains(((ObjectType) parameter).getClassName().replace('.', '/'));
        }
        readsSessionAttribute = anyRead;
        readsLoggedInUser = userRead;
    }

    /** No argument is a value read from the session, or a getter or field of one (the logged-in user's id). */
    private boolean noArgumentFromSession(CallAt call) throws DataflowAnalysisException {
        for (int i = 0; i < call.argumentCount(); i++) {
            ValueNumber argument = call.argument(i);
            ValueNumber owner = getterOwner(argument);
            if (isSessionRead(argument) || (owner != null && isSessionRead(owner))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A store handed an account made here with the (hashed) password: the account is stored, and it is the user
     * the request now has (registration's check).
     */
    private void savesAccount(CallAt call, int pc) throws DataflowAnalysisException {
        // An administrator creating a user, or a signed-in user changing a password, saves an account too: it is
        // the sign-up's user only where nobody is signed in yet.
        if (!readsLoggedInUser() && savesNewAccount(call)) {
            checksCredentials = true;
            if (verifyingCalls.add(pc)) {
                changed = true;
            }
        }
    }

    /**
     * {@code directory.savePassword(invite.get(), hash(password))} answering the account: a password the request
     * submitted, stored for an account the request itself named (an invitation's or a reset link's token redeemed,
     * a key the caller handed in), where nobody is signed in and no argument comes from the session. The request
     * proved it may set that account's password, so the account answered is the user it now has, as a sign-up's
     * saved account is. A signed-in user's password change (its key read from the session or the principal) is not.
     */
    private boolean setsPasswordOfRequestedAccount(CallAt call, Type returnType) throws DataflowAnalysisException {
        if (!LoginCatalogue.managesPasswords(call.name()) || !(returnType instanceof ObjectType)
                || !CheckAnswers.resultIsIdentity(call.name(), returnType) || readsLoggedInUser()) {
            return false;
        }
        boolean requested = false;
        for (int i = 0; i < call.argumentCount(); i++) {
            ValueNumber argument = call.argument(i);
            if (argument == null || isSecret(argument)) {
                continue;
            }
            if (isSessionDerived(argument)) {
                return false;
            }
            requested |= !inputsBehind(List.of(argument), value -> requestValues.contains(value.getNumber())
                    || submitted.contains(value.getNumber()) || isIdentity(value)).isEmpty();
        }
        return requested;
    }

    /** Marks the objects made here that carry the secret among the call's arguments as the user; true if any. */
    private boolean savesNewAccount(CallAt call) throws DataflowAnalysisException {
        boolean saved = false;
        for (int i = 0; i < call.argumentCount(); i++) {
            ValueNumber argument = call.argument(i);
            if (isSecret(argument) && isMadeHere(argument)) {
                mark(identities, argument);
                saved = true;
            }
        }
        return saved;
    }

    /**
     * A {@code long} answered by a check is the new user's key ({@code members.insert(email, nick,
     * encoder.encode(password))}), where nobody is signed in yet: a signed-in user's e-mail change or an
     * administrator's action answers the key of something else.
     */
    private boolean isNewKey(Type returnType) throws DataflowAnalysisException {
        return returnType == Type.LONG && !readsLoggedInUser();
    }

    private static boolean fluent(String owner, Type returnType) {
        return returnType instanceof ObjectType
                && ((ObjectType) returnType).getClassName().replace('.', '/').equals(owner);
    }

    private static boolean isTextual(Type type) {
        String signature = type.getSignature();
        return signature.equals("Ljava/lang/String;") || signature.equals("[C") || signature.equals("[B")
                || signature.equals("[Ljava/lang/String;")
                || signature.equals("Ljava/lang/CharSequence;") || signature.equals("Ljava/lang/Object;")
                || signature.equals("Ljava/lang/StringBuilder;") || signature.equals("Ljava/lang/StringBuffer;");
    }

    /**
     * A secret the user submitted (read from the request or handed in), not a configured one read from a field
     * or a constant: a service account's bind password ({@code env.put(SECURITY_CREDENTIALS, this.bindPassword)})
     * checks no user.
     */
    private boolean isSubmittedSecret(ValueNumber value) {
        if (!isSecret(value)) {
            return false;
        }
        Location producer = origins.producer(value);
        Instruction instruction = producer == null ? null : producer.getHandle().getInstruction();
        return !(instruction instanceof GETFIELD || instruction instanceof GETSTATIC || instruction instanceof LDC);
    }

    /** An object a call in this method handed it (a factory's product), not one read from the HTTP session. */
    private boolean isObtainedHere(ValueNumber value) {
        Location producer = origins.producer(value);
        if (producer == null || !(producer.getHandle().getInstruction() instanceof InvokeInstruction)
                || producer.getHandle().getInstruction() instanceof INVOKEDYNAMIC || isSessionRead(value)) {
            return false;
        }
        // An application's own context type (a request, a JDK object or a servlet API one holds no user of its own).
        Type made = ((InvokeInstruction) producer.getHandle().getInstruction()).getReturnType(cpg);
        return made instanceof ObjectType && !LoginCatalogue.isJdk(((ObjectType) made).getClassName().replace('.', '/'))
                && io.github.sessionguard.flow.QuietClasspath.isApplicationClass(
                        ((ObjectType) made).getClassName().replace('.', '/'));
    }

    /** An object this method made ({@code new}). */
    private boolean isMadeHere(ValueNumber value) {
        return origins.newClass(value) != null;
    }

    private boolean isHolder(ValueNumber value) {
        return (!method.isStatic() && value.equals(vna.getAnalysis().getThisValue())) || isMadeHere(value);
    }

    private boolean hasRequestValue(CallAt call) throws DataflowAnalysisException {
        for (int i = 0; i < call.argumentCount(); i++) {
            ValueNumber argument = call.argument(i);
            if (argument != null && requestValues.contains(argument.getNumber())) {
                return true;
            }
        }
        return false;
    }

    /** One of this method's parameters (not {@code this}). */
    private boolean isParameter(ValueNumber value) {
        if (parameterCount < 0) {
            parameterCount = method.getArgumentTypes().length;
        }
        for (int i = 0; i < parameterCount; i++) {
            if (vna.getAnalysis().getEntryValueForParameter(i).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code get(key)}, {@code getString(key)}, {@code getFirst(key)}, {@code optString(key, fallback)}. */
    private static boolean isKeyedRead(CallAt call, String name, Type returnType) throws DataflowAnalysisException {
        return (name.startsWith("get") || name.startsWith("opt")) && call.argumentCount() >= 1
                && call.argumentCount() <= 2 && isTextual(returnType) && call.stringArgument(0) != null;
    }

    private void mark(Set<Integer> set, ValueNumber value) {
        if (value != null && set.add(value.getNumber())) {
            changed = true;
        }
    }

    /**
     * Facts of the class, not of the method: read once per class for this analysis, and only when a method
     * asks (cost: most methods read no ambiguous secret name and no cookie, and the answers are pure
     * functions of the class, so asking later changes nothing).
     */
    private boolean authorizationCodeClient() {
        if (authorizationCodeClient == null) {
            authorizationCodeClient = summaries.classFact(classContext.getJavaClass(), "authorization-code",
                    () -> ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), AUTHORIZATION_CODE_MARKERS));
        }
        return authorizationCodeClient;
    }

    private boolean namesSecretCookie() {
        if (namesSecretCookie == null) {
            namesSecretCookie = summaries.classFact(classContext.getJavaClass(), "secret-cookie",
                    this::classNamesSecretCookie);
        }
        return namesSecretCookie;
    }

    /** A class that names a remember-me, token or session-login cookie: its cookie values are secrets. */
    private boolean classNamesSecretCookie() {
        for (org.apache.bcel.classfile.Constant constant : classContext.getJavaClass().getConstantPool().getConstantPool()) {
            if (constant instanceof org.apache.bcel.classfile.ConstantString) {
                String text = ((org.apache.bcel.classfile.ConstantString) constant)
                        .getBytes(classContext.getJavaClass().getConstantPool());
                if (isSecretName(text) || LoginCatalogue.namesAutoLoginCookie(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
