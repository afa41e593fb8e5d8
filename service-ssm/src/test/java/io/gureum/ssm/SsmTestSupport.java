package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One in-process server per test class serving SSM beside the test-only KMS and EC2 doubles, and a real
 * SDK v2 SSM client.
 */
abstract class SsmTestSupport {
    static final KmsTestDouble.Keys KEYS = new KmsTestDouble.Keys();

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new SsmService(), KmsTestDouble.registration(KEYS), Ec2ImagesTestDouble.registration()).build();
    static Gureum gureum;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        ssm = AwsClients.client(SsmClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        ssm.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Puts a new String parameter; returns its name. */
    static String put(String name, String value) {
        ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING));
        return name;
    }

    /** Asserts the call fails with {@code type}, AWS's code, HTTP status and message (unless null); returns it. */
    static <T extends AwsServiceException> T assertError(Class<T> type, String code, int status, String message,
            Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }
}
