package io.gureum.lambda.runtime;

import static io.gureum.lambda.runtime.TestFunctions.code;
import static io.gureum.lambda.runtime.TestFunctions.requestId;
import static io.gureum.lambda.runtime.TestFunctions.spec;
import static io.gureum.lambda.runtime.TestFunctions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path temp;
    static ProcessRunner runner;

    @BeforeAll
    static void start() {
        runner = new ProcessRunner(() -> Optional.of(URI.create("http://127.0.0.1:4566")), temp.resolve("work"));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    static InvocationResult invoke(FunctionSpec spec, String payload) throws Exception {
        return runner.invoke(spec, payload.getBytes(StandardCharsets.UTF_8), requestId(), null, null).get(30, TimeUnit.SECONDS);
    }

    @Test
    void echoesTheEventAndShowsTheContext() throws Exception {
        Path code = code(temp, Map.of("app.py", """
                def handler(event, context):
                    print("hello from", context.function_name)
                    return {"event": event, "requestId": context.aws_request_id,
                            "functionName": context.function_name, "version": context.function_version,
                            "arn": context.invoked_function_arn, "memory": context.memory_limit_in_mb,
                            "group": context.log_group_name, "stream": context.log_stream_name,
                            "remaining": context.get_remaining_time_in_millis()}
                """));
        FunctionSpec spec = spec("python3.12", "app.handler", code, 3);
        String requestId = requestId();
        InvocationResult result = runner.invoke(spec, "{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8), requestId, null, null)
                .get(30, TimeUnit.SECONDS);

        assertNull(result.functionError(), () -> utf8(result.payload()));
        JsonNode body = JSON.readTree(result.payload());
        assertEquals("{\"a\":[1,2]}", body.get("event").toString());
        assertEquals(requestId, body.get("requestId").asText());
        assertEquals(spec.functionName(), body.get("functionName").asText());
        assertEquals("$LATEST", body.get("version").asText());
        assertEquals(spec.functionArn(), body.get("arn").asText());
        assertEquals("128", body.get("memory").asText());
        assertEquals(spec.logGroupName(), body.get("group").asText());
        assertTrue(body.get("stream").asText().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"),
                body.get("stream").asText());
        long remaining = body.get("remaining").asLong();
        assertTrue(remaining > 0 && remaining <= 3000, "remaining " + remaining);
        assertTrue(result.logs().contains("hello from " + spec.functionName()), result.logs());
    }

    @Test
    void raisedExceptionIsAnUnhandledErrorDocument() throws Exception {
        Path code = code(temp, Map.of("app.py", """
                def handler(event, context):
                    raise ValueError("bad input " + event["x"])
                """));
        InvocationResult result = invoke(spec("python3.12", "app.handler", code, 3), "{\"x\":\"7\"}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("ValueError", doc.get("errorType").asText());
        assertEquals("bad input 7", doc.get("errorMessage").asText());
        assertTrue(doc.get("stackTrace").get(0).asText().contains("app.py"), doc.toString());
        assertTrue(doc.get("stackTrace").get(0).asText().contains("in handler"), doc.toString());
        assertEquals(1, doc.get("stackTrace").size(), doc.toString());
        assertTrue(result.logs().contains("[ERROR] ValueError: bad input 7"), result.logs());
    }

    @Test
    void environmentHasLambdasVariablesAndNothingOfTheJvms() throws Exception {
        Path code = code(temp, Map.of("app.py", """
                import os
                def handler(event, context):
                    return dict(os.environ)
                """));
        FunctionSpec spec = spec("python3.12", "app.handler", code, 3, Map.of("GREETING", "hi"), "rev-1");
        JsonNode env = JSON.readTree(invoke(spec, "{}").payload());

        assertEquals("http://127.0.0.1:4566", env.get("AWS_ENDPOINT_URL").asText());
        assertEquals(spec.functionName(), env.get("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals("128", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertEquals(spec.logGroupName(), env.get("AWS_LAMBDA_LOG_GROUP_NAME").asText());
        assertEquals("app.handler", env.get("_HANDLER").asText());
        assertEquals("AWS_Lambda_python3.12", env.get("AWS_EXECUTION_ENV").asText());
        assertEquals(TestFunctions.REGION, env.get("AWS_REGION").asText());
        assertEquals(TestFunctions.REGION, env.get("AWS_DEFAULT_REGION").asText());
        assertEquals(TestFunctions.ACCOUNT, env.get("AWS_ACCESS_KEY_ID").asText());
        assertTrue(env.hasNonNull("AWS_SECRET_ACCESS_KEY") && env.hasNonNull("AWS_SESSION_TOKEN"));
        assertEquals(":UTC", env.get("TZ").asText());
        assertEquals("on-demand", env.get("AWS_LAMBDA_INITIALIZATION_TYPE").asText());
        assertEquals(code.toAbsolutePath().toString(), env.get("LAMBDA_TASK_ROOT").asText());
        assertTrue(env.get("AWS_LAMBDA_RUNTIME_API").asText().matches("127\\.0\\.0\\.1:\\d+"));
        assertTrue(env.hasNonNull("LAMBDA_RUNTIME_DIR") && env.hasNonNull("PATH") && env.hasNonNull("LANG"));
        assertTrue(env.hasNonNull("_X_AMZN_TRACE_ID"));
        assertEquals("hi", env.get("GREETING").asText());
        // PYTHONDONTWRITEBYTECODE is the runner's own: the task root is not the runner's to write into.
        var ours = java.util.Set.of("PATH", "LANG", "TZ", "PYTHONDONTWRITEBYTECODE");
        for (String jvmOnly : System.getenv().keySet()) {
            if (!ours.contains(jvmOnly)) {
                assertNull(env.get(jvmOnly), "leaked " + jvmOnly);
            }
        }
    }

    @Test
    void boto3InsideTheFunctionCallsGureumAsTheFunctionsAccount() throws Exception {
        com.sun.net.httpserver.HttpServer fake = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        var authorization = new java.util.concurrent.atomic.AtomicReference<String>();
        fake.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"QueueUrls\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
        URI endpoint = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
        try (ProcessRunner own = new ProcessRunner(() -> Optional.of(endpoint), temp.resolve("work-boto3"))) {
            Path code = code(temp, Map.of("app.py", """
                    import boto3
                    def handler(event, context):
                        return boto3.client("sqs").list_queues().get("QueueUrls", [])
                    """));
            InvocationResult result = own.invoke(spec("python3.12", "app.handler", code, 20),
                    "{}".getBytes(StandardCharsets.UTF_8), requestId(), null, null).get(30, TimeUnit.SECONDS);

            assertNull(result.functionError(), () -> utf8(result.payload()) + result.logs());
            assertEquals("[]", utf8(result.payload()));
            assertTrue(authorization.get().contains("Credential=" + TestFunctions.ACCOUNT + "/"), authorization.get());
            assertTrue(authorization.get().contains("/" + TestFunctions.REGION + "/sqs/"), authorization.get());
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void packagesAndDottedHandlersImportWithTheTaskRootFirst() throws Exception {
        Path code = code(temp, Map.of(
                "pkg/__init__.py", "",
                "pkg/api/__init__.py", "",
                "pkg/api/routes.py", "from helpers import shout\ndef handle(event, context):\n    return shout(event)\n",
                "helpers.py", "def shout(s):\n    return s.upper()\n"));
        InvocationResult result = invoke(spec("python3.12", "pkg.api.routes.handle", code, 3), "\"quiet\"");

        assertNull(result.functionError(), () -> utf8(result.payload()));
        assertEquals("\"QUIET\"", utf8(result.payload()));
    }

    @Test
    void missingModuleIsAnImportModuleErrorReportedAtInit() throws Exception {
        Path code = code(temp, Map.of("app.py", "import not_a_module_anywhere\ndef handler(e, c):\n    return 1\n"));
        InvocationResult result = invoke(spec("python3.12", "app.handler", code, 3), "{}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.ImportModuleError", doc.get("errorType").asText());
        assertEquals("Unable to import module 'app': No module named 'not_a_module_anywhere'",
                doc.get("errorMessage").asText());
        assertEquals(0, doc.get("stackTrace").size());
        assertTrue(result.logs().contains("Status: error\tError Type: Runtime.ImportModuleError"), result.logs());
    }

    @Test
    void missingHandlerIsHandlerNotFound() throws Exception {
        Path code = code(temp, Map.of("app.py", "def other(e, c):\n    return 1\n"));
        InvocationResult result = invoke(spec("python3.12", "app.handler", code, 3), "{}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.HandlerNotFound", doc.get("errorType").asText());
        assertEquals("Handler 'handler' missing on module 'app'", doc.get("errorMessage").asText());
    }

    @Test
    void unserializableResultIsAMarshalError() throws Exception {
        Path code = code(temp, Map.of("app.py", "def handler(e, c):\n    return {1, 2}\n"));
        InvocationResult result = invoke(spec("python3.12", "app.handler", code, 3), "{}");

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.MarshalError", doc.get("errorType").asText());
        assertTrue(doc.get("errorMessage").asText().startsWith("Unable to marshal response:"), doc.toString());
    }

    @Test
    void clientContextReachesTheHandlerDecoded() throws Exception {
        Path code = code(temp, Map.of("app.py", """
                def handler(event, context):
                    return {"custom": context.client_context.custom, "app": context.client_context.client.app_title}
                """));
        String clientContext = java.util.Base64.getEncoder().encodeToString(
                "{\"custom\":{\"k\":\"v\"},\"client\":{\"app_title\":\"demo\"}}".getBytes(StandardCharsets.UTF_8));
        InvocationResult result = runner.invoke(spec("python3.12", "app.handler", code, 3),
                "{}".getBytes(StandardCharsets.UTF_8), requestId(), clientContext, null).get(30, TimeUnit.SECONDS);

        assertEquals("{\"custom\": {\"k\": \"v\"}, \"app\": \"demo\"}", utf8(result.payload()));
    }

    @Test
    void missingRuntimeCompletesExceptionallyNamingIt() {
        Path code = code(temp, Map.of("app.rb", "def handler(event:, context:) 1 end"));
        var future = runner.invoke(spec("ruby3.3", "app.handler", code, 3), new byte[0], requestId(), null, null);

        var error = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> future.get(10, TimeUnit.SECONDS));
        assertTrue(error.getCause() instanceof RuntimeUnavailableException, error.toString());
        assertTrue(error.getCause().getMessage().contains("ruby3.3"), error.getCause().getMessage());
        assertTrue(error.getCause().getMessage().contains("python3"), error.getCause().getMessage());
    }
}
