package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsLongPollIT extends SqsTestSupport {

    @Test
    void aLongPollReturnsAsSoonAsAMessageArrives() throws Exception {
        String url = createQueue(unique("lp"));
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages());
        Thread.sleep(200);
        long sent = System.nanoTime();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake"));
        List<Message> got = poll.get(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - sent) / 1_000_000;
        assertEquals("wake", got.get(0).body());
        assertTrue(ms < 1000, "took " + ms + " ms");
    }

    @Test
    void anEmptyLongPollWaitsTheWholeWaitTime() {
        String url = createQueue(unique("lp-empty"));
        long start = System.nanoTime();
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().isEmpty());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 950 && ms < 3000, "took " + ms + " ms");
    }

    @Test
    void theQueueDefaultWaitTimeApplies() throws Exception {
        String url = sqs.createQueue(b -> b.queueName(unique("lp-default"))
                .attributesWithStrings(Map.of("ReceiveMessageWaitTimeSeconds", "20"))).queueUrl();
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url)).messages());
        Thread.sleep(300);
        assertTrue(!poll.isDone(), "a receive on a queue with a 20 s default wait must wait");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("x"));
        assertEquals(1, poll.get(5, TimeUnit.SECONDS).size());
    }

    @Test
    void aDelayedMessageEndsALongPollWhenItComesDue() throws Exception {
        String url = createQueue(unique("lp-delay"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("later").delaySeconds(1));
        long start = System.nanoTime();
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals("later", got.get(0).body());
        assertTrue(ms >= 800 && ms < 2500, "took " + ms + " ms");
    }

    @Test
    void advancingTheClockEndsALongPoll() throws Exception {
        String url = createQueue(unique("lp-clock"));
        CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
                () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages());
        Thread.sleep(300);
        advance(25);
        assertTrue(poll.get(5, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void manyConcurrentLongPollsEachGetOneMessage() throws Exception {
        String url = createQueue(unique("lp-many"));
        int polls = 40; // bounded by the handler threads until core has the async hook
        ExecutorService pool = Executors.newFixedThreadPool(polls);
        try {
            List<CompletableFuture<List<Message>>> futures = new ArrayList<>();
            for (int i = 0; i < polls; i++) {
                futures.add(CompletableFuture.supplyAsync(
                        () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(10)).messages(), pool));
            }
            Thread.sleep(500);
            for (int i = 0; i < polls; i++) {
                int n = i;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("m" + n));
            }
            int received = 0;
            for (CompletableFuture<List<Message>> f : futures) {
                received += f.get(15, TimeUnit.SECONDS).size();
            }
            assertEquals(polls, received);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongPollWhoseClientDisconnectedTakesNoMessage() throws Exception {
        String url = createQueue(unique("lp-gone"));
        String body = "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}";
        try (RawHttp raw = RawHttp.connect(gureum.port())) {
            raw.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: AmazonSQS.ReceiveMessage\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body);
            Thread.sleep(300); // the poll is waiting now
        }
        Thread.sleep(300); // the server has seen the connection close
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("for a client that is still here"));
        // Had the abandoned poll stayed, it would have taken the message and hidden it for 30 s.
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)).messages();
        assertEquals(1, got.size());
        assertEquals("for a client that is still here", got.get(0).body());
    }
}
