package io.github.sessionguard.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF that SpotBugs 4.10.4 wrote for the sample application (sample-app, spotbugs-maven-plugin
 * with sarifOutput and sarifFullPath), enriched for code scanning.
 */
class EnrichSarifTest {
    private static final String SAMPLE = "sample-app.spotbugs-4.10.4.sarif.json";
    private static final SarifSchema SCHEMA = new SarifSchema();

    @TempDir
    Path tmp;

    private static String sample() throws IOException {
        try (InputStream in = EnrichSarifTest.class.getResourceAsStream(SAMPLE)) {
            assertNotNull(in, SAMPLE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, Object> run(Object log) {
        return map(list(map(log).get("runs")).get(0));
    }

    private static List<Object> rules(Object log) {
        return list(map(map(run(log).get("tool")).get("driver")).get("rules"));
    }

    private static Map<String, Object> rule(Object log, String id) {
        for (Object rule : rules(log)) {
            if (id.equals(map(rule).get("id"))) {
                return map(rule);
            }
        }
        throw new AssertionError("no rule " + id);
    }

    @Test
    void theSchemaCheckCanFail() throws IOException {
        assertEquals(Set.of(), SCHEMA.violations(sample()), "SpotBugs' own output is valid SARIF");
        Object log = Json.parse(sample());
        map(list(run(log).get("results")).get(0)).put("level", "fatal");
        assertFalse(SCHEMA.violations(Json.write(log)).isEmpty(), "an invalid result level must be rejected");
        String badSeverityPlace = Json.write(withRulePropertyOutsideBag(Json.parse(sample())));
        assertFalse(SCHEMA.violations(badSeverityPlace).isEmpty(), "a rule member outside the property bag must be rejected");
    }

    private static Object withRulePropertyOutsideBag(Object log) {
        map(rules(log).get(0)).put("security-severity", "8.1");
        return log;
    }

    @Test
    void enrichedSampleIsValidSarifWithSeverityCweTagsHelpAndFullMessages() throws IOException {
        Object log = Json.parse(sample());
        CodeScanningMetadata metadata = CodeScanningMetadata.load();
        List<String> enriched = EnrichSarif.enrich(log, metadata);

        assertEquals(List.of("COOKIE_MISSING_HTTPONLY", "COOKIE_MISSING_SAMESITE", "COOKIE_MISSING_SECURE", "SESSION_FIXATION"), enriched);
        assertEquals(Set.of(), SCHEMA.violations(Json.write(log)));

        Map<String, String> cwe = Map.of("COOKIE_MISSING_HTTPONLY", "1004", "COOKIE_MISSING_SAMESITE", "1275",
                "COOKIE_MISSING_SECURE", "614", "SESSION_FIXATION", "384");
        Map<String, String> severity = Map.of("COOKIE_MISSING_HTTPONLY", "5.3", "COOKIE_MISSING_SAMESITE", "4.2",
                "COOKIE_MISSING_SECURE", "7.4", "SESSION_FIXATION", "8.1");
        for (String id : enriched) {
            Map<String, Object> rule = rule(log, id);
            Map<String, Object> properties = map(rule.get("properties"));
            assertEquals(List.of("SECURITY", "security", "external/cwe/cwe-" + cwe.get(id)), properties.get("tags"), id);
            assertEquals(severity.get(id), properties.get("security-severity"), id);
            String page = metadata.pageUrl(id);
            assertTrue(page.startsWith("https://") && page.endsWith("/" + id + ".md"), page);
            assertEquals(page, rule.get("helpUri"), id);
            String help = (String) map(rule.get("help")).get("text");
            assertTrue(help.startsWith((String) map(rule.get("fullDescription")).get("text")), id);
            assertTrue(help.endsWith("Documentation: " + page), id);
        }

        Map<String, Object> first = map(list(run(log).get("results")).get(0));
        assertEquals("cookie \"cart_sid\" is readable from page scripts in doPost("
                + "HttpServletRequest, HttpServletResponse); fix: cookie.setHttpOnly(true).", map(first.get("message")).get("text"));
        for (Object result : list(run(log).get("results"))) {
            String text = (String) map(map(result).get("message")).get("text");
            assertTrue(text.contains("fix: "), text);
            assertFalse(text.contains("{"), text);
        }
    }

    @Test
    void otherPluginsRulesAndResultsAreLeftAlone() throws IOException {
        Object log = Json.parse(sample());
        Map<String, Object> foreign = new LinkedHashMap<>();
        foreign.put("id", "DMI_HARDCODED_ABSOLUTE_FILENAME");
        foreign.put("shortDescription", Map.of("text", "Code contains a hard coded reference to an absolute pathname."));
        foreign.put("messageStrings", Map.of("default", Map.of("text", "Hard coded reference to an absolute pathname in {0}.")));
        foreign.put("properties", new LinkedHashMap<>(Map.of("tags", new ArrayList<>(List.of("STYLE")))));
        rules(log).add(foreign);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", "DMI_HARDCODED_ABSOLUTE_FILENAME");
        result.put("message", new LinkedHashMap<>(Map.of("id", "default", "text", "short", "arguments", List.of("x"))));
        list(run(log).get("results")).add(result);
        String before = Json.write(foreign) + Json.write(result);

        EnrichSarif.enrich(log, CodeScanningMetadata.load());

        assertEquals(before, Json.write(foreign) + Json.write(result));
    }

    @Test
    void enrichingTwiceChangesNothingMore() throws IOException {
        Object log = Json.parse(sample());
        EnrichSarif.enrich(log, CodeScanningMetadata.load());
        String once = Json.write(log);
        EnrichSarif.enrich(log, CodeScanningMetadata.load());
        assertEquals(once, Json.write(log));
    }

    @Test
    void cliWritesTheEnrichedFileAndReportsBadInput() throws IOException {
        Path in = tmp.resolve("spotbugsSarif.json");
        Files.write(in, sample().getBytes(StandardCharsets.UTF_8));
        Path out = tmp.resolve("out/sessionguard.sarif.json");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = EnrichSarif.run(new String[] {in.toString(), out.toString()}, new PrintStream(stdout, true), new PrintStream(stderr, true));

        assertEquals(0, status, stderr.toString());
        assertTrue(stdout.toString().contains("4 rule(s)"), stdout.toString());
        String written = Files.readString(out);
        assertEquals(Set.of(), SCHEMA.violations(written));
        assertTrue(written.contains("\"external/cwe/cwe-384\""));
        assertEquals(sample(), Files.readString(in), "the input is left as it was");

        Files.writeString(in, "{\"runs\": [");
        stderr.reset();
        assertEquals(2, EnrichSarif.run(new String[] {in.toString()}, new PrintStream(stdout, true), new PrintStream(stderr, true)));
        assertTrue(stderr.toString().contains("SessionGuard: cannot enrich") && stderr.toString().contains("not valid JSON"), stderr.toString());

        stderr.reset();
        assertEquals(2, EnrichSarif.run(new String[0], new PrintStream(stdout, true), new PrintStream(stderr, true)));
        assertTrue(stderr.toString().startsWith("usage:"), stderr.toString());

        stderr.reset();
        assertEquals(2, EnrichSarif.run(new String[] {tmp.resolve("missing.json").toString()}, new PrintStream(stdout, true), new PrintStream(stderr, true)));
        assertTrue(stderr.toString().contains("missing.json"), stderr.toString());
    }
}
