package io.gureum.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

class GureumExtensionIT {
    @RegisterExtension
    static GureumExtension aws = GureumExtension.builder()
            .services("sts", "iam", "s3", "sqs")
            .region(Region.AP_NORTHEAST_2)
            .accessKeyId("123456789012")
            .build();

    @Test
    void readyMadeClientsTalkToTheInJvmServer() {
        StsClient sts = aws.client(StsClient.class);
        assertEquals("123456789012", sts.getCallerIdentity().account());
        assertTrue(aws.endpoint().toString().startsWith("http://127.0.0.1:"), aws.endpoint().toString());
        assertEquals(Region.AP_NORTHEAST_2, aws.region());
    }

    @Test
    void onlyTheNamedServicesAreLoaded() {
        assertEquals(java.util.List.of("iam", "s3", "sqs", "sts"), aws.gureum().serviceNames().stream().sorted().toList());
    }

    @Test
    void s3ClientsUsePathStyleAndWork() {
        S3Client s3 = aws.client(S3Client.class);
        s3.createBucket(b -> b.bucket("extension-bucket")
                .createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
        s3.putObject(b -> b.bucket("extension-bucket").key("a/b.txt"), RequestBody.fromString("hello"));
        assertEquals("hello", s3.getObjectAsBytes(b -> b.bucket("extension-bucket").key("a/b.txt")).asUtf8String());
        assertEquals("ap-northeast-2",
                s3.getBucketLocation(b -> b.bucket("extension-bucket")).locationConstraintAsString());
    }

    @Test
    void sqsClientsSendAndReceiveInTheAccountOfTheKey() {
        SqsClient sqs = aws.client(SqsClient.class);
        String url = sqs.createQueue(b -> b.queueName("extension-queue")).queueUrl();
        assertTrue(url.endsWith("/123456789012/extension-queue"), url);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("ping"));
        assertEquals("ping", sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().get(0).body());
    }

    @Test
    void aClientTypeThatIsNotAnSdkClientIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> aws.client(Runnable.class));
    }

    @Test
    void clockMovesOnlyWhenAsked() {
        long before = aws.gureum().context().clock().offsetSeconds();
        aws.gureum().context().clock().advance(Duration.ofSeconds(30));
        assertEquals(before + 30, aws.gureum().context().clock().offsetSeconds());
    }
}
