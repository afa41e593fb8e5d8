package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** What DynamoDB finds again after a restart on the same --data-dir. */
class DynamoDbRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(sk));
    }

    @Test
    void tablesIndexesTtlTagsAndItemsSurviveARestart() {
        TableDescription before;
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ddb.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                            d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                            d -> d.attributeName("sk").attributeType(ScalarAttributeType.N),
                            d -> d.attributeName("g").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                            .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE"))
                    .tags(t -> t.key("team").value("a")));
            ddb.updateTimeToLive(b -> b.tableName("kept").timeToLiveSpecification(t -> t.enabled(true)
                    .attributeName("expires")));
            for (int i = 0; i < 5; i++) {
                int n = i;
                ddb.putItem(b -> b.tableName("kept").item(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromN(Integer.toString(n)), "g", AttributeValue.fromS(n % 2 == 0 ? "even" : "odd"),
                        "data", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(AttributeValue.fromN("1"),
                                AttributeValue.fromNul(true))), "bin", AttributeValue.fromB(SdkBytes.fromUtf8String("x")),
                                "set", AttributeValue.fromSs(List.of("a", "b")))))));
            }
            ddb.deleteItem(b -> b.tableName("kept").key(key("p", "4")));
            ddb.updateItem(b -> b.tableName("kept").key(key("p", "0")).updateExpression("SET v = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("updated"))));
            ddb.createTable(b -> b.tableName("gone").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            ddb.putItem(b -> b.tableName("gone").item(Map.of("pk", AttributeValue.fromS("x"))));
            ddb.deleteTable(b -> b.tableName("gone"));
            before = ddb.describeTable(b -> b.tableName("kept")).table();
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            TableDescription after = ddb.describeTable(b -> b.tableName("kept")).table();
            assertEquals(before.tableArn(), after.tableArn());
            assertEquals(before.tableId(), after.tableId());
            assertEquals(before.creationDateTime(), after.creationDateTime());
            assertEquals(before.latestStreamArn(), after.latestStreamArn());
            assertEquals(before.keySchema(), after.keySchema());
            assertEquals("byG", after.globalSecondaryIndexes().get(0).indexName());
            assertEquals(4, after.itemCount());
            assertEquals("expires", ddb.describeTimeToLive(b -> b.tableName("kept")).timeToLiveDescription()
                    .attributeName());
            assertEquals("a", ddb.listTagsOfResource(b -> b.resourceArn(after.tableArn())).tags().get(0).value());
            Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("kept").key(key("p", "0"))).item();
            assertEquals("updated", item.get("v").s());
            assertEquals(List.of("a", "b"), item.get("data").m().get("set").ss());
            assertEquals("x", item.get("data").m().get("bin").b().asUtf8String());
            assertTrue(item.get("data").m().get("list").l().get(1).nul());
            assertFalse(ddb.getItem(b -> b.tableName("kept").key(key("p", "4"))).hasItem());
            assertEquals(3, ddb.query(b -> b.tableName("kept").indexName("byG").keyConditionExpression("g = :g")
                    .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("even")))).count() + 1,
                    "the index is rebuilt from the items (even: 0 and 2)");
            assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(b -> b.tableName("gone")));
            ddb.createTable(b -> b.tableName("gone").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            assertEquals(0, ddb.scan(b -> b.tableName("gone")).count(), "a new table of the same name starts empty");
        }
    }

    @Test
    void replicaAutoScalingSettingsSurviveARestart() {
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ddb.createTable(b -> b.tableName("scaled").billingMode("PROVISIONED")
                    .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            ddb.updateTableReplicaAutoScaling(b -> b.tableName("scaled").provisionedWriteCapacityAutoScalingUpdate(u -> u
                    .minimumUnits(2L).maximumUnits(40L).scalingPolicyUpdate(p -> p
                            .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(65.0)))));
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            var w = ddb.describeTableReplicaAutoScaling(b -> b.tableName("scaled")).tableAutoScalingDescription()
                    .replicas().get(0).replicaProvisionedWriteCapacityAutoScalingSettings();
            assertEquals(40L, w.maximumUnits());
            assertEquals(65.0, w.scalingPolicies().get(0).targetTrackingScalingPolicyConfiguration().targetValue());
        }
    }

    @Test
    void streamRecordsKeepTheirSequenceNumbersAndSettingsSurvive() {
        List<software.amazon.awssdk.services.dynamodb.model.Record> before;
        String streamArn;
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g);
                DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), g)) {
            TableDescription t = ddb.createTable(b -> b.tableName("streamed").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES"))).tableDescription();
            streamArn = t.latestStreamArn();
            ddb.putItem(b -> b.tableName("streamed").item(Map.of("pk", AttributeValue.fromS("a"))));
            ddb.putItem(b -> b.tableName("streamed").item(Map.of("pk", AttributeValue.fromS("a"), "v", AttributeValue.fromN("2"))));
            ddb.deleteItem(b -> b.tableName("streamed").key(Map.of("pk", AttributeValue.fromS("a"))));
            ddb.putResourcePolicy(b -> b.resourceArn(t.tableArn()).policy(policy));
            ddb.updateContinuousBackups(b -> b.tableName("streamed").pointInTimeRecoverySpecification(p -> p
                    .pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(3)));
            before = all(streams, streamArn);
            assertEquals(3, before.size());
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g);
                DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), g)) {
            assertEquals(before, all(streams, streamArn));
            String last = before.get(2).dynamodb().sequenceNumber();
            ddb.putItem(b -> b.tableName("streamed").item(Map.of("pk", AttributeValue.fromS("b"))));
            String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String it = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last)).shardIterator();
            List<software.amazon.awssdk.services.dynamodb.model.Record> next = streams.getRecords(b -> b.shardIterator(it))
                    .records();
            assertEquals(1, next.size());
            assertTrue(next.get(0).dynamodb().sequenceNumber().compareTo(last) > 0);
            String arn = ddb.describeTable(b -> b.tableName("streamed")).table().tableArn();
            assertEquals(policy, ddb.getResourcePolicy(b -> b.resourceArn(arn)).policy());
            assertEquals(3, ddb.describeContinuousBackups(b -> b.tableName("streamed")).continuousBackupsDescription()
                    .pointInTimeRecoveryDescription().recoveryPeriodInDays());
        }
    }

    private static List<software.amazon.awssdk.services.dynamodb.model.Record> all(DynamoDbStreamsClient streams, String arn) {
        String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        return streams.getRecords(b -> b.shardIterator(it)).records();
    }

    @Test
    void backupsSurviveARestartAndRestoreTheTableAsItWasThen() {
        String backupArn;
        String deletedArn;
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            ddb.createTable(b -> b.tableName("orders").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            ddb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("a"),
                    "total", AttributeValue.fromN("12.5"))));
            backupArn = ddb.createBackup(b -> b.tableName("orders").backupName("before")).backupDetails().backupArn();
            deletedArn = ddb.createBackup(b -> b.tableName("orders").backupName("gone")).backupDetails().backupArn();
            ddb.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("b"))));
            g.context().clock().advance(java.time.Duration.ofMinutes(5)); // the backups become AVAILABLE
            ddb.deleteBackup(b -> b.backupArn(deletedArn));
        }
        try (Gureum g = start(); DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), g)) {
            var listed = ddb.listBackups(b -> b.tableName("orders")).backupSummaries();
            assertEquals(1, listed.size());
            assertEquals(backupArn, listed.get(0).backupArn());
            assertEquals("AVAILABLE", ddb.describeBackup(b -> b.backupArn(backupArn)).backupDescription()
                    .backupDetails().backupStatusAsString());
            ddb.restoreTableFromBackup(b -> b.backupArn(backupArn).targetTableName("orders-restored"));
            g.context().clock().advance(java.time.Duration.ofMinutes(5));
            var items = ddb.scan(b -> b.tableName("orders-restored")).items();
            assertEquals(1, items.size(), "the restored table holds what the table held when backed up");
            assertEquals("12.5", items.get(0).get("total").n());
        }
    }
}
