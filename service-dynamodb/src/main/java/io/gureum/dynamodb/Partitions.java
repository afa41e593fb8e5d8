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
    /** A partition is a {@link SingleRow} until a second row arrives, then a TreeMap (also once back to one row). */
    private final TreeMap<KeyValue, NavigableMap<RowKey, Map<String, AttributeValue>>> partitions = new TreeMap<>();
    private long count;
    private long bytes;

    Map<String, AttributeValue> get(KeyValue pk, RowKey rk) {
        NavigableMap<RowKey, Map<String, AttributeValue>> p = partitions.get(pk);
        return p == null ? null : p.get(rk);
    }

    /** Stores {@code item}, returning the previous one at that position. */
    Map<String, AttributeValue> put(KeyValue pk, RowKey rk, Map<String, AttributeValue> item, long size) {
        NavigableMap<RowKey, Map<String, AttributeValue>> p = partitions.get(pk);
        Map<String, AttributeValue> old;
        if (p == null) {
            partitions.put(pk, new SingleRow(rk, item));
            old = null;
        } else if (p instanceof SingleRow one) {
            if (one.holds(rk)) {
                partitions.put(pk, new SingleRow(rk, item));
                old = one.item;
            } else {
                TreeMap<RowKey, Map<String, AttributeValue>> rows = new TreeMap<>();
                rows.put(one.key, one.item);
                rows.put(rk, item);
                partitions.put(pk, rows);
                old = null;
            }
        } else {
            old = p.put(rk, item);
        }
        if (old == null) {
            count++;
        } else {
            bytes -= io.gureum.dynamodb.expression.Values.itemSize(old);
        }
        bytes += size;
        return old;
    }

    Map<String, AttributeValue> remove(KeyValue pk, RowKey rk) {
        NavigableMap<RowKey, Map<String, AttributeValue>> p = partitions.get(pk);
        if (p == null) {
            return null;
        }
        Map<String, AttributeValue> old;
        if (p instanceof SingleRow one) {
            old = one.holds(rk) ? one.item : null;
            if (old != null) {
                partitions.remove(pk);
            }
        } else {
            old = p.remove(rk);
            if (old != null && p.isEmpty()) {
                partitions.remove(pk);
            }
        }
        if (old != null) {
            count--;
            bytes -= io.gureum.dynamodb.expression.Values.itemSize(old);
        }
        return old;
    }

    /** The partition's rows (read-only: change them through {@link #put} and {@link #remove}), or null. */
    NavigableMap<RowKey, Map<String, AttributeValue>> partition(KeyValue pk) {
        return partitions.get(pk);
    }

    /** Every partition (read-only, as {@link #partition}). */
    NavigableMap<KeyValue, NavigableMap<RowKey, Map<String, AttributeValue>>> all() {
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
