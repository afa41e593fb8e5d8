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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeRuntimeTest extends RunnerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InvocationResult invoke(Map<String, String> files, String handler, String event) throws Exception {
        FunctionSpec spec = spec("nodejs20.x", handler, code(temp, files), 3);
        return runner.invoke(spec, event.getBytes(StandardCharsets.UTF_8), requestId(), null, null).get(30, TimeUnit.SECONDS);
    }

    private static JsonNode ok(InvocationResult result) throws Exception {
        assertNull(result.functionError(), () -> utf8(result.payload()) + "\n" + result.logs());
        return JSON.readTree(result.payload());
    }

    @Test
    void commonJsAsyncHandlerSeesEventAndContext() throws Exception {
        String requestId = requestId();
        FunctionSpec spec = spec("nodejs20.x", "index.handler", code(temp, Map.of("index.js", """
                exports.handler = async (event, context) => {
                  console.log('got', event.n);
                  return { n: event.n + 1, id: context.awsRequestId, name: context.functionName,
                           version: context.functionVersion, arn: context.invokedFunctionArn,
                           memory: context.memoryLimitInMB, group: context.logGroupName, stream: context.logStreamName,
                           remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop,
                           env: process.env.AWS_EXECUTION_ENV };
                };
                """)), 3);
        InvocationResult result = runner.invoke(spec, "{\"n\":41}".getBytes(StandardCharsets.UTF_8), requestId, null, null)
                .get(30, TimeUnit.SECONDS);
        JsonNode body = ok(result);

        assertEquals(42, body.get("n").asInt());
        assertEquals(requestId, body.get("id").asText());
        assertEquals(spec.functionName(), body.get("name").asText());
        assertEquals("$LATEST", body.get("version").asText());
        assertEquals(spec.functionArn(), body.get("arn").asText());
        assertEquals("128", body.get("memory").asText());
        assertEquals(spec.logGroupName(), body.get("group").asText());
        assertTrue(body.get("stream").asText().contains("[$LATEST]"));
        assertTrue(body.get("remaining").asLong() > 0 && body.get("remaining").asLong() <= 3000);
        assertTrue(body.get("waits").asBoolean());
        assertEquals("AWS_Lambda_nodejs20.x", body.get("env").asText());
        assertTrue(result.logs().matches("(?s).*\\d{4}-\\d{2}-\\d{2}T[^\\t]+Z\\t" + requestId + "\\tINFO\\tgot 41\n.*"),
                result.logs());
    }

    @Test
    void esModuleByExtension() throws Exception {
        JsonNode body = ok(invoke(Map.of("app.mjs", "export const handler = async (e) => ({ esm: e.v });"),
                "app.handler", "{\"v\":\"mjs\"}"));
        assertEquals("mjs", body.get("esm").asText());
    }

    @Test
    void esModuleByPackageType() throws Exception {
        JsonNode body = ok(invoke(Map.of(
                "package.json", "{\"type\":\"module\"}",
                "src/app.js", "import { helper } from './helper.js';\nexport async function handler(e) { return helper(e); }",
                "src/helper.js", "export const helper = (e) => ({ typed: e.v });"),
                "src/app.handler", "{\"v\":\"module\"}"));
        assertEquals("module", body.get("typed").asText());
    }

    @Test
    void commonJsByCjsExtension() throws Exception {
        JsonNode body = ok(invoke(Map.of("lib.cjs", "module.exports.run = async () => 'cjs';"), "lib.run", "{}"));
        assertEquals("cjs", body.asText());
    }

    @Test
    void callbackHandlerAnswersWhenTheEventLoopIsEmpty() throws Exception {
        InvocationResult result = invoke(Map.of("index.js", """
                exports.handler = (event, context, callback) => {
                  setTimeout(() => console.log('late timer ran'), 150);
                  callback(null, { via: 'callback' });
                };
                """), "index.handler", "{}");
        assertEquals("callback", ok(result).get("via").asText());
        assertTrue(result.logs().contains("late timer ran"), "waited for the event loop: " + result.logs());
    }

    @Test
    void callbackHandlerNeedNotWaitWhenToldSo() throws Exception {
        InvocationResult result = invoke(Map.of("index.js", """
                exports.handler = (event, context, callback) => {
                  context.callbackWaitsForEmptyEventLoop = false;
                  setTimeout(() => {}, 2500);
                  callback(null, 'fast');
                };
                """), "index.handler", "{}");
        assertEquals("fast", ok(result).asText());
        assertTrue(!result.logs().contains("Status: timeout"), result.logs());
    }

    @Test
    void thrownErrorIsShapedLikeLambdasNodeRuntime() throws Exception {
        InvocationResult result = invoke(Map.of("index.js", """
                exports.handler = async () => { const e = new TypeError('nope'); throw e; };
                """), "index.handler", "{}");
        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("TypeError", doc.get("errorType").asText());
        assertEquals("nope", doc.get("errorMessage").asText());
        assertEquals("TypeError: nope", doc.get("trace").get(0).asText());
        assertTrue(doc.get("trace").get(1).asText().contains("index.js"), doc.toString());
        assertTrue(result.logs().contains("\tERROR\tInvoke Error"), result.logs());
    }

    @Test
    void callbackErrorIsAnUnhandledError() throws Exception {
        InvocationResult result = invoke(Map.of("index.js", """
                exports.handler = (event, context, callback) => callback(new Error('via callback'));
                """), "index.handler", "{}");
        assertEquals("Unhandled", result.functionError());
        assertEquals("via callback", JSON.readTree(result.payload()).get("errorMessage").asText());
    }

    @Test
    void missingModuleIsImportModuleError() throws Exception {
        InvocationResult result = invoke(Map.of("other.js", "exports.handler = async () => 1;"), "index.handler", "{}");
        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.ImportModuleError", doc.get("errorType").asText());
        assertEquals("Error: Cannot find module 'index'", doc.get("errorMessage").asText());
    }

    @Test
    void missingHandlerIsHandlerNotFound() throws Exception {
        InvocationResult result = invoke(Map.of("index.js", "exports.other = async () => 1;"), "index.handler", "{}");
        assertEquals("Unhandled", result.functionError());
        JsonNode doc = JSON.readTree(result.payload());
        assertEquals("Runtime.HandlerNotFound", doc.get("errorType").asText());
        assertEquals("index.handler is undefined or not exported", doc.get("errorMessage").asText());
    }
}
