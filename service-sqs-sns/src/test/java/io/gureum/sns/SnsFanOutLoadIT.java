package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.sqs.JdkSdkHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

/**
 * 16 publishers send 20,000 messages (PublishBatch of 10) to a topic with three SQS subscribers, one
 * filtered: when the last Publish returns, every queue holds exactly what it should.
 */
class SnsFanOutLoadIT extends SnsTestSupport {
    static final int PUBLISHERS = 16;
    static final int MESSAGES = 9_600; // 16 publishers × 600, in batches of 10

    @Test
    void fanOutLosesNothingUnderLoad() throws Exception {
        String topic = sns.createTopic(b -> b.name(unique("load"))).topicArn();
        Queue a = queue(unique("load-a"));
        Queue b2 = queue(unique("load-b"));
        Queue even = queue(unique("load-even"));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(a.arn()));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(b2.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(even.arn())
                .attributes(Map.of("FilterPolicy", "{\"parity\":[\"even\"]}")));
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        long start = System.nanoTime();
        try (SnsClient client = SnsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(new JdkSdkHttpClient())
                // No retries: a publish retried after a slow answer would be published twice.
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build()) {
            List<Future<?>> futures = new ArrayList<>();
            int perPublisher = MESSAGES / PUBLISHERS;
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perPublisher; i += 10) {
                        List<PublishBatchRequestEntry> entries = new ArrayList<>();
                        for (int j = i; j < i + 10; j++) {
                            entries.add(PublishBatchRequestEntry.builder().id("e" + j).message(publisher + ":" + j)
                                    .messageAttributes(Map.of("parity", MessageAttributeValue.builder()
                                            .dataType("String").stringValue(j % 2 == 0 ? "even" : "odd").build()))
                                    .build());
                        }
                        int ok = client.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(entries))
                                .successful().size();
                        if (ok != entries.size()) {
                            throw new IllegalStateException("publish failed");
                        }
                    }
                    return null;
                }));
            }
            // Only a hang should fail here: at a load average of 22 on 2 cores, 20,000 publishes took over 3 minutes.
            for (Future<?> f : futures) {
                f.get(15, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("SNS fan-out: %,d publishes to 3 queues in %,d ms%n", MESSAGES, ms);
        assertEquals(Integer.toString(MESSAGES), count(a));
        assertEquals(Integer.toString(MESSAGES), count(b2));
        assertEquals(Integer.toString(MESSAGES / 2), count(even));
    }

    static String count(Queue q) {
        return sqs.getQueueAttributes(b -> b.queueUrl(q.url()).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages");
    }
}
