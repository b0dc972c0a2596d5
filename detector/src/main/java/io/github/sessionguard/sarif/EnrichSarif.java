package io.github.sessionguard.sarif;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes SessionGuard's alerts first-class in GitHub code scanning by post-processing the SARIF that
 * SpotBugs wrote.
 *
 * <p>SpotBugs' SARIF writer ({@code edu.umd.cs.findbugs.sarif.Rule}, 4.10.4) gives each rule only
 * its category as a tag ({@code SECURITY}), the CWE as a taxonomy relationship and a {@code helpUri}
 * built from the plugin-wide {@code <BugsUrl>} plus {@code #TYPE}; a plugin has no hook to add
 * property-bag entries, and each result's {@code message.text} is the pattern's short description
 * (the cookie's name and the fix are only in its {@code arguments}). Code scanning, however, treats a rule as a security rule only with a
 * {@code security} tag, ranks it by {@code properties.security-severity}, shows CWE from
 * {@code external/cwe/cwe-NNN} tags, and wants {@code help.text}. This adds exactly those to the rules
 * of SessionGuard's patterns (other plugins' rules and results are left as they are), points
 * {@code helpUri} at the pattern's own docs page, and writes each SessionGuard result's full
 * message (with its arguments) into {@code message.text}, the alert's title:
 *
 * <pre>java -cp sessionguard-VERSION.jar io.github.sessionguard.sarif.EnrichSarif spotbugsSarif.json [out.json]</pre>
 *
 * Without {@code out.json} the input file is rewritten. Runs on the plugin jar alone (no other jar).
 */
public final class EnrichSarif {
    private EnrichSarif() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The CLI without {@code System.exit}: 0 on success, 2 on a usage or input error (printed to {@code err}). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: java -cp sessionguard.jar " + EnrichSarif.class.getName() + " in.sarif.json [out.sarif.json]");
            return 2;
        }
        Path in = Paths.get(args[0]);
        Path target = Paths.get(args.length == 2 ? args[1] : args[0]);
        try {
            Object sarif = Json.parse(new String(Files.readAllBytes(in), StandardCharsets.UTF_8));
            List<String> enriched = enrich(sarif, CodeScanningMetadata.load());
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(target, Json.write(sarif).getBytes(StandardCharsets.UTF_8));
            out.println("SessionGuard: added security-severity, CWE tags and help to " + enriched.size()
                    + " rule(s) " + enriched + " -> " + target);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("SessionGuard: cannot enrich " + in + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * Adds code-scanning metadata in place to every rule of {@code sarif} whose id is a SessionGuard
     * pattern; returns the ids of the rules changed, in file order. Running it twice changes nothing more.
     */
    static List<String> enrich(Object sarif, CodeScanningMetadata metadata) {
        Map<String, Object> log = object(sarif, "the SARIF log");
        List<String> enriched = new ArrayList<>();
        for (Object run : array(log.get("runs"), "runs")) {
            Map<String, Object> tool = object(object(run, "run").get("tool"), "run.tool");
            List<Object> components = new ArrayList<>();
            components.add(tool.get("driver"));
            if (tool.get("extensions") instanceof List) {
                components.addAll((List<?>) tool.get("extensions"));
            }
            Map<String, Map<String, Object>> ours = new LinkedHashMap<>();
            for (Object component : components) {
                Object rules = object(component, "tool component").get("rules");
                if (rules == null) {
                    continue;
                }
                for (Object rule : array(rules, "rules")) {
                    Map<String, Object> descriptor = object(rule, "rule");
                    Object id = descriptor.get("id");
                    CodeScanningMetadata.Rating rating = id instanceof String ? metadata.rating((String) id) : null;
                    if (rating != null) {
                        enrichRule(descriptor, (String) id, rating, metadata.pageUrl((String) id));
                        enriched.add((String) id);
                        ours.put((String) id, descriptor);
                    }
                }
            }
            Object results = object(run, "run").get("results");
            if (results != null) {
                for (Object result : array(results, "results")) {
                    renderMessage(object(result, "result"), ours);
                }
            }
        }
        return enriched;
    }

    /**
     * SpotBugs sets a result's {@code message.text} to the pattern's short description and leaves
     * the words that matter (which cookie, which login, the fix) in {@code arguments} for the rule's
     * {@code messageStrings}. Code scanning shows {@code message.text} as the alert's title, so a
     * SessionGuard result gets the full sentence there, e.g. {@code cookie "sid" can be sent over
     * plain HTTP in ...; fix: cookie.setSecure(true).}
     */
    private static void renderMessage(Map<String, Object> result, Map<String, Map<String, Object>> ours) {
        Map<String, Object> rule = ours.get(String.valueOf(result.get("ruleId")));
        if (rule == null || !(result.get("message") instanceof Map) || !(rule.get("messageStrings") instanceof Map)) {
            return;
        }
        Map<String, Object> message = object(result.get("message"), "message");
        Object template = ((Map<?, ?>) rule.get("messageStrings")).get(String.valueOf(message.get("id")));
        if (!(template instanceof Map) || !(((Map<?, ?>) template).get("text") instanceof String)) {
            return;
        }
        List<?> arguments = message.get("arguments") instanceof List ? (List<?>) message.get("arguments") : List.of();
        String text = MessageTemplate.format((String) ((Map<?, ?>) template).get("text"), arguments);
        if (text != null) {
            message.put("text", text);
        }
    }

    private static void enrichRule(Map<String, Object> rule, String id, CodeScanningMetadata.Rating rating, String page) {
        Map<String, Object> properties = childObject(rule, "properties");
        List<Object> tags = childArray(properties, "tags");
        addOnce(tags, "security");
        for (String cwe : cweIds(rule)) {
            addOnce(tags, "external/cwe/cwe-" + cwe);
        }
        properties.put("security-severity", rating.securitySeverity);
        rule.put("helpUri", page);
        if (!rule.containsKey("help")) {
            Map<String, Object> help = new LinkedHashMap<>();
            Object full = rule.get("fullDescription");
            String description = full instanceof Map && ((Map<?, ?>) full).get("text") instanceof String
                    ? (String) ((Map<?, ?>) full).get("text")
                    : id;
            help.put("text", description + "\n\nDocumentation: " + page);
            rule.put("help", help);
        }
    }

    /** CWE ids of the rule's relationships to the CWE taxonomy, as SpotBugs writes them. */
    private static List<String> cweIds(Map<String, Object> rule) {
        List<String> ids = new ArrayList<>();
        if (!(rule.get("relationships") instanceof List)) {
            return ids;
        }
        for (Object relationship : (List<?>) rule.get("relationships")) {
            if (!(relationship instanceof Map) || !(((Map<?, ?>) relationship).get("target") instanceof Map)) {
                continue;
            }
            Map<?, ?> target = (Map<?, ?>) ((Map<?, ?>) relationship).get("target");
            Object component = target.get("toolComponent");
            Object name = component instanceof Map ? ((Map<?, ?>) component).get("name") : null;
            Object cwe = target.get("id");
            if ("CWE".equalsIgnoreCase(String.valueOf(name)) && cwe instanceof String && ((String) cwe).matches("[0-9]+")) {
                ids.add((String) cwe);
            }
        }
        return ids;
    }

    private static void addOnce(List<Object> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childObject(Map<String, Object> parent, String name) {
        Object child = parent.get(name);
        if (child == null) {
            child = new LinkedHashMap<String, Object>();
            parent.put(name, child);
        }
        return object(child, name);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> childArray(Map<String, Object> parent, String name) {
        Object child = parent.get(name);
        if (child == null) {
            child = new ArrayList<Object>();
            parent.put(name, child);
        }
        return array(child, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object value, String what) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(what + " is not a JSON array");
        }
        return (List<Object>) value;
    }
}
