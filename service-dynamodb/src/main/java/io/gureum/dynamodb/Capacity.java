package io.gureum.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * ReturnConsumedCapacity: one read unit per 4 KB read strongly consistently (half for eventually
 * consistent reads), one write unit per 1 KB written, twice that in transactions
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */
final class Capacity {
    /** Units one call consumed on a table or one of its global indexes, for {@link DynamoDbMetrics}. */
    record Consumed(String table, String globalIndex, double read, double write) {
    }

    private static final ThreadLocal<List<Consumed>> RECORDING = new ThreadLocal<>();

    private Capacity() {
    }

    /** Starts collecting on this thread what each {@link #of} computes; the list fills as the call runs. */
    static List<Consumed> recording() {
        List<Consumed> list = new ArrayList<>(2);
        RECORDING.set(list);
        return list;
    }

    static void stopRecording() {
        RECORDING.remove();
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, (bytes + 4095) / 4096);
        return consistent ? units : units / 2;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /** Null when the caller did not ask (NONE or absent). */
    static ConsumedCapacity of(String mode, String table, double units, double readUnits, double writeUnits,
            String index, boolean globalIndex) {
        List<Consumed> recording = RECORDING.get();
        if (recording != null) {
            recording.add(new Consumed(table, globalIndex ? index : null, readUnits, writeUnits));
        }
        if (mode == null || mode.equals("NONE")) {
            return null;
        }
        ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(table).capacityUnits(units);
        if (readUnits > 0) {
            b.readCapacityUnits(readUnits);
        }
        if (writeUnits > 0) {
            b.writeCapacityUnits(writeUnits);
        }
        if (mode.equals("INDEXES")) {
            software.amazon.awssdk.services.dynamodb.model.Capacity.Builder cb = software.amazon.awssdk.services.dynamodb.model.Capacity
                    .builder().capacityUnits(units);
            if (readUnits > 0) {
                cb.readCapacityUnits(readUnits);
            }
            if (writeUnits > 0) {
                cb.writeCapacityUnits(writeUnits);
            }
            software.amazon.awssdk.services.dynamodb.model.Capacity c = cb.build();
            if (index == null) {
                b.table(c);
            } else {
                b.table(software.amazon.awssdk.services.dynamodb.model.Capacity.builder().capacityUnits(0.0).build());
                Map<String, software.amazon.awssdk.services.dynamodb.model.Capacity> m = new LinkedHashMap<>();
                m.put(index, c);
                if (globalIndex) {
                    b.globalSecondaryIndexes(m);
                } else {
                    b.localSecondaryIndexes(m);
                }
            }
        }
        return b.build();
    }

    static ConsumedCapacity read(String mode, String table, long bytes, boolean consistent, String index, boolean global) {
        double u = readUnits(bytes, consistent);
        return of(mode, table, u, u, 0, index, global);
    }

    static ConsumedCapacity write(String mode, String table, long bytes) {
        double u = writeUnits(bytes);
        return of(mode, table, u, 0, u, null, false);
    }
}
