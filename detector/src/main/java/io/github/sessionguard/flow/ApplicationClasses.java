package io.github.sessionguard.flow;

import edu.umd.cs.findbugs.classfile.ICodeBaseEntry;
import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.ResourceNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes come from the analysed (application) code bases, for one analysis (kept in SpotBugs'
 * analysis cache, see {@code engine.SessionGuardEngines}). Answered by the class path's entry for the class,
 * not by reading its bytes, and remembered: the screens ask about the same owners call after call, and each
 * look-up builds the resource's name. (The class path also searches every code base again for a class it
 * does not have, an optional library a framework calls.) Classes under the container's API packages are
 * never the application's, even when an analysed jar holds them (see {@code catalogue.ContainerApis}).
 */
public final class ApplicationClasses {
    private final IClassPath classPath;
    private final List<String> containerPackages;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    /** {@code containerPackages}: slashed package prefixes whose classes are the container's, never the application's. */
    public ApplicationClasses(IClassPath classPath, List<String> containerPackages) {
        this.classPath = classPath;
        this.containerPackages = List.copyOf(containerPackages);
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
        for (String containerPackage : containerPackages) {
            if (slashedName.startsWith(containerPackage)) {
                return false;
            }
        }
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
