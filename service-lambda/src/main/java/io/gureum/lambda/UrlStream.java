package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.lambda.runtime.InvocationResult;
import io.gureum.lambda.runtime.ResponseSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A function URL in {@code InvokeMode RESPONSE_STREAM} whose function streams: the HTTP response begins as the
 * function starts and its body is sent chunked as the function writes
 * (https://docs.aws.amazon.com/lambda/latest/dg/config-rs-write-functions.html). A stream of type
 * {@code application/vnd.awslambda.http-integration-response} (Node's {@code awslambda.HttpResponseStream.from})
 * begins with a JSON prelude ({@code statusCode}, {@code headers}, {@code cookies}) ended by eight NUL bytes; it
 * sets the status and headers, and what follows is the body. Any other stream is a 200 with the function's
 * content type. A function that fails before the response began is a 502; one that fails midway ends the body there.
 */
final class UrlStream implements ResponseSink {
    static final String INTEGRATION = "application/vnd.awslambda.http-integration-response";
    private static final int DELIMITER = 8;
    /** A prelude is a small JSON document; past this the stream is not one. */
    private static final int MAX_PRELUDE = 64 * 1024;

    private final Executor executor;
    private final CompletableFuture<AwsHttpResponse> answer = new CompletableFuture<>();
    private final ChunkQueue body;
    // event loop of the Runtime API, in order
    private ByteArrayOutputStream prelude;
    private int zeros;
    private volatile boolean begun;

    UrlStream(Executor executor) {
        this.executor = executor;
        this.body = new ChunkQueue(executor);
    }

    CompletableFuture<AwsHttpResponse> answer() {
        return answer;
    }

    @Override
    public void started(String contentType) {
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(INTEGRATION)) {
            prelude = new ByteArrayOutputStream();
        } else {
            begin(new AwsHttpResponse(200).header("Content-Type",
                    contentType == null ? "application/octet-stream" : contentType));
        }
    }

    @Override
    public boolean chunk(ByteBuffer bytes) {
        if (prelude == null) {
            return body.offer(bytes);
        }
        while (bytes.hasRemaining() && prelude != null) {
            byte b = bytes.get();
            prelude.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
            if (zeros == DELIMITER) {
                byte[] doc = prelude.toByteArray();
                prelude = null;
                begin(fromPrelude(Arrays.copyOf(doc, doc.length - DELIMITER)));
            } else if (prelude.size() > MAX_PRELUDE) {
                prelude = null;
                begun = true;
                answer.complete(FunctionUrlRequests.message(502, "Internal Server Error"));
                body.complete();
                return true;
            }
        }
        return !bytes.hasRemaining() || body.offer(bytes);
    }

    @Override
    public void whenDrained(Runnable resume) {
        body.whenDrained(resume);
    }

    /** The invocation ended (after its last chunk). */
    void ended(InvocationResult result) {
        body.complete();
        if (!begun) {
            answer.complete(FunctionUrlRequests.message(502, "Internal Server Error"));
        }
    }

    private void begin(AwsHttpResponse head) {
        begun = true;
        AwsHttpResponse r = head.bodyPublisher(body);
        executor.execute(() -> answer.complete(r));
    }

    /** The prelude's status, headers and cookies (one {@code Set-Cookie} each). */
    private static AwsHttpResponse fromPrelude(byte[] json) {
        JsonNode doc;
        try {
            doc = json.length == 0 ? null : LambdaJson.MAPPER.readTree(json);
        } catch (IOException notJson) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            return new AwsHttpResponse(200).header("Content-Type", "application/octet-stream");
        }
        AwsHttpResponse r = new AwsHttpResponse(doc.path("statusCode").asInt(200));
        doc.path("headers").fields().forEachRemaining(h -> r.header(h.getKey(), h.getValue().asText()));
        for (JsonNode c : doc.path("cookies")) {
            r.addHeader("Set-Cookie", c.asText());
        }
        if (r.header("Content-Type") == null) {
            r.header("Content-Type", "application/octet-stream");
        }
        return r;
    }
}
