package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.lambda.runtime.InvocationResult;
import io.gureum.lambda.runtime.ResponseSink;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * InvokeWithResponseStream (https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html): the
 * function runs as for Invoke and its answer comes back as an event stream, {@code PayloadChunk} events then one
 * {@code InvokeComplete} (with {@code ErrorCode} and {@code ErrorDetails} when the function failed, {@code LogResult}
 * with {@code LogType: Tail}). A function whose runtime streams (the Runtime API's streaming response mode, Node's
 * {@code awslambda.streamifyResponse}) gets a 200 as it starts and one {@code PayloadChunk} per piece of body the
 * runtime sends, as it sends it, through a bounded {@link ChunkQueue}; a buffered function's answer is one chunk.
 * No thread waits for the function: the answer is given later to core's dispatcher. The SDK's synchronous clients
 * have no method for this operation, so it is answered here, before the operation table, and its frames are
 * encoded with the SDK's own {@link Message}.
 */
final class ResponseStreaming {
    private static final Pattern PATH = Pattern.compile("/2021-11-15/functions/([^/]+)/response-streaming-invocations");

    private final FunctionLookup lookup;
    private final Invoker invoker;
    private final Executor executor;

    ResponseStreaming(FunctionLookup lookup, Invoker invoker, Executor executor) {
        this.lookup = lookup;
        this.invoker = invoker;
        this.executor = executor;
    }

    /** The function an InvokeWithResponseStream request names, or null for any other request. */
    static String functionOf(AwsHttpRequest request) {
        if (!request.method().equals("POST")) {
            return null;
        }
        Matcher m = PATH.matcher(request.rawPath());
        return m.matches() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
    }

    AwsHttpResponse serve(AwsHttpRequest request, String functionName) {
        FunctionLookup.Resolved r = lookup.resolve(functionName, request.queryParameter("Qualifier"));
        String type = or(request.header("X-Amz-Invocation-Type"), "RequestResponse");
        if (!type.equals("RequestResponse") && !type.equals("DryRun")) {
            throw LambdaErrors.validation(type, "invocationType",
                    "Member must satisfy enum value set: [RequestResponse, DryRun]");
        }
        String logType = request.header("X-Amz-Log-Type");
        if (logType != null && !logType.equals("None") && !logType.equals("Tail")) {
            throw LambdaErrors.validation(logType, "logType", "Member must satisfy enum value set: [None, Tail]");
        }
        byte[] payload = request.body() == null ? new byte[0] : request.body();
        if (payload.length > Invoker.MAX_SYNC_PAYLOAD) {
            throw LambdaErrors.tooLarge("Request must be smaller than " + Invoker.MAX_SYNC_PAYLOAD
                    + " bytes for the InvokeFunction operation");
        }
        Invoker.checkJson(payload);
        String clientContext = request.header("X-Amz-Client-Context");
        Invoker.checkClientContext(clientContext);
        FunctionVersion v = Invoker.pick(r);
        if (type.equals("DryRun")) {
            return new AwsHttpResponse(204).header("X-Amz-Executed-Version", v.version());
        }
        try {
            Invoker.acquire(r.function());
        } catch (RuntimeException throttled) {
            invoker.metrics().throttled(r.function(), r.qualifiedArn());
            throw throttled;
        }
        String version = v.version();
        CompletableFuture<AwsHttpResponse> answer = new CompletableFuture<>();
        ChunkQueue body = new ChunkQueue(executor);
        ResponseSink sink = new ResponseSink() {
            @Override
            public void started(String contentType) {
                // Lambda answers 200 as the function starts streaming; the rest comes as events.
                executor.execute(() -> answer.complete(streamed(version, body)));
            }

            @Override
            public boolean chunk(ByteBuffer bytes) {
                return body.offer(encode(event("PayloadChunk", "application/octet-stream", bytes)));
            }

            @Override
            public void whenDrained(Runnable resume) {
                body.whenDrained(resume);
            }
        };
        invoker.run(r.function(), v, r.qualifiedArn(), payload, RequestContext.current().requestId(), clientContext,
                "RequestResponse", sink).whenComplete((result, failure) -> {
                    if (failure != null) {
                        body.complete();
                        answer.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                        return;
                    }
                    if (!result.streamed()) {
                        // A buffered function: its whole answer is one chunk (none when it failed).
                        byte[] bytes = result.payload() == null ? new byte[0] : result.payload();
                        if (result.functionError() == null && bytes.length > 0) {
                            body.offer(encode(event("PayloadChunk", "application/octet-stream", ByteBuffer.wrap(bytes))));
                        }
                    }
                    body.offer(encode(complete(result, logType)));
                    body.complete();
                    answer.complete(streamed(version, body)); // no effect when streaming began
                });
        AsyncResponse.later(answer);
        return null;
    }

    private static AwsHttpResponse streamed(String version, ChunkQueue body) {
        return new AwsHttpResponse(200).header("Content-Type", "application/vnd.amazon.eventstream")
                .header("X-Amz-Executed-Version", version).bodyPublisher(body);
    }

    /**
     * The last event: {@code ErrorCode} and {@code ErrorDetails} when the function failed (the error type its
     * runtime reported in the {@code Lambda-Runtime-Function-Error-Type} trailer for a stream that failed midway,
     * else {@code Unhandled} as Invoke's {@code FunctionError}), and {@code LogResult} with {@code LogType: Tail}.
     */
    private static Message complete(InvocationResult result, String logType) {
        ObjectNode complete = LambdaJson.MAPPER.createObjectNode();
        if (result.functionError() != null) {
            complete.put("ErrorCode", result.streamErrorType() != null ? result.streamErrorType() : result.functionError());
            complete.put("ErrorDetails", new String(result.payload() == null ? new byte[0] : result.payload(),
                    StandardCharsets.UTF_8));
        }
        if ("Tail".equals(logType)) {
            complete.put("LogResult", Invoker.tail(result.logs()));
        }
        try {
            return event("InvokeComplete", "application/json", ByteBuffer.wrap(
                    LambdaJson.MAPPER.writeValueAsBytes(complete)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer encode(Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.encode(out);
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static Message event(String type, String contentType, ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString(contentType));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, bytes);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
