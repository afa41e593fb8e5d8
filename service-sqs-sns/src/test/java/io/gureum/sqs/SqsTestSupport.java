package io.gureum.sqs;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One in-process server per test class and a real SDK v2 SQS client against it. */
abstract class SqsTestSupport {
    static Gureum gureum;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        // Long polls block a handler thread until core has an asynchronous handler hook.
        gureum = Gureum.start(GureumConfig.builder().port(0).handlerThreads(64).build());
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        gureum.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String createQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    static String createFifoQueue(String name, boolean contentBased) {
        return sqs.createQueue(b -> b.queueName(name + ".fifo").attributesWithStrings(java.util.Map.of(
                "FifoQueue", "true", "ContentBasedDeduplication", Boolean.toString(contentBased)))).queueUrl();
    }

    static String arnOf(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
    }

    static void advance(int seconds) {
        gureum.context().clock().advance(java.time.Duration.ofSeconds(seconds));
    }
}
