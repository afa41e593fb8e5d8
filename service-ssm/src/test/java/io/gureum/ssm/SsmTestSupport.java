package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.ec2.Ec2ComputeService;
import io.gureum.junit5.GureumExtension;
import io.gureum.kms.KmsService;
import io.gureum.vpc.VpcService;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One in-process server per test class serving SSM beside Gureum's KMS and EC2 (whose AMI catalogue the
 * public parameters name), and real SDK v2 SSM and KMS clients.
 */
abstract class SsmTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new SsmService(), new KmsService(), new VpcService(), new Ec2ComputeService()).build();
    static Gureum gureum;
    static SsmClient ssm;
    static KmsClient kms;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        ssm = AwsClients.client(SsmClient.builder(), gureum);
        kms = AwsClients.client(KmsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        ssm.close();
        kms.close();
    }

    /** The ID of the public image named {@code name} in {@code region}, from EC2's catalogue. */
    static String imageId(String region, String name) {
        try (Ec2Client ec2 = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), "test", region)) {
            var images = ec2.describeImages(b -> b.filters(f -> f.name("name").values(name))).images();
            assertEquals(1, images.size(), name + " in " + region);
            return images.get(0).imageId();
        }
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
