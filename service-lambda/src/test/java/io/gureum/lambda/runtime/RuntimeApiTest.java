package io.gureum.lambda.runtime;

import static io.gureum.lambda.runtime.TestFunctions.code;
import static io.gureum.lambda.runtime.TestFunctions.requestId;
import static io.gureum.lambda.runtime.TestFunctions.spec;
import static io.gureum.lambda.runtime.TestFunctions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Runtime API over raw HTTP: on a bare server with a scripted backend, and inside a real environment. */
class RuntimeApiTest extends RunnerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();


    /** A backend that parks {@code next} until the test delivers, and accepts only request id "r1". */
    private static final class Scripted implements RuntimeApi {
        final CompletableFuture<Consumer<NextInvocation>> parked = new CompletableFuture<>();

        @Override
        public void next(Consumer<NextInvocation> delivery) {
            parked.complete(delivery);
        }

        @Override
        public Answer response(String requestId, byte[] body) {
            return requestId.equals("r1") ? Answer.ACCEPTED : Answer.invalidRequestId();
        }

        @Override
        public Answer error(String requestId, String errorType, byte[] body) {
            return response(requestId, body);
        }

        @Override
        public Answer initError(String errorType, byte[] body) {
            return Answer.invalidState("initialized");
        }

        @Override
        public Answer responseTooLarge(String requestId) {
            return Answer.tooLarge();
        }

        final List<String> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        volatile String contentType;

        @Override
        public ResponseSink streamStarted(String requestId, String type) {
            if (!requestId.equals("r1")) {
                return null;
            }
            return new ResponseSink() {
                @Override
                public void started(String t) {
                }

                @Override
                public boolean chunk(java.nio.ByteBuffer bytes) {
                    chunks.add(StandardCharsets.UTF_8.decode(bytes).toString());
                    return true;
                }

                @Override
                public void whenDrained(Runnable resume) {
                    resume.run();
                }
            };
        }

        @Override
        public Answer streamEnded(String requestId, String errorType, byte[] errorBody) {
            ended.complete(errorType + " " + (errorBody == null ? null : new String(errorBody, StandardCharsets.UTF_8)));
            return Answer.ACCEPTED;
        }
    }

    /** The streaming response mode: each chunk as it comes, the error trailers decoded, 202 at the end. */
    @Test
    void aStreamedResponseArrivesChunkByChunkWithItsErrorTrailers() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Scripted api = new Scripted();
        RuntimeApiServer server = RuntimeApiServer.bind(group, api);
        String[] hostPort = server.hostPort().split(":");
        try (java.net.Socket socket = new java.net.Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            var out = socket.getOutputStream();
            out.write(("POST /2018-06-01/runtime/invocation/r1/response HTTP/1.1\r\nHost: x\r\n"
                    + "Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: text/plain\r\n"
                    + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n"
                    + "3\r\none\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the first chunk arrives before the rest is even sent
            for (int i = 0; i < 600 && api.chunks.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(List.of("one"), api.chunks);
            String body = java.util.Base64.getEncoder().encodeToString(
                    "{\"errorType\":\"Boom\"}".getBytes(StandardCharsets.UTF_8));
            out.write(("3\r\ntwo\r\n0\r\nLambda-Runtime-Function-Error-Type: Boom\r\n"
                    + "Lambda-Runtime-Function-Error-Body: " + body + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("Boom {\"errorType\":\"Boom\"}", api.ended.get(60, TimeUnit.SECONDS));
            assertEquals(List.of("one", "two"), api.chunks);
            byte[] head = new byte[12];
            new java.io.DataInputStream(socket.getInputStream()).readFully(head);
            assertEquals("HTTP/1.1 202", new String(head, StandardCharsets.US_ASCII));
        } finally {
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void longPollDoesNotHoldTheEventLoopAndDeliversTheDocumentedHeaders() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Scripted api = new Scripted();
        RuntimeApiServer server = RuntimeApiServer.bind(group, api);
        try {
            assertTrue(server.hostPort().startsWith("127.0.0.1:"), server.hostPort());
            String base = "http://" + server.hostPort() + "/2018-06-01/runtime";
            CompletableFuture<HttpResponse<String>> next = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/invocation/next")).build(), HttpResponse.BodyHandlers.ofString());
            Consumer<RuntimeApi.NextInvocation> delivery = api.parked.get(5, TimeUnit.SECONDS);

            // While next is parked, the same single event loop still answers other calls.
            HttpResponse<String> wrong = post(base + "/invocation/nope/response", "{}");
            assertEquals(400, wrong.statusCode());
            assertEquals("InvalidRequestID", JSON.readTree(wrong.body()).get("errorType").asText());
            assertEquals(403, post(base + "/init/error", "{}").statusCode());
            assertEquals(404, post(base + "/invocation", "{}").statusCode());
            assertEquals(202, post(base + "/invocation/r1/error", "{}").statusCode());
            assertFalse(next.isDone());

            delivery.accept(new RuntimeApi.NextInvocation("r1", 1_900_000_000_000L,
                    "arn:aws:lambda:us-east-1:123456789012:function:f", "Root=1-abc", "{\"custom\":{}}",
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> event = next.get(5, TimeUnit.SECONDS);
            assertEquals(200, event.statusCode());
            assertEquals("{\"a\":1}", event.body());
            assertEquals("r1", event.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
            assertEquals("1900000000000", event.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:f",
                    event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
            assertEquals("Root=1-abc", event.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow());
            assertEquals("{\"custom\":{}}", event.headers().firstValue("Lambda-Runtime-Client-Context").orElseThrow());
        } finally {
            server.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static HttpResponse<String> post(String uri, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void realEnvironmentRejectsWrongIdsLateInitErrorsAndSecondAnswers() throws Exception {
        Path code = code(temp, Map.of("bootstrap", """
                #!/bin/bash
                api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
                status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
                while true; do
                  id="$(curl -sS -D - -o /dev/null "$api/invocation/next" | grep -i '^Lambda-Runtime-Aws-Request-Id:' | cut -d' ' -f2 | tr -d '\\r\\n')"
                  wrong="$(status -X POST "$api/invocation/not-$id/response" -d '{}')"
                  init="$(status -X POST "$api/init/error" -d '{}')"
                  unknown="$(status "$api/nothing/here")"
                  ok="$(status -X POST "$api/invocation/$id/response" -d "{\\"wrong\\":$wrong,\\"init\\":$init,\\"unknown\\":$unknown}")"
                  again="$(status -X POST "$api/invocation/$id/response" -d '{}')"
                  echo "first answer $ok, second answer $again"
                done
                """));
        FunctionSpec spec = spec("provided.al2023", "x", code, 3);
        InvocationResult first = runner.invoke(spec, "{}".getBytes(StandardCharsets.UTF_8), requestId(), null, null)
                .get(30, TimeUnit.SECONDS);
        InvocationResult second = runner.invoke(spec, "{}".getBytes(StandardCharsets.UTF_8), requestId(), null, null)
                .get(30, TimeUnit.SECONDS);

        assertNull(first.functionError(), () -> utf8(first.payload()));
        assertEquals("{\"wrong\":400,\"init\":403,\"unknown\":404}", utf8(first.payload()));
        assertTrue(second.logs().contains("first answer 202, second answer 400"), second.logs());
    }

    @Test
    void responseOverSixMegabytesIsResponseSizeTooLarge() throws Exception {
        Path code = code(temp, Map.of("app.py", """
                count = 0
                def handler(event, context):
                    global count
                    count += 1
                    return "x" * event["size"] if event.get("size") else count
                """));
        FunctionSpec spec = spec("python3.12", "app.handler", code, 5);
        InvocationResult big = runner.invoke(spec, "{\"size\": 7000000}".getBytes(StandardCharsets.UTF_8), requestId(), null, null)
                .get(30, TimeUnit.SECONDS);

        assertEquals("Unhandled", big.functionError());
        JsonNode doc = JSON.readTree(big.payload());
        assertEquals("Function.ResponseSizeTooLarge", doc.get("errorType").asText());
        assertEquals("Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                doc.get("errorMessage").asText());
        InvocationResult after = runner.invoke(spec, "{}".getBytes(StandardCharsets.UTF_8), requestId(), null, null)
                .get(30, TimeUnit.SECONDS);
        assertNull(after.functionError(), () -> utf8(after.payload()) + after.logs());
    }
}
