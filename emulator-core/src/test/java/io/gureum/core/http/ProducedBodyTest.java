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
    void asAPublisherItDeliversThePushesInOrderAndCompletesAtTheEnd() throws Exception {
        ProducedBody body = new ProducedBody(1024, Duration.ofMinutes(1));
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        body.subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
            private java.util.concurrent.Flow.Subscription subscription;

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                got.writeBytes(b);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                read.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                read.complete(got.toByteArray());
            }
        });
        body.push("hello ".getBytes(StandardCharsets.UTF_8));
        body.push("world".getBytes(StandardCharsets.UTF_8));
        assertFalse(read.isDone(), "not complete before the producer finishes");
        body.finish();
        assertEquals("hello world", new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }
}
