package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponseStreamUpdate;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;

/**
 * Node.js functions wrapped in {@code awslambda.streamifyResponse}: their writes reach InvokeWithResponseStream (through
 * the SDK's asynchronous client) as separate {@code PayloadChunk} events in order, a mid-stream error ends the
 * stream with {@code InvokeComplete}'s error, and a {@code RESPONSE_STREAM} function URL sends the body chunked
 * with the prelude's status and headers. The function paces its own writes; nothing here measures time.
 */
class StreamedResponsesIT extends LambdaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes each of event.parts, waiting until each has left and a little more, then fails if asked. */
    private static final String WRITER = """
            exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
              for (const part of event.parts) {
                await new Promise((resolve) => responseStream.write(part, resolve));
                await new Promise((resolve) => setTimeout(resolve, 50));
              }
              if (event.fail) throw new TypeError('broke mid-stream');
              responseStream.end();
            });
            """;
    private static final String HTTP_STREAM = """
            exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
              const stream = awslambda.HttpResponseStream.from(responseStream, {
                statusCode: 201, headers: { 'content-type': 'text/plain', 'x-from': 'stream' }, cookies: ['a=1', 'b=2'] });
              for (const part of ['one,', 'two,', 'three']) {
                await new Promise((resolve) => stream.write(part, resolve));
                await new Promise((resolve) => setTimeout(resolve, 20));
              }
              stream.end();
            });
            """;
    static LambdaAsyncClient async;

    @BeforeAll
    static void asyncClient() {
        async = AwsClients.client(LambdaAsyncClient.builder().httpClient(NettyNioAsyncHttpClient.create()), gureum);
    }

    @AfterAll
    static void closeAsync() {
        async.close();
    }

    private static void createNode(String name, String code) {
        lambda.createFunction(b -> b.functionName(name).runtime("nodejs20.x").role(ROLE).handler("index.handler")
                .timeout(60).code(c -> c.zipFile(SdkBytes.fromByteArray(zip("index.js", code)))));
    }

    /** What a stream delivered: the chunks in order and the final event. */
    private record Streamed(InvokeWithResponseStreamResponse response, List<String> chunks,
            InvokeWithResponseStreamCompleteEvent complete) {
    }

    private static Streamed stream(String name, String payload) throws Exception {
        List<String> chunks = new ArrayList<>();
        InvokeWithResponseStreamCompleteEvent[] complete = new InvokeWithResponseStreamCompleteEvent[1];
        InvokeWithResponseStreamResponse[] response = new InvokeWithResponseStreamResponse[1];
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .onResponse(r -> response[0] = r)
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk((InvokeResponseStreamUpdate c) -> chunks.add(c.payload().asUtf8String()))
                        .onInvokeComplete(c -> complete[0] = c).build())
                .build();
        async.invokeWithResponseStream(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)), handler)
                .get(120, TimeUnit.SECONDS);
        return new Streamed(response[0], chunks, complete[0]);
    }

    @Test
    void eachWriteIsOnePayloadChunkInOrder() throws Exception {
        String name = unique("streamer");
        createNode(name, WRITER);
        Streamed s = stream(name, "{\"parts\": [\"alpha\", \"beta\", \"gamma\", \"delta\"]}");
        assertEquals(200, s.response().sdkHttpResponse().statusCode());
        assertEquals("$LATEST", s.response().executedVersion());
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), s.chunks());
        assertNull(s.complete().errorCode());
    }

    @Test
    void anErrorMidStreamEndsItWithTheErrorAfterTheChunksWritten() throws Exception {
        String name = unique("streamer-fail");
        createNode(name, WRITER);
        Streamed s = stream(name, "{\"parts\": [\"first\", \"second\"], \"fail\": true}");
        assertEquals(List.of("first", "second"), s.chunks());
        assertEquals("TypeError", s.complete().errorCode());
        JsonNode details = JSON.readTree(s.complete().errorDetails());
        assertEquals("broke mid-stream", details.get("errorMessage").asText());
        assertEquals("TypeError", details.get("errorType").asText());
    }

    @Test
    void invokeReturnsAStreamingFunctionsAnswerWhole() throws Exception {
        String name = unique("streamer-buffered");
        createNode(name, WRITER);
        InvokeResponse r = lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String("{\"parts\": [\"a\", \"b\", \"c\"]}")));
        assertNull(r.functionError(), r.payload().asUtf8String());
        assertEquals("abc", r.payload().asUtf8String());
        InvokeResponse failed = lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String("{\"parts\": [\"a\"], \"fail\": true}")));
        assertEquals("Unhandled", failed.functionError());
        assertEquals("TypeError", JSON.readTree(failed.payload().asUtf8String()).get("errorType").asText());
    }

    /** Past Invoke's 6 MB: streamed in full, while Invoke of the same function fails with ResponseSizeTooLarge. */
    @Test
    void aStreamLargerThanABufferedResponseGoesThroughWhole() throws Exception {
        String name = unique("streamer-large");
        createNode(name, """
                exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  const block = Buffer.alloc(64 * 1024, 'x');
                  for (let i = 0; i < event.blocks; i++) {
                    if (!responseStream.write(block)) await new Promise((resolve) => responseStream.once('drain', resolve));
                  }
                  responseStream.end();
                });
                """);
        Streamed s = stream(name, "{\"blocks\": 128}");
        assertEquals(128 * 64 * 1024, s.chunks().stream().mapToInt(String::length).sum());
        assertNull(s.complete().errorCode());
        InvokeResponse buffered = lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String("{\"blocks\": 128}")));
        assertEquals("Unhandled", buffered.functionError());
        assertEquals("Function.ResponseSizeTooLarge",
                JSON.readTree(buffered.payload().asUtf8String()).get("errorType").asText());
    }

    @Test
    void aBufferedFunctionIsStillOneChunk() throws Exception {
        String name = unique("buffered");
        createNode(name, "exports.handler = async (event) => ({ got: event.n });\n");
        Streamed s = stream(name, "{\"n\": 7}");
        assertEquals(List.of("{\"got\":7}"), s.chunks());
        assertNull(s.complete().errorCode());
    }

    @Test
    void aResponseStreamUrlSendsTheBodyChunkedWithThePreludesStatusAndHeaders() throws Exception {
        String name = unique("url-stream");
        createNode(name, HTTP_STREAM);
        CreateFunctionUrlConfigResponse c = lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).invokeMode(InvokeMode.RESPONSE_STREAM));
        lambda.addPermission(b -> b.functionName(name).statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        String id = URI.create(c.functionUrl()).getHost().split("\\.")[0];
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                gureum.endpoint().resolve("/_gureum/lambda/url/" + id + "/items")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("one,two,three", r.body());
        assertEquals("chunked", r.headers().firstValue("Transfer-Encoding").orElse(""));
        assertFalse(r.headers().firstValue("Content-Length").isPresent());
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("stream", r.headers().firstValue("x-from").orElse(""));
        assertEquals(List.of("a=1", "b=2"), r.headers().allValues("Set-Cookie"));
    }

    @Test
    void aBufferedUrlStillAnswersAsBefore() throws Exception {
        String name = unique("url-buffered");
        createNode(name, "exports.handler = async () => ({ statusCode: 202, body: 'whole' });\n");
        CreateFunctionUrlConfigResponse c = lambda.createFunctionUrlConfig(b -> b.functionName(name)
                .authType(FunctionUrlAuthType.NONE).invokeMode(InvokeMode.RESPONSE_STREAM));
        lambda.addPermission(b -> b.functionName(name).statementId("url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        String id = URI.create(c.functionUrl()).getHost().split("\\.")[0];
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                gureum.endpoint().resolve("/_gureum/lambda/url/" + id + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode());
        assertEquals("whole", r.body());
        assertTrue(r.headers().firstValue("Content-Length").isPresent());
    }
}
