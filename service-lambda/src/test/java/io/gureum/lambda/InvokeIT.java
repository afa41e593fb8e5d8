package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.events.LogEvents;
import io.gureum.core.events.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvalidRuntimeException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Invoke end to end with real python and node functions run by the process runner. */
class InvokeIT extends LambdaTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void requestResponseReturnsWhatThePythonFunctionReturns() throws Exception {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    return {'sum': event['a'] + event['b'], "
                + "'requestId': context.aws_request_id}\n");
        InvokeResponse r = invoke(name, "{\"a\": 2, \"b\": 40}");
        assertEquals(200, r.statusCode());
        assertNull(r.functionError());
        assertEquals("$LATEST", r.executedVersion());
        assertEquals("application/json", r.sdkHttpResponse().firstMatchingHeader("Content-Type").orElse(null));
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertEquals(42, body.get("sum").asInt());
        // the function's request id is the Invoke request's id, as in AWS
        assertEquals(r.responseMetadata().requestId(), body.get("requestId").asText());
    }

    @Test
    void aRaisedExceptionIsUnhandledWithStatus200AndTheErrorDocument() throws Exception {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    raise ValueError('boom')\n");
        InvokeResponse r = invoke(name, "{}");
        assertEquals(200, r.statusCode());
        assertEquals("Unhandled", r.functionError());
        JsonNode err = JSON.readTree(r.payload().asUtf8String());
        assertEquals("boom", err.get("errorMessage").asText());
        assertEquals("ValueError", err.get("errorType").asText());
    }

    @Test
    void logTypeTailReturnsTheLastFourKilobytesOfTheLogAndTheAdminEndpointKeepsIt() {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    print('x' * 5000)\n    print('hello from print')\n"
                + "    return 'ok'\n");
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));
        String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertTrue(tail.length() <= 4096, "tail of " + tail.length());
        assertTrue(tail.contains("hello from print"), tail);
        assertTrue(tail.contains("END RequestId: " + r.responseMetadata().requestId()), tail);
        assertNull(invoke(name, "{}").logResult(), "no log without LogType Tail");
        JsonNode logs = awaitInvocations(name, 2);
        assertEquals(r.responseMetadata().requestId(), logs.get(0).get("RequestId").asText());
        assertTrue(logs.get(0).get("Log").asText().contains("hello from print"));
    }

    @Test
    void eachInvocationsLogIsPublishedForCloudWatchLogs() throws Exception {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    print('to cloudwatch')\n    return 1\n");
        List<LogEvents> seen = new CopyOnWriteArrayList<>();
        try (Subscription s = gureum.context().events().subscribe(LogEvents.class, e -> {
            if (e.logGroupName().equals("/aws/lambda/" + name)) {
                seen.add(e);
            }
        })) {
            String requestId = invoke(name, "{}").responseMetadata().requestId();
            assertEquals(1, seen.size());
            LogEvents published = seen.get(0);
            assertEquals("000000000000", published.account());
            assertEquals("us-east-1", published.region());
            assertTrue(published.logStreamName().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"),
                    published.logStreamName());
            List<String> lines = published.events().stream().map(LogEvents.Event::message).toList();
            assertTrue(lines.get(0).startsWith("START RequestId: " + requestId), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("to cloudwatch")), lines.toString());
            assertTrue(lines.get(lines.size() - 1).startsWith("REPORT RequestId: " + requestId), lines.toString());
        }
    }

    @Test
    void aNodeFunctionRuns() throws Exception {
        String name = unique("node");
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").role(ROLE).handler("index.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("index.js",
                        "exports.handler = async (event) => ({ next: event.n + 1, runtime: process.version });\n")))));
        InvokeResponse r = invoke(name, "{\"n\": 41}");
        assertNull(r.functionError(), r.payload().asUtf8String());
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertEquals(42, body.get("next").asInt());
        assertTrue(body.get("runtime").asText().startsWith("v"));
    }

    @Test
    void theContextNamesTheArnAsInvokedWithItsAliasOrVersion() throws Exception {
        String name = unique("py");
        String arn = createPython(name, "def handler(event, context):\n    return context.invoked_function_arn\n")
                .functionArn();
        lambda.publishVersion(b -> b.functionName(name));
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));
        assertEquals("\"" + arn + "\"", invoke(name, "{}").payload().asUtf8String());
        InvokeResponse alias = lambda.invoke(b -> b.functionName(name).qualifier("live"));
        assertEquals("1", alias.executedVersion());
        assertEquals("\"" + arn + ":live\"", alias.payload().asUtf8String());
        assertEquals("\"" + arn + ":1\"", lambda.invoke(b -> b.functionName(name + ":1")).payload().asUtf8String());
    }

    @Test
    void theClientContextMustBeBase64OfAJsonObject() throws Exception {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    return context.client_context.custom\n");
        for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString("[1]".getBytes()),
                Base64.getEncoder().encodeToString("{no json".getBytes()))) {
            InvalidRequestContentException e = assertAwsError(InvalidRequestContentException.class,
                    "InvalidRequestContentException", 400, () -> lambda.invoke(b -> b.functionName(name).clientContext(bad)));
            assertEquals("Client context must be a valid Base64-encoded JSON object.", e.awsErrorDetails().errorMessage());
        }
        String good = Base64.getEncoder().encodeToString("{\"custom\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).clientContext(good));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("v", JSON.readTree(r.payload().asUtf8String()).get("k").asText());
    }

    @Test
    void dryRunAnswers204WithoutRunning() {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    print('ran')\n    return 1\n");
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.DRY_RUN));
        assertEquals(204, r.statusCode());
        assertEquals(0, invocationLogs(name).size());
    }

    @Test
    void eventInvocationAnswers202AndTheFunctionRunsLater() throws Exception {
        String url = createQueue(unique("side-effect"));
        String name = unique("py");
        lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE).handler("app.handler").timeout(60)
                .environment(e -> e.variables(Map.of("QUEUE_URL", url)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", "import os, json, boto3\n"
                        + "def handler(event, context):\n"
                        + "    boto3.client('sqs').send_message(QueueUrl=os.environ['QUEUE_URL'], "
                        + "MessageBody=json.dumps(event))\n")))));
        InvokeResponse r = lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"order\": 7}")));
        assertEquals(202, r.statusCode());
        assertEquals(0, r.payload().asByteArray().length);
        assertEquals(7, JSON.readTree(receiveOne(url).body()).get("order").asInt());
    }

    @Test
    void qualifiersSelectVersionsAndAliasesRouteByWeight() throws Exception {
        String name = unique("py");
        createPython(name, "def handler(event, context):\n    return 1\n");
        assertEquals("1", lambda.publishVersion(b -> b.functionName(name)).version());
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromByteArray(
                zip("app.py", "def handler(event, context):\n    return 2\n"))));
        assertEquals("2", lambda.publishVersion(b -> b.functionName(name)).version());
        lambda.updateFunctionCode(b -> b.functionName(name).zipFile(SdkBytes.fromByteArray(
                zip("app.py", "def handler(event, context):\n    return 3\n"))));
        assertEquals("3", invoke(name, "{}").payload().asUtf8String());
        InvokeResponse v1 = lambda.invoke(b -> b.functionName(name).qualifier("1"));
        assertEquals("1", v1.payload().asUtf8String());
        assertEquals("1", v1.executedVersion());
        assertEquals("2", lambda.invoke(b -> b.functionName(name + ":2")).payload().asUtf8String());
        lambda.createAlias(b -> b.functionName(name).name("live").functionVersion("1"));
        InvokeResponse live = lambda.invoke(b -> b.functionName(name).qualifier("live"));
        assertEquals("1", live.payload().asUtf8String());
        assertEquals("1", live.executedVersion());
        lambda.updateAlias(b -> b.functionName(name).name("live")
                .routingConfig(rc -> rc.additionalVersionWeights(Map.of("2", 1.0))));
        InvokeResponse routed = lambda.invoke(b -> b.functionName(name).qualifier("live"));
        assertEquals("2", routed.executedVersion());
        assertEquals("2", routed.payload().asUtf8String());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.invoke(b -> b.functionName(name).qualifier("nope")));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.invoke(b -> b.functionName(name).qualifier("9")));
    }

    @Test
    void reservedConcurrencyZeroThrottles() {
        String name = unique("py");
        createEcho(name);
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
        TooManyRequestsException e = assertAwsError(TooManyRequestsException.class, "TooManyRequestsException", 429,
                () -> invoke(name, "{}"));
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, e.reason());
        assertEquals("Rate Exceeded.", e.awsErrorDetails().errorMessage());
        lambda.deleteFunctionConcurrency(b -> b.functionName(name));
        assertEquals("{}", invoke(name, "{}").payload().asUtf8String());
    }

    @Test
    void payloadsAreCheckedForSizeAndJson() {
        String name = unique("py");
        createEcho(name);
        String big = "\"" + "x".repeat(6_291_456) + "\"";
        LambdaException sync = assertAwsError(LambdaException.class,
                "RequestEntityTooLargeException", 413, () -> invoke(name, big));
        assertEquals("Request must be smaller than 6291456 bytes for the InvokeFunction operation",
                sync.awsErrorDetails().errorMessage());
        String async = "\"" + "x".repeat(1_048_576) + "\"";
        LambdaException event = assertAwsError(LambdaException.class,
                "RequestEntityTooLargeException", 413, () -> lambda.invoke(b -> b.functionName(name)
                        .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(async))));
        assertEquals("1048578 byte payload is too large for the Event invocation type (limit 1048576 bytes)",
                event.awsErrorDetails().errorMessage());
        InvalidRequestContentException json = assertAwsError(InvalidRequestContentException.class,
                "InvalidRequestContentException", 400, () -> invoke(name, "{not json"));
        assertTrue(json.awsErrorDetails().errorMessage().startsWith(
                "Could not parse request body into json: Could not parse payload into json"));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> invoke(unique("missing"), "{}"));
    }

    @Test
    void aRuntimeThisMachineCannotRunIsAnInvalidRuntimeError() {
        String name = unique("dotnet");
        lambda.createFunction(b -> b.functionName(name).runtime("dotnet8").role(ROLE)
                .handler("Example::Example.Function::Handle")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("Example.dll", "not really")))));
        InvalidRuntimeException e = assertAwsError(InvalidRuntimeException.class, "InvalidRuntimeException", 502,
                () -> invoke(name, "{}"));
        assertTrue(e.awsErrorDetails().errorMessage().contains("dotnet8"), e.getMessage());
    }
}
