package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.classfile.ICodeBaseEntry;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.ResourceNotFoundException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes come from the analysed (application) code bases, for one analysis (kept in SpotBugs'
 * analysis cache, see {@code engine.SessionGuardEngines}). Answered by the class path's entry for the class,
 * not by reading its bytes, and remembered: the screens ask about the same owners call after call, and each
 * look-up builds the resource's name. (The class path also searches every code base again for a class it
 * does not have, an optional library a framework calls.)
 */
public final class ApplicationClasses {
    private final IClassPath classPath;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    public ApplicationClasses(IClassPath classPath) {
        this.classPath = classPath;
    }

    /** True when the class (slashed name) is on the class path and comes from an application code base. */
    public boolean contains(String slashedName) {
        Boolean known = answers.get(slashedName);
        if (known == null) {
            known = lookUp(slashedName);
            answers.put(slashedName, known);
        }
        return known;
    }

    private boolean lookUp(String slashedName) {
        try {
            ICodeBaseEntry entry = classPath.lookupResource(slashedName + ".class");
            return entry.getCodeBase() != null && entry.getCodeBase().isApplicationCodeBase();
        } catch (ResourceNotFoundException e) {
            // Absent from the class path: certainly not an application class; counted once (then remembered).
            LookupFailures.missingClass();
            return false;
        }
    }
}
