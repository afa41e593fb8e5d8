package io.gureum.dynamodb;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items grouped by partition key, each partition ordered by {@link RowKey}: a Query is a lookup of the
 * partition plus a sub-map walk, O(log n + results). Guarded by the owning {@link Database}'s lock.
 */
final class Partitions {
    private final TreeMap<KeyValue, TreeMap<RowKey, Map<String, AttributeValue>>> partitions = new TreeMap<>();
    private long count;
    private long bytes;

    Map<String, AttributeValue> get(KeyValue pk, RowKey rk) {
        TreeMap<RowKey, Map<String, AttributeValue>> p = partitions.get(pk);
        return p == null ? null : p.get(rk);
    }

    /** Stores {@code item}, returning the previous one at that position. */
    Map<String, AttributeValue> put(KeyValue pk, RowKey rk, Map<String, AttributeValue> item, long size) {
        Map<String, AttributeValue> old = partitions.computeIfAbsent(pk, k -> new TreeMap<>()).put(rk, item);
        if (old == null) {
            count++;
        } else {
            bytes -= io.gureum.dynamodb.expression.Values.itemSize(old);
        }
        bytes += size;
        return old;
    }

    Map<String, AttributeValue> remove(KeyValue pk, RowKey rk) {
        TreeMap<RowKey, Map<String, AttributeValue>> p = partitions.get(pk);
        if (p == null) {
            return null;
        }
        Map<String, AttributeValue> old = p.remove(rk);
        if (old != null) {
            count--;
            bytes -= io.gureum.dynamodb.expression.Values.itemSize(old);
            if (p.isEmpty()) {
                partitions.remove(pk);
            }
        }
        return old;
    }

    NavigableMap<RowKey, Map<String, AttributeValue>> partition(KeyValue pk) {
        return partitions.get(pk);
    }

    NavigableMap<KeyValue, TreeMap<RowKey, Map<String, AttributeValue>>> all() {
        return partitions;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    void clear() {
        partitions.clear();
        count = 0;
        bytes = 0;
    }
}
