package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import io.gureum.core.time.GureumClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long polls as futures: thousands wait at once on two threads, and each message ends exactly one wait. */
class LongPollTest {
    private final GureumClock clock = new GureumClock();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private final ExecutorService retries = Executors.newFixedThreadPool(2);
    private final TimerMessageWaiter waiter = new TimerMessageWaiter(timers, clock);
    private final LongPoll poll = new LongPoll(waiter, clock, retries);

    @AfterEach
    void stop() {
        timers.shutdownNow();
        retries.shutdownNow();
    }

    private Queue queue(boolean fifo) {
        long now = clock.now().toEpochMilli();
        return new Queue("000000000000", "us-east-1", fifo ? "q.fifo" : "q",
                Arn.of("sqs", "us-east-1", "000000000000", fifo ? "q.fifo" : "q"), fifo,
                QueueAttributes.defaults(fifo), now, new SqsRecords());
    }

    private void send(Queue q, String body, String group) {
        q.send(new Queue.SendSpec(body, Map.of(), null, null, group, group == null ? null : body, "me"),
                body, clock.now().toEpochMilli());
        q.signal(1);
    }

    @Test
    void fiveThousandWaitingPollsHoldNoThreads() throws Exception {
        Queue q = queue(false);
        int threadsBefore = Thread.activeCount();
        List<CompletableFuture<List<Queue.Delivery>>> polls = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            polls.add(poll.receive(q, 1, 30, null, 20, arn -> null));
        }
        assertTrue(Thread.activeCount() <= threadsBefore + 3, "threads: " + Thread.activeCount());
        assertTrue(polls.stream().noneMatch(CompletableFuture::isDone));
        for (int i = 0; i < 5000; i++) {
            send(q, "m" + i, null);
        }
        Set<String> got = new HashSet<>();
        for (CompletableFuture<List<Queue.Delivery>> f : polls) {
            List<Queue.Delivery> d = f.get(10, TimeUnit.SECONDS);
            assertEquals(1, d.size());
            assertTrue(got.add(d.get(0).message().id));
        }
        assertEquals(5000, got.size());
    }

    @Test
    void aFifoGroupUnlockedByADeleteWakesAWaitingPoll() throws Exception {
        Queue q = queue(true);
        send(q, "a1", "A");
        send(q, "a2", "A");
        long now = clock.now().toEpochMilli();
        Queue.Delivery first = q.receive(1, 30, null, now, arn -> null).get(0);
        CompletableFuture<List<Queue.Delivery>> waiting = poll.receive(q, 1, 30, null, 20, arn -> null);
        Thread.sleep(100);
        assertTrue(!waiting.isDone());
        q.delete(first.receiptHandle(), clock.now().toEpochMilli());
        assertEquals("a2", waiting.get(5, TimeUnit.SECONDS).get(0).message().body);
    }

    @Test
    void theDeadlineFollowsTheClock() throws Exception {
        Queue q = queue(false);
        CompletableFuture<List<Queue.Delivery>> waiting = poll.receive(q, 1, 30, null, 20, arn -> null);
        clock.advance(Duration.ofSeconds(21));
        waiter.wakeAll();
        assertTrue(waiting.get(5, TimeUnit.SECONDS).isEmpty());
    }

    /** A send that found the queue before its DeleteQueue and arrives after it fails, leaving no record behind. */
    @Test
    void aSendIntoADeletedQueueFails() {
        Queue q = queue(false);
        q.delete();
        org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException.class, () -> send(q, "late", null));
    }
}
