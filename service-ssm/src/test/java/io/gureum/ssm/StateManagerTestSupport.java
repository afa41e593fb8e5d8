package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.ec2.Ec2ComputeService;
import io.gureum.junit5.GureumExtension;
import io.gureum.kms.KmsService;
import io.gureum.s3.S3Service;
import io.gureum.vpc.VpcService;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One in-process server per test class serving SSM with EC2 (the instances associations target) and S3 (the
 * buckets of resource data syncs and output locations), and real SDK v2 clients of the three.
 */
abstract class StateManagerTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new SsmService(), new KmsService(), new VpcService(), new Ec2ComputeService(), new S3Service())
            .build();
    static Gureum gureum;
    static SsmClient ssm;
    static Ec2Client ec2;
    static S3Client s3;

    /** A Command document of schema 2.2 with one required and one optional parameter. */
    static final String COMMAND = """
            {"schemaVersion":"2.2","description":"Configures","parameters":{"level":{"type":"String",\
            "allowedValues":["low","high"]},"note":{"type":"String","default":"none"}},"mainSteps":[{"action":\
            "aws:runShellScript","name":"configure","inputs":{"runCommand":["echo {{level}} {{note}}"]}}]}""";
    /** A Command document of schema 1.2, the kind legacy InstanceId associations take. */
    static final String LEGACY = """
            {"schemaVersion":"1.2","description":"Legacy","parameters":{},"runtimeConfig":{"aws:runShellScript":\
            {"properties":[{"id":"0.aws:runShellScript","runCommand":["echo legacy"]}]}}}""";

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        ssm = AwsClients.client(SsmClient.builder(), gureum);
        ec2 = AwsClients.client(Ec2Client.builder(), gureum);
        s3 = AwsClients.client(S3Client.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        ssm.close();
        ec2.close();
        s3.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new Command document (schema 2.2 unless {@code content} says otherwise); returns its name. */
    static String document(String content) {
        String name = unique("Doc");
        ssm.createDocument(b -> b.name(name).content(content));
        return name;
    }

    /** A running instance with the given tag; returns its ID. */
    static String instance(String tagKey, String tagValue) {
        String image = ec2.describeImages(b -> b.owners("amazon").filters(Filter.builder().name("name")
                .values("al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64").build())).images().get(0).imageId();
        return ec2.runInstances(b -> b.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType("instance").tags(x -> x.key(tagKey).value(tagValue))))
                .instances().get(0).instanceId();
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
