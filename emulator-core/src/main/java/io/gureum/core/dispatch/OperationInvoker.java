package io.gureum.core.dispatch;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.RequestContext;
import java.io.InputStream;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * Calls the provider method of an operation received over HTTP, passing a request body for streaming
 * uploads and a transformer that captures the stream of streaming downloads.
 */
final class OperationInvoker {

    /** The provider's response object, and the body stream of a streaming operation (or null). */
    record Result(SdkPojo response, InputStream stream) {
    }

    Result invoke(LoadedService service, OperationModel op, Object request, AwsHttpRequest http,
            RequestContext ctx) throws Exception {
        InputStream[] captured = new InputStream[1];
        Object[] args;
        if (op.entry().streamingInput()) {
            args = new Object[] {request, requestBody(http)};
        } else if (op.entry().streamingOutput()) {
            // Keeps the stream for the codec to write: it says so, as SDK transformers that keep it do.
            ResponseTransformer<Object, Object> capture = new ResponseTransformer<>() {
                @Override
                public Object transform(Object response, software.amazon.awssdk.http.AbortableInputStream stream) {
                    captured[0] = stream;
                    return response;
                }

                @Override
                public boolean needsConnectionLeftOpen() {
                    return true;
                }
            };
            args = new Object[] {request, capture};
        } else {
            args = new Object[] {request};
        }
        Object response = ctx.call(() -> service.call(op, args));
        if (!(response instanceof SdkPojo pojo)) {
            throw new IllegalStateException("Provider of " + op.name() + " returned " + response);
        }
        return new Result(pojo, captured[0]);
    }

    /** The upload as the provider reads it: streamed from the socket when the body is large. */
    private static RequestBody requestBody(AwsHttpRequest http) {
        if (!http.streamed()) {
            return RequestBody.fromBytes(http.body());
        }
        String type = http.header("Content-Type");
        String mime = type == null ? "application/octet-stream" : type;
        long length = contentLength(http);
        java.io.InputStream stream = http.bodyStream();
        software.amazon.awssdk.http.ContentStreamProvider provider = () -> stream;
        return length >= 0 ? RequestBody.fromContentProvider(provider, length, mime)
                : RequestBody.fromContentProvider(provider, mime);
    }

    private static long contentLength(AwsHttpRequest http) {
        String value = http.header("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
