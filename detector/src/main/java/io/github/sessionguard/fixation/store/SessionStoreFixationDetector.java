package io.github.sessionguard.fixation.store;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.MethodAnnotation;
import edu.umd.cs.findbugs.OpcodeStack;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.SourceLineAnnotation;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.bcel.OpcodeStackDetector;
import io.github.sessionguard.catalogue.LoginCatalogue;
import io.github.sessionguard.catalogue.UserSettings;
import io.github.sessionguard.engine.AnalysisSettings;
import io.github.sessionguard.catalogue.SessionStoreCatalogue;
import io.github.sessionguard.flow.CallTargets;
import io.github.sessionguard.flow.ConstantPoolScreen;
import io.github.sessionguard.flow.MethodCalls;
import io.github.sessionguard.flow.MethodGuard;
import io.github.sessionguard.flow.MethodRefs;
import io.github.sessionguard.flow.QuietClasspath;
import io.github.sessionguard.flow.RawInstructions;
import io.github.sessionguard.flow.TextSearch;
import io.github.sessionguard.flow.ReportedMethods;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.AnnotationEntry;
import org.apache.bcel.classfile.Code;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.classfile.ParameterAnnotationEntry;
import org.apache.bcel.generic.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Session fixation in a home-made session store: a login binds the user to a record keyed by the
 * session id the browser presented (a request cookie's value, {@code getRequestedSessionId()}, or
 * {@code HttpSession.getId()} read before any id change in the method) and writes it to a store
 * (JDBC INSERT/UPDATE, a repository or entity manager, Redis, a map or cache, an application registry)
 * without a fresh id: whoever planted that id is logged in with the victim. A store keyed by a new
 * random id, or by {@code getId()} after {@code changeSessionId()}, is safe.
 *
 * <p>The login path is the one the fixation analysis uses: a credential check
 * ({@link LoginCatalogue#isCredentialCheck}, or one the login analysis finds by data flow:
 * {@link io.github.sessionguard.fixation.CredentialChecks}, asked only of methods with a site that do not read what
 * the session holds already) in the method (HIGH), a method named as a login (NORMAL), or a credential-checking
 * caller of the method (HIGH; not a servlet entry it calls with its request and response), resolved after every
 * class is seen so the order of classes does not matter. A method that also stores the user in the {@code HttpSession} is
 * left to the session fixation analysis (one finding per login).
 *
 * <p>The id is followed through the operand stack and locals ({@link OpcodeStack} user values): string
 * concatenation, {@code StringBuilder}, builders, and entities constructed or set with it.
 */
@OpcodeStack.CustomUserValue
public class SessionStoreFixationDetector extends OpcodeStackDetector {
    private static final TextSearch STORE_TYPES = TextSearch.of(SessionStoreCatalogue.relevantTypes());
    private static final TextSearch LOGIN_TYPES = TextSearch.of(LoginCatalogue.relevantTypes());

    private static final String PATTERN = "SESSION_FIXATION";

    /** The stack value is (or carries) the session id the browser presented. */
    private static final Object PRESENTED = new Marker("presented session id");

    /** The stack value is the record a map or cache keeps under the presented id (its writes are the store's). */
    private static final Object RECORD = new Marker("session record");

    /** The stack value is a fresh id made here (UUID.randomUUID(), SecureRandom), or text made from one. */
    private static final Object FRESH = new Marker("fresh id");

    /**
     * The stack value is the record an application session manager answers for the presented id
     * ({@code sessions.getSession(request, response)}): only its attribute writes ({@code setAttribute(name,
     * value)}) are the store's; its other setters may be an object's own (a user's password hash).
     */
    private static final Object MANAGED_RECORD = new Marker("managed session record");

    /**
     * The stack value is the entity a repository or entity manager found by the presented id ({@code
     * sessions.findById(sid)}, in its {@code Optional} too): its id is the presented one, so saving it writes the
     * record kept under that id.
     */
    private static final Object FOUND_ENTITY = new Marker("entity found by the presented id");

    /**
     * A {@link #FOUND_ENTITY} the method gave a user ({@code row.setPrincipal(name)}, {@code row.setUserId(id)}: a
     * property named as a session attribute naming the user is): saving it binds that user to the presented id.
     * Marking the row revoked, rotating a token hash or stamping a time binds nobody.
     */
    private static final Object BOUND_ENTITY = new Marker("entity found by the presented id, given a user");

    /**
     * The stack value is a client's handle on the entry kept under the presented id ({@code
     * redisson.getBucket("session:" + sid)}, {@code redis.boundHashOps(key)}): its writes are the store's.
     */
    private static final Object KEYED_HANDLE = new Marker("handle on the entry under the presented id");

    /**
     * The stack value is the plain record (a session object of the application's own type, no map of attributes) an
     * application store answers for the presented id from a map it keeps ({@code registry.lookup(id)} returning
     * {@code sessions.get(id)}): only a call handing it the checked identity ({@link #CHECKED}) writes the store.
     */
    private static final Object KEPT_RECORD = new Marker("session object a store keeps under the presented id");

    /**
     * The stack value is what a credential check answered ({@code accounts.login(tag, password)}, {@code
     * idp.passwordGrant(user, password)}), an identity read out of it ({@code tokens.subject()}, {@code orElse(null)})
     * or an application object made from it: the user the login established.
     */
    private static final Object CHECKED = new Marker("checked identity");

    /**
     * The stack value is a function whose body checks a credential ({@code a -> PasswordCheck.verify(password,
     * a.passwordHash())}): what an {@code Optional} or a {@code Stream} keeps through {@code filter} with it is the
     * checked user ({@link #CHECKED}).
     */
    private static final Object CHECKING_FUNCTION = new Marker("credential-checking function");

    /**
     * The stack value is a method reference to an application method taking one value ({@code registry::find},
     * {@code Sessions::lookup}): an {@code Optional}'s {@code map}/{@code flatMap} with it calls that method on the
     * element, as a direct call would (see {@link #mappedRecord}).
     */
    private static final class FunctionReference {
        private final String owner;
        private final String name;
        private final String descriptor;

        FunctionReference(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        @Override
        public String toString() {
            return "reference to " + owner + "." + name;
        }
    }

    /** A user value on the operand stack, named for debugging. */
    private static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A prepared statement and its SQL. */
    private static final class Sql {
        final String text;

        Sql(String text) {
            this.text = text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sql && ((Sql) o).text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    /** A store write keyed by the presented id, waiting for its method's verdict. */
    private static final class Site {
        final String className;
        final String methodName;
        final String signature;
        final MethodAnnotation method;
        final SourceLineAnnotation line;
        final String store;
        final String source;
        /**
         * The request attribute the id came in ({@code @RequestAttribute("X-Session") String token}), or null: then the
         * site stands only if some application code stores a presented id under that name (see presentedAttributes).
         */
        String attribute;
        /**
         * The site's record was read from that request attribute ({@code (PortalSession)
         * request.getAttribute("portalSession")}): it stands only if some application code stores there the record a
         * store keeps under the presented id (see recordAttributes).
         */
        boolean heldRecord;

        Site(String className, String methodName, String signature, MethodAnnotation method,
                SourceLineAnnotation line, String store, String source) {
            this.method = method;
            this.className = className;
            this.methodName = methodName;
            this.signature = signature;
            this.line = line;
            this.store = store;
            this.source = source;
        }

        String key() {
            return className.replace('.', '/') + "." + methodName + signature;
        }
    }

    private final BugReporter bugReporter;
    /** Sites in methods that are not login paths themselves, by method key: a login caller decides. */
    private final TreeMap<String, Site> pending = new TreeMap<>();
    /** Methods called by credential-checking methods that leave the HttpSession alone (owner.name+descriptor). */
    private final Set<String> calledByLogins = new HashSet<>();
    /**
     * Request attributes some application code (a filter resolving the session from a cookie or header) stores a
     * presented id under: {@code request.setAttribute("X-Clinic-Session", token)}. Known once every class is seen.
     */
    private final Set<String> presentedAttributes = new HashSet<>();
    /**
     * Request attributes some application code (a filter resolving the session) stores the record a store keeps under
     * the presented id in: {@code request.setAttribute("portalSession", sessions.find(presentedId(request)))}.
     */
    private final Set<String> recordAttributes = new HashSet<>();
    /** Request attributes some application code stores a fresh id under: a read of one may be that fresh id. */
    private final Set<String> freshAttributes = new HashSet<>();
    /** Sites keyed by a request attribute's value ({@link Site#attribute}), with their priority, waiting for the end. */
    private final Map<Site, Integer> attributeSites = new java.util.LinkedHashMap<>();
    /** The request attribute a parameter of the visited method is bound to ({@code @RequestAttribute}), or null. */
    private String attributeParameter;
    /** The visited method cast its request attribute's value to an application type: a record, not an id. */
    private boolean attributeRecord;
    /** The current instruction makes a {@link #CHECKING_FUNCTION}. */
    private boolean checkingFunction;
    /** The method reference the current instruction makes (see {@link FunctionReference}), or null. */
    private FunctionReference functionReference;
    /** A parameter of the visited method is bound to a request cookie or a session header (it names the site). */
    private boolean presentedParameter;

    private Site site;
    private boolean rotated;
    /** The source named for a servlet session's own id (see keyedByServletSessionOfCalledLogin). */
    private static final String SERVLET_SESSION_ID_SOURCE = "HttpSession.getId()";
    private static final int MAX_CALLEES_WEIGHED = 16;
    private boolean credentialCheck;
    private boolean writesSession;
    private boolean markResult;
    private boolean markedSource;
    private String sourceName;
    private String pendingSql;
    private final List<String> callees = new ArrayList<>();
    /**
     * Locals that hold the presented id somewhere in the method (cookie parameters, and every local it
     * is stored in): a flow-insensitive "may" set, because OpcodeStack drops a user value where a
     * branch that assigned it meets one that did not ({@code sid = null; for (...) sid = c.getValue();}).
     */
    private final Set<Integer> markedRegisters = new HashSet<>();
    /**
     * Locals last given a fresh id on the path read so far ({@code if (token == null) token = UUID...}): not the
     * presented id until paths join again, where the presented one may arrive from another path.
     */
    private final Set<Integer> freshRegisters = new HashSet<>();
    /**
     * Where paths join ahead in the method being read: the exception handlers, and the targets of the forward
     * branches and switches read so far. A loop's head, the target of a branch back, is passed before that branch
     * is read; what the loop's body assigns is read after it in order, so the head needs no forgetting.
     */
    private final Set<Integer> joins = new HashSet<>();
    /** The exception handlers' offsets among the joins: a try block is not a branch (see insideBranch). */
    private final Set<Integer> handlers = new HashSet<>();
    /** Marks leaving a branch for a join ahead, by the join's offset (see {@link #noteJoinMark}). */
    private final Map<Integer, JoinMark> joinMarks = new HashMap<>();
    private boolean freshResult;
    /** Locals that hold a record read by the presented id, in the same may sense. */
    /** Locals holding the checked identity ({@link #CHECKED}), in the same may sense as records. */
    private final Set<Integer> checkedRegisters = new HashSet<>();
    /** The current call answers the checked identity. */
    private boolean checkedResult;
    /** Per analysis: does this application method answer a plain session record kept under its argument? */
    private final Map<String, Boolean> keptRecordHelpers = new HashMap<>();
    /** Locals holding a record ({@link #RECORD} or {@link #MANAGED_RECORD}), by register. */
    private final Map<Integer, Object> recordRegisters = new HashMap<>();
    /** The record kind the current call leaves on the stack, or null. */
    private Object recordResult;
    /** The method reads what the presented id's session holds (see readsSessionState). */
    private boolean readsSessionState;
    /** The store storeWritten just found is written by the application method called (a helper keyed by the id). */
    private boolean helperStore;
    /**
     * Application methods that return the presented id (a {@code currentSid(request)} that loops over the
     * request's cookies), by owner.name+descriptor: asked once per analysis, of the method's own bytecode.
     */
    private final Map<String, Boolean> presentedIdHelpers = new HashMap<>();
    /** Application methods that return the record kept under the presented id, by owner.name+descriptor. */
    private final Map<String, Boolean> presentedRecordHelpers = new HashMap<>();
    /** Per analysis: does this application method answer the record its class's map keeps under its argument? */
    private final Map<String, Boolean> keyedRecordHelpers = new HashMap<>();
    /** Application methods' stores (see storeWrittenBy), by owner.name+descriptor; NO_STORE when none. */
    private final Map<String, String> helperStores = new HashMap<>();
    /** Login helpers already reported at their store write (each once, whichever caller is seen first). */
    private final Set<String> reportedHelpers = new HashSet<>();
    /** Whether an application method keys its store by a parameter (HelperStoreKeys), by method and parameter. */
    private final Map<String, Boolean> helperKeys = new HashMap<>();
    /** Whether an application method answers a fresh id it makes (see returnsFreshId), by owner.name+descriptor. */
    private final Map<String, Boolean> freshIdHelpers = new HashMap<>();
    /** Whether an application method's own bytes make a fresh id, by owner.name+descriptor. */
    private final Map<String, Boolean> freshIdMakers = new HashMap<>();
    private static final String NO_STORE = "";
    /** What {@link #storeWrittenBy} calls a helper's write into the record its map keeps (HelperStoreKeys). */
    private static final String KEPT_RECORD_STORE = "the record a map it keeps holds under that id";
    /** The class whose login routes (see routedToLogin) are known, and those routes' handlers. */
    private String loginRoutesClass;
    private Set<String> loginRoutes = Set.of();

    /** This analysis' settings (in-house login methods count as credential checks). */
    private UserSettings settings;
    /** Credential checks by data flow, asked of methods with a site that no catalogue check marks as a login. */
    private io.github.sessionguard.fixation.CredentialChecks flowChecks;
    /** The visited class's cost screen (see StoreCallScreen). */
    private StoreCallScreen screen;

    public SessionStoreFixationDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        MethodGuard.runClass(bugReporter, classContext.getJavaClass(), () -> {
            settings = AnalysisSettings.ofThisAnalysis().usable(bugReporter);
            if (settings == null) {
                return; // a bad setting: reported once by AnalysisSettings, and SessionGuard analyses nothing
            }
            if (flowChecks == null) {
                flowChecks = new io.github.sessionguard.fixation.CredentialChecks(settings);
            }
            if (!ConstantPoolScreen.mentionsAny(classContext.getJavaClass(), STORE_TYPES, LOGIN_TYPES)
                    && !StoreCallScreen.callsCredentialCheck(classContext.getJavaClass(), settings)) {
                return;
            }
            // Cost only: a class none of whose methods can yield a site or a login's callees is not followed.
            screen = StoreCallScreen.of(classContext.getJavaClass(), settings, this::returnsPresentedId,
                    (owner, name, descriptor) -> storeWrittenBy(owner, name, descriptor) != null);
            if (!screen.classMayMatter(classContext.getJavaClass())) {
                return;
            }
            super.visitClassContext(classContext);
        });
    }

    /** Cost only: the operand stack is followed in the methods StoreCallScreen lets through. */
    @Override
    public boolean shouldVisitCode(Code code) {
        return screen.methodMayMatter(getMethod(), code);
    }

    @Override
    public void visit(Code code) {
        MethodGuard.run(bugReporter, getThisClass(), getMethod(), () -> visitGuarded(code));
    }

    private void visitGuarded(Code code) {
        site = null;
        rotated = false;
        credentialCheck = false;
        writesSession = false;
        markResult = false;
        markedSource = false;
        pendingSql = null;
        // The presented-id call named in a site's message is this method's: a cookie-value parameter's site
        // must not borrow the source of a method visited before (which made the message depend on the order).
        sourceName = null;
        callees.clear();
        markedRegisters.clear();
        recordRegisters.clear();
        checkedRegisters.clear();
        freshRegisters.clear();
        joins.clear();
        joinMarks.clear();
        handlers.clear();
        for (org.apache.bcel.classfile.CodeException handler : code.getExceptionTable()) {
            joins.add(handler.getHandlerPC());
            handlers.add(handler.getHandlerPC());
        }
        recordResult = null;
        readsSessionState = false;
        attributeParameter = null;
        attributeRecord = false;
        presentedParameter = false;
        noteCookieParameters(getMethod());
        super.visit(code);
        // A login that also stores the user in the HttpSession is the session fixation analysis' finding.
        if (credentialCheck && !writesSession) {
            calledByLogins.addAll(callees);
        }
        if (site == null || writesSession || keyedByServletSessionOfCalledLogin()) {
            return;
        }
        if (credentialCheck || persistsLogin()
                || (!readsSessionState && flowChecks.checksCredentials(getClassContext(), getMethod()))) {
            reportOrWait(site, Priorities.HIGH_PRIORITY);
        } else if (LoginCatalogue.isLoginMethodName(getMethodName()) || routedToLogin()) {
            reportOrWait(site, Priorities.NORMAL_PRIORITY);
        } else {
            pending.putIfAbsent(site.key(), site);
        }
    }

    /**
     * Is the site's record keyed by the servlet session's own id ({@code HttpSession.getId()}) in a method that calls an
     * application method logging that servlet session in (a credential check, then a session write)? A "who is online"
     * map filled for every request, then a remember-me check that stores the user in the servlet session: the map's
     * entry is reachable only through a live servlet session with that id, so the servlet session's login (the fixation
     * analysis' finding, in the callee) is the one login, and its id change (there) the one fix. At most
     * {@link #MAX_CALLEES_WEIGHED} callees are weighed.
     */
    private boolean keyedByServletSessionOfCalledLogin() {
        if (!SERVLET_SESSION_ID_SOURCE.equals(site.source)) {
            return false;
        }
        if (flowChecks == null) {
            flowChecks = new io.github.sessionguard.fixation.CredentialChecks(settings);
        }
        int weighed = 0;
        for (String callee : new java.util.TreeSet<>(callees)) {
            int open = callee.indexOf('(');
            int dot = open < 0 ? -1 : callee.lastIndexOf('.', open);
            if (dot < 0) {
                continue;
            }
            String owner = callee.substring(0, dot);
            if (SessionStoreCatalogue.isLibrary(owner) || owner.startsWith("java/") || owner.startsWith("javax/")
                    || owner.startsWith("jakarta/")) {
                continue;
            }
            if (++weighed > MAX_CALLEES_WEIGHED) {
                return false;
            }
            CallTargets.Target target = CallTargets.resolve(owner, callee.substring(dot + 1, open), callee.substring(open));
            if (target == null || target.method() == null || !MethodCalls.calls(target.javaClass(), target.method(),
                    (o, n, d) -> LoginCatalogue.any(LoginCatalogue.SESSION_WRITES, o, n, d))) {
                continue;
            }
            try {
                if (flowChecks.logsSessionIn(io.github.sessionguard.flow.CalleeClassContexts.of(
                        edu.umd.cs.findbugs.classfile.DescriptorFactory.createClassDescriptor(
                                target.javaClass().getClassName().replace('.', '/'))), target.method())) {
                    return true;
                }
            } catch (edu.umd.cs.findbugs.classfile.CheckedAnalysisException e) {
                bugReporter.logError("SessionGuard: no class context for " + owner, e);
            }
        }
        return false;
    }

    /**
     * Is the visited method (or the method that creates the visited lambda, {@code Mono.fromRunnable(() -> ...)} in a
     * repository's {@code save}) the application's implementation of a framework method that keeps a login the
     * framework has just authenticated ({@link SessionStoreCatalogue#LOGIN_PERSISTENCE}: a {@code
     * SecurityContextRepository.saveContext})? Asked only of a method with a site.
     */
    private boolean persistsLogin() {
        edu.umd.cs.findbugs.classfile.MethodDescriptor written = io.github.sessionguard.flow.ReportedMethods.enclosing(
                MethodAnnotation.fromVisitedMethod(this).toMethodDescriptor());
        return SessionStoreCatalogue.persistsLogin(written.getSlashedClassName(), written.getName(),
                written.getSignature());
    }

    /**
     * Is the visited method a handler the class registers for a login path ({@code app.post("/login/rfid", ctx ->
     * ...)}: see {@link LoginRoutes})? Asked only of a method with a site and no other login path; once per class.
     */
    private boolean routedToLogin() {
        String className = getThisClass().getClassName();
        if (!className.equals(loginRoutesClass)) {
            loginRoutesClass = className;
            loginRoutes = LoginRoutes.of(getThisClass());
        }
        return loginRoutes.contains(getMethodName() + getMethodSig());
    }

    @Override
    public void report() {
        MethodGuard.runReport(bugReporter, "report its session store findings", this::reportCalledByLogins);
    }

    private void reportCalledByLogins() {
        for (Site waiting : pending.values()) {
            if (calledByLogins.contains(waiting.key()) || calledThroughSupertype(waiting)) {
                reportOrWait(waiting, Priorities.HIGH_PRIORITY);
            }
        }
        for (Map.Entry<Site, Integer> waiting : attributeSites.entrySet()) {
            String attribute = waiting.getKey().attribute;
            if (waiting.getKey().heldRecord ? recordAttributes.contains(attribute)
                    : presentedAttributes.contains(attribute) && !freshAttributes.contains(attribute)) {
                report(waiting.getKey(), waiting.getValue());
            }
        }
        pending.clear();
        calledByLogins.clear();
        attributeSites.clear();
        presentedAttributes.clear();
        recordAttributes.clear();
        freshAttributes.clear();
    }

    /**
     * Does a login call the site's method through an application interface or superclass its class implements
     * ({@code store.bind(request, response, user)} on a {@code SessionStore} whose implementation reads the cookie and
     * writes its map)? The call names the supertype; the implementation is what runs when the login calls it.
     */
    private boolean calledThroughSupertype(Site waiting) {
        String slashed = waiting.className.replace('.', '/');
        String member = "." + waiting.methodName + waiting.signature;
        for (String called : calledByLogins) {
            if (!called.endsWith(member)) {
                continue;
            }
            String owner = called.substring(0, called.length() - member.length());
            if (!owner.equals(slashed) && QuietClasspath.isApplicationClass(owner)
                    && Boolean.TRUE.equals(QuietClasspath.isSubtype(slashed, owner))) {
                return true;
            }
        }
        return false;
    }

    /** Reports a site, or keeps one keyed by a request attribute's value until every class is seen. */
    private void reportOrWait(Site found, int priority) {
        if (found.attribute == null) {
            report(found, priority);
        } else {
            attributeSites.putIfAbsent(found, priority);
        }
    }

    private void report(Site found, int priority) {
        bugReporter.reportBug(ReportedMethods.addClassAndMethod(new BugInstance(this, PATTERN, priority),
                found.method.toMethodDescriptor())
                .addString("a session record keyed by the session id the browser presented (" + found.source
                        + ") written to " + found.store)
                .addString(SessionStoreCatalogue.FIX)
                .addSourceLine(found.line));
    }

    private void noteCookieParameters(Method method) {
        ParameterAnnotationEntry[] parameters = method.getParameterAnnotationEntries();
        if (parameters == null || parameters.length == 0) {
            return;
        }
        Type[] types = Type.getArgumentTypes(method.getSignature());
        int register = method.isStatic() ? 0 : 1;
        for (int i = 0; i < types.length; i++) {
            if (i < parameters.length) {
                for (AnnotationEntry annotation : parameters[i].getAnnotationEntries()) {
                    if (SessionStoreCatalogue.COOKIE_PARAMETERS.contains(annotation.getAnnotationType())
                            || namesSessionHeader(annotation)) {
                        markedRegisters.add(register);
                        presentedParameter = true;
                    } else if (SessionStoreCatalogue.REQUEST_ATTRIBUTE_PARAMETERS.contains(annotation.getAnnotationType())
                            && Type.STRING.equals(types[i]) && attributeParameter == null) {
                        attributeParameter = annotationName(annotation);
                        if (attributeParameter != null) {
                            markedRegisters.add(register);
                        }
                    }
                }
            }
            register += types[i].getSize();
        }
    }

    /** The name an annotation gives ({@code value} or {@code name}), or null. */
    private static String annotationName(AnnotationEntry annotation) {
        for (org.apache.bcel.classfile.ElementValuePair pair : annotation.getElementValuePairs()) {
            if (pair.getNameString().equals("value") || pair.getNameString().equals("name")) {
                return pair.getValue().stringifyValue();
            }
        }
        return null;
    }

    /** {@code @RequestHeader("X-Session-Id")}, {@code @HeaderParam("X-Session-Id")}: a header naming a session id. */
    static boolean namesSessionHeader(AnnotationEntry annotation) {
        if (!SessionStoreCatalogue.HEADER_PARAMETERS.contains(annotation.getAnnotationType())) {
            return false;
        }
        for (org.apache.bcel.classfile.ElementValuePair pair : annotation.getElementValuePairs()) {
            if ((pair.getNameString().equals("value") || pair.getNameString().equals("name"))
                    && SessionStoreCatalogue.namesSessionHeader(pair.getValue().stringifyValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void sawOpcode(int seen) {
        markResult = false;
        markedSource = false;
        recordResult = null;
        checkedResult = false;
        checkingFunction = false;
        functionReference = null;
        freshResult = false;
        pendingSql = null;
        if (joins.contains(getPC())) {
            freshRegisters.clear();
            restoreJoinMark();
        }
        noteJoinsAhead(seen);
        if ((seen == Const.GOTO || seen == Const.GOTO_W) && stack.getStackDepth() > 0) {
            // sid != null ? sid : fresh(): the stack a goto carries to the join is the one before it (after it,
            // OpcodeStack has handed it to the target and holds nothing).
            noteJoinMark(seen);
        }
        switch (seen) {
        case Const.ASTORE:
        case Const.ASTORE_0:
        case Const.ASTORE_1:
        case Const.ASTORE_2:
        case Const.ASTORE_3:
            if (stack.getStackDepth() > 0 && stack.getStackItem(0).getUserValue() == FRESH) {
                freshRegisters.add(getRegisterOperand());
            } else {
                freshRegisters.remove(getRegisterOperand());
            }
            if (stack.getStackDepth() > 0 && stack.getStackItem(0).getUserValue() == CHECKED) {
                checkedRegisters.add(getRegisterOperand());
            } else if (!insideBranch()) {
                checkedRegisters.remove(getRegisterOperand());
            }
            if (stack.getStackDepth() > 0 && marked(stack.getStackItem(0))) {
                markedRegisters.add(getRegisterOperand());
            } else if (stack.getStackDepth() > 0 && (isRecord(stack.getStackItem(0))
                    || stack.getStackItem(0).getUserValue() == KEYED_HANDLE)) {
                recordRegisters.put(getRegisterOperand(), stack.getStackItem(0).getUserValue());
            } else if (!insideBranch()) {
                // The local now holds something else (a new record): records are read once, not merged in loops. In
                // a branch that rejoins ({@code if (session == null) { sid = store.open(); session = store.get(sid); }})
                // the record may still arrive from the other path, as the presented id may.
                recordRegisters.remove(getRegisterOperand());
            }
            return;
        case Const.INVOKEVIRTUAL:
        case Const.INVOKEINTERFACE:
        case Const.INVOKESTATIC:
        case Const.INVOKESPECIAL:
            sawCall(seen);
            return;
        case Const.INVOKEDYNAMIC:
            markResult = anyArgumentMarked(getSigConstantOperand(), 0);
            checkingFunction = !markResult && MethodCalls.functionCalls(getThisClass(), getConstantRefOperand(),
                    (o, n, d) -> LoginCatalogue.isCredentialCheck(o, n, d, settings));
            functionReference = markResult || checkingFunction ? null : applicationReference();
            return;
        case Const.CHECKCAST:
            // (PortalSession) request.getAttribute("portalSession"): the attribute holds an application object, the
            // session record a filter found for the presented id, not the id itself.
            if (stack.getStackDepth() > 0 && marked(stack.getStackItem(0)) && sourceName == null
                    && attributeParameter != null && QuietClasspath.isApplicationClass(getClassConstantOperand())) {
                attributeRecord = true;
                recordResult = KEPT_RECORD;
            }
            return;
        case Const.PUTFIELD:
            noteRecordFieldWrite();
            return;
        case Const.GETFIELD:
            // member.get().email: an identity field of the checked user, read as its getter would be.
            checkedResult = stack.getStackDepth() > 0 && stack.getStackItem(0).getUserValue() == CHECKED
                    && LoginCatalogue.isIdentityGetter(getNameConstantOperand());
            return;
        case Const.AASTORE:
            // String.format("auth:%s", session.getId()): a varargs array given the id carries it into the call.
            if (stack.getStackDepth() > 2 && marked(stack.getStackItem(0))) {
                stack.getStackItem(2).setUserValue(PRESENTED);
            }
            return;
        default:
            return;
        }
    }

    @Override
    public void afterOpcode(int seen) {
        super.afterOpcode(seen);
        if (stack.getStackDepth() == 0) {
            return;
        }
        markTop(seen);
        noteJoinMark(seen);
    }

    /**
     * {@code id == null ? null : sessions.get(id)}: SpotBugs' stack forgets a mark where the branches join (its merge
     * keeps a user value only when both sides have the same), so a mark leaving a branch for a join ahead is noted and
     * put back on the joined value, at the same depth (see {@link #restoreJoinMark()}).
     */
    private void noteJoinMark(int seen) {
        Object mark = stack.getStackItem(0).getUserValue();
        if (!(mark instanceof Marker) || mark == FRESH) {
            return;
        }
        int target = seen == Const.GOTO || seen == Const.GOTO_W ? getBranchTarget()
                : isBranch(seen) || isSwitch(seen) || isReturn(seen) || seen == Const.ATHROW ? -1 : getNextPC();
        if (target > getPC() && joins.contains(target)) {
            joinMarks.put(target, new JoinMark(stack.getStackDepth(), mark));
        }
    }

    private void restoreJoinMark() {
        JoinMark mark = joinMarks.remove(getPC());
        if (mark != null && stack.getStackDepth() == mark.depth && stack.getStackItem(0).getUserValue() == null) {
            stack.getStackItem(0).setUserValue(mark.mark);
        }
    }

    /** A mark on the top of the stack, and the stack's depth, where a branch leaves for a join. */
    private static final class JoinMark {
        final int depth;
        final Object mark;

        JoinMark(int depth, Object mark) {
            this.depth = depth;
            this.mark = mark;
        }
    }

    private void markTop(int seen) {
        if (freshResult) {
            stack.getStackItem(0).setUserValue(FRESH);
        } else if (markedSource || markResult) {
            stack.getStackItem(0).setUserValue(PRESENTED);
        } else if (recordResult != null) {
            stack.getStackItem(0).setUserValue(recordResult);
        } else if (checkedResult) {
            stack.getStackItem(0).setUserValue(CHECKED);
        } else if (checkingFunction) {
            stack.getStackItem(0).setUserValue(CHECKING_FUNCTION);
        } else if (functionReference != null) {
            stack.getStackItem(0).setUserValue(functionReference);
        } else if (pendingSql != null) {
            stack.getStackItem(0).setUserValue(new Sql(pendingSql));
        } else if (seen == Const.ALOAD || seen == Const.ALOAD_0 || seen == Const.ALOAD_1 || seen == Const.ALOAD_2
                || seen == Const.ALOAD_3) {
            if (freshRegisters.contains(getRegisterOperand())) {
                stack.getStackItem(0).setUserValue(FRESH);
            } else if (markedRegisters.contains(getRegisterOperand())) {
                stack.getStackItem(0).setUserValue(PRESENTED);
            } else if (recordRegisters.containsKey(getRegisterOperand())) {
                stack.getStackItem(0).setUserValue(recordRegisters.get(getRegisterOperand()));
            } else if (checkedRegisters.contains(getRegisterOperand())) {
                stack.getStackItem(0).setUserValue(CHECKED);
            }
        }
    }

    private void sawCall(int seen) {
        String owner = getClassConstantOperand();
        String name = getNameConstantOperand();
        String signature = getSigConstantOperand();
        int arguments = argumentCount(signature);
        if (!handsOnlyTheExchange(name, signature)) {
            callees.add(owner + "." + name + signature);
        }
        if (LoginCatalogue.isCredentialCheck(owner, name, signature, settings)) {
            credentialCheck = true;
            checkedResult = signature.endsWith(";");
        } else if (arguments == 1 && LoginCatalogue.isPredicateFilter(owner, name)
                && stack.getStackDepth() > 0 && stack.getStackItem(0).getUserValue() == CHECKING_FUNCTION) {
            // accounts.byEmail(email).filter(a -> PasswordCheck.verify(password, a.passwordHash())): the check runs
            // in the lambda, and what passes it is the checked user.
            credentialCheck = true;
            checkedResult = true;
        }
        noteCheckedIdentity(seen, owner, name, signature, arguments);
        if (LoginCatalogue.any(LoginCatalogue.ROTATIONS, owner, name, signature)) {
            rotated = true;
        }
        if (LoginCatalogue.any(LoginCatalogue.SESSION_WRITES, owner, name, signature)) {
            writesSession = true;
        }
        if (SessionStoreCatalogue.isPresentedId(owner, name, signature) || returnsPresentedId(owner, name, signature)) {
            markedSource = !rotated;
            if (markedSource) {
                sourceName = simple(owner) + "." + name + "()";
            }
            return;
        }
        if (SessionStoreCatalogue.isHeaderRead(owner, name, signature) && stack.getStackDepth() > 0
                && stack.getStackItem(0).getConstant() instanceof String
                && SessionStoreCatalogue.namesSessionHeader((String) stack.getStackItem(0).getConstant())) {
            // request.getHeader("X-Session-Id"): the id a client presents in a header of its own.
            markedSource = !rotated;
            if (markedSource) {
                sourceName = "the " + stack.getStackItem(0).getConstant() + " request header";
            }
            return;
        }
        if (noteAttributeRead(owner, name, signature)) {
            return;
        }
        if (SessionStoreCatalogue.isRequestAttributeWrite(owner, name, signature) && stack.getStackDepth() > 1
                && stack.getStackItem(1).getConstant() instanceof String) {
            String attribute = (String) stack.getStackItem(1).getConstant();
            if (marked(stack.getStackItem(0)) && (sourceName != null || attributeParameter == null)) {
                // (an id this method only read from an attribute is no presented id of its own to hand on)
                // request.setAttribute("X-Clinic-Session", token) with the presented id: a handler's @RequestAttribute.
                presentedAttributes.add(attribute);
            } else if (isRecord(stack.getStackItem(0)) && sourceName != null) {
                // request.setAttribute("portalSession", sessions.find(presentedId(request))): a handler reading it back
                // holds the record kept under the presented id.
                recordAttributes.add(attribute);
            } else if (stack.getStackItem(0).getUserValue() == FRESH) {
                // A login that moves the session to a fresh id and publishes it under the same name: a later read of
                // the attribute may be that fresh id (the read cannot tell which write it follows).
                freshAttributes.add(attribute);
            }
        }
        if (makesFresh(seen, owner, name, signature, arguments)) {
            // UUID.randomUUID().toString().replace("-", ""), random.nextBytes(bytes) then an encoding of the bytes:
            // a fresh id, not the presented one.
            freshResult = !signature.endsWith(")V");
            return;
        }
        if (returnsPresentedRecord(owner, name, signature)) {
            // sessionManager.getSession(request, response): the record its map keeps under the presented id.
            recordResult = rotated ? null : MANAGED_RECORD;
            if (recordResult != null) {
                sourceName = simple(owner) + "." + name + "()";
            }
            return;
        }
        if (stack.getStackDepth() < arguments + (seen == Const.INVOKESTATIC ? 0 : 1)) {
            return;
        }
        if (seen != Const.INVOKESTATIC && arguments >= 1 && anyArgumentMarked(signature, 0)
                && SessionStoreCatalogue.answersKeyedHandle(owner, name, signature)) {
            recordResult = KEYED_HANDLE;
            return;
        }
        if (seen != Const.INVOKESTATIC && arguments >= 1 && SessionStoreCatalogue.MAP_TYPES.contains(owner)
                && SessionStoreCatalogue.MAP_READS.contains(name) && marked(stack.getStackItem(arguments - 1))) {
            recordResult = RECORD;
            return;
        }
        if (seen != Const.INVOKESTATIC && arguments >= 1 && anyArgumentMarked(signature, 0)
                && SessionStoreCatalogue.ENTITY_LOOKUPS.contains(name) && signature.endsWith(";")) {
            readsSessionState |= readsSessionState(seen, owner, name, signature, arguments);
            recordResult = FOUND_ENTITY;
            return;
        }
        if (seen != Const.INVOKESTATIC && "java/util/Optional".equals(owner) && LoginCatalogue.OPTIONAL_UNWRAPS.contains(name)
                && isLookedUpRecord(stack.getStackItem(arguments))) {
            // repository.findById(sid).orElse(null), presented.flatMap(registry::find).orElse(null): the record found.
            recordResult = stack.getStackItem(arguments).getUserValue();
            return;
        }
        if (seen != Const.INVOKESTATIC && arguments == 1 && "java/util/Optional".equals(owner)
                && LoginCatalogue.OPTIONAL_MAPS.contains(name) && marked(stack.getStackItem(1))
                && stack.getStackItem(0).getUserValue() instanceof FunctionReference) {
            // SessionCookies.read(request).flatMap(registry::find): the store's lookup called with the presented id.
            recordResult = mappedRecord((FunctionReference) stack.getStackItem(0).getUserValue());
            if (recordResult != null) {
                return;
            }
        }
        if (seen != Const.INVOKESTATIC && arguments == 1 && name.startsWith("set") && name.length() > 3
                && stack.getStackItem(1).getUserValue() == FOUND_ENTITY && stack.getStackItem(1).getRegisterNumber() >= 0
                && LoginCatalogue.isIdentityAttribute(name.substring(3), settings)) {
            recordRegisters.put(stack.getStackItem(1).getRegisterNumber(), BOUND_ENTITY);
        }
        if (arguments >= 1 && anyArgumentMarked(signature, 0) && returnsKeyedRecord(owner, name, signature)) {
            // store.get(sid): an application store handed the presented id answers the record its map keeps under it.
            // As for a manager's record, only attribute writes count (a cart's setCurrency(...) logs nobody in).
            recordResult = MANAGED_RECORD;
            return;
        }
        if (arguments >= 1 && anyArgumentMarked(signature, 0) && !rotated && answersKeptRecord(owner, name, signature)) {
            // registry.lookup(id): the application's own session object, kept in its map under the presented id.
            readsSessionState = true;
            recordResult = KEPT_RECORD;
            return;
        }
        readsSessionState |= readsSessionState(seen, owner, name, signature, arguments);
        if (SessionStoreCatalogue.JDBC_PREPARES.contains(name) && owner.startsWith("java/sql/") && arguments >= 1) {
            Object sql = stack.getStackItem(arguments - 1).getConstant();
            pendingSql = sql instanceof String ? (String) sql : null;
            return;
        }
        propagate(seen, owner, name, signature, arguments);
        if (site == null) {
            helperStore = false;
            String store = storeWritten(seen, owner, name, arguments);
            Site inHelper = helperStore ? loginHelperSite(owner, name, getSigConstantOperand(), store) : null;
            if (inHelper != null) {
                // The helper checks the credential and writes the store: the login, and the place to fix, is there.
                if (reportedHelpers.add(inHelper.key())) {
                    report(inHelper, Priorities.HIGH_PRIORITY);
                }
            } else if (store != null) {
                site = new Site(getDottedClassName(), getMethodName(), getMethodSig(),
                        MethodAnnotation.fromVisitedMethod(this), SourceLineAnnotation.fromVisitedInstruction(this), store,
                        sourceName != null ? sourceName : attributeParameter != null
                                ? "the request attribute " + attributeParameter : "a request cookie's value");
                site.attribute = sourceName == null ? attributeParameter : null;
                site.heldRecord = site.attribute != null && attributeRecord;
            }
        }
    }

    /**
     * The method reference an invokedynamic makes, when it is one to an application method that takes the element
     * as its one argument: a bound reference ({@code registry::find}, the receiver captured) or a static one
     * ({@code Sessions::lookup}, nothing captured); null for a lambda, an unbound instance reference or a library's.
     */
    private FunctionReference applicationReference() {
        int captured = argumentCount(getSigConstantOperand());
        for (io.github.sessionguard.flow.MethodHandleTargets.Target target
                : io.github.sessionguard.flow.MethodHandleTargets.of(getThisClass(), getConstantRefOperand())) {
            if (target.name().startsWith("lambda$") || SessionStoreCatalogue.isLibrary(target.owner())
                    || argumentCount(target.descriptor()) != 1 || captured != (target.isStatic() ? 0 : 1)) {
                continue;
            }
            return new FunctionReference(target.owner(), target.name(), target.descriptor());
        }
        return null;
    }

    /**
     * What an application lookup that a method reference names answers when an {@code Optional} of the presented id
     * is mapped with it: the record the same call, made with the id, would answer (an entity or session object found
     * by it, the record its class's map keeps under it); null for any other method, or after an id change.
     */
    private Object mappedRecord(FunctionReference function) {
        if (rotated) {
            return null;
        }
        if (SessionStoreCatalogue.ENTITY_LOOKUPS.contains(function.name) && function.descriptor.endsWith(";")) {
            readsSessionState = true;
            return FOUND_ENTITY;
        }
        if (returnsKeyedRecord(function.owner, function.name, function.descriptor)) {
            return MANAGED_RECORD;
        }
        if (answersKeptRecord(function.owner, function.name, function.descriptor)) {
            readsSessionState = true;
            return KEPT_RECORD;
        }
        return null;
    }

    /** A record a lookup answered (an entity, a session object or a map's record), which an {@code Optional} may hold. */
    private static boolean isLookedUpRecord(OpcodeStack.Item item) {
        return item.getUserValue() == FOUND_ENTITY || item.getUserValue() == KEPT_RECORD
                || item.getUserValue() == MANAGED_RECORD;
    }

    /**
     * {@code (String) request.getAttribute("cartshop.sid")}, Javalin's {@code ctx.attribute("ksid")}: a handler reading
     * by name what a filter (or a {@code before} handler) stored for it. As for a {@code @RequestAttribute} parameter,
     * the value is the presented id only if some application code stores one under that name, which is known once every
     * class is seen: the site waits ({@link Site#attribute}). One attribute per method, the first read by a constant
     * name; not after an id change, nor where the method reads the presented id itself (that source names the site).
     */
    private boolean noteAttributeRead(String owner, String name, String signature) {
        if (!SessionStoreCatalogue.isRequestAttributeRead(owner, name, signature) || stack.getStackDepth() == 0
                || !(stack.getStackItem(0).getConstant() instanceof String)) {
            return false;
        }
        String attribute = (String) stack.getStackItem(0).getConstant();
        if (attributeParameter == null && !rotated && !presentedParameter) {
            attributeParameter = attribute;
        }
        markResult = attribute.equals(attributeParameter) && !rotated;
        return true;
    }

    /**
     * Follows the identity a credential check answered: an identity getter on it ({@code tokens.subject()}, {@code
     * Optional.orElse}), and an application object constructed with it ({@code new TenantGrant(tenant, userId)}).
     */
    private void noteCheckedIdentity(int seen, String owner, String name, String signature, int arguments) {
        if (stack.getStackDepth() <= arguments) {
            return;
        }
        if (seen != Const.INVOKESTATIC && !name.equals("<init>") && signature.endsWith(";")
                && stack.getStackItem(arguments).getUserValue() == CHECKED && LoginCatalogue.isIdentityGetter(name)) {
            checkedResult = true;
        } else if (seen == Const.INVOKESPECIAL && name.equals("<init>") && !SessionStoreCatalogue.isLibrary(owner)
                && anyArgumentChecked(arguments) && stack.getStackItem(arguments).getUserValue() == null) {
            stack.getStackItem(arguments).setUserValue(CHECKED);
        }
    }

    private boolean anyArgumentChecked(int arguments) {
        for (int i = 0; i < arguments && i < stack.getStackDepth(); i++) {
            if (stack.getStackItem(i).getUserValue() == CHECKED) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code session.setPlayer(player)}, {@code session.authenticate(tokens.subject(), token)}: the application's own
     * method, on a session object kept under the presented id (a record found by it whose type is named as a session:
     * {@link SessionStoreCatalogue#namesSessionRecord}, not a guest cart given its owner), handed the identity a
     * credential check answered. The object is the store's entry, so the id now carries the user.
     */
    private boolean handsCheckedIdentityToSessionRecord(String owner, String name, OpcodeStack.Item receiver) {
        String type = receiver.getSignature();
        return isRecord(receiver) && !SessionStoreCatalogue.isLibrary(owner) && !name.startsWith("get")
                && anyArgumentChecked(argumentCount(getSigConstantOperand()))
                && type.startsWith("L") && SessionStoreCatalogue.namesSessionRecord(
                        type.substring(Math.max(type.lastIndexOf('/'), type.lastIndexOf('$')) + 1));
    }

    /**
     * {@code registry.attachAccount(current, account.get().accountNumber())}: an application method handed the
     * session object kept under the presented id (typed as a session, as for {@link
     * #handsCheckedIdentityToSessionRecord}) and the identity a credential check answered, which gives that object
     * the identity itself ({@code session.accountNumber(accountNumber)}, {@code session.user = user}: read from its
     * bytecode, one level deep, by {@link HelperStoreKeys#bindsIntoParameter}). The object is the store's entry.
     */
    private boolean handsCheckedIdentityIntoRecordArgument(String owner, String name, int arguments) {
        if (SessionStoreCatalogue.isLibrary(owner) || name.startsWith("get") || arguments < 2
                || stack.getStackDepth() < arguments || !anyArgumentChecked(arguments)) {
            return false;
        }
        String signature = getSigConstantOperand();
        for (int i = 0; i < arguments; i++) {
            OpcodeStack.Item record = stack.getStackItem(arguments - 1 - i);
            String type = record.getSignature();
            if (!isRecord(record) || !type.startsWith("L") || !SessionStoreCatalogue.namesSessionRecord(
                    type.substring(Math.max(type.lastIndexOf('/'), type.lastIndexOf('$')) + 1, type.length() - 1))) {
                continue;
            }
            for (int j = 0; j < arguments; j++) {
                if (j == i || stack.getStackItem(arguments - 1 - j).getUserValue() != CHECKED) {
                    continue;
                }
                int recordParameter = i;
                int valueParameter = j;
                boolean binds = helperKeys.computeIfAbsent(owner + "." + name + signature + "#" + i + "<" + j, key -> {
                    CallTargets.Target target = CallTargets.resolve(owner, name, signature);
                    return target != null && target.method() != null
                            && HelperStoreKeys.bindsIntoParameter(target, recordParameter, valueParameter);
                });
                if (binds) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Does the application method answer the plain record (not a map, no map of its own: those are {@link
     * #returnsKeyedRecord}'s) a JDK map of its class keeps, values of the type it answers ({@code Map<String,
     * LobbySession>}), read by the key it is handed, without making a fresh id or changing one? From its bytecode,
     * one level deep, once per method and analysis.
     */
    private boolean answersKeptRecord(String owner, String name, String signature) {
        String returned = signature.substring(signature.indexOf(')') + 1);
        if (!returned.startsWith("L") || returned.equals("Ljava/lang/String;") || SessionStoreCatalogue.isLibrary(owner)
                || !QuietClasspath.isApplicationClass(returned.substring(1, returned.length() - 1))) {
            return false;
        }
        return keptRecordHelpers.computeIfAbsent(owner + "." + name + signature, key -> {
            CallTargets.Target target = CallTargets.resolve(owner, name, signature);
            return target != null && target.method() != null && keepsRecordsOf(target.javaClass(), returned)
                    && MethodCalls.calls(target.javaClass(), target.method(), (o, n, d) -> SessionStoreCatalogue.MAP_TYPES
                            .contains(o) && SessionStoreCatalogue.MAP_READS.contains(n))
                    && !MethodCalls.calls(target.javaClass(), target.method(),
                            (o, n, d) -> LoginCatalogue.any(LoginCatalogue.ROTATIONS, o, n, d)
                                    || SessionStoreCatalogue.makesFreshId(o, n, d));
        });
    }

    /**
     * {@code current.userId = account.id()}: a field of the record a map keeps under the presented id, named as a
     * session attribute naming the user is, given a value: the store's write (a time stamp or a counter binds nobody).
     */
    private void noteRecordFieldWrite() {
        // (current.userId = null: clearing the old login binds nobody.)
        if (site != null || stack.getStackDepth() < 2 || stack.getStackItem(1).getUserValue() != RECORD
                || stack.getStackItem(0).isNull() || !LoginCatalogue.isIdentityAttribute(getNameConstantOperand(), settings)) {
            return;
        }
        site = new Site(getDottedClassName(), getMethodName(), getMethodSig(), MethodAnnotation.fromVisitedMethod(this),
                SourceLineAnnotation.fromVisitedInstruction(this),
                "the record a map keeps under that id (its field " + getNameConstantOperand() + ")",
                sourceName == null ? "a request cookie's value" : sourceName);
    }

    /**
     * Does the call read what the session already holds: a value out of the record kept under the presented id
     * ({@code record.get("accountId")}), or an application object looked up by that id ({@code
     * rows.findByToken(token)})? Then the method works for a session that is logged in already (a password
     * change, a cart update), and only a catalogue check makes it a login.
     */
    private boolean readsSessionState(int seen, String owner, String name, String signature, int arguments) {
        if (seen != Const.INVOKESTATIC && isRecord(stack.getStackItem(arguments))) {
            return SessionStoreCatalogue.MAP_READS.contains(name) || (name.startsWith("get") && arguments == 0);
        }
        // Not a write that answers something (establishUserSession(sid, user) returning the new session), nor a
        // cookie made from the id (issueGuestCookie(token): the id sent back, no state read).
        Type returned = Type.getReturnType(signature);
        return arguments >= 1 && returned instanceof org.apache.bcel.generic.ObjectType && !returned.equals(Type.STRING)
                && !io.github.sessionguard.catalogue.CookieCatalogue.isCookieType(
                        ((org.apache.bcel.generic.ObjectType) returned).getClassName().replace('.', '/'))
                && QuietClasspath.isApplicationClass(owner)
                && anyArgumentMarked(signature, 0) && !SessionStoreCatalogue.isRegistryWrite(owner, name)
                && storeWrittenBy(owner, name, signature) == null;
    }

    /**
     * A call of a servlet's request entry ({@code doGet(request, response)}) handed only the request and the
     * response, as a failed login shows its form again (see {@link SessionStoreCatalogue#EXCHANGE_TYPES}).
     */
    private static boolean handsOnlyTheExchange(String name, String signature) {
        if (!SessionStoreCatalogue.SERVLET_ENTRIES.contains(name)) {
            return false;
        }
        Type[] parameters = Type.getArgumentTypes(signature);
        if (parameters.length == 0) {
            return false;
        }
        for (Type parameter : parameters) {
            if (!(parameter instanceof org.apache.bcel.generic.ObjectType) || !SessionStoreCatalogue.EXCHANGE_TYPES
                    .contains(((org.apache.bcel.generic.ObjectType) parameter).getClassName().replace('.', '/'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Does the application method called here write a store (storeWrittenBy) keyed by one of the parameters this
     * call hands the presented id (HelperStoreKeys)? Asked once per method, parameter and analysis.
     */
    private boolean helperKeysStoreByMarked(String owner, String name, int arguments) {
        String signature = getSigConstantOperand();
        if (storeWrittenBy(owner, name, signature) == null) {
            return false;
        }
        for (int i = 0; i < arguments; i++) {
            if (!marked(stack.getStackItem(arguments - 1 - i))) {
                continue;
            }
            int parameter = i;
            boolean keyed = helperKeys.computeIfAbsent(owner + "." + name + signature + "#" + parameter, key -> {
                CallTargets.Target target = CallTargets.resolve(owner, name, signature);
                return target != null && target.method() != null && HelperStoreKeys.keyedBy(target, parameter);
            });
            if (keyed) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a store written by an application helper handed the id that is a login itself (it calls a credential
     * check: {@code loginService.login(name, password, presentedSid)}), the site in the helper, at its store write;
     * else null (the site is the call). A helper whose name alone says login ({@code tokens.signIn(token, user)},
     * {@code registry.authenticate(sid, accountId)}) binds whatever id it is handed: the caller chose the presented
     * one and is the place to fix, and calling it makes the caller a login (a credential check by name).
     */
    private Site loginHelperSite(String owner, String name, String signature, String store) {
        CallTargets.Target target = CallTargets.resolve(owner, name, signature);
        if (target == null || target.method() == null || !MethodCalls.calls(target.javaClass(), target.method(),
                (o, n, d) -> LoginCatalogue.isCredentialCheck(o, n, d, settings))) {
            return null;
        }
        int pc = firstStoreWrite(target.javaClass(), target.method());
        String helperClass = target.javaClass().getClassName();
        return new Site(helperClass, name, signature,
                MethodAnnotation.fromForeignMethod(helperClass, name, signature, target.method().isStatic()),
                SourceLineAnnotation.fromVisitedInstruction(target.javaClass(), target.method(), pc), store,
                "the id its callers hand it");
    }

    /** The offset of the method's first call that writes a store (see storeWrittenBy), or 0. */
    private static int firstStoreWrite(JavaClass javaClass, Method method) {
        org.apache.bcel.classfile.ConstantPool pool = javaClass.getConstantPool();
        boolean mapField = SessionStoreCatalogue.keepsMapField(javaClass);
        int[] found = {0};
        try {
            RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) -> {
                if (index <= 0 || !RawInstructions.callsMethodRef(opcode)) {
                    return false;
                }
                org.apache.bcel.classfile.ConstantCP reference = (org.apache.bcel.classfile.ConstantCP) pool.getConstant(index);
                if (SessionStoreCatalogue.storeWriteByCall(MethodRefs.owner(pool, reference),
                        MethodRefs.name(pool, reference), mapField) != null) {
                    found[0] = offset;
                    return true;
                }
                return false;
            });
        } catch (java.io.IOException e) {
            // storeWrittenBy read this code already: unreadable bytes here are a bug, for the detector's guard.
            throw new IllegalStateException("unreadable code of " + javaClass.getClassName() + "." + method.getName(), e);
        }
        return found[0];
    }

    /** Does the id bound at this placeholder (a constant index) only name rows the statement moves to a new key? */
    private static boolean rekeys(String sql, OpcodeStack.Item placeholder) {
        Object index = placeholder.getConstant();
        return index instanceof Integer && SessionStoreCatalogue.rekeysColumnAt(sql, (Integer) index);
    }

    /** Values derived from the presented id: strings built from it, builders and entities given it. */
    private void propagate(int seen, String owner, String name, String signature, int arguments) {
        boolean argument = anyArgumentMarked(signature, 0);
        boolean receiver = seen != Const.INVOKESTATIC && marked(stack.getStackItem(arguments));
        boolean stringWork = owner.equals("java/lang/StringBuilder") || owner.equals("java/lang/StringBuffer")
                || owner.equals("java/lang/String") || owner.endsWith("Builder");
        if (stringWork && (argument || receiver) && !signature.endsWith(")V")) {
            markResult = true;
        }
        if (argument && seen == Const.INVOKESTATIC && !SessionStoreCatalogue.isLibrary(owner)
                && signature.endsWith(")Ljava/lang/String;") && takesNoDatabase(signature)) {
            // key(token) = "session:" + token: an application's static helper makes the store's key from the id
            // (not one handed a database: localeOf(con, sid) answers what it looked up, not a key).
            markResult = true;
        }
        if (receiver && "java/util/Optional".equals(owner) && LoginCatalogue.OPTIONAL_UNWRAPS.contains(name)) {
            // req.headers().first("X-Session-Id").orElseGet(registry::mint): the presented id where one was sent.
            markResult = true;
        }
        if (!argument || SessionStoreCatalogue.isLibrary(owner)) {
            return;
        }
        if (seen == Const.INVOKESPECIAL && name.equals("<init>") && stack.getStackDepth() > arguments + 1) {
            OpcodeStack.Item created = stack.getStackItem(arguments + 1);
            if (("L" + owner + ";").equals(created.getSignature())) {
                created.setUserValue(PRESENTED);
            }
        } else if (seen != Const.INVOKESTATIC && name.startsWith("set") && arguments == 1) {
            int register = stack.getStackItem(arguments).getRegisterNumber();
            if (register >= 0) {
                stack.getLVValue(register).setUserValue(PRESENTED);
                markedRegisters.add(register);
            }
        }
    }

    /** No parameter of the descriptor is a database handle (a connection, a data source, a JDBC template). */
    private static boolean takesNoDatabase(String signature) {
        for (String parameter : new edu.umd.cs.findbugs.ba.SignatureParser(signature).getArguments()) {
            if (SessionStoreCatalogue.DATABASE_HANDLES.stream().anyMatch(parameter::startsWith)) {
                return false;
            }
        }
        return true;
    }

    /** The store this call writes a record keyed by the presented id to, or null. */
    private String storeWritten(int seen, String owner, String name, int arguments) {
        if (arguments == 0) {
            return null;
        }
        boolean anyMarked = anyArgumentMarked(getSigConstantOperand(), 0);
        if (anyMarked && !SessionStoreCatalogue.isLibrary(owner) && helperKeysStoreByMarked(owner, name, arguments)) {
            // SessionTable.bind(con, sid, userId), SessionFacade.add(userSession, sid): an application method handed
            // the id writes a store keyed by it itself (read from its bytecode, one level deep).
            helperStore = true;
            return storeWrittenBy(owner, name, getSigConstantOperand()) + " in " + simple(owner) + "." + name + "()";
        }
        // Only the application's own registry: a framework's put (Undertow's response HeaderMap.put(LOCATION, target))
        // keeps no session, whatever its name says.
        if (anyMarked && arguments >= 2 && SessionStoreCatalogue.isRegistryWrite(owner, name)
                && QuietClasspath.isApplicationClass(owner)) {
            return "the application's session registry (" + simple(owner) + "." + name + ")";
        }
        if (handsCheckedIdentityIntoRecordArgument(owner, name, arguments)) {
            return "the session object kept under that id (" + simple(owner) + "." + name + ")";
        }
        if (seen == Const.INVOKESTATIC) {
            return null;
        }
        OpcodeStack.Item receiver = stack.getStackItem(arguments);
        if (SessionStoreCatalogue.JDBC_STATEMENTS.contains(owner) && SessionStoreCatalogue.JDBC_SETTERS.contains(name)
                && marked(stack.getStackItem(0)) && receiver.getUserValue() instanceof Sql
                && SessionStoreCatalogue.isWritingSql(((Sql) receiver.getUserValue()).text)
                && !rekeys(((Sql) receiver.getUserValue()).text, stack.getStackItem(1))) {
            return "the database (" + firstWords(((Sql) receiver.getUserValue()).text) + ")";
        }
        if (SessionStoreCatalogue.MAP_TYPES.contains(owner) && SessionStoreCatalogue.MAP_WRITES.contains(name)
                && arguments >= 2 && marked(stack.getStackItem(arguments - 1)) && !receiver.isNewlyAllocated()
                && !isEmptyContainer(stack.getStackItem(0))) {
            return (receiver.getXField() != null ? "the map " + receiver.getXField().getName() : "a map or cache")
                    + " (" + simple(owner) + "." + name + ")";
        }
        if (receiver.getUserValue() == RECORD && ((SessionStoreCatalogue.MAP_TYPES.contains(owner)
                && SessionStoreCatalogue.MAP_WRITES.contains(name)) || (name.startsWith("set") && !SessionStoreCatalogue.isLibrary(owner)))
                || receiver.getUserValue() == MANAGED_RECORD && isAttributeWrite(getSigConstantOperand())) {
            return "the record a map keeps under that id (" + simple(owner) + "." + name + ")";
        }
        if (handsCheckedIdentityToSessionRecord(owner, name, receiver)) {
            return "the session object kept under that id (" + simple(owner) + "." + name + ")";
        }
        if (receiver.getUserValue() == KEYED_HANDLE && SessionStoreCatalogue.HANDLE_WRITES.contains(name)) {
            return "the entry kept under that id (" + simple(owner) + "." + name + ")";
        }
        if (anyMarked && SessionStoreCatalogue.isRedisWrite(owner, name)) {
            return "Redis (" + simple(owner) + "." + name + ")";
        }
        if ((anyMarked || stack.getStackItem(0).getUserValue() == BOUND_ENTITY)
                && SessionStoreCatalogue.ENTITY_WRITES.contains(name) && !owner.startsWith("java/")) {
            return "a repository (" + simple(owner) + "." + name + ")";
        }
        return null;
    }

    /**
     * What store an application method writes, from its bytecode: a JDBC update, a Redis write, a repository's
     * save, or a write to a map its class keeps in a field; null when it writes none, or when it also makes a fresh
     * id or changes the session's (a helper that renews the id). Asked once per method and analysis.
     */
    private String storeWrittenBy(String owner, String name, String signature) {
        String store = helperStores.computeIfAbsent(owner + "." + name + signature, key -> {
            CallTargets.Target target = CallTargets.resolve(owner, name, signature);
            if (target == null || target.method() == null) {
                return NO_STORE;
            }
            JavaClass helper = target.javaClass();
            String[] found = {NO_STORE};
            boolean mapField = SessionStoreCatalogue.keepsMapField(helper);
            // One walk: the first store written, unless the helper renews an id anywhere (then it stops there).
            boolean renews = MethodCalls.calls(helper, target.method(), (o, n, d) -> {
                // (also through a generator of its class or another: reissueFor(old, ...) over a private token())
                if (LoginCatalogue.any(LoginCatalogue.ROTATIONS, o, n, d) || SessionStoreCatalogue.makesFreshId(o, n, d)
                        || (isGenerator(o, d) && makesFreshItself(o, n, d))) {
                    return true;
                }
                String written = SessionStoreCatalogue.storeWriteByCall(o, n, mapField);
                if (written == null && DatabaseExecutors.isExecutor(helper, target.method(), o, n, d)) {
                    written = SessionStoreCatalogue.DATABASE; // its own execute(sql, args...): the SQL is checked here
                }
                if (written != null && found[0].equals(NO_STORE)) {
                    found[0] = written;
                }
                return false;
            });
            if (renews) {
                return NO_STORE;
            }
            if (found[0].equals(NO_STORE) && mapField && MethodCalls.calls(helper, target.method(), (o, n, d) ->
                    SessionStoreCatalogue.MAP_TYPES.contains(o) && SessionStoreCatalogue.MAP_READS.contains(n))
                    && HelperStoreKeys.bindsKeptRecord(target)) {
                // registry.authenticate(sid, accountId) over computeIfAbsent(id, ...).setAccountId(accountId): the
                // helper writes what it is handed into the record its map keeps under a parameter.
                return KEPT_RECORD_STORE;
            }
            // A JDBC update counts when the helper's SQL writes a row (INSERT/UPDATE...), not when it deletes one.
            return found[0].equals(SessionStoreCatalogue.DATABASE) && !loadsWritingSql(helper, target.method())
                    ? NO_STORE : found[0];
        });
        return store.isEmpty() ? null : store;
    }

    /** Does the method load a string constant that is writing SQL ({@link SessionStoreCatalogue#isWritingSql})? */
    private static boolean loadsWritingSql(JavaClass javaClass, Method method) {
        if (method.getCode() == null) {
            return false;
        }
        org.apache.bcel.classfile.ConstantPool pool = javaClass.getConstantPool();
        try {
            return RawInstructions.walk(method.getCode().getCode(), (offset, opcode, index) ->
                    (opcode == Const.LDC || opcode == Const.LDC_W) && index > 0
                            && pool.getConstant(index) instanceof org.apache.bcel.classfile.ConstantString
                            && SessionStoreCatalogue.isWritingSql(
                                    ((org.apache.bcel.classfile.ConstantString) pool.getConstant(index)).getBytes(pool)));
        } catch (java.io.IOException e) {
            // Truncated code, which SpotBugs' own decoding rejects too: its SQL is unknown, so no write; reported.
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the code of "
                    + javaClass.getClassName() + "." + method.getName(), e);
            return false;
        }
    }

    /** How many application helpers deep {@link #returnsPresentedId} reads (a base controller's helper over its cookie reader). */
    private static final int PRESENTED_ID_HELPER_DEPTH = 3;

    /**
     * An application method returning a String that it reads from a presented-id call ({@code Cookie.getValue}
     * in a loop over the request's cookies, or in a stream's lambda), or from such a helper of its own
     * ({@code ensureSession(request)} over {@code currentSessionId(request)}, making one in its store only when none
     * was presented), and that neither changes an id nor makes a fresh one: the caller holds the presented id.
     */
    private boolean returnsPresentedId(String owner, String name, String signature) {
        return returnsPresentedId(owner, name, signature, 1);
    }

    private boolean returnsPresentedId(String owner, String name, String signature, int depth) {
        // (an Optional<String> too: SessionCookies.read(request).orElseGet(store::newId) holds the presented id)
        if (!(signature.endsWith(")Ljava/lang/String;") || signature.endsWith(")Ljava/util/Optional;"))
                || SessionStoreCatalogue.isLibrary(owner)) {
            return false;
        }
        String key = owner + "." + name + signature + "@" + depth;
        Boolean known = presentedIdHelpers.get(key);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: the answer may ask the cache again for a helper one level down.
        presentedIdHelpers.put(key, false);
        CallTargets.Target target = CallTargets.resolve(owner, name, signature);
        // A helper that also makes a fresh id (or changes the session's) may well return that one instead.
        boolean answer = target != null && target.method() != null
                && (MethodCalls.calls(target.javaClass(), target.method(), SessionStoreCatalogue::isPresentedId)
                        || depth < PRESENTED_ID_HELPER_DEPTH && answersPresentedIdHelper(target, depth))
                && !MethodCalls.calls(target.javaClass(), target.method(),
                        (o, n, d) -> LoginCatalogue.any(LoginCatalogue.ROTATIONS, o, n, d)
                                || SessionStoreCatalogue.makesFreshId(o, n, d));
        presentedIdHelpers.put(key, answer);
        return answer;
    }

    /**
     * Does the helper answer, on some path, what a presented-id helper of its own returned (not merely read it, as a
     * {@code renewSession} that drops the old id for a new one does)?
     */
    private boolean answersPresentedIdHelper(CallTargets.Target target, int depth) {
        try {
            return AnsweredCalls.answersCall(target.javaClass(), target.method(),
                    (o, n, d) -> returnsPresentedId(o, n, d, depth + 1));
        } catch (edu.umd.cs.findbugs.classfile.CheckedAnalysisException e) {
            edu.umd.cs.findbugs.ba.AnalysisContext.logError("SessionGuard could not read the data flow of "
                    + target.javaClass().getClassName() + "." + target.method().getName(), e);
            return false;
        }
    }

    /**
     * Does the application method return the record a map keeps under the presented id: a session of a home-made
     * manager ({@code getSession(request, response)}, reading the cookie and then its map of sessions, a new one
     * when none is found)? The manager keeps records of the type it answers ({@code Map<String, MemberSession>
     * sessions}) and reads the presented id itself.
     */
    private boolean returnsPresentedRecord(String owner, String name, String signature) {
        return answersRecord(presentedRecordHelpers, owner, name, signature,
                (target, returned) -> keepsRecordsOf(target.javaClass(), returned)
                        && MethodCalls.calls(target.javaClass(), target.method(), SessionStoreCatalogue::isPresentedId));
    }

    /**
     * Does the application method answer the record a map of its class keeps under the key it is handed ({@code
     * GuestSessionStore.get(id)} returning {@code sessions.get(id)}, or {@code getOrCreate(id)} returning {@code
     * sessions.computeIfAbsent(id, k -> new HashMap<>())}), not a copy of it ({@code new HashMap<>(sessions.get(id))}:
     * writes into a copy bind nothing)?
     */
    private boolean returnsKeyedRecord(String owner, String name, String signature) {
        return answersRecord(keyedRecordHelpers, owner, name, signature,
                (target, returned) -> SessionStoreCatalogue.keepsMapField(target.javaClass())
                        // A copy is a JDK map made from another (new HashMap<>(m), also in a lambda); the empty record a
                        // computeIfAbsent lambda makes for a new key is the map's, where the login's writes land.
                        && !MethodCalls.calls(target.javaClass(), target.method(),
                                (o, n, d) -> "<init>".equals(n) && o.startsWith("java/util/") && d.startsWith("(Ljava/util/Map;")));
    }

    /**
     * The reading both record rules share: the application method answers a map or an object keeping one (the
     * session's attributes), reads a JDK map, neither renews an id nor makes a fresh one (a {@code renew()} answers
     * the record it made under a new id), and passes the rule's own test. Read from its bytecode, one level deep;
     * asked once per method and analysis (the cache).
     */
    private boolean answersRecord(Map<String, Boolean> cache, String owner, String name, String signature,
            java.util.function.BiPredicate<CallTargets.Target, String> rule) {
        String returned = signature.substring(signature.indexOf(')') + 1);
        if (!returned.startsWith("L") || returned.equals("Ljava/lang/String;") || SessionStoreCatalogue.isLibrary(owner)) {
            return false;
        }
        return cache.computeIfAbsent(owner + "." + name + signature, key -> {
            if (!SessionStoreCatalogue.isMapSignature(returned) && !keepsMapField(returned.substring(1, returned.length() - 1))) {
                return false;
            }
            CallTargets.Target target = CallTargets.resolve(owner, name, signature);
            return target != null && target.method() != null && rule.test(target, returned)
                    && MethodCalls.calls(target.javaClass(), target.method(), (o, n, d) -> SessionStoreCatalogue.MAP_TYPES
                            .contains(o) && SessionStoreCatalogue.MAP_READS.contains(n))
                    && !MethodCalls.calls(target.javaClass(), target.method(),
                            (o, n, d) -> LoginCatalogue.any(LoginCatalogue.ROTATIONS, o, n, d)
                                    || SessionStoreCatalogue.makesFreshId(o, n, d));
        });
    }

    /**
     * Does the call make a fresh id, or text from one: a generator ({@link SessionStoreCatalogue#makesFreshId}), a
     * {@code String}, {@code UUID}, {@code Base64} encoder or {@code HexFormat} call on or of a fresh value.
     * {@code random.nextBytes(bytes)} makes the local holding the bytes fresh.
     */
    private boolean makesFresh(int seen, String owner, String name, String signature, int arguments) {
        if (SessionStoreCatalogue.makesFreshId(owner, name, signature) || returnsFreshId(owner, name, signature)) {
            if (signature.endsWith(")V") && arguments == 1 && stack.getStackDepth() > 0
                    && stack.getStackItem(0).getRegisterNumber() >= 0) {
                freshRegisters.add(stack.getStackItem(0).getRegisterNumber());
            }
            return true;
        }
        if (!FRESH_CARRIERS.contains(owner) || stack.getStackDepth() < arguments + (seen == Const.INVOKESTATIC ? 0 : 1)) {
            return false;
        }
        for (int i = 0; i <= arguments && i < stack.getStackDepth(); i++) {
            if ((i < arguments || seen != Const.INVOKESTATIC) && stack.getStackItem(i).getUserValue() == FRESH) {
                return true;
            }
        }
        return false;
    }

    /**
     * Does an application generator answer text it makes from a fresh id: handed no text, it returns a String and
     * makes one itself ({@link SessionStoreCatalogue#makesFreshId}), or calls an application generator that does,
     * whatever the names ({@code registry.create()} over {@code SessionIds.next()} over
     * {@code SecureRandom.nextBytes}). Two levels, read from the bytes (and lambdas), once per method and analysis.
     */
    private boolean returnsFreshId(String owner, String name, String signature) {
        return isGenerator(owner, signature) && freshIdHelpers.computeIfAbsent(owner + "." + name + signature,
                key -> callsMatching(owner, name, signature, (o, n, d) -> SessionStoreCatalogue.makesFreshId(o, n, d)
                        || (isGenerator(o, d) && makesFreshItself(o, n, d))));
    }

    /** The first level of {@link #returnsFreshId}: the method's own bytes make a fresh id. */
    private boolean makesFreshItself(String owner, String name, String signature) {
        return freshIdMakers.computeIfAbsent(owner + "." + name + signature,
                key -> callsMatching(owner, name, signature, SessionStoreCatalogue::makesFreshId));
    }

    /**
     * An application generator's shape: it answers a String and is handed no text (an {@code orNew(presented)} that
     * answers its argument or a fresh id is no generator; nor is {@code rotate(oldId)}, read from its bytes alone).
     */
    private static boolean isGenerator(String owner, String signature) {
        return signature.endsWith(")Ljava/lang/String;")
                && !signature.substring(0, signature.indexOf(')')).contains("Ljava/lang/String;")
                && !SessionStoreCatalogue.isLibrary(owner) && QuietClasspath.isApplicationClass(owner);
    }

    private static boolean callsMatching(String owner, String name, String signature, MethodCalls.Callee wanted) {
        CallTargets.Target target = CallTargets.resolve(owner, name, signature);
        return target != null && target.method() != null && MethodCalls.calls(target.javaClass(), target.method(), wanted);
    }

    /** Types whose calls on or of a fresh value answer the same fresh id as text. */
    private static final Set<String> FRESH_CARRIERS = Set.of("java/lang/String", "java/util/UUID",
            "java/util/Base64$Encoder", "java/util/HexFormat", "java/lang/StringBuilder");

    /** Does the class keep a JDK map whose values are of this type ({@code Map<String, MemberSession>})? */
    private static boolean keepsRecordsOf(JavaClass manager, String recordSignature) {
        for (org.apache.bcel.classfile.Field field : manager.getFields()) {
            String generic = field.getGenericSignature();
            if (generic != null && SessionStoreCatalogue.isMapSignature(field.getSignature())
                    && recordSignature.equals(io.github.sessionguard.flow.MapValueTypes.erasedValueType(generic))) {
                return true;
            }
        }
        return false;
    }

    /** Is a forward branch seen so far still to join (the code read now may be one of its paths)? */
    private boolean insideBranch() {
        for (int join : joins) {
            if (join > getPC() && !handlers.contains(join)) {
                return true;
            }
        }
        return false;
    }

    /** Records the offsets this branch or switch may jump ahead to (see {@link #joins}). */
    private void noteJoinsAhead(int seen) {
        if (isBranch(seen) && getBranchTarget() > getPC()) {
            joins.add(getBranchTarget());
        } else if (isSwitch(seen)) {
            joins.add(getPC() + getDefaultSwitchOffset());
            for (int offset : getSwitchOffsets()) {
                joins.add(getPC() + offset);
            }
        }
    }

    private static boolean isRecord(OpcodeStack.Item item) {
        return item.getUserValue() == KEPT_RECORD || item.getUserValue() == RECORD || item.getUserValue() == MANAGED_RECORD || item.getUserValue() == FOUND_ENTITY
                || item.getUserValue() == BOUND_ENTITY;
    }

    /** A write of a named attribute: {@code setAttribute(String name, Object value)}, {@code put(key, value)}. */
    private static boolean isAttributeWrite(String signature) {
        return signature.startsWith("(Ljava/lang/String;") && argumentCount(signature) == 2 && signature.endsWith(")V")
                || signature.startsWith("(Ljava/lang/Object;Ljava/lang/Object;)");
    }

    /** Does the application class keep a JDK map in a field (a session object's attributes)? */
    private static boolean keepsMapField(String slashedClass) {
        edu.umd.cs.findbugs.ba.XClass record = QuietClasspath.find(slashedClass);
        return record != null && QuietClasspath.isApplicationClass(slashedClass) && record.getXFields().stream()
                .anyMatch(field -> !field.isStatic() && SessionStoreCatalogue.isMapSignature(field.getSignature()));
    }

    /**
     * {@code sessions.put(sid, new HashMap<>())}: an empty record made for the id binds nothing yet; the login's
     * write into it is the site.
     */
    private static boolean isEmptyContainer(OpcodeStack.Item value) {
        // Straight from new (not a local filled before the put: OpcodeStack keeps "newly allocated" through one).
        return value.isNewlyAllocated() && value.getRegisterNumber() < 0 && value.getSignature().startsWith("Ljava/util/");
    }

    private boolean anyArgumentMarked(String signature, int from) {
        int arguments = argumentCount(signature);
        for (int i = from; i < arguments && i < stack.getStackDepth(); i++) {
            if (marked(stack.getStackItem(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many arguments a method descriptor declares: what {@code Type.getArgumentTypes(signature).length}
     * gives, without making the types (this runs at every call of every followed method).
     */
    static int argumentCount(String signature) {
        int count = 0;
        int i = 1;
        while (signature.charAt(i) != ')') {
            while (signature.charAt(i) == '[') {
                i++;
            }
            i = signature.charAt(i) == 'L' ? signature.indexOf(';', i) + 1 : i + 1;
            count++;
        }
        return count;
    }

    private static boolean marked(OpcodeStack.Item item) {
        return item.getUserValue() == PRESENTED;
    }

    private static String simple(String owner) {
        return owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
    }

    private static String firstWords(String sql) {
        String trimmed = sql.trim().replaceAll("\\s+", " ");
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "...";
    }
}
