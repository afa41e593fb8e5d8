package io.gureum.sqs;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One in-process server per test class and a real SDK v2 SQS client against it. */
abstract class SqsTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            // Long polls block a handler thread until core has an asynchronous handler hook.
            .config(c -> c.handlerThreads(64))
            .build();
    static Gureum gureum;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        sqs.close();
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
