package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The checks of CreateFunction and UpdateFunctionConfiguration, in AWS's words. Constraint errors of
 * the API's shapes are ValidationExceptions; semantic ones InvalidParameterValueExceptions.
 */
final class FunctionValidation {
    static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
    private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
    static final String LAYER_PATTERN = "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)"
            + "|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)";
    private static final Pattern LAYER = Pattern.compile(LAYER_PATTERN);
    private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");

    /**
     * Environment variables Lambda sets itself
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
     */
    static final Set<String> RESERVED_ENV = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    /**
     * Runtimes whose "block function create" date has passed, with the runtime AWS recommends instead
     * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated).
     */
    private static final Map<String, String> BLOCKED = Map.ofEntries(
            Map.entry("nodejs", "nodejs22.x"), Map.entry("nodejs4.3", "nodejs22.x"),
            Map.entry("nodejs4.3-edge", "nodejs22.x"), Map.entry("nodejs6.10", "nodejs22.x"),
            Map.entry("nodejs8.10", "nodejs22.x"), Map.entry("nodejs10.x", "nodejs22.x"),
            Map.entry("nodejs12.x", "nodejs22.x"), Map.entry("nodejs14.x", "nodejs22.x"),
            Map.entry("python2.7", "python3.13"), Map.entry("python3.6", "python3.13"),
            Map.entry("python3.7", "python3.13"), Map.entry("dotnetcore1.0", "dotnet8"),
            Map.entry("dotnetcore2.0", "dotnet8"), Map.entry("dotnetcore2.1", "dotnet8"),
            Map.entry("dotnetcore3.1", "dotnet8"), Map.entry("ruby2.5", "ruby3.3"), Map.entry("ruby2.7", "ruby3.3"),
            Map.entry("go1.x", "provided.al2023"), Map.entry("provided", "provided.al2023"),
            Map.entry("java8", "java21"));

    private FunctionValidation() {
    }

    static void role(String role) {
        if (role == null || !ROLE.matcher(role).matches()) {
            throw LambdaErrors.validation(role, "role", "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
        }
    }

    static void runtime(String runtime) {
        if (runtime == null) {
            return;
        }
        if (Runtime.fromValue(runtime) == Runtime.UNKNOWN_TO_SDK_VERSION) {
            TreeSet<String> known = new TreeSet<>(Runtime.knownValues().stream().map(Runtime::toString).toList());
            throw LambdaErrors.validation(runtime, "runtime",
                    "Member must satisfy enum value set: [" + String.join(", ", known) + "]");
        }
        String instead = BLOCKED.get(runtime);
        if (instead != null) {
            throw LambdaErrors.invalidParameter("The runtime parameter of " + runtime + " is no longer supported for "
                    + "creating or updating AWS Lambda functions. We recommend you use the new runtime (" + instead
                    + ") while creating or updating functions.");
        }
    }

    static void handler(String handler) {
        if (handler != null && (handler.length() > 128 || !HANDLER.matcher(handler).matches())) {
            throw LambdaErrors.validation(handler, "handler",
                    handler.length() > 128 ? "Member must have length less than or equal to 128"
                            : "Member must satisfy regular expression pattern: [^\\s]+");
        }
    }

    static void timeout(Integer timeout) {
        if (timeout != null && timeout < 1) {
            throw LambdaErrors.validation(timeout, "timeout", "Member must have value greater than or equal to 1");
        }
        if (timeout != null && timeout > 900) {
            throw LambdaErrors.validation(timeout, "timeout", "Member must have value less than or equal to 900");
        }
    }

    static void memorySize(Integer memory) {
        if (memory != null && memory < 128) {
            throw LambdaErrors.validation(memory, "memorySize", "Member must have value greater than or equal to 128");
        }
        if (memory != null && memory > 10240) {
            throw LambdaErrors.validation(memory, "memorySize", "Member must have value less than or equal to 10240");
        }
    }

    static void ephemeralStorage(Integer size) {
        if (size != null && size < 512) {
            throw LambdaErrors.validation(size, "ephemeralStorage.size",
                    "Member must have value greater than or equal to 512");
        }
        if (size != null && size > 10240) {
            throw LambdaErrors.validation(size, "ephemeralStorage.size",
                    "Member must have value less than or equal to 10240");
        }
    }

    /** Layer version ARNs: the shape's pattern ({@link FunctionLayers} then resolves them). */
    static void layers(List<String> layers) {
        if (layers == null || layers.isEmpty()) {
            return;
        }
        for (String layer : layers) {
            if (layer.length() > 140 || !LAYER.matcher(layer).matches()) {
                throw LambdaErrors.validation(layers, "layers", "Member must satisfy constraint: [Member must have "
                        + "length less than or equal to 140, Member must have length greater than or equal to 1, "
                        + "Member must satisfy regular expression pattern: " + LAYER_PATTERN + "]");
            }
        }
    }

    static void description(String description) {
        if (description != null && description.length() > 256) {
            throw LambdaErrors.validation(description, "description", "Member must have length less than or equal to 256");
        }
    }

    static void architectures(List<String> architectures) {
        if (architectures == null || architectures.isEmpty()) {
            return;
        }
        if (architectures.size() > 1) {
            throw LambdaErrors.validation(architectures, "architectures", "Member must have length less than or equal to 1");
        }
        String a = architectures.get(0);
        if (!a.equals("x86_64") && !a.equals("arm64")) {
            throw LambdaErrors.validation(architectures, "architectures",
                    "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
        }
    }

    /**
     * Key syntax (the shape's constraint, checked first: a ValidationException that does not echo the
     * sensitive map), reserved keys, and the 4 KB limit measured over the JSON of the variables, as AWS does.
     */
    static void environment(Map<String, String> variables) {
        if (variables == null || variables.isEmpty()) {
            return;
        }
        for (String key : variables.keySet()) {
            if (!ENV_KEY.matcher(key).matches()) {
                throw LambdaErrors.validation("1 validation error detected: Value at 'environment.variables' failed "
                        + "to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular "
                        + "expression pattern: " + ENV_KEY.pattern() + "]");
            }
        }
        List<String> reserved = new ArrayList<>();
        for (String key : variables.keySet()) {
            if (RESERVED_ENV.contains(key)) {
                reserved.add(key);
            }
        }
        if (!reserved.isEmpty()) {
            throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided contains reserved keys that are currently not supported "
                    + "for modification. Reserved keys used in this request: " + String.join(", ", reserved));
        }
        String measured;
        try {
            measured = LambdaJson.MAPPER.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (measured.getBytes(StandardCharsets.UTF_8).length > 4096) {
            throw LambdaErrors.invalidParameter("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided exceeded the 4KB limit. String measured: " + measured);
        }
    }

    /**
     * SnapStart runs on Java 11 and later, Python 3.12 and later and .NET 8 and later
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html); Lambda refuses it for other runtimes.
     */
    static void snapStart(String applyOn, String runtime) {
        if (applyOn == null || applyOn.equals("None") || runtime == null || snapStartRuntime(runtime)) {
            return;
        }
        throw LambdaErrors.invalidParameter(runtime + " is not supported for SnapStart enabled functions.");
    }

    private static boolean snapStartRuntime(String runtime) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(java|python3\\.|dotnet)(\\d+).*").matcher(runtime);
        if (!m.matches()) {
            return false;
        }
        int n = Integer.parseInt(m.group(2));
        return switch (m.group(1)) {
            case "java" -> n >= 11;
            case "dotnet" -> n >= 8;
            default -> n >= 12;
        };
    }
}
