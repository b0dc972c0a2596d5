package io.github.sessionguard.engine;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.ICodeBaseEntry;
import edu.umd.cs.findbugs.classfile.ResourceNotFoundException;
import io.github.sessionguard.catalogue.UserSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link UserSettings} of one analysis, read once when a detector first asks for them and kept in
 * SpotBugs' analysis cache (see {@link SessionGuardEngines}). A bad setting does not abort SpotBugs:
 * it is kept as a problem, reported once to SpotBugs' error channel (without a stack trace: it is the
 * user's input, not our failure), and SessionGuard's detectors analyse nothing in that run (their
 * verdicts would depend on settings the user did not mean).
 */
public final class AnalysisSettings {
    private final UserSettings settings;
    private final String problem;
    private final AtomicBoolean reported = new AtomicBoolean();

    private AnalysisSettings(UserSettings settings, String problem) {
        this.settings = settings;
        this.problem = problem;
    }

    /** This analysis' settings, from the analysis cache of the running SpotBugs analysis. */
    public static AnalysisSettings ofThisAnalysis() {
        return Global.getAnalysisCache().getDatabase(AnalysisSettings.class);
    }

    /** Settings given directly (tests, tools that run the analysis code outside SpotBugs' engine). */
    public static AnalysisSettings of(UserSettings settings) {
        return new AnalysisSettings(settings, null);
    }

    /** Reads the analysis' own {@value UserSettings#RESOURCE}, if its class path has one, over the process-wide sources. */
    static AnalysisSettings read(IClassPath classPath) {
        Properties own = new Properties();
        String origin = null;
        try {
            ICodeBaseEntry entry = classPath.lookupResource(UserSettings.RESOURCE);
            origin = entry.getCodeBase().getPathName() + " (" + UserSettings.RESOURCE + ")";
            try (InputStream in = entry.openResource();
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                own.load(reader);
            }
        } catch (ResourceNotFoundException e) {
            // Expected: most analyses have no settings file of their own; the process-wide sources apply.
            origin = null;
        } catch (IOException | RuntimeException e) {
            return new AnalysisSettings(null, "SessionGuard setting " + UserSettings.RESOURCE + ": cannot read "
                    + (origin != null ? origin : "it") + " (" + e + "); expected a readable properties file");
        }
        try {
            return new AnalysisSettings(UserSettings.load(own, origin), null);
        } catch (IllegalArgumentException e) {
            return new AnalysisSettings(null, e.getMessage());
        }
    }

    /**
     * The settings, or null when one is malformed: then the problem goes to SpotBugs' error channel
     * (once per analysis, whichever detector asks first) and the caller must analyse nothing.
     */
    public UserSettings usable(BugReporter reporter) {
        if (settings == null && reported.compareAndSet(false, true)) {
            reporter.logError(problem + ". SessionGuard analyses nothing in this run until the setting is fixed; "
                    + "other detectors and plugins are not affected");
        }
        return settings;
    }

    /** The problem with the settings, or null. */
    public String problem() {
        return problem;
    }
}
