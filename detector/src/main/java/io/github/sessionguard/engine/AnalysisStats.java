package io.github.sessionguard.engine;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.classfile.Global;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How much of one analysis SessionGuard analysed in depth (with a dataflow of its own) against every
 * application method, for the benchmark (scripts/benchmark.sh). One object per analysis, in SpotBugs'
 * analysis cache (see {@link SessionGuardEngines}). It counts only when the {@value #PROPERTY} system
 * property names a file, and then writes the figures there as properties whenever a detector's
 * {@code report()} runs (the last write holds the final figures). A development aid, not a user setting.
 */
public final class AnalysisStats {
    public static final String PROPERTY = "sessionguard.stats";

    /** Null when not asked for: then nothing is counted and nothing is kept. */
    private final Path file;
    private final AtomicInteger applicationMethods = new AtomicInteger();
    private final Set<MethodDescriptor> fixation = ConcurrentHashMap.newKeySet();
    private final Set<MethodDescriptor> fixationEntries = ConcurrentHashMap.newKeySet();
    private final Set<MethodDescriptor> cookies = ConcurrentHashMap.newKeySet();
    private final Set<MethodDescriptor> awayFromVisit = ConcurrentHashMap.newKeySet();

    AnalysisStats(String fileName) {
        this.file = fileName == null || fileName.isEmpty() ? null : Paths.get(fileName);
    }

    /** This analysis' counters. */
    public static AnalysisStats ofThisAnalysis() {
        return Global.getAnalysisCache().getDatabase(AnalysisStats.class);
    }

    public boolean isCounting() {
        return file != null;
    }

    /** An application class visited by the fixation detector (which sees every one): its methods with code. */
    public void applicationMethods(int count) {
        if (file != null) {
            applicationMethods.addAndGet(count);
        }
    }

    /** A method the login analysis ran its dataflow on (as an entry or as a callee's summary). */
    public void fixationAnalysed(MethodDescriptor method) {
        if (file != null) {
            fixation.add(method);
            noteIfOutOfTurn(method);
        }
    }

    /** A visited method the login analysis' per-method screen let through (the rest are callees' summaries). */
    public void fixationEntry(MethodDescriptor method) {
        if (file != null) {
            fixationEntries.add(method);
        }
    }

    /** A method the cookie analysis ran its dataflow on. */
    public void cookieAnalysed(MethodDescriptor method) {
        if (file != null) {
            cookies.add(method);
            noteIfOutOfTurn(method);
        }
    }

    /**
     * Counts a method analysed in depth while SpotBugs visits another class, or none (a callee's summary): its
     * CFG and dataflows are built for it out of turn, unless SpotBugs still holds them from a recent visit, and
     * again at its own visit when that comes later. An upper bound of the analyses the plugin adds.
     */
    private void noteIfOutOfTurn(MethodDescriptor method) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        if (context == null || !method.getClassDescriptor().equals(context.getClassBeingAnalyzed())) {
            awayFromVisit.add(method);
        }
    }

    /** Writes the figures so far, when asked for; a write failure goes to SpotBugs' error channel. */
    public void write() {
        if (file == null) {
            return;
        }
        Set<MethodDescriptor> either = ConcurrentHashMap.newKeySet();
        either.addAll(fixation);
        either.addAll(cookies);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("applicationMethods=" + applicationMethods.get() + "\n");
            out.write("analysedInDepth=" + either.size() + "\n");
            out.write("fixationAnalysed=" + fixation.size() + "\n");
            out.write("fixationEntries=" + fixationEntries.size() + "\n");
            out.write("cookieAnalysed=" + cookies.size() + "\n");
            out.write("analysedAwayFromVisit=" + awayFromVisit.size() + "\n");
        } catch (IOException e) {
            AnalysisContext.logError("SessionGuard could not write its statistics to " + file + ": " + e, e);
        }
    }
}
