package io.github.sessionguard.sarif;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What code scanning needs about each SessionGuard pattern and SpotBugs cannot write: its
 * security-severity and the address of its docs page. The data is {@code code-scanning.properties}
 * beside this class (one line per pattern); the CWE id is not repeated here, it comes from the
 * SARIF rule itself (SpotBugs writes {@code findbugs.xml}'s {@code cweid} as a rule relationship).
 */
final class CodeScanningMetadata {
    static final String RESOURCE = "code-scanning.properties";
    private static final String DOCS_URL = "docs.url";

    /** A pattern's security-severity (as code scanning wants it: a string) and the CVSS vector it scores. */
    static final class Rating {
        final String securitySeverity;
        final String cvssVector;

        Rating(String securitySeverity, String cvssVector) {
            this.securitySeverity = securitySeverity;
            this.cvssVector = cvssVector;
        }
    }

    private final String docsUrl;
    private final Map<String, Rating> ratings;

    private CodeScanningMetadata(String docsUrl, Map<String, Rating> ratings) {
        this.docsUrl = docsUrl;
        this.ratings = Collections.unmodifiableMap(ratings);
    }

    /** Loads the table shipped in the plugin jar. */
    static CodeScanningMetadata load() {
        try (InputStream in = CodeScanningMetadata.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("SessionGuard: " + RESOURCE + " missing from the plugin jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("SessionGuard: cannot read " + RESOURCE, e);
        }
    }

    static CodeScanningMetadata parse(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        String docsUrl = properties.getProperty(DOCS_URL, "").trim();
        if (!docsUrl.startsWith("https://") || !docsUrl.endsWith("/")) {
            throw new IllegalStateException("SessionGuard: " + DOCS_URL + " must be an https URL ending in '/': " + docsUrl);
        }
        Map<String, Rating> ratings = new TreeMap<>();
        for (String pattern : properties.stringPropertyNames()) {
            if (pattern.equals(DOCS_URL)) {
                continue;
            }
            String[] parts = properties.getProperty(pattern).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("CVSS:3.1/")) {
                throw new IllegalStateException("SessionGuard: " + RESOURCE + ": " + pattern
                        + " needs '<score> <CVSS:3.1 vector>'");
            }
            BigDecimal score = new BigDecimal(parts[0]);
            if (score.signum() <= 0 || score.compareTo(BigDecimal.TEN) > 0 || score.scale() != 1) {
                throw new IllegalStateException("SessionGuard: " + RESOURCE + ": " + pattern
                        + " score must be 0.1 to 10.0 with one decimal: " + parts[0]);
            }
            ratings.put(pattern, new Rating(parts[0], parts[1]));
        }
        return new CodeScanningMetadata(docsUrl, ratings);
    }

    /** The patterns this table rates (SessionGuard's), sorted. */
    Map<String, Rating> ratings() {
        return ratings;
    }

    Rating rating(String pattern) {
        return ratings.get(pattern);
    }

    /** The pattern's own docs page, e.g. {@code .../docs/SESSION_FIXATION.md}. */
    String pageUrl(String pattern) {
        return docsUrl + pattern + ".md";
    }

    String docsUrl() {
        return docsUrl;
    }
}
