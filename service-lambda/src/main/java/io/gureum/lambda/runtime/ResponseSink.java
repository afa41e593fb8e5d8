package io.gureum.lambda.runtime;

import java.nio.ByteBuffer;

/**
 * Where a function's streamed response goes while the runtime sends it (the Runtime API's
 * {@code Lambda-Runtime-Function-Response-Mode: streaming},
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming). Called on
 * the Runtime API's event loop, in order: {@link #started} once, then {@link #chunk} per piece of the body as it
 * arrives. The end (and a mid-stream error from the trailers) is the invocation's {@link InvocationResult}, completed
 * after the last chunk. None of these may block.
 */
public interface ResponseSink {

    /** The runtime began a streamed response with this {@code Content-Type} (null when it sent none). */
    void started(String contentType);

    /**
     * Takes a piece of the body (the sink owns the buffer). Returns false when the sink holds as much as it will
     * buffer: the runtime's connection is then not read until {@link #whenDrained}'s callback runs.
     */
    boolean chunk(ByteBuffer bytes);

    /** Runs {@code resume} once, when the sink wants more after {@link #chunk} returned false. */
    void whenDrained(Runnable resume);
}
