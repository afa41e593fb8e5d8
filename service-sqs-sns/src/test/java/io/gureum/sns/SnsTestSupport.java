package io.gureum.sns;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An in-process server with real SDK v2 SNS and SQS clients. */
abstract class SnsTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            // Long polls block a handler thread until core has an asynchronous handler hook.
            .config(c -> c.handlerThreads(64))
            .build();
    static Gureum gureum;
    static SnsClient sns;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        sns = AwsClients.client(SnsClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        sns.close();
        sqs.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A queue and its ARN. */
    record Queue(String url, String arn) {
    }

    static Queue queue(String name) {
        Map<String, String> attrs = name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : Map.of();
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attrs)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        return new Queue(url, arn);
    }
}
