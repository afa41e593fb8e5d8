package io.gureum.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A streamed response for a caller that wants it whole (Invoke of a streaming function): collected up to Invoke's
 * 6 MB; past that the rest is dropped and the invocation fails with {@code Function.ResponseSizeTooLarge}.
 */
final class CollectedResponse implements ResponseSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean tooLarge;

    @Override
    public void started(String contentType) {
        // Invoke labels the payload application/json whatever the function set
    }

    @Override
    public synchronized boolean chunk(ByteBuffer chunk) {
        if (tooLarge || bytes.size() + chunk.remaining() > RuntimeApiServer.MAX_RESPONSE_BYTES) {
            tooLarge = true;
            return true;
        }
        byte[] copy = new byte[chunk.remaining()];
        chunk.get(copy);
        bytes.writeBytes(copy);
        return true;
    }

    @Override
    public void whenDrained(Runnable resume) {
        resume.run();
    }

    synchronized boolean tooLarge() {
        return tooLarge;
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }
}
