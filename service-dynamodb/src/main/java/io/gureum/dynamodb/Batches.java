package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.ExpressionAttributes;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * BatchGetItem (up to 100 keys, 16 MB per answer, the rest in UnprocessedKeys) and BatchWriteItem (up
 * to 25 puts and deletes, each atomic on its own)
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
 */
final class Batches {
    static final long MAX_GET_BYTES = 16L * 1024 * 1024;

    private final DynamoDbState state;
    private final Tables tables;

    Batches(DynamoDbState state, Tables tables, Items items) {
        this.state = state;
        this.tables = tables;
    }

    public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        int total = 0;
        for (KeysAndAttributes k : r.requestItems().values()) {
            total += k.keys().size();
        }
        if (total > 100) {
            throw DynamoErrors.validation("Too many items requested for the BatchGetItem call");
        }
        if (r.requestItems().isEmpty()) {
            throw DynamoErrors.constraint("{}", "requestItems", "Member must have length greater than or equal to 1");
        }
        Database db = state.database();
        String mode = r.returnConsumedCapacityAsString();
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        List<ConsumedCapacity> capacity = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, KeysAndAttributes> e : r.requestItems().entrySet()) {
            Table t = tables.require(db, e.getKey());
            KeysAndAttributes ka = e.getValue();
            Items.noMixing("AttributesToGet", ka.hasAttributesToGet(), "ProjectionExpression", ka.projectionExpression() != null);
            ExpressionAttributes attrs = new ExpressionAttributes(ka.expressionAttributeNames(), null);
            List<Path> projection = Items.projection(ka.projectionExpression(),
                    ka.hasAttributesToGet() ? ka.attributesToGet() : null, attrs);
            attrs.checkAllUsed();
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            List<Map<String, AttributeValue>> left = new ArrayList<>();
            double units = 0;
            for (Map<String, AttributeValue> key : ka.keys()) {
                Map<String, AttributeValue> k = Items.checkKey(t, key);
                if (!seen.add(k)) {
                    throw DynamoErrors.validation("Provided list of item keys contains duplicates");
                }
                if (bytes >= MAX_GET_BYTES) {
                    left.add(k);
                    continue;
                }
                Map<String, AttributeValue> item = t.get(k);
                if (item != null) {
                    long size = Values.itemSize(item);
                    bytes += size;
                    units += Capacity.readUnits(size, Boolean.TRUE.equals(ka.consistentRead()));
                    found.add(projection == null ? item : Updater.project(item, projection));
                }
            }
            responses.put(t.name, found);
            if (!left.isEmpty()) {
                unprocessed.put(t.name, ka.toBuilder().keys(left).build());
            }
            ConsumedCapacity c = Capacity.of(mode, t.name, units, units, 0, null, false);
            if (c != null) {
                capacity.add(c);
            }
        }
        BatchGetItemResponse.Builder b = BatchGetItemResponse.builder().responses(responses).unprocessedKeys(unprocessed);
        if (!capacity.isEmpty()) {
            b.consumedCapacity(capacity);
        }
        return b.build();
    }

    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
        int total = 0;
        for (List<WriteRequest> l : r.requestItems().values()) {
            total += l.size();
        }
        if (total > 25) {
            throw DynamoErrors.validation("Too many items requested for the BatchWriteItem call");
        }
        if (r.requestItems().isEmpty()) {
            throw DynamoErrors.constraint("{}", "requestItems", "Member must have length greater than or equal to 1");
        }
        Database db = state.database();
        String mode = r.returnConsumedCapacityAsString();
        // Validate everything first: a bad request writes nothing.
        record Op(Table table, Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        }
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, List<WriteRequest>> e : r.requestItems().entrySet()) {
            Table t = tables.require(db, e.getKey());
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            for (WriteRequest w : e.getValue()) {
                if ((w.putRequest() == null) == (w.deleteRequest() == null)) {
                    throw DynamoErrors.validation("Supplied AttributeValue has more than one datatypes set, must contain"
                            + " exactly one of the supported datatypes");
                }
                Map<String, AttributeValue> item = w.putRequest() != null ? Items.checkItem(t, w.putRequest().item()) : null;
                Map<String, AttributeValue> key = item != null ? t.keyOf(item) : Items.checkKey(t, w.deleteRequest().key());
                if (!seen.add(key)) {
                    throw DynamoErrors.validation("Provided list of item keys contains duplicates");
                }
                ops.add(new Op(t, item, key));
            }
        }
        Map<String, Double> units = new LinkedHashMap<>();
        Map<String, Map<String, Double>> vectorWrites = new LinkedHashMap<>();
        Map<String, List<ItemCollectionMetrics>> collections = new LinkedHashMap<>();
        for (Op op : ops) {
            Map<String, AttributeValue> old;
            if (op.item() != null) {
                old = op.table().put(op.item());
                Items.changed(state, db, op.table(), old, op.item(), false);
            } else {
                old = op.table().delete(op.key());
                if (old != null) {
                    Items.changed(state, db, op.table(), old, null, false);
                }
            }
            long size = Math.max(op.item() == null ? 0 : Values.itemSize(op.item()), old == null ? 0 : Values.itemSize(old));
            units.merge(op.table().name, Capacity.writeUnits(size), Double::sum);
            Map<String, Double> vw = vectorWrites.computeIfAbsent(op.table().name, x -> new LinkedHashMap<>());
            VectorIndexes.writes(op.table(), old, op.item()).forEach((k, v) -> vw.merge(k, v, Double::sum));
            ItemCollectionMetrics icm = ItemCollections.of(r.returnItemCollectionMetricsAsString(), op.table(), op.key());
            if (icm != null) {
                collections.computeIfAbsent(op.table().name, x -> new ArrayList<>()).add(icm);
            }
        }
        BatchWriteItemResponse.Builder b = BatchWriteItemResponse.builder().unprocessedItems(Map.of());
        if (!collections.isEmpty()) {
            b.itemCollectionMetrics(collections);
        }
        List<ConsumedCapacity> capacity = new ArrayList<>();
        units.forEach((t, u) -> {
            ConsumedCapacity c = VectorIndexes.withWrites(Capacity.of(mode, t, u, 0, u, null, false), mode,
                    vectorWrites.get(t));
            if (c != null) {
                capacity.add(c);
            }
        });
        if (!capacity.isEmpty()) {
            b.consumedCapacity(capacity);
        }
        return b.build();
    }
}
