package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.s3.S3Service;
import io.gureum.sqs.SqsService;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One in-process server per test class serving CloudFormation, SQS and S3, with real SDK v2 clients, and
 * two test resource types: {@code Gureum::Test::Fails} (its create fails, or its update when
 * {@code FailUpdate} is true) and {@code Gureum::Test::Thing} (records nothing; updates in place).
 */
abstract class CloudFormationTestSupport {
    /** Logical ids whose Gureum::Test::Thing delete was called. */
    static final Set<String> DELETED_THINGS = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new CloudFormationService(List.of(new FailingHandler(), new ThingHandler())), new SqsService(),
                    new S3Service())
            .build();
    static Gureum gureum;
    static CloudFormationClient cfn;
    static SqsClient sqs;
    static S3Client s3;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        cfn = AwsClients.client(CloudFormationClient.builder(), gureum);
        sqs = AwsClients.client(SqsClient.builder(), gureum);
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum);
    }

    @AfterAll
    static void stop() {
        cfn.close();
        sqs.close();
        s3.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Polls DescribeStacks until the stack leaves every *_IN_PROGRESS status; its last description. */
    static Stack settle(String stack) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            sleep(50);
        }
        return fail("stack " + stack + " never settled");
    }

    /** The stack's events, oldest first, as "LogicalId STATUS". */
    static List<String> events(String stack) {
        List<StackEvent> events = new java.util.ArrayList<>(cfn.describeStackEvents(b -> b.stackName(stack))
                .stackEvents());
        java.util.Collections.reverse(events);
        return events.stream().map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static AwsServiceException fails(int status, String code, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }

    /** A handler whose create always fails, and whose update fails when the property FailUpdate is true. */
    static final class FailingHandler implements ResourceHandler {
        @Override
        public String type() {
            return "Gureum::Test::Fails";
        }

        @Override
        public Set<String> replacementProperties() {
            return Set.of("Name");
        }

        @Override
        public Created create(ResourceRequest r) {
            if (Boolean.TRUE.equals(r.bool("CreateOk"))) {
                return Created.of("ok-" + r.logicalId() + "-" + r.nameSuffix());
            }
            throw new ResourceFailure("Test failure of " + r.logicalId());
        }

        @Override
        public Created update(ResourceRequest r) {
            if (Boolean.TRUE.equals(r.bool("FailUpdate"))) {
                throw new ResourceFailure("Update refused for " + r.logicalId());
            }
            return Created.of(r.physicalId());
        }

        @Override
        public void delete(ResourceRequest r) {
        }
    }

    /** A resource that exists only in the stack: its physical id is its generated name. */
    static final class ThingHandler implements ResourceHandler {
        @Override
        public String type() {
            return "Gureum::Test::Thing";
        }

        @Override
        public Set<String> replacementProperties() {
            return Set.of("Name");
        }

        @Override
        public Created create(ResourceRequest r) {
            String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
            JsonNode value = r.property("Value");
            return Created.of(name).attribute("Value", value == null ? "" : value.asText()).attribute("Name", name);
        }

        @Override
        public Created update(ResourceRequest r) {
            JsonNode value = r.property("Value");
            return Created.of(r.physicalId()).attribute("Value", value == null ? "" : value.asText())
                    .attribute("Name", r.physicalId());
        }

        @Override
        public void delete(ResourceRequest r) {
            DELETED_THINGS.add(r.stack().stackName() + "/" + r.logicalId() + "/" + r.physicalId());
        }
    }
}
