package io.gureum.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A global or local secondary index, maintained on every write of its table. Items lacking the index
 * key are not in it (sparse indexes). Entries reference the table's item; the projection is applied
 * when read.
 */
final class Index {
    final String name;
    final boolean global;
    final KeySchema key;
    final String projectionType;
    final List<String> nonKeyAttributes;
    final String arn;
    final Partitions data = new Partitions();
    String status = "ACTIVE";
    long readCapacity;
    long writeCapacity;

    Index(String name, boolean global, KeySchema key, String projectionType, List<String> nonKeyAttributes, String arn) {
        this.name = name;
        this.global = global;
        this.key = key;
        this.projectionType = projectionType;
        this.nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
        this.arn = arn;
    }

    /** The entry's partition, or null if the item is not in this index. */
    KeyValue partitionOf(Map<String, AttributeValue> item) {
        if (key.multi()) {
            // Only items with every key attribute are in the index.
            java.util.List<AttributeValue> values = new java.util.ArrayList<>();
            for (String n : key.names()) {
                if (item.get(n) == null) {
                    return null;
                }
            }
            key.hashNames().forEach(n -> values.add(item.get(n)));
            return KeyValue.composite(values);
        }
        AttributeValue v = item.get(key.hash());
        if (v == null || (key.hasRange() && item.get(key.range()) == null)) {
            return null;
        }
        return KeyValue.of(v);
    }

    RowKey rowOf(Map<String, AttributeValue> item, KeySchema table) {
        KeyValue tpk = KeyValue.of(item.get(table.hash()));
        KeyValue tsk = table.hasRange() ? KeyValue.of(item.get(table.range())) : null;
        if (key.multi()) {
            java.util.List<KeyValue> parts = new java.util.ArrayList<>();
            key.rangeNames().forEach(n -> parts.add(KeyValue.of(item.get(n))));
            parts.add(tpk);
            parts.add(tsk);
            return new RowKey(parts.toArray(new KeyValue[0]));
        }
        KeyValue isk = key.hasRange() ? KeyValue.of(item.get(key.range())) : null;
        return new RowKey(isk, tpk, tsk);
    }

    void put(Map<String, AttributeValue> item, KeySchema table, long size) {
        KeyValue pk = partitionOf(item);
        if (pk != null) {
            data.put(pk, rowOf(item, table), item, size);
        }
    }

    void remove(Map<String, AttributeValue> item, KeySchema table) {
        KeyValue pk = partitionOf(item);
        if (pk != null) {
            data.remove(pk, rowOf(item, table));
        }
    }

    /** The attributes this index holds of {@code item}. */
    Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeySchema table) {
        if (projectionType.equals("ALL")) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (String k : table.names()) {
            out.put(k, item.get(k));
        }
        for (String k : key.names()) {
            out.put(k, item.get(k));
        }
        if (projectionType.equals("INCLUDE")) {
            for (String k : nonKeyAttributes) {
                AttributeValue v = item.get(k);
                if (v != null) {
                    out.put(k, v);
                }
            }
        }
        return out;
    }
}
