package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestination;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeliveryDestinationType;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputFormat;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;

/** Delivery destinations and their policies; there are no delivery sources, so no deliveries. */
class DeliveriesIT extends LogsTestSupport {
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"logs:CreateDelivery\",\"Resource\":\"*\"}]}";

    @Test
    void deliveryDestinations() {
        String name = unique("dd");
        String group = groupWithStream("s");
        String groupArn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        DeliveryDestination d = logs.putDeliveryDestination(b -> b.name(name).outputFormat(OutputFormat.JSON)
                .deliveryDestinationConfiguration(c -> c.destinationResourceArn(groupArn))).deliveryDestination();
        assertEquals("arn:aws:logs:us-east-1:000000000000:delivery-destination:" + name, d.arn());
        assertEquals(DeliveryDestinationType.CWL, d.deliveryDestinationType());
        assertEquals(groupArn, logs.getDeliveryDestination(b -> b.name(name)).deliveryDestination()
                .deliveryDestinationConfiguration().destinationResourceArn());
        assertTrue(logs.describeDeliveryDestinations(b -> b.limit(50)).deliveryDestinations().stream()
                .anyMatch(x -> x.name().equals(name)));

        assertNull(logs.getDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name)).policy()
                .deliveryDestinationPolicy());
        logs.putDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name).deliveryDestinationPolicy(POLICY));
        assertEquals(POLICY, logs.getDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name)).policy()
                .deliveryDestinationPolicy());
        logs.deleteDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteDeliveryDestinationPolicy(b -> b.deliveryDestinationName(name)));

        logs.deleteDeliveryDestination(b -> b.name(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getDeliveryDestination(b -> b.name(name)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> logs.putDeliveryDestination(b -> b.name(name).deliveryDestinationType(DeliveryDestinationType.S3)
                        .deliveryDestinationConfiguration(c -> c.destinationResourceArn(groupArn))));
    }

    @Test
    void unknownSourcesAndDeliveriesAreNotFound() {
        assertTrue(logs.describeDeliverySources(b -> b.limit(10)).deliverySources().isEmpty());
        assertTrue(logs.describeDeliveries(b -> b.limit(10)).deliveries().isEmpty());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getDeliverySource(b -> b.name("src")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.createDelivery(b -> b.deliverySourceName("src")
                        .deliveryDestinationArn("arn:aws:logs:us-east-1:000000000000:delivery-destination:d")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getDelivery(b -> b.id("abcdefghijklmnop")));
        // Only EventBridge event buses can be sources here (EventBusDeliverySourcesIT in service-events covers them).
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> logs.putDeliverySource(b -> b.name("cf").logType("ACCESS_LOGS")
                        .resourceArn("arn:aws:cloudfront::000000000000:distribution/E1234567890")));
    }
}
