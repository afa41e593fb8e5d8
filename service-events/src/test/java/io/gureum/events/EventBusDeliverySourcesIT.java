package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ConflictException;
import software.amazon.awssdk.services.cloudwatchlogs.model.Delivery;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliverySource;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * CloudWatch Logs delivery sources of EventBridge event buses and deliveries from them (stored configuration: no
 * event bus log is written). Here because these tests need both services and service-events already depends on
 * service-logs for its tests.
 */
class EventBusDeliverySourcesIT extends EventsTestSupport {
    static CloudWatchLogsClient logs;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void logsClient() {
        logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum);
    }

    @AfterAll
    static void closeLogs() {
        logs.close();
    }

    private static <T extends AwsServiceException> T fails(Class<T> type, String code, int status, Executable call) {
        T e = org.junit.jupiter.api.Assertions.assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode());
        return e;
    }

    private static String bus(EventBridgeClient eb) {
        return eb.createEventBus(b -> b.name(unique("orders"))).eventBusArn();
    }

    private static String logGroupDestination(CloudWatchLogsClient c, String name) {
        String group = "/aws/vendedlogs/events/" + name;
        c.createLogGroup(b -> b.logGroupName(group));
        String groupArn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        return c.putDeliveryDestination(b -> b.name(name).deliveryDestinationConfiguration(d -> d
                .destinationResourceArn(groupArn))).deliveryDestination().arn();
    }

    @Test
    void sourcesOfEventBusesArePutReadPagedAndDeleted() {
        String busArn = bus(events);
        String name = unique("bus-info");
        DeliverySource put = logs.putDeliverySource(b -> b.name(name).resourceArn(busArn).logType("INFO_LOGS")
                .tags(Map.of("team", "a"))).deliverySource();
        assertEquals("arn:aws:logs:us-east-1:000000000000:delivery-source:" + name, put.arn());
        assertEquals(List.of(busArn), put.resourceArns());
        assertEquals("events", put.service());
        assertEquals("INFO_LOGS", put.logType());
        assertEquals(Map.of("team", "a"), put.tags());
        assertEquals(put, logs.getDeliverySource(b -> b.name(name)).deliverySource());
        assertEquals(Map.of("team", "a"), logs.listTagsForResource(b -> b.resourceArn(put.arn())).tags());

        // Put again overwrites (no delivery yet, so the log type may change); tags stay.
        DeliverySource again = logs.putDeliverySource(b -> b.name(name).resourceArn(busArn).logType("TRACE_LOGS"))
                .deliverySource();
        assertEquals("TRACE_LOGS", again.logType());
        assertEquals(Map.of("team", "a"), again.tags());

        String second = unique("bus-error");
        logs.putDeliverySource(b -> b.name(second).resourceArn(busArn).logType("ERROR_LOGS"));
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            var page = logs.describeDeliverySources(b -> b.limit(1).nextToken(from));
            assertTrue(page.deliverySources().size() <= 1);
            page.deliverySources().forEach(s -> names.add(s.name()));
            token = page.nextToken();
        } while (token != null);
        assertTrue(names.containsAll(List.of(name, second)), names.toString());

        logs.deleteDeliverySource(b -> b.name(name));
        logs.deleteDeliverySource(b -> b.name(second));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> logs.getDeliverySource(b -> b.name(name)));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> logs.deleteDeliverySource(b -> b.name(name)));
    }

    @Test
    void sourcesOtherThanEventBusesAndUnknownBusesAreRefused() {
        String busArn = bus(events);
        fails(ValidationException.class, "ValidationException", 400, () -> logs.putDeliverySource(b -> b
                .name(unique("cf")).resourceArn("arn:aws:cloudfront::000000000000:distribution/E1234567890")
                .logType("ACCESS_LOGS")));
        fails(ValidationException.class, "ValidationException", 400, () -> logs.putDeliverySource(b -> b
                .name(unique("bad-type")).resourceArn(busArn).logType("ACCESS_LOGS")));
        fails(ValidationException.class, "ValidationException", 400, () -> logs.putDeliverySource(b -> b
                .name(unique("other-account")).resourceArn("arn:aws:events:us-east-1:111111111111:event-bus/x")
                .logType("INFO_LOGS")));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400, () -> logs.putDeliverySource(b -> b
                .name(unique("gone")).resourceArn("arn:aws:events:us-east-1:000000000000:event-bus/" + unique("none"))
                .logType("INFO_LOGS")));
    }

    @Test
    void deliveriesPairASourceWithADestination() {
        String busArn = bus(events);
        String source = unique("src");
        logs.putDeliverySource(b -> b.name(source).resourceArn(busArn).logType("ERROR_LOGS"));
        String destination = logGroupDestination(logs, unique("dst"));

        Delivery d = logs.createDelivery(b -> b.deliverySourceName(source).deliveryDestinationArn(destination)
                .recordFields("message", "event_bus_name").tags(Map.of("k", "v"))).delivery();
        assertNotNull(d.id());
        assertTrue(d.id().matches("[0-9A-Za-z]+"), d.id());
        assertEquals("arn:aws:logs:us-east-1:000000000000:delivery:" + d.id(), d.arn());
        assertEquals("CWL", d.deliveryDestinationTypeAsString());
        assertEquals(source, d.deliverySourceName());
        assertEquals(List.of("message", "event_bus_name"), d.recordFields());
        assertEquals(d, logs.getDelivery(b -> b.id(d.id())).delivery());
        assertTrue(logs.describeDeliveries(b -> { }).deliveries().stream().anyMatch(x -> x.id().equals(d.id())));
        assertEquals(Map.of("k", "v"), logs.listTagsForResource(b -> b.resourceArn(d.arn())).tags());

        fails(ConflictException.class, "ConflictException", 400, () -> logs.createDelivery(b -> b
                .deliverySourceName(source).deliveryDestinationArn(destination)));
        fails(ConflictException.class, "ConflictException", 400,
                () -> logs.deleteDeliverySource(b -> b.name(source)));
        String destinationName = destination.substring(destination.lastIndexOf(':') + 1);
        fails(ConflictException.class, "ConflictException", 400,
                () -> logs.deleteDeliveryDestination(b -> b.name(destinationName)));
        fails(ConflictException.class, "ConflictException", 400, () -> logs.putDeliverySource(b -> b.name(source)
                .resourceArn(busArn).logType("INFO_LOGS")));
        fails(ValidationException.class, "ValidationException", 400, () -> logs.updateDeliveryConfiguration(b -> b
                .id(d.id()).s3DeliveryConfiguration(s -> s.suffixPath("x"))));

        logs.updateDeliveryConfiguration(b -> b.id(d.id()).recordFields("message").fieldDelimiter(","));
        Delivery updated = logs.getDelivery(b -> b.id(d.id())).delivery();
        assertEquals(List.of("message"), updated.recordFields());
        assertEquals(",", updated.fieldDelimiter());

        String xray = unique("xray");
        String xrayArn = logs.putDeliveryDestination(b -> b.name(xray).deliveryDestinationType("XRAY"))
                .deliveryDestination().arn();
        fails(ValidationException.class, "ValidationException", 400, () -> logs.createDelivery(b -> b
                .deliverySourceName(source).deliveryDestinationArn(xrayArn)));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400, () -> logs.createDelivery(b -> b
                .deliverySourceName(unique("no-source")).deliveryDestinationArn(destination)));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400, () -> logs.createDelivery(b -> b
                .deliverySourceName(source).deliveryDestinationArn(destination + "x")));

        logs.deleteDelivery(b -> b.id(d.id()));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> logs.getDelivery(b -> b.id(d.id())));
        fails(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                () -> logs.deleteDelivery(b -> b.id(d.id())));
        logs.deleteDeliverySource(b -> b.name(source));
        logs.deleteDeliveryDestination(b -> b.name(destinationName));
    }

    @Test
    void sourcesAndDeliveriesSurviveARestart() {
        String id;
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                EventBridgeClient eb = AwsClients.client(EventBridgeClient.builder(), g);
                CloudWatchLogsClient c = AwsClients.client(CloudWatchLogsClient.builder(), g)) {
            String busArn = eb.createEventBus(b -> b.name("kept")).eventBusArn();
            c.putDeliverySource(b -> b.name("kept").resourceArn(busArn).logType("INFO_LOGS").tags(Map.of("a", "b")));
            String destination = logGroupDestination(c, "kept");
            id = c.createDelivery(b -> b.deliverySourceName("kept").deliveryDestinationArn(destination)
                    .recordFields("message")).delivery().id();
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                CloudWatchLogsClient c = AwsClients.client(CloudWatchLogsClient.builder(), g)) {
            DeliverySource s = c.getDeliverySource(b -> b.name("kept")).deliverySource();
            assertEquals("INFO_LOGS", s.logType());
            assertEquals(Map.of("a", "b"), s.tags());
            Delivery d = c.getDelivery(b -> b.id(id)).delivery();
            assertEquals(List.of("message"), d.recordFields());
            assertEquals("kept", d.deliverySourceName());
        }
    }
}
