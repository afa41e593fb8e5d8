package io.gureum.lambda.runtime.javaboot;

import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Implements the function's own {@code com.amazonaws.services.lambda.runtime.Context} (from the
 * aws-lambda-java-core jar it bundles) with dynamic proxies, so that this runtime needs no copy of that library.
 */
final class ContextProxies {
    private static final String PACKAGE = "com.amazonaws.services.lambda.runtime.";

    private final ClassLoader loader;
    private final Class<?> contextType;
    private final Object logger;

    /** @param log where {@code LambdaLogger} writes (the function's log) */
    ContextProxies(ClassLoader loader, PrintStream log) {
        this.loader = loader;
        this.contextType = find("Context");
        this.logger = proxy("LambdaLogger", (name, args) -> {
            if (name.equals("log") && args != null && args.length > 0) {
                String line = args[0] instanceof byte[] ? new String((byte[]) args[0], StandardCharsets.UTF_8)
                        : String.valueOf(args[0]);
                log.print(line.endsWith("\n") ? line : line + "\n");
                log.flush();
            }
            return null;
        });
    }

    /** The function's {@code Context} type, or null when its class path has none. */
    Class<?> contextType() {
        return contextType;
    }

    /** A {@code Context} for one invocation, or null when the function's class path has no Context type. */
    Object context(RuntimeApiClient.Event event, Map<String, String> env) {
        if (contextType == null) {
            return null;
        }
        Object identity = identity(event.cognitoIdentity());
        Object clientContext = clientContext(event.clientContext());
        return proxy("Context", (name, args) -> {
            switch (name) {
                case "getAwsRequestId": return event.requestId();
                case "getLogGroupName": return env.get("AWS_LAMBDA_LOG_GROUP_NAME");
                case "getLogStreamName": return env.get("AWS_LAMBDA_LOG_STREAM_NAME");
                case "getFunctionName": return env.get("AWS_LAMBDA_FUNCTION_NAME");
                case "getFunctionVersion": return env.get("AWS_LAMBDA_FUNCTION_VERSION");
                case "getInvokedFunctionArn": return event.invokedFunctionArn();
                case "getIdentity": return identity;
                case "getClientContext": return clientContext;
                case "getRemainingTimeInMillis":
                    return (int) Math.max(0, event.deadlineMs() - System.currentTimeMillis());
                case "getMemoryLimitInMB":
                    return Integer.parseInt(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
                case "getLogger": return logger;
                case "getXrayTraceId": return event.traceId();
                case "getTenantId": return null;
                default: return null;
            }
        });
    }

    private Object identity(String json) {
        Map<String, Object> doc = object(json);
        return proxy("CognitoIdentity", (name, args) -> {
            Object value = name.equals("getIdentityId") ? doc.get("cognitoIdentityId")
                    : name.equals("getIdentityPoolId") ? doc.get("cognitoIdentityPoolId") : null;
            return value == null ? "" : value.toString();
        });
    }

    private Object clientContext(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        Map<String, Object> doc = object(json);
        Map<String, Object> client = object(doc.get("client"));
        Object clientProxy = doc.get("client") == null ? null : proxy("Client", (name, args) -> {
            String key = name.equals("getInstallationId") ? "installation_id" : name.equals("getAppTitle") ? "app_title"
                    : name.equals("getAppVersionName") ? "app_version_name"
                    : name.equals("getAppVersionCode") ? "app_version_code"
                    : name.equals("getAppPackageName") ? "app_package_name" : null;
            return key == null || client.get(key) == null ? null : client.get(key).toString();
        });
        return proxy("ClientContext", (name, args) -> name.equals("getClient") ? clientProxy
                : name.equals("getCustom") ? strings(doc.get("custom"))
                : name.equals("getEnvironment") ? strings(doc.get("env")) : null);
    }

    private Object proxy(String simpleName, BiFunction<String, Object[], Object> answer) {
        Class<?> type = find(simpleName);
        if (type == null) {
            return null;
        }
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "toString": return simpleName + "@gureum";
                case "hashCode": return System.identityHashCode(self);
                case "equals": return self == args[0];
                default:
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(self, method, args);
                    }
                    return answer.apply(method.getName(), args);
            }
        });
    }

    private Class<?> find(String simpleName) {
        try {
            return Class.forName(PACKAGE + simpleName, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        Object parsed = json;
        if (json instanceof String && !((String) json).isEmpty()) {
            try {
                parsed = Json.parse((String) json);
            } catch (IllegalArgumentException notJson) {
                parsed = null;
            }
        }
        return parsed instanceof Map ? (Map<String, Object>) parsed : Map.of();
    }

    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map)) {
            return null;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : v.toString()));
        return out;
    }

    static boolean isContext(Class<?> type) {
        return type.getName().equals(PACKAGE + "Context");
    }
}
