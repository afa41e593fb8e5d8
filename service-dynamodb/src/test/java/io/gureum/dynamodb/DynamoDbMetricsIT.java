package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.MetricRecorder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** DynamoDB publishes its AWS/DynamoDB metrics on the server's event bus. */
class DynamoDbMetricsIT extends DynamoDbTestSupport {
    private static final String NS = "AWS/DynamoDB";

    @Test
    void capacityLatencyItemCountsAndUserErrors() {
        String t = table(null, null);
        Map<String, String> table = Map.of("TableName", t);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", s("x".repeat(1500)))));
            ddb.putItem(b -> b.tableName(t).item(key("b")));
            ddb.getItem(b -> b.tableName(t).key(key("a")).consistentRead(true));
            ddb.getItem(b -> b.tableName(t).key(key("b")));
            ddb.scan(b -> b.tableName(t));
            assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName(t).item(key("a"))
                    .conditionExpression("attribute_not_exists(pk)")));
            assertThrows(ResourceNotFoundException.class, () -> ddb.getItem(b -> b.tableName(t + "-missing")
                    .key(key("a"))));

            // 1,500-byte item: 2 write units; the small one 1 (a refused conditional put is not counted).
            assertEquals(3, metrics.sum(NS, "ConsumedWriteCapacityUnits", table));
            // 1 unit strongly consistent, 0.5 eventually consistent, and the scan's 0.5.
            assertEquals(2, metrics.sum(NS, "ConsumedReadCapacityUnits", table));
            ServiceMetric latency = metrics.of(NS, "SuccessfulRequestLatency",
                    Map.of("TableName", t, "Operation", "GetItem")).get(0);
            assertEquals("Milliseconds", latency.unit());
            assertEquals(2, metrics.of(NS, "SuccessfulRequestLatency", Map.of("TableName", t, "Operation", "PutItem"))
                    .size(), "the failed conditional put is no successful request");
            assertEquals(2, metrics.sum(NS, "ReturnedItemCount", Map.of("TableName", t, "Operation", "Scan")));
            assertTrue(metrics.sum(NS, "UserErrors", Map.of()) >= 1, "the missing table");
            assertEquals(1, metrics.sum(NS, "ConditionalCheckFailedRequests", table));
        }
    }

    @Test
    void controlPlaneCallsCountOnlyTheirErrors() {
        String t = table(null, null);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            ddb.listTables();
            ddb.describeTable(b -> b.tableName(t));
            assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(b -> b.tableName(t + "-missing")));

            // No capacity, latency or item count for ListTables and DescribeTable; the missing table is a
            // user error like a data-plane call's.
            assertEquals(0, metrics.of(NS, "SuccessfulRequestLatency", Map.of("TableName", t, "Operation",
                    "DescribeTable")).size());
            assertEquals(0, metrics.sum(NS, "ConsumedReadCapacityUnits", Map.of("TableName", t)));
            assertEquals(1, metrics.sum(NS, "UserErrors", Map.of()));
        }
    }
}
