package io.gureum.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table's definition and items at one instant: what a backup holds and what a point-in-time restore
 * rebuilds. Items are immutable maps, so a snapshot shares them with the table rather than copying them.
 * A restore keeps the key schema, attribute definitions, indexes, billing mode, throughput, table class and
 * encryption key; streams, TTL, tags, PITR and deletion protection are not restored
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CreateBackup.html#CreateBackup_HowItWorks).
 */
record TableSnapshot(String name, String arn, String id, KeySchema key, Map<String, String> attributeTypes,
        List<IndexDefinition> indexes, String billingMode, long readCapacity, long writeCapacity, String tableClass,
        String kmsKeyArn, List<Map<String, AttributeValue>> items, long bytes, Instant at,
        List<VectorDefinition> vectorIndexes) {

    /** A vector index's definition, as a backup records it ({@code SourceTableFeatureDetails.VectorIndexes}). */
    record VectorDefinition(String name, String attribute, long dimensions, String distance,
            List<VectorIndex.SchemaElement> searchSchema, String projectionType, List<String> nonKeyAttributes) {
    }

    record IndexDefinition(String name, boolean global, KeySchema key, String projectionType, List<String> nonKeyAttributes,
            long readCapacity, long writeCapacity) {
    }

    static TableSnapshot of(Table t, Instant at) {
        List<Map<String, AttributeValue>> items = new ArrayList<>((int) Math.min(t.data.count(), Integer.MAX_VALUE));
        t.data.all().values().forEach(p -> items.addAll(p.values()));
        return of(t, items, at);
    }

    static TableSnapshot of(Table t, List<Map<String, AttributeValue>> items, Instant at) {
        List<IndexDefinition> indexes = new ArrayList<>();
        t.indexes.values().stream().filter(ix -> !ix.status.equals("DELETING")).forEach(ix -> indexes.add(
                new IndexDefinition(ix.name, ix.global, ix.key, ix.projectionType, ix.nonKeyAttributes, ix.readCapacity,
                        ix.writeCapacity)));
        List<VectorDefinition> vectors = new ArrayList<>();
        t.vectorIndexes.values().stream().filter(v -> !v.status.equals("DELETING")).forEach(v -> vectors.add(
                new VectorDefinition(v.name, v.attribute, v.dimensions, v.distance, v.searchSchema, v.projectionType,
                        v.nonKeyAttributes)));
        long bytes = items.stream().mapToLong(io.gureum.dynamodb.expression.Values::itemSize).sum();
        return new TableSnapshot(t.name, t.arn, t.id, t.key, new LinkedHashMap<>(t.attributeTypes), indexes, t.billingMode,
                t.readCapacity, t.writeCapacity, t.tableClass, t.kmsKeyArn, List.copyOf(items), bytes, at, vectors);
    }

    /** A new table with this snapshot's definition, not yet filled (see {@link #fill}). */
    Table newTable(String targetName, String targetArn, String targetId, Instant created) {
        Table t = new Table(targetName, targetArn, targetId, created, key);
        t.attributeTypes.putAll(attributeTypes);
        for (IndexDefinition d : indexes) {
            Index ix = new Index(d.name(), d.global(), d.key(), d.projectionType(), d.nonKeyAttributes(),
                    targetArn + "/index/" + d.name());
            ix.readCapacity = d.readCapacity();
            ix.writeCapacity = d.writeCapacity();
            t.indexes.put(ix.name, ix);
        }
        for (VectorDefinition v : vectorIndexes == null ? List.<VectorDefinition>of() : vectorIndexes) {
            t.vectorIndexes.put(v.name(), new VectorIndex(v.name(), v.attribute(), v.dimensions(), v.distance(),
                    v.searchSchema(), v.projectionType(), v.nonKeyAttributes(), targetArn + "/index/" + v.name()));
        }
        t.billingMode = billingMode;
        t.readCapacity = readCapacity;
        t.writeCapacity = writeCapacity;
        t.tableClass = tableClass;
        t.kmsKeyArn = kmsKeyArn;
        return t;
    }

    void fill(Table t) {
        items.forEach(t::put);
    }
}
