package io.gureum.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;

/**
 * The model's constraints on a request's own members, answered as Organizations does: an
 * {@code InvalidInputException} whose {@code Reason} names the broken rule (INPUT_REQUIRED, INVALID_PATTERN,
 * MIN/MAX_LENGTH_EXCEEDED, MIN/MAX_VALUE_EXCEEDED, INVALID_ENUM), worded as the API reference's
 * InvalidInputException page words each reason. Core's validation layer answers AWS's "N validation errors
 * detected" form, which Organizations does not use, so its policy for this API is to check nothing and this
 * module reads the generated constraints file itself.
 */
final class InputChecks {
    private static final String FILE = "/META-INF/gureum/constraints/"
            + "software.amazon.awssdk.services.organizations.OrganizationsClient.json";
    private final JsonNode operations;
    private final JsonNode shapes;
    private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

    InputChecks() {
        try (InputStream in = InputChecks.class.getResourceAsStream(FILE)) {
            JsonNode root = PolicyContents.JSON.readTree(in);
            operations = root.path("operations");
            shapes = root.path("shapes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void check(String operation, Object request) {
        if (request instanceof SdkPojo pojo) {
            checkStructure(shapes.path(operations.path(operation).path("input").asText()), pojo);
        }
    }

    /** A structure's members, nested structures and list elements included (a Target's Id, each Tag's Key). */
    private void checkStructure(JsonNode input, SdkPojo pojo) {
        for (Iterator<Map.Entry<String, JsonNode>> it = input.path("members").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            Object value = valueOf(pojo, member.getKey());
            if (value == null) {
                if (member.getValue().path("required").asBoolean()) {
                    throw error(InvalidInputExceptionReason.INPUT_REQUIRED,
                            "You must include a value for all required parameters.");
                }
                continue;
            }
            checkValue(shapes.path(member.getValue().path("shape").asText()), value);
        }
    }

    private void checkValue(JsonNode shape, Object value) {
        if (value instanceof SdkPojo nested) {
            checkStructure(shape, nested);
        } else if (value instanceof java.util.List<?> list) {
            JsonNode element = shapes.path(shape.path("member").asText());
            for (Object v : list) {
                if (v != null) {
                    checkValue(element, v);
                }
            }
        } else if (value instanceof String s) {
            if (shape.has("enum") && !contains(shape.get("enum"), s)) {
                throw error(InvalidInputExceptionReason.INVALID_ENUM, "You specified an invalid value.");
            }
            if (shape.has("min") && s.length() < shape.get("min").asInt()) {
                throw error(InvalidInputExceptionReason.MIN_LENGTH_EXCEEDED,
                        "You provided a string parameter that is shorter than allowed.");
            }
            if (shape.has("max") && s.length() > shape.get("max").asInt()) {
                throw error(InvalidInputExceptionReason.MAX_LENGTH_EXCEEDED,
                        "You provided a string parameter that is longer than allowed.");
            }
            if (shape.has("pattern") && !pattern(shape.get("pattern").asText()).matcher(s).find()) {
                throw error(InvalidInputExceptionReason.INVALID_PATTERN,
                        "You provided a value that does not match the required pattern.");
            }
        } else if (value instanceof Number n) {
            if (shape.has("min") && n.longValue() < shape.get("min").asLong()) {
                throw error(InvalidInputExceptionReason.MIN_VALUE_EXCEEDED,
                        "You provided a numeric parameter that has a smaller value than allowed.");
            }
            if (shape.has("max") && n.longValue() > shape.get("max").asLong()) {
                throw error(InvalidInputExceptionReason.MAX_VALUE_EXCEEDED,
                        "You provided a numeric parameter that has a larger value than allowed.");
            }
        }
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static boolean contains(JsonNode values, String s) {
        for (JsonNode v : values) {
            if (v.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static Object valueOf(SdkPojo pojo, String memberName) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (memberName.equals(f.memberName()) || memberName.equals(f.locationName())) {
                return f.getValueOrDefault(pojo);
            }
        }
        return null;
    }

    private static InvalidInputException error(InvalidInputExceptionReason reason, String message) {
        return OrgErrors.invalid(reason, message);
    }
}
