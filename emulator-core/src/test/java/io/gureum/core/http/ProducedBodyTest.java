package io.gureum.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProducedBodyTest {
    @Test
    void pollNeverWaitsAndTheReaderHearsOfEachPush() throws Exception {
        ProducedBody body = new ProducedBody(1024, Duration.ofMinutes(1));
        AtomicInteger told = new AtomicInteger();
        body.onAvailable(told::incrementAndGet);
        assertNull(body.poll());
        assertFalse(body.ended());
        assertTrue(body.push("ab".getBytes(StandardCharsets.UTF_8)));
        body.finish();
        assertEquals(3, told.get()); // on registering, after the push, at the end
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), body.poll());
        assertTrue(body.ended());
    }

    /** A producer ahead of its reader by the limit waits, and stops once the reader closes the body. */
    @Test
    void theProducerWaitsAtTheLimitAndStopsWhenTheReaderLeaves() throws Exception {
        ProducedBody body = new ProducedBody(4, Duration.ofMinutes(5));
        assertTrue(body.push(new byte[4]));
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return body.push(new byte[1]);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(4, body.poll().length); // room again: the waiting push goes through
        assertTrue(blocked.get(60, TimeUnit.SECONDS));
        assertTrue(body.push(new byte[3]));
        CompletableFuture<Boolean> refused = CompletableFuture.supplyAsync(() -> {
            try {
                return body.push(new byte[1]);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        body.close();
        assertFalse(refused.get(60, TimeUnit.SECONDS));
        assertTrue(body.ended());
    }

    @Test
    void readAsAStreamItBlocksUntilTheProducerWrites() throws Exception {
        ProducedBody body = new ProducedBody(1024, Duration.ofMinutes(1));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readAllBytes();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        body.push("hello ".getBytes(StandardCharsets.UTF_8));
        body.push("world".getBytes(StandardCharsets.UTF_8));
        body.finish();
        assertEquals("hello world", new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }
}
