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
    /** One record with the instant it was written, which trimming compares with the clock. */
    record Entry(long sequence, Instant at, Record record) {
    }

    /** Records are trimmed 24 hours after they were written (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). */
    static final java.time.Duration RETENTION = java.time.Duration.ofHours(24);

    private final java.util.ArrayDeque<Entry> records = new java.util.ArrayDeque<>();
    private long next = 1;
    /** The table whose database journals this stream's records ({@code --data-dir}). */
    private final Table table;

    StreamLog(String tableArn, String tableName, Table table, Instant now, String viewType, String shardSuffix) {
        this.label = now.truncatedTo(ChronoUnit.MILLIS).toString().replace("Z", "");
        this.arn = tableArn + "/stream/" + label;
        this.viewType = viewType;
        this.tableName = tableName;
        this.keySchema = table.key.toSdk();
        this.table = table;
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
                .sequenceNumber(sequence(next))
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
        Entry e = new Entry(next++, now, rec.build());
        records.addLast(e);
        if (table.owner != null) {
            table.owner.records.streamRecord(table.owner, table, this, e);
        }
        trim(now);
    }

    /** Puts back a record read from {@code --data-dir}, with its sequence number. */
    synchronized void restore(Entry e) {
        records.addLast(e);
        next = Math.max(next, e.sequence() + 1);
    }

    /** Numbering goes on from at least {@code sequence} (restored after every record was trimmed). */
    synchronized void continueAt(long sequence) {
        next = Math.max(next, sequence);
    }

    /** Drops the records older than 24 hours on the clock. */
    synchronized void trim(Instant now) {
        Instant horizon = now.minus(RETENTION);
        while (!records.isEmpty() && records.peekFirst().at().isBefore(horizon)) {
            Entry gone = records.pollFirst();
            if (table.owner != null) {
                table.owner.records.streamRecordGone(table.owner, table, this, gone);
            }
        }
    }

    /** Up to {@code limit} records from sequence number {@code from} on. */
    synchronized List<Record> from(long from, int limit) {
        List<Record> out = new ArrayList<>();
        for (Entry e : records) {
            if (out.size() == limit) {
                break;
            }
            if (e.sequence() >= from) {
                out.add(e.record());
            }
        }
        return out;
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(records);
    }

    /** The sequence number the next record will have. */
    synchronized long nextSequence() {
        return next;
    }

    /** The oldest sequence number still readable (the next one when every record was trimmed). */
    synchronized long trimHorizon() {
        return records.isEmpty() ? next : records.peekFirst().sequence();
    }

    synchronized String firstSequence() {
        return sequence(1);
    }

    synchronized String lastSequence() {
        return next == 1 ? null : sequence(next - 1);
    }

    static long number(String sequenceNumber) {
        return Long.parseLong(sequenceNumber.substring(1));
    }
}
