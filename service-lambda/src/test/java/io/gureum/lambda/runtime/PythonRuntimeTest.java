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
        return runner.invoke(spec, payload.getBytes(StandardCharsets.UTF_8), requestId(), null).get(30, TimeUnit.SECONDS);
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
        InvocationResult result = runner.invoke(spec, "{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8), requestId, null)
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
}
