package io.gureum.s3;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** One in-process server per test class and path-style SDK clients on it. */
abstract class S3Fixture {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static S3Client s3;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        s3 = client("test", "us-east-1");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    static S3Client client(String accessKey, String region) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), accessKey, region);
    }

    static String newBucket() {
        String name = "b-" + UUID.randomUUID().toString().substring(0, 12);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }
}
