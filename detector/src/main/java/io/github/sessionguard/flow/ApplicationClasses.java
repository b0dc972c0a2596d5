package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.classfile.ICodeBaseEntry;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.ResourceNotFoundException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes come from the analysed (application) code bases, for one analysis (kept in SpotBugs'
 * analysis cache, see {@code engine.SessionGuardEngines}). Answered by the class path's entry for the class,
 * not by reading its bytes. The class path remembers the entries it finds but searches every code base again
 * for a class it does not have, so a missing class (an optional library a framework calls) is remembered here
 * and searched for once.
 */
public final class ApplicationClasses {
    private final IClassPath classPath;
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    public ApplicationClasses(IClassPath classPath) {
        this.classPath = classPath;
    }

    /** True when the class (slashed name) is on the class path and comes from an application code base. */
    public boolean contains(String slashedName) {
        if (missing.contains(slashedName)) {
            return false;
        }
        try {
            ICodeBaseEntry entry = classPath.lookupResource(slashedName + ".class");
            return entry.getCodeBase() != null && entry.getCodeBase().isApplicationCodeBase();
        } catch (ResourceNotFoundException e) {
            // Absent from the class path: certainly not an application class; counted once, and remembered.
            LookupFailures.missingClass();
            missing.add(slashedName);
            return false;
        }
    }
}
