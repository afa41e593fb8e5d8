package io.gureum.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * What Systems Manager reads from a document's content: it must be a JSON or YAML object (as its
 * DocumentFormat says) with a {@code schemaVersion} the document type supports ("Schemas, features, and
 * examples": Command 1.2, 2.0, 2.2; Policy 2.0 or later; Automation 0.3; Session 1.0), its description and
 * parameters; the SHA-256 of the content as given; and the conversion between JSON and YAML GetDocument does.
 */
final class DocumentContent {
    /** "The content of the document must not exceed 64KB." */
    static final int MAX_BYTES = 64 * 1024;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private static final Map<String, Set<String>> SCHEMAS = Map.of("Command", Set.of("1.2", "2.0", "2.2"), "Automation",
            Set.of("0.3"), "Automation.ChangeTemplate", Set.of("0.3"), "Session", Set.of("1.0"), "Package",
            Set.of("2.0"));

    private DocumentContent() {
    }

    /** The content parsed as its format says; InvalidDocumentContent when it is no object of that format. */
    static JsonNode parse(String content, String format) {
        if (content.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw SsmErrors.documentTooLarge();
        }
        if ("TEXT".equals(format)) {
            return null;
        }
        try {
            JsonNode node = ("YAML".equals(format) ? YAML : JSON).readTree(content);
            if (node == null || !node.isObject()) {
                throw SsmErrors.invalidDocumentContent();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SsmErrors.invalidDocumentContent();
        }
    }

    /** Checks the schema version of a parsed document of {@code type}; returns it (null for TEXT content). */
    static String schemaVersion(JsonNode doc, String type) {
        if (doc == null) {
            return null;
        }
        JsonNode v = doc.get("schemaVersion");
        String version = v == null || !v.isValueNode() ? null : v.asText();
        if (version == null) {
            if (SCHEMAS.containsKey(type) || "Policy".equals(type)) {
                throw SsmErrors.invalidSchemaVersion();
            }
            return null;
        }
        if ("Policy".equals(type)) {
            if (!version.matches("\\d+\\.\\d+") || Double.parseDouble(version) < 2.0) {
                throw SsmErrors.invalidSchemaVersion();
            }
        } else if (SCHEMAS.containsKey(type) && !SCHEMAS.get(type).contains(version)) {
            throw SsmErrors.invalidSchemaVersion();
        }
        return version;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content in {@code format}: as stored when it is the stored format, else converted (JSON ↔ YAML). */
    static String as(String content, String stored, String format) {
        if (format == null || format.equals(stored)) {
            return content;
        }
        if ("TEXT".equals(format) || "TEXT".equals(stored)) {
            throw SsmErrors.invalidDocumentOperation("The document format " + stored + " can't be converted to "
                    + format + ".");
        }
        try {
            JsonNode doc = ("YAML".equals(stored) ? YAML : JSON).readTree(content);
            return "YAML".equals(format) ? YAML.writeValueAsString(doc) : JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw SsmErrors.invalidDocumentContent();
        }
    }
}
