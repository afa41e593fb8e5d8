package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import io.gureum.lambda.runtime.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * InvokeWithResponseStream (https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html): the
 * function runs as for Invoke and its answer comes back as an event stream, {@code PayloadChunk} events with the
 * payload's bytes then one {@code InvokeComplete} (with {@code ErrorCode} and {@code ErrorDetails} when the function
 * failed, {@code LogResult} with {@code LogType: Tail}). Gureum's runtimes answer in one piece (they do not use
 * {@code Lambda-Runtime-Function-Response-Mode: streaming}), so the payload is one chunk, as for a buffered function
 * in AWS. The SDK's synchronous clients have no method for this operation, so it is answered here, before the
 * operation table, and its frames are encoded with the SDK's own {@link Message}.
 */
final class ResponseStreaming {
    private static final Pattern PATH = Pattern.compile("/2021-11-15/functions/([^/]+)/response-streaming-invocations");

    private final FunctionLookup lookup;
    private final Invoker invoker;

    ResponseStreaming(FunctionLookup lookup, Invoker invoker) {
        this.lookup = lookup;
        this.invoker = invoker;
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
        InvocationResult result;
        try {
            result = invoker.run(r.function(), v, r.qualifiedArn(), payload, RequestContext.current().requestId(),
                    clientContext, "RequestResponse").join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] answer = result.payload() == null ? new byte[0] : result.payload();
        if (result.functionError() == null && answer.length > 0) {
            event("PayloadChunk", "application/octet-stream", answer).encode(body);
        }
        ObjectNode complete = LambdaJson.MAPPER.createObjectNode();
        if (result.functionError() != null) {
            complete.put("ErrorCode", result.functionError());
            complete.put("ErrorDetails", new String(answer, StandardCharsets.UTF_8));
        }
        if ("Tail".equals(logType)) {
            complete.put("LogResult", Invoker.tail(result.logs()));
        }
        try {
            event("InvokeComplete", "application/json", LambdaJson.MAPPER.writeValueAsBytes(complete)).encode(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new AwsHttpResponse(200).header("Content-Type", "application/vnd.amazon.eventstream")
                .header("X-Amz-Executed-Version", v.version()).body(body.toByteArray());
    }

    private static Message event(String type, String contentType, byte[] payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString(contentType));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, payload);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
