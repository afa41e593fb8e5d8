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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code provided} runtimes: the package's own {@code bootstrap} speaks the Runtime API, here over raw HTTP. */
class ProvidedRuntimeTest extends RunnerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shell loop of AWS's custom runtime tutorial, in our own words: curl against the Runtime API. */
    private static final String BASH_BOOTSTRAP = """
            #!/bin/bash
            set -euo pipefail
            api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
            while true; do
              headers="$(mktemp)"
              event="$(curl -sS -D "$headers" "$api/invocation/next")"
              id="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | cut -d' ' -f2 | tr -d '\\r\\n')"
              echo "handling $id with $_HANDLER"
              curl -sS -o /dev/null -X POST "$api/invocation/$id/response" -d "{\\"echo\\":$event,\\"handler\\":\\"$_HANDLER\\"}"
            done
            """;


    private static InvocationResult invoke(FunctionSpec spec, String event, String requestId) throws Exception {
        return runner.invoke(spec, event.getBytes(StandardCharsets.UTF_8), requestId, null, null).get(30, TimeUnit.SECONDS);
    }

    @Test
    void bashBootstrapRunsEvenWhenUnzippedWithoutItsExecuteBit() throws Exception {
        Path code = code(temp, Map.of("bootstrap", BASH_BOOTSTRAP));
        FunctionSpec spec = spec("provided.al2023", "function.handler", code, 3);
        String requestId = requestId();
        InvocationResult result = invoke(spec, "{\"k\":[1]}", requestId);

        assertNull(result.functionError(), () -> utf8(result.payload()) + result.logs());
        JsonNode body = JSON.readTree(result.payload());
        assertEquals("{\"k\":[1]}", body.get("echo").toString());
        assertEquals("function.handler", body.get("handler").asText());
        assertTrue(result.logs().contains("handling " + requestId + " with function.handler"), result.logs());
        assertNull(JSON.readTree(invoke(spec, "{}", requestId()).payload()).get("k"));
    }

    @Test
    void missingBootstrapIsInvalidEntrypoint() throws Exception {
        Path code = code(temp, Map.of("main.go", "package main"));
        InvocationResult result = invoke(spec("provided.al2", "x", code, 3), "{}", requestId());

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.InvalidEntrypoint", doc.get("errorType").asText());
        assertTrue(doc.get("errorMessage").asText().contains("Couldn't find valid bootstrap(s)"), doc.toString());
    }

    @Test
    void bootstrapThatExitsDuringInitIsARuntimeExitError() throws Exception {
        Path code = code(temp, Map.of("bootstrap", "#!/bin/sh\necho 'cannot start'\nexit 2\n"));
        String requestId = requestId();
        InvocationResult result = invoke(spec("provided", "x", code, 3), "{}", requestId);

        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.ExitError", doc.get("errorType").asText());
        assertEquals("RequestId: " + requestId + " Error: Runtime exited with error: exit status 2",
                doc.get("errorMessage").asText());
        assertTrue(result.logs().contains("cannot start"), result.logs());
    }

    @Test
    void initErrorPostedByTheBootstrapIsReturned() throws Exception {
        Path code = code(temp, Map.of("bootstrap", """
                #!/bin/sh
                curl -sS -o /dev/null -X POST -H 'Lambda-Runtime-Function-Error-Type: Runtime.ConfigError' \\
                  -d '{"errorMessage":"no config","errorType":"Runtime.ConfigError"}' \\
                  "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/init/error"
                exit 1
                """));
        InvocationResult result = invoke(spec("provided.al2023", "x", code, 3), "{}", requestId());

        assertEquals("Unhandled", result.functionError());
        assertEquals("{\"errorMessage\":\"no config\",\"errorType\":\"Runtime.ConfigError\"}", utf8(result.payload()));
        assertTrue(result.logs().contains("INIT_REPORT Init Duration"), result.logs());
    }

    @Test
    void errorPostedWithOnlyAnErrorTypeHeader() throws Exception {
        Path code = code(temp, Map.of("bootstrap", """
                #!/bin/bash
                api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
                while true; do
                  id="$(curl -sS -D - -o /dev/null "$api/invocation/next" | grep -i '^Lambda-Runtime-Aws-Request-Id:' | cut -d' ' -f2 | tr -d '\\r\\n')"
                  curl -sS -o /dev/null -X POST -H 'Lambda-Runtime-Function-Error-Type: Custom.Broken' "$api/invocation/$id/error"
                done
                """));
        InvocationResult result = invoke(spec("provided.al2023", "x", code, 3), "{}", requestId());

        assertEquals("Unhandled", result.functionError());
        assertEquals("Custom.Broken", JSON.readTree(result.payload()).get("errorType").asText());
    }
}
