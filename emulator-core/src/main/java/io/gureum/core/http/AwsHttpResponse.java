package io.gureum.core.http;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * One HTTP response: status, headers and either a byte body or a stream (for large S3 objects,
 * which are never held whole in memory).
 */
public final class AwsHttpResponse {
    private int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private InputStream bodyStream;
    private long streamLength = -1;
    private Flow.Publisher<ByteBuffer> bodyPublisher;

    public AwsHttpResponse(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public AwsHttpResponse status(int status) {
        this.status = status;
        return this;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** Sets a header, replacing any value it had. */
    public AwsHttpResponse header(String name, String value) {
        // A plain loop rather than removeIf: this runs several times for every response, and the lambda
        // capturing the name was allocated each time.
        for (Iterator<String> it = headers.keySet().iterator(); it.hasNext(); ) {
            if (it.next().equalsIgnoreCase(name)) {
                it.remove();
            }
        }
        // An immutable one-value list: half the allocation of an ArrayList and its array, for the several headers
        // every response carries (addHeader copies it before adding).
        headers.put(name, Collections.singletonList(value)); // null stays a value, as before
        return this;
    }

    public AwsHttpResponse addHeader(String name, String value) {
        List<String> values = headers.get(name);
        if (values == null) {
            values = new ArrayList<>(1);
            headers.put(name, values);
        } else if (!(values instanceof ArrayList)) {
            values = new ArrayList<>(values); // set by header(name, value): immutable
            headers.put(name, values);
        }
        values.add(value);
        return this;
    }

    public byte[] body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public AwsHttpResponse body(byte[] body) {
        this.body = body == null ? new byte[0] : body;
        this.bodyStream = null;
        this.bodyPublisher = null;
        return this;
    }

    public AwsHttpResponse body(String body, String contentType) {
        header("Content-Type", contentType);
        return body(body.getBytes(StandardCharsets.UTF_8));
    }

    public InputStream bodyStream() {
        return bodyStream;
    }

    public long streamLength() {
        return streamLength;
    }

    /**
     * A body pushed while the response stays open (sent chunked, after the headers set here), for answers that
     * last: see {@link PushedBody}.
     */
    public AwsHttpResponse pushedBody(PushedBody pushed) {
        return bodyPublisher(new PushedPublisher(pushed));
    }

    /** Releases a response that will not be sent: closes its body stream, tells a pushed body's producer. */
    public void discard() {
        InputStream stream = bodyStream;
        bodyStream = null;
        if (stream != null) {
            try {
                stream.close();
            } catch (java.io.IOException ignored) {
                // nothing was read from it
            }
        }
        discardPublisher();
    }

    /** A streamed body of known length (-1 when unknown: sent chunked). The server closes the stream. */
    public AwsHttpResponse bodyStream(InputStream stream, long length) {
        this.bodyStream = stream;
        this.bodyPublisher = null;
        this.streamLength = length;
        this.body = new byte[0];
        return this;
    }

    public Flow.Publisher<ByteBuffer> bodyPublisher() {
        return bodyPublisher;
    }

    /**
     * A body produced while it is sent (Lambda's streamed responses), sent chunked: the server subscribes once
     * it writes the headers and requests one buffer at a time, the next once it has taken the last while the client
     * takes bytes, so a slow client slows the producer and nothing holds a thread. {@code onError} aborts the
     * connection.
     */
    public AwsHttpResponse bodyPublisher(Flow.Publisher<ByteBuffer> publisher) {
        this.bodyPublisher = publisher;
        this.bodyStream = null;
        this.body = new byte[0];
        return this;
    }

    /** Tells an unsent publisher body that nobody will read it. */
    private void discardPublisher() {
        Flow.Publisher<ByteBuffer> publisher = bodyPublisher;
        bodyPublisher = null;
        if (publisher != null) {
            publisher.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.cancel();
                }

                @Override
                public void onNext(ByteBuffer item) {
                    // cancelled
                }

                @Override
                public void onError(Throwable throwable) {
                    // cancelled
                }

                @Override
                public void onComplete() {
                    // cancelled
                }
            });
        }
    }
}
