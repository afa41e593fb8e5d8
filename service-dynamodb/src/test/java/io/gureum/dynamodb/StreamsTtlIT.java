package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class StreamsTtlIT extends DynamoDbTestSupport {

    static void advanceClock(long seconds) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/_gureum/clock"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": " + seconds + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static List<software.amazon.awssdk.services.dynamodb.model.Record> records(DynamoDbStreamsClient streams, String arn) {
        StreamDescription d = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
        String shard = d.shards().get(0).shardId();
        String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return streams.getRecords(b -> b.shardIterator(it)).records();
    }

    @Test
    void streamsRecordEveryChangeWithTheViewTypesImages() {
        String t = unique("st");
        String arn = ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("1"))));
        ddb.updateItem(b -> b.tableName(t).key(key("a")).updateExpression("SET v = :two").expressionAttributeValues(Map.of(":two", n("2"))));
        ddb.deleteItem(b -> b.tableName(t).key(key("a")));
        try (DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), gureum)) {
            assertTrue(streams.listStreams(b -> b.tableName(t)).streams().stream().anyMatch(s -> s.streamArn().equals(arn)));
            List<software.amazon.awssdk.services.dynamodb.model.Record> rs = records(streams, arn);
            assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE),
                    rs.stream().map(software.amazon.awssdk.services.dynamodb.model.Record::eventName).toList());
            assertEquals("1", rs.get(1).dynamodb().oldImage().get("v").n());
            assertEquals("2", rs.get(1).dynamodb().newImage().get("v").n());
            assertEquals(Map.of("pk", s("a")), rs.get(2).dynamodb().keys());
            assertEquals("aws:dynamodb", rs.get(0).eventSource());
            assertTrue(rs.get(0).dynamodb().sequenceNumber().compareTo(rs.get(1).dynamodb().sequenceNumber()) < 0);
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> streams.describeStream(b -> b.streamArn(arn + "x")));
            assertEquals(400, e.statusCode());
        }
    }

    @Test
    void keysOnlyStreamsCarryNoImages() {
        String t = table(null, null);
        String arn = ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.KEYS_ONLY))).tableDescription().latestStreamArn();
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("1"))));
        try (DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), gureum)) {
            software.amazon.awssdk.services.dynamodb.model.Record r = records(streams, arn).get(0);
            assertFalse(r.dynamodb().hasNewImage());
            assertEquals(StreamViewType.KEYS_ONLY, r.dynamodb().streamViewType());
        }
    }

    @Test
    void ttlDeletesExpiredItemsWhenTheClockPassesThem() throws Exception {
        String t = unique("ttl");
        String arn = ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE)))
                .tableDescription().latestStreamArn();
        ddb.updateTimeToLive(b -> b.tableName(t).timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        long soon = Instant.now().getEpochSecond() + 3600;
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("short"), "expires", n(Long.toString(soon)))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("long"), "expires", n(Long.toString(soon + 86400 * 10)))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("text"), "expires", s("1"))));
        advanceClock(60);
        assertTrue(ddb.getItem(b -> b.tableName(t).key(key("short"))).hasItem());
        advanceClock(2 * 3600);
        assertFalse(ddb.getItem(b -> b.tableName(t).key(key("short"))).hasItem());
        assertTrue(ddb.getItem(b -> b.tableName(t).key(key("long"))).hasItem());
        assertTrue(ddb.getItem(b -> b.tableName(t).key(key("text"))).hasItem());
        try (DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), gureum)) {
            software.amazon.awssdk.services.dynamodb.model.Record removal = records(streams, arn).stream()
                    .filter(r -> r.eventName() == OperationType.REMOVE).findFirst().orElseThrow();
            assertEquals("Service", removal.userIdentity().type());
            assertEquals("dynamodb.amazonaws.com", removal.userIdentity().principalId());
            assertEquals("short", removal.dynamodb().oldImage().get("pk").s());
            assertNull(removal.dynamodb().newImage().isEmpty() ? null : removal.dynamodb().newImage());
        }
    }
}
