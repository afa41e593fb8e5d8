package io.gureum.lambda.runtime;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment of a runtime process: Lambda's defined variables
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime), then
 * the function's own. Nothing else of Gureum's own environment leaks in but PATH.
 */
final class EnvironmentVariables {
    /** Secret of the credentials handed to functions; Gureum does not verify signatures unless configured to. */
    static final String SECRET_ACCESS_KEY = "gureum-lambda-secret";

    private EnvironmentVariables() {
    }

    static Map<String, String> of(FunctionSpec spec, LaunchPlan plan, String runtimeApi, String logStreamName,
            Optional<URI> gureumEndpoint, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        if (spec.handler() != null) {
            env.put("_HANDLER", spec.handler());
        }
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", spec.codeDirectory().toAbsolutePath().toString());
        env.put("LAMBDA_RUNTIME_DIR", plan.runtimeDir().toAbsolutePath().toString());
        if (plan.executionEnv() != null) {
            env.put("AWS_EXECUTION_ENV", plan.executionEnv());
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySize()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.logGroupName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        // Gureum maps a 12-digit access key to that account, so SDK calls from the function act as its owner.
        env.put("AWS_ACCESS_KEY_ID", spec.account());
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_SESSION_TOKEN", "gureum-lambda-session-" + spec.functionName());
        gureumEndpoint.ifPresent(uri -> env.put("AWS_ENDPOINT_URL", uri.toString()));
        env.putAll(plan.extraEnv());
        if (spec.optDirectory() != null) {
            env.putAll(LayerPaths.of(spec, path));
        }
        if (spec.environment() != null) {
            env.putAll(spec.environment());
        }
        return env;
    }
}
