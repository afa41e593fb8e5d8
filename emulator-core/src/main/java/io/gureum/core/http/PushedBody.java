package io.gureum.core.http;

/**
 * A response body its producer pushes for as long as the answer lasts (CloudWatch Logs' live tail: an event stream
 * that stays open for hours), holding no thread between pushes. Set with {@link AwsHttpResponse#pushedBody}: the
 * server sends the head (chunked), then {@link #open} hands the producer a {@link Sink} it keeps, typically with
 * a timer on the core clock that pushes what has arrived. Nothing here runs long: {@link #open} and
 * {@link #closed} are called on a Netty event loop.
 */
public interface PushedBody {

    /** Called once, after the head has gone out; the producer keeps {@code sink} and pushes from any thread. */
    void open(Sink sink);

    /**
     * Called once when the body will take no more bytes and the producer did not end it: the client closed the
     * connection, the server is stopping, or the response was never sent. The producer frees what it holds.
     */
    void closed();

    /** Where the producer pushes; every method may be called from any thread. */
    interface Sink {
        /** Queues {@code bytes} for the client, in order; false (nothing queued) once the body has ended. */
        boolean send(byte[] bytes);

        /**
         * Whether the client is taking the bytes: false while those already queued wait for it (the producer
         * may keep or drop what comes next rather than queue more).
         */
        boolean writable();

        /** Ends the body (the last chunk); later sends are refused. {@link PushedBody#closed} is not called. */
        void end();
    }
}
