package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One in-process server per test class with every service of the test class path (the engine's built-in
 * handlers only), and SDK v2 clients over HTTP, as a user's program has them.
 */
abstract class EndToEndSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static CloudFormationClient cfn;
    static Ec2Client ec2;
    static SqsClient sqs;

    @BeforeAll
    static void clients() {
        gureum = aws.gureum();
        cfn = AwsClients.client(CloudFormationClient.builder(), gureum);
        ec2 = AwsClients.client(Ec2Client.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
    }

    /**
     * An exclusive lock, across test JVMs, on {@code target/cdk-app}, where the CDK tests write the app, install
     * it from npm and synthesise it: surefire runs this module's classes in two JVMs. Closing the channel
     * releases it.
     */
    static java.nio.channels.FileChannel lockCdkApp() throws IOException {
        java.nio.file.Path target = java.nio.file.Path.of("target");
        java.nio.file.Files.createDirectories(target);
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(target.resolve("cdk-app.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String template(String resource) {
        try (InputStream in = EndToEndSupport.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls DescribeStacks until the stack leaves every *_IN_PROGRESS status. Each poll moves the server's
     * clock 30 s on: NAT gateways take a minute of it to become deleted, as on AWS, and the stack's delete
     * waits for that before the subnets and addresses go.
     */
    static Stack settle(String stack) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            advance();
        }
        return fail("stack " + stack + " never settled");
    }

    static void advance() {
        gureum.context().clock().advance(Duration.ofSeconds(30));
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String output(Stack s, String key) {
        return s.outputs().stream().filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow().outputValue();
    }

    /** The stack's resource's physical id. */
    static String physicalId(String stack, String logicalId) {
        return cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId(logicalId))
                .stackResourceDetail().physicalResourceId();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static <E extends AwsServiceException> E fails(Class<E> type, int status, String code, Executable call) {
        E e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }
}
