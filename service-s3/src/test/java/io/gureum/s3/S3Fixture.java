package io.gureum.s3;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

/** One in-process server per test class and path-style SDK clients on it. */
abstract class S3Fixture {
    static Gureum gureum;
    static S3Client s3;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).build());
        s3 = client("test", "us-east-1");
    }

    @AfterAll
    static void stop() {
        s3.close();
        gureum.close();
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
