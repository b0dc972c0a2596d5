package io.github.sessionguard.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code-scanning table against the plugin itself: every pattern in findbugs.xml is rated, every
 * score is the base score of the vector written beside it, and the docs URL, filtered in from the one
 * Maven property, reaches findbugs.xml (website), messages.xml (BugsUrl) and the table.
 */
class CodeScanningMetadataTest {
    /** The built plugin resources (filtered), read from the directory this class's module compiled to. */
    private static Path classesDir() throws URISyntaxException {
        return Paths.get(CodeScanningMetadata.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static TreeSet<String> patternsInFindbugsXml() throws Exception {
        return patternsInFindbugsXml("");
    }

    /** The bug pattern types of findbugs.xml whose element also has {@code attribute} (all with ""). */
    private static TreeSet<String> patternsInFindbugsXml(String attribute) throws Exception {
        String xml = Files.readString(classesDir().resolve("findbugs.xml"));
        TreeSet<String> types = new TreeSet<>();
        Matcher m = Pattern.compile("<BugPattern\\b[^>]*\\btype=\"([A-Z_]+)\"[^>]*>").matcher(xml);
        while (m.find()) {
            if (m.group(0).contains(attribute)) {
                types.add(m.group(1));
            }
        }
        assertTrue(types.size() >= 5, types.toString());
        return types;
    }

    @Test
    void everyPatternIsRatedAndHasItsDocsPage() throws Exception {
        CodeScanningMetadata metadata = CodeScanningMetadata.load();
        TreeSet<String> weaknesses = patternsInFindbugsXml("cweid");
        Path docs = Paths.get("..", "docs");
        String index = Files.readString(docs.resolve("patterns.md"));
        for (String type : patternsInFindbugsXml()) {
            if (weaknesses.contains(type)) {
                assertNotNull(metadata.rating(type), type + " needs a line in " + CodeScanningMetadata.RESOURCE);
            } else {
                assertNull(metadata.rating(type), type + " has no CWE: not a vulnerability, no security severity");
            }
            assertTrue(Files.isRegularFile(docs.resolve(type + ".md")), "helpUri target docs/" + type + ".md");
            assertTrue(index.contains("<a id=\"" + type + "\"></a>"), "BugsUrl anchor #" + type + " in docs/patterns.md");
        }
    }

    @Test
    void docsUrlIsSetInOnePlaceAndFilteredEverywhere() throws Exception {
        String docsUrl = CodeScanningMetadata.load().docsUrl();
        assertTrue(docsUrl.matches("https://[^$]+/"), docsUrl);
        String findbugs = Files.readString(classesDir().resolve("findbugs.xml"));
        assertTrue(findbugs.contains("website=\"" + docsUrl + "\""), "findbugs.xml website");
        String messages = Files.readString(classesDir().resolve("messages.xml"));
        assertTrue(messages.contains("<BugsUrl>" + docsUrl + "patterns.md</BugsUrl>"), "messages.xml BugsUrl");
        String parentPom = Files.readString(Paths.get("..", "pom.xml"));
        assertTrue(parentPom.contains("<sessionguard.docs.url>" + docsUrl + "</sessionguard.docs.url>"));
    }

    @Test
    void everyScoreIsTheBaseScoreOfItsVector() {
        for (Map.Entry<String, CodeScanningMetadata.Rating> e : CodeScanningMetadata.load().ratings().entrySet()) {
            CodeScanningMetadata.Rating rating = e.getValue();
            assertEquals(rating.securitySeverity, cvss31BaseScore(rating.cvssVector), e.getKey() + " " + rating.cvssVector);
        }
        assertEquals("9.8", cvss31BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), "FIRST's reference example");
        assertEquals("6.1", cvss31BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), "scope changed (reflected XSS)");
    }

    @Test
    void malformedTablesAreRejected() {
        for (String bad : new String[] {
                "docs.url=http://x/\nA=1.0 CVSS:3.1/AV:N",
                "docs.url=https://x\nA=1.0 CVSS:3.1/AV:N",
                "docs.url=https://x/\nA=11.0 CVSS:3.1/AV:N",
                "docs.url=https://x/\nA=7 CVSS:3.1/AV:N",
                "docs.url=https://x/\nA=7.0",
                "docs.url=${sessionguard.docs.url}\nA=7.0 CVSS:3.1/AV:N"}) {
            assertThrows(IllegalStateException.class, () -> CodeScanningMetadata.parse(new StringReader(bad)), bad);
        }
    }

    /** CVSS v3.1 base score (FIRST specification, section 7.1), enough to check the table. */
    static String cvss31BaseScore(String vector) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : vector.substring("CVSS:3.1/".length()).split("/")) {
            String[] kv = part.split(":");
            m.put(kv[0], kv[1]);
        }
        boolean changed = m.get("S").equals("C");
        double av = Map.of("N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2).get(m.get("AV"));
        double ac = Map.of("L", 0.77, "H", 0.44).get(m.get("AC"));
        double pr = changed ? Map.of("N", 0.85, "L", 0.68, "H", 0.5).get(m.get("PR")) : Map.of("N", 0.85, "L", 0.62, "H", 0.27).get(m.get("PR"));
        double ui = Map.of("N", 0.85, "R", 0.62).get(m.get("UI"));
        Map<String, Double> cia = Map.of("H", 0.56, "L", 0.22, "N", 0.0);
        double iss = 1 - (1 - cia.get(m.get("C"))) * (1 - cia.get(m.get("I"))) * (1 - cia.get(m.get("A")));
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return "0.0";
        }
        double base = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return roundUp(base);
    }

    private static String roundUp(double value) {
        long scaled = Math.round(value * 100000);
        BigDecimal result = scaled % 10000 == 0
                ? BigDecimal.valueOf(scaled / 10000, 1)
                : BigDecimal.valueOf(scaled / 10000 + 1, 1);
        return result.setScale(1, RoundingMode.UNNECESSARY).toPlainString();
    }

    @Test
    void theShippedTableParses() throws IOException {
        assertTrue(CodeScanningMetadata.load().ratings().containsKey("SESSION_FIXATION"));
    }
}
