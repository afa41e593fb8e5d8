package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.kms.KmsService;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One in-process server per test class serving Secrets Manager and Gureum's KMS,
 * a real SDK v2 Secrets Manager client, and KMS as the account's root user in-process.
 */
abstract class SecretsTestSupport {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final String ARN_PATTERN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:%s-[A-Za-z0-9]{6}";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new SecretsManagerService(), new KmsService()).build();
    static Gureum gureum;
    static SecretsManagerClient sm;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        sm = AwsClients.client(SecretsManagerClient.builder(), gureum);
        warmUp();
    }

    /**
     * The first encryption of a JVM builds the KMS double's operation index by reflection and loads the KMS
     * model classes (the real service-kms ships its index prebuilt); on a loaded machine that took longer than
     * the test client's HTTP read timeout, so it is done here, in-process, where no timeout applies.
     */
    private static void warmUp() {
        SecretsManagerClient inProcess = gureum.context().clients().client(SecretsManagerClient.class,
                Caller.root(ACCOUNT, REGION));
        String name = unique("warm-up");
        inProcess.createSecret(b -> b.name(name).secretString("v").clientRequestToken(token()));
        inProcess.getSecretValue(b -> b.secretId(name));
        inProcess.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
    }

    @AfterAll
    static void stop() {
        sm.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String token() {
        return UUID.randomUUID().toString();
    }

    static KmsClient kms() {
        return gureum.context().clients().client(KmsClient.class, Caller.root(ACCOUNT, REGION));
    }

    /** Creates a string secret; returns its ARN. */
    static String create(String name, String value) {
        return sm.createSecret(b -> b.name(name).secretString(value)).arn();
    }

    static void advance(Duration d) {
        gureum.context().clock().advance(d);
    }

    /** Asserts the call fails with {@code type}, AWS's code, HTTP 400 and {@code message} (null: any). */
    static <T extends AwsServiceException> T assertError(Class<T> type, String code, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode(), e.getMessage());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }
}
