package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Values;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A table's stream: one open shard whose records are every change, in order, with the images the view
 * type asks for (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html).
 * Disabling the stream closes it; a later enable starts a new stream with a new label.
 */
final class StreamLog {
    final String arn;
    final String label;
    final String viewType;
    final String tableName;
    final List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> keySchema;
    final String shardId;
    boolean enabled = true;
    private final List<Record> records = new ArrayList<>();
    private long next = 1;

    StreamLog(String tableArn, String tableName, Table table, Instant now, String viewType, String shardSuffix) {
        this.label = now.truncatedTo(ChronoUnit.MILLIS).toString().replace("Z", "");
        this.arn = tableArn + "/stream/" + label;
        this.viewType = viewType;
        this.tableName = tableName;
        this.keySchema = table.key.toSdk();
        this.shardId = "shardId-" + String.format("%020d", now.toEpochMilli()) + "-" + shardSuffix;
    }

    static String sequence(long n) {
        return "1" + String.format("%020d", n);
    }

    synchronized void append(Table table, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem,
            String region, Instant now, boolean byTtl) {
        if (!enabled || (oldItem == null && newItem == null)) {
            return;
        }
        OperationType type = oldItem == null ? OperationType.INSERT : newItem == null ? OperationType.REMOVE
                : OperationType.MODIFY;
        Map<String, AttributeValue> any = newItem != null ? newItem : oldItem;
        StreamRecord.Builder r = StreamRecord.builder()
                .approximateCreationDateTime(now.truncatedTo(ChronoUnit.SECONDS))
                .keys(table.keyOf(any))
                .sequenceNumber(sequence(next++))
                .streamViewType(viewType);
        long size = Values.itemSize(table.keyOf(any));
        if ((viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES")) && newItem != null) {
            r.newImage(newItem);
            size += Values.itemSize(newItem);
        }
        if ((viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES")) && oldItem != null) {
            r.oldImage(oldItem);
            size += Values.itemSize(oldItem);
        }
        r.sizeBytes(size);
        Record.Builder rec = Record.builder()
                .eventID(UUID.randomUUID().toString().replace("-", ""))
                .eventName(type)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion(region)
                .dynamodb(r.build());
        if (byTtl) {
            rec.userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build());
        }
        records.add(rec.build());
    }

    synchronized List<Record> from(int position, int limit) {
        int end = Math.min(records.size(), position + limit);
        return position >= end ? List.of() : new ArrayList<>(records.subList(position, end));
    }

    synchronized int size() {
        return records.size();
    }

    synchronized String firstSequence() {
        return sequence(1);
    }

    synchronized String lastSequence() {
        return next == 1 ? null : sequence(next - 1);
    }

    /** The position of a sequence number in the record list. */
    synchronized int positionOf(String sequenceNumber) {
        long n = Long.parseLong(sequenceNumber.substring(1));
        return (int) (n - 1);
    }
}
