package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.Distribution;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Subscription filters deliver matching events to Lambda through the server's Lambda API, as logs.amazonaws.com. */
class SubscriptionFiltersIT {
    static final String ACCOUNT = "000000000000";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:";
    static final ObjectMapper JSON = new ObjectMapper();

    record Invocation(String function, String type, String payload, String principal, String sourceArn) {
    }

    /** A Lambda API whose Invoke records its calls; functions named {@code absent} do not exist. */
    public static final class FakeLambda {
        final List<Invocation> calls = new CopyOnWriteArrayList<>();

        public InvokeResponse invoke(InvokeRequest r) {
            if (r.functionName().endsWith(":absent")) {
                throw ModeledErrors.of(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
                        "Function not found: " + r.functionName());
            }
            RequestContext ctx = RequestContext.current();
            calls.add(new Invocation(r.functionName(), r.invocationTypeAsString(),
                    r.payload() == null ? null : r.payload().asUtf8String(), ctx.principal(), ctx.sourceArn()));
            return InvokeResponse.builder().statusCode(r.invocationTypeAsString().equals("DryRun") ? 204 : 202).build();
        }
    }

    static final FakeLambda fake = new FakeLambda();
    static Gureum gureum;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() {
        AwsService lambda = new AwsService() {
            @Override
            public String name() {
                return "lambda";
            }

            @Override
            public String clientInterface() {
                return LambdaClient.class.getName();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of(FakeLambda.class);
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                return ServiceInstance.of(fake);
            }
        };
        gureum = Gureum.start(GureumConfig.builder().port(0).build(), List.of(new LogsService(), lambda));
        logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        logs.close();
        gureum.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    static String group() {
        String group = unique("/sub/group");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s"));
        return group;
    }

    static long now() {
        return gureum.context().clock().now().toEpochMilli();
    }

    static List<Invocation> eventsTo(String function) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<Invocation> got = fake.calls.stream().filter(c -> c.function().equals(function))
                    .filter(c -> c.type().equals("Event")).toList();
            if (!got.isEmpty()) {
                return got;
            }
            Thread.sleep(50);
        }
        return List.of();
    }

    static JsonNode decode(String payload) throws Exception {
        String data = JSON.readTree(payload).path("awslogs").path("data").asText();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    @Test
    void matchingEventsReachTheFunctionAsAGzippedBase64Payload() throws Exception {
        String group = group();
        String fn = FUNCTION + unique("fn");
        logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("errors").filterPattern("ERROR")
                .destinationArn(fn));
        // The destination was checked with a DryRun invocation as logs.amazonaws.com.
        assertTrue(fake.calls.stream().anyMatch(c -> c.function().equals(fn) && c.type().equals("DryRun")
                && c.principal().equals("logs.amazonaws.com")));
        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                InputLogEvent.builder().timestamp(t).message("ERROR one").build(),
                InputLogEvent.builder().timestamp(t + 1).message("INFO two").build(),
                InputLogEvent.builder().timestamp(t + 2).message("ERROR three").build()));
        List<Invocation> calls = eventsTo(fn);
        assertEquals(1, calls.size());
        assertEquals("logs.amazonaws.com", calls.get(0).principal());
        assertEquals("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + group + ":*", calls.get(0).sourceArn());
        JsonNode message = decode(calls.get(0).payload());
        assertEquals("DATA_MESSAGE", message.path("messageType").asText());
        assertEquals(ACCOUNT, message.path("owner").asText());
        assertEquals(group, message.path("logGroup").asText());
        assertEquals("s", message.path("logStream").asText());
        assertEquals("errors", message.path("subscriptionFilters").get(0).asText());
        assertEquals(2, message.path("logEvents").size());
        assertEquals("ERROR one", message.path("logEvents").get(0).path("message").asText());
        assertEquals(t, message.path("logEvents").get(0).path("timestamp").asLong());
        assertEquals(56, message.path("logEvents").get(0).path("id").asText().length());
    }

    /** Another service's output (Lambda's, published on the bus) reaches the group's subscriptions too. */
    @Test
    void outputOfOtherServicesIsDeliveredToo() throws Exception {
        String group = group();
        String fn = FUNCTION + unique("fn");
        logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("all").filterPattern("").destinationArn(fn));
        gureum.context().events().publish(new io.gureum.core.events.LogEvents(ACCOUNT, "us-east-1", group, "other",
                List.of(new io.gureum.core.events.LogEvents.Event(now(), "from lambda"))));
        List<Invocation> calls = eventsTo(fn);
        assertEquals(1, calls.size());
        JsonNode message = decode(calls.get(0).payload());
        assertEquals("other", message.path("logStream").asText());
        assertEquals("from lambda", message.path("logEvents").get(0).path("message").asText());
    }

    @Test
    void describeReplaceDeleteAndTheLimitOfTwo() {
        String group = group();
        logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("a").filterPattern("")
                .destinationArn(FUNCTION + "f1"));
        logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("b").filterPattern("[ip, status = 5*]")
                .destinationArn(FUNCTION + "f2").distribution(Distribution.RANDOM));
        List<SubscriptionFilter> filters = logs.describeSubscriptionFilters(b -> b.logGroupName(group))
                .subscriptionFilters();
        assertEquals(List.of("a", "b"), filters.stream().map(SubscriptionFilter::filterName).toList());
        assertEquals(Distribution.BY_LOG_STREAM, filters.get(0).distribution());
        assertEquals(Distribution.RANDOM, filters.get(1).distribution());
        assertEquals(FUNCTION + "f2", filters.get(1).destinationArn());
        assertEquals(now(), filters.get(0).creationTime(), 60_000);
        assertEquals(1, logs.describeSubscriptionFilters(b -> b.logGroupName(group).filterNamePrefix("b"))
                .subscriptionFilters().size());
        assertEquals(1, logs.describeSubscriptionFilters(b -> b.logGroupName(group).limit(1)).subscriptionFilters()
                .size());
        // "There can be as many as two subscription filters associated with a log group."
        AwsServiceException e = assertThrows(LimitExceededException.class, () -> logs.putSubscriptionFilter(
                b -> b.logGroupName(group).filterName("c").filterPattern("").destinationArn(FUNCTION + "f3")));
        assertEquals("LimitExceededException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        logs.putSubscriptionFilter(b -> b.logGroupName(group).filterName("a").filterPattern("x")
                .destinationArn(FUNCTION + "f1"));
        logs.deleteSubscriptionFilter(b -> b.logGroupName(group).filterName("a"));
        assertEquals(List.of("b"), logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters()
                .stream().map(SubscriptionFilter::filterName).toList());
    }

    @Test
    void destinationsThatCannotReceiveAreRefusedAsAwsRefusesThem() {
        String group = group();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> logs.putSubscriptionFilter(
                b -> b.logGroupName(group).filterName("f").filterPattern("").destinationArn(FUNCTION + "absent")));
        assertEquals("Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to "
                + "execute your function.", e.awsErrorDetails().errorMessage());
        e = assertThrows(InvalidParameterException.class, () -> logs.putSubscriptionFilter(b -> b.logGroupName(group)
                .filterName("f").filterPattern("").roleArn("arn:aws:iam::" + ACCOUNT + ":role/r")
                .destinationArn("arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/s")));
        assertEquals("Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream "
                + "is in ACTIVE state.", e.awsErrorDetails().errorMessage());
        e = assertThrows(InvalidParameterException.class, () -> logs.putSubscriptionFilter(b -> b.logGroupName(group)
                .filterName("f").filterPattern("").roleArn("arn:aws:iam::" + ACCOUNT + ":role/r")
                .destinationArn("arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/s")));
        assertEquals(400, e.statusCode());
        assertThrows(InvalidParameterException.class, () -> logs.putSubscriptionFilter(b -> b.logGroupName(group)
                .filterName("f").filterPattern("{ $.a = ").destinationArn(FUNCTION + "f")));
        assertThrows(ResourceNotFoundException.class, () -> logs.putSubscriptionFilter(b -> b
                .logGroupName(group + "-none").filterName("f").filterPattern("").destinationArn(FUNCTION + "f")));
        assertThrows(ResourceNotFoundException.class,
                () -> logs.deleteSubscriptionFilter(b -> b.logGroupName(group).filterName("none")));
        assertTrue(logs.describeSubscriptionFilters(b -> b.logGroupName(group)).subscriptionFilters().isEmpty());
    }
}
