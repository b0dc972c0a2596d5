package io.github.sessionguard.harness;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.Set;

/** One finding of a SpotBugs XML report: where it is, what it is, how sure. */
public final class Finding {
    public static final Set<String> SESSIONGUARD_PATTERNS = Set.of("SESSION_FIXATION",
            "SESSION_FIXATION_PROTECTION_DISABLED", "COOKIE_MISSING_SECURE", "COOKIE_MISSING_HTTPONLY",
            "COOKIE_MISSING_SAMESITE", "SESSIONGUARD_BAD_SETTING", "SESSION_ID_IN_URL");

    private final String pattern;
    private final int priority;
    private final String className;
    private final String methodName;
    private final int line;
    private final String message;
    private final String sourcePath;

    Finding(String pattern, int priority, String className, String methodName, int line, String message,
            String sourcePath) {
        this.pattern = pattern;
        this.priority = priority;
        this.className = className;
        this.methodName = methodName;
        this.line = line;
        this.message = message;
        this.sourcePath = sourcePath;
    }

    static Finding from(Element bug) {
        String className = null;
        String methodName = null;
        NodeList methods = bug.getElementsByTagName("Method");
        for (int i = 0; i < methods.getLength(); i++) {
            Element method = (Element) methods.item(i);
            if ("true".equals(method.getAttribute("primary")) || methodName == null) {
                className = method.getAttribute("classname");
                methodName = method.getAttribute("name");
            }
        }
        if (className == null) {
            className = ((Element) bug.getElementsByTagName("Class").item(0)).getAttribute("classname");
        }
        int line = -1;
        String sourcePath = "";
        NodeList lines = bug.getElementsByTagName("SourceLine");
        for (int i = 0; i < lines.getLength(); i++) {
            Element sourceLine = (Element) lines.item(i);
            if (sourceLine.getParentNode() == bug && !sourceLine.getAttribute("start").isEmpty()) {
                line = Integer.parseInt(sourceLine.getAttribute("start"));
                sourcePath = sourceLine.getAttribute("sourcepath");
                break;
            }
        }
        NodeList longMessage = bug.getElementsByTagName("LongMessage");
        String message = longMessage.getLength() > 0 ? longMessage.item(0).getTextContent() : "";
        return new Finding(bug.getAttribute("type"), Integer.parseInt(bug.getAttribute("priority")), className,
                methodName, line, message, sourcePath);
    }

    /** The reported file as SpotBugs names it (the primary source line's {@code sourcepath}). */
    public String sourcePath() {
        return sourcePath;
    }

    /**
     * A settings finding's file relative to its resource (or web) root, as fixtures name it: the
     * reported path is the file in the repository when the build layout shows it
     * ({@code test-fixtures/src/main/resources/application-prod.properties}), else this.
     */
    public String settingsFile() {
        for (String root : new String[] {"src/main/resources/", "src/main/webapp/"}) {
            int at = sourcePath.indexOf(root);
            if (at == 0 || at > 0 && sourcePath.charAt(at - 1) == '/') {
                return sourcePath.substring(at + root.length());
            }
        }
        return sourcePath;
    }

    /** A finding in a settings file rather than in code. */
    public boolean isInSettingsFile() {
        return !sourcePath.isEmpty() && !sourcePath.endsWith(".java") && !sourcePath.endsWith(".kt");
    }

    public boolean isSessionGuard() {
        return SESSIONGUARD_PATTERNS.contains(pattern);
    }

    public String pattern() {
        return pattern;
    }

    public int priority() {
        return priority;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    /**
     * The source method a finding belongs to, as the finding names it: SessionGuard names the method a lambda is
     * written in ({@code filterChain}), not the synthetic {@code lambda$filterChain$0} javac compiles it to, so an
     * expectation on {@code filterChain} pins that too.
     */
    public String sourceMethodName() {
        return methodName == null ? "" : methodName;
    }

    public int line() {
        return line;
    }

    public String message() {
        return message;
    }

    /**
     * A settings finding names its file under the resource root: the analysed folder's build layout decides
     * whether SpotBugs reports it with its repository path, and the order tests compare a run on the
     * fixtures' classes with runs on copies of them elsewhere.
     */
    @Override
    public String toString() {
        if (isInSettingsFile()) {
            return pattern + " priority " + priority + " at " + settingsFile() + " line " + line + ": " + message;
        }
        return pattern + " priority " + priority + " at " + className + "." + methodName + " line " + line + ": "
                + message;
    }
}
