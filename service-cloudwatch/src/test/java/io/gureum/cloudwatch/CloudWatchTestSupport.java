package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** One in-process server per test class and a real SDK v2 CloudWatch client. */
abstract class CloudWatchTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static CloudWatchClient cw;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        cw = AwsClients.client(CloudWatchClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Now on the server's clock. */
    static Instant now() {
        return gureum.context().clock().now();
    }

    /** Asserts the call fails with {@code type}, AWS's code and HTTP status; returns the exception. */
    static <T extends AwsServiceException> T assertError(Class<T> type, String code, int status, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }
}
