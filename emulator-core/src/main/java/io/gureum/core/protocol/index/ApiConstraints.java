package io.gureum.core.protocol.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What an API's model says beyond the SDK's metadata, generated from botocore's JSON models by
 * {@code scripts/generate-constraints.py} and stored as {@code META-INF/gureum/constraints/<clientInterface>.json}
 * in the module that serves the API: the constraints of every input member, the success code of REST
 * operations ({@code @http(code)}), and which query operations answer an empty result element.
 *
 * @param source the botocore version and model file it was generated from
 * @param operations by AWS operation name; operations with nothing to say are left out
 * @param shapes the model's shapes that carry a constraint somewhere below them, by model name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiConstraints(String source, String protocol, Map<String, OperationConstraints> operations,
        Map<String, ShapeConstraints> shapes) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An API whose module ships no constraints file: nothing is validated, every success is 200. */
    public static final ApiConstraints NONE = new ApiConstraints(null, null, Map.of(), Map.of());

    public ApiConstraints {
        operations = operations == null ? Map.of() : operations;
        shapes = shapes == null ? Map.of() : shapes;
    }

    /**
     * @param input the operation's input shape, when it carries constraints
     * @param successCode the REST success status when it is not 200, else null
     * @param emptyResult whether a query operation's output is a result wrapper without members
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * @param eventStream whether the operation streams events (only the SDK's asynchronous client has it, so the
     *     operation index built from the synchronous client lacks it)
     */
    public record OperationConstraints(String input, Integer successCode, Boolean emptyResult, Boolean unsigned,
            Boolean eventStream) {
    }

    /**
     * One shape's constraints as the model states them ({@code min}/{@code max} are lengths for strings,
     * blobs, lists and maps, and the value range for numbers).
     *
     * @param members a structure's members that are required or have constrained shapes
     * @param member a list's element shape, when constrained
     * @param key a map's key shape, when constrained
     * @param value a map's value shape, when constrained
     * @param sensitive whether AWS leaves the value out of its messages
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShapeConstraints(String type, Number min, Number max, String pattern,
            @com.fasterxml.jackson.annotation.JsonProperty("enum") List<String> enumValues,
            Map<String, MemberConstraints> members, String member, String key, String value, Boolean sensitive) {

        public ShapeConstraints {
            members = members == null ? Map.of() : members;
        }

        public boolean isSensitive() {
            return Boolean.TRUE.equals(sensitive);
        }
    }

    /** A structure member: whether it is required, and its shape when that is constrained. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberConstraints(Boolean required, String shape) {

        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }
    }

    public static String resourcePath(String clientInterface) {
        return "META-INF/gureum/constraints/" + clientInterface + ".json";
    }

    /** The API's constraints from the class path, or {@link #NONE} when its module ships none. */
    public static ApiConstraints load(ClassLoader loader, String clientInterface) {
        try (InputStream in = loader.getResourceAsStream(resourcePath(clientInterface))) {
            return in == null ? NONE : MAPPER.readValue(in, ApiConstraints.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the constraints of " + clientInterface, e);
        }
    }

    /** The constraints of an operation, or null when the model has none for it. */
    public OperationConstraints operation(String name) {
        return operations.get(name);
    }

    public ShapeConstraints shape(String name) {
        return name == null ? null : shapes.get(name);
    }
}
