package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Iterators expire 15 minutes after they are issued; records are trimmed 24 hours after they were written. */
class StreamRetentionIT extends DynamoDbTestSupport {

    @Test
    void iteratorsExpireAndRecordsAreTrimmedOnTheClock() throws Exception {
        String t = table(null, null);
        String arn = ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(true)
                .streamViewType(StreamViewType.KEYS_ONLY))).tableDescription().latestStreamArn();
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("old"))));
        try (DynamoDbStreamsClient streams = AwsClients.client(DynamoDbStreamsClient.builder(), gureum)) {
            String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            String first = streams.getRecords(b -> b.shardIterator(iterator)).records().get(0).dynamodb().sequenceNumber();

            StreamsTtlIT.advanceClock(16 * 60);
            ExpiredIteratorException expired = assertThrows(ExpiredIteratorException.class,
                    () -> streams.getRecords(b -> b.shardIterator(iterator)));
            assertEquals(400, expired.statusCode());
            assertTrue(expired.awsErrorDetails().errorMessage().startsWith("Iterator expired."));

            StreamsTtlIT.advanceClock(24 * 3600);
            ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("new"))));
            String fresh = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertEquals(java.util.List.of("new"), streams.getRecords(b -> b.shardIterator(fresh)).records().stream()
                    .map(r -> r.dynamodb().keys().get("pk").s()).toList());
            TrimmedDataAccessException trimmed = assertThrows(TrimmedDataAccessException.class,
                    () -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(first)));
            assertEquals(400, trimmed.statusCode());
        }
    }
}
