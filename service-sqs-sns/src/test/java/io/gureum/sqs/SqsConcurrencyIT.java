package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * 32 producers and 32 consumers move 20,000 messages through a standard queue and 20,000 through a
 * FIFO queue, over HTTP with the real SDK, in batches of 10: every message is received and deleted
 * exactly once, and no FIFO group is ever received out of order. {@code -Dgureum.concurrency.messages=}
 * scales it. 20,000 (2,000 send and 2,000 or more receive and delete batches per queue, all 64 threads
 * contending throughout) fails at once when receiving is not atomic (a request the race breaks answers 500,
 * which the client does not retry); 100,000 took five times as long and, with retries, failed only minutes
 * later, on the messages the race lost.
 */
class SqsConcurrencyIT extends SqsTestSupport {
    static final int PRODUCERS = 32;
    static final int CONSUMERS = 32;
    static final int MESSAGES = Integer.getInteger("gureum.concurrency.messages", 20_000);

    /**
     * A client on {@link JdkSdkHttpClient}: the URL-connection client's pool would be the bottleneck. No retries:
     * a request the server failed (a 500 from a race) fails the test instead of being retried out of sight.
     */
    static software.amazon.awssdk.services.sqs.SqsClient loadClient() {
        return software.amazon.awssdk.services.sqs.SqsClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(new JdkSdkHttpClient()).build();
    }

    @Test
    void aStandardQueueLosesNothing() throws Exception {
        run(createQueue(unique("load")), false);
    }

    @Test
    void aFifoQueueLosesNothingAndNeverReordersAGroup() throws Exception {
        run(createFifoQueue(unique("load"), false), true);
    }

    private void run(String url, boolean fifo) throws Exception {
        try (software.amazon.awssdk.services.sqs.SqsClient sqs = loadClient()) {
            run(sqs, url, fifo);
        }
    }

    private void run(software.amazon.awssdk.services.sqs.SqsClient sqs, String url, boolean fifo) throws Exception {
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("VisibilityTimeout", "120")));
        int perProducer = MESSAGES / PRODUCERS;
        int total = perProducer * PRODUCERS;
        Map<String, Integer> received = new ConcurrentHashMap<>(total * 2);
        Map<String, Integer> lastSeqOfGroup = new ConcurrentHashMap<>();
        AtomicInteger reorders = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicLong deleted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                producers.add(pool.submit(() -> {
                    // Each producer owns two groups and sends each group's messages in sequence.
                    for (int i = 0; i < perProducer; i += 10) {
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(10);
                        for (int j = i; j < Math.min(i + 10, perProducer); j++) {
                            String group = "g" + producer + "-" + (j / 10 % 2);
                            SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder()
                                    .id("e" + j).messageBody(producer + ":" + j);
                            if (fifo) {
                                e.messageGroupId(group).messageDeduplicationId(producer + "-" + j);
                            }
                            entries.add(e.build());
                        }
                        SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
                        if (!r.failed().isEmpty()) {
                            throw new IllegalStateException("send failed: " + r.failed());
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(pool.submit(() -> {
                    while (deleted.get() < total) {
                        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                                .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                                .messages();
                        if (batch.isEmpty()) {
                            continue;
                        }
                        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>(batch.size());
                        for (Message m : batch) {
                            if (received.merge(m.body(), 1, Integer::sum) > 1) {
                                duplicates.incrementAndGet();
                            }
                            if (fifo) {
                                String group = m.attributesAsStrings().get("MessageGroupId");
                                int seq = Integer.parseInt(m.body().substring(m.body().indexOf(':') + 1));
                                Integer last = lastSeqOfGroup.put(group, seq);
                                if (last != null && seq <= last) {
                                    reorders.incrementAndGet();
                                }
                            }
                            deletes.add(DeleteMessageBatchRequestEntry.builder().id("d" + deletes.size())
                                    .receiptHandle(m.receiptHandle()).build());
                        }
                        DeleteMessageBatchResponse d = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes));
                        if (!d.failed().isEmpty()) {
                            throw new IllegalStateException("delete failed: " + d.failed());
                        }
                        deleted.addAndGet(d.successful().size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : producers) {
                f.get(5, TimeUnit.MINUTES);
            }
            for (Future<?> f : consumers) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: %,d messages sent, received and deleted in %,d ms (%,d msg/s)%n",
                fifo ? "FIFO" : "standard", total, ms, total * 1000L / Math.max(1, ms));
        assertEquals(total, received.size(), "every message received");
        assertEquals(0, duplicates.get(), "no message received twice");
        assertEquals(0, reorders.get(), "no FIFO group reordered");
        assertEquals(total, deleted.get());
        Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
                .attributesAsStrings();
        assertEquals("0", a.get("ApproximateNumberOfMessages"));
        assertEquals("0", a.get("ApproximateNumberOfMessagesNotVisible"));
        assertTrue(received.keySet().stream().allMatch(b -> b.contains(":")));
    }
}
