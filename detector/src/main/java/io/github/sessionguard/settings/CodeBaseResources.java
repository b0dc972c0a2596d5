package io.github.sessionguard.settings;

import edu.umd.cs.findbugs.classfile.IClassPath;
import edu.umd.cs.findbugs.classfile.ICodeBase;
import edu.umd.cs.findbugs.classfile.ICodeBaseEntry;
import edu.umd.cs.findbugs.classfile.ICodeBaseIterator;
import edu.umd.cs.findbugs.classfile.IScannableCodeBase;

import org.xml.sax.SAXException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The settings files of one application code base (a classes folder, a jar with its resources at the
 * root or under {@code BOOT-INF/classes/}, a war with {@code WEB-INF/}), read once per analysis through
 * SpotBugs' code base iterator, sorted by path so findings never depend on the file system's order.
 */
final class CodeBaseResources {
    /** Settings files are small; anything larger is not one we read. */
    private static final int MAX_BYTES = 1 << 20;
    private static final List<String> CLASS_ROOTS = List.of("BOOT-INF/classes/", "WEB-INF/classes/");

    private CodeBaseResources() {
    }

    /** The resource's path relative to the application's resource (or web) root. */
    static String pathOf(String resourceName) {
        for (String root : CLASS_ROOTS) {
            if (resourceName.startsWith(root)) {
                return resourceName.substring(root.length());
            }
        }
        return resourceName;
    }

    static boolean isCandidate(String resourceName) {
        String path = pathOf(resourceName);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("meta-inf/maven/")) {
            return false;
        }
        return BootSessionSettings.isBootSettingsFile(path) || lower.endsWith(".xml") || ShiroIni.isShiroIni(path)
                || UndertowHandlersConf.isHandlersConf(path);
    }

    static List<SettingsResource> read(IScannableCodeBase codeBase) throws InterruptedException, IOException {
        List<SettingsResource> found = new ArrayList<>();
        ICodeBaseIterator entries = codeBase.iterator();
        while (entries.hasNext()) {
            ICodeBaseEntry entry = entries.next();
            String name = entry.getResourceName();
            if (!isCandidate(name) || entry.getNumBytes() > MAX_BYTES) {
                continue;
            }
            String text = readText(entry);
            if (text != null) {
                found.add(new SettingsResource(name, pathOf(name), text));
            }
        }
        found.sort(Comparator.comparing(SettingsResource::path).thenComparing(SettingsResource::resourceName));
        return found;
    }

    /**
     * The file at {@code path} of each analysed application code base the filter accepts (one lookup per code base, no
     * scan), as settings resources, in the class path's order.
     */
    /** The file at {@code path} in every specified application code base the predicate accepts (one lookup each). */
    static List<SettingsResource> applicationFiles(IClassPath classPath, String path, Predicate<ICodeBase> accepted)
            throws IOException {
        List<SettingsResource> files = new ArrayList<>();
        for (Iterator<? extends ICodeBase> it = classPath.appCodeBaseIterator(); it.hasNext();) {
            ICodeBase codeBase = it.next();
            if (!isSpecifiedApplicationCodeBase(codeBase) || !accepted.test(codeBase)) {
                continue;
            }
            ICodeBaseEntry entry = codeBase.lookupResource(path);
            String text = entry == null ? null : readText(entry);
            if (text != null) {
                files.add(new SettingsResource(path, path, text));
            }
        }
        return files;
    }

    /** What one settings file answers: a value, or null for none. */
    @FunctionalInterface
    interface FileAnswer {
        String of(SettingsResource file) throws SAXException, IOException;
    }

    /**
     * The answers of the {@link #applicationFiles}, nulls left out, sorted so they never depend on the class path's order.
     */
    static List<String> answers(IClassPath classPath, String path, Predicate<ICodeBase> accepted, FileAnswer answer)
            throws IOException {
        List<String> values = new ArrayList<>();
        for (SettingsResource file : applicationFiles(classPath, path, accepted)) {
            try {
                String value = answer.of(file);
                if (value != null) {
                    values.add(value);
                }
            } catch (SAXException e) {
                // Expected answer for a malformed file: it sets nothing here; SettingsDetector reports it as an error.
                continue;
            }
        }
        values.sort(null);
        return values;
    }

    static String readText(ICodeBaseEntry entry) throws IOException {
        try (InputStream in = entry.openResource()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
                if (total > MAX_BYTES) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
    }

    static boolean isSpecifiedApplicationCodeBase(ICodeBase codeBase) {
        return codeBase instanceof IScannableCodeBase && codeBase.isApplicationCodeBase()
                && codeBase.getHowDiscovered() == ICodeBase.Discovered.SPECIFIED;
    }
}
