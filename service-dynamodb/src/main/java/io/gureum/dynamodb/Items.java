package io.gureum.dynamodb;

import io.gureum.core.protocol.RequestContext;
import io.gureum.dynamodb.expression.Ast.Condition;
import io.gureum.dynamodb.expression.Ast.Update;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.ExpressionAttributes;
import io.gureum.dynamodb.expression.Parser;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.*;

/** PutItem, GetItem, UpdateItem, DeleteItem and the item rules they share. */
final class Items {
    static final long MAX_ITEM_SIZE = 400 * 1024;

    private final DynamoDbState state;
    private final Tables tables;

    Items(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    // ---- validation shared by every item operation ----

    /** A key: exactly the table's key attributes, of the declared types, no empty strings/binaries. */
    static Map<String, AttributeValue> checkKey(Table t, Map<String, AttributeValue> key) {
        if (key == null || key.size() != t.key.names().size()) {
            throw DynamoErrors.validation(DynamoErrors.KEY_SCHEMA_MISMATCH);
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (String name : t.key.names()) {
            AttributeValue v = key.get(name);
            if (v == null || !t.attributeTypes.get(name).equals(Values.type(v))) {
                throw DynamoErrors.validation(DynamoErrors.KEY_SCHEMA_MISMATCH);
            }
            out.put(name, checkKeyValue(name, Values.normalize(v)));
        }
        return out;
    }

    private static AttributeValue checkKeyValue(String name, AttributeValue v) {
        if ((v.s() != null && v.s().isEmpty()) || (v.b() != null && v.b().asByteArrayUnsafe().length == 0)) {
            throw DynamoErrors.validation("One or more parameter values are not valid. The AttributeValue for a key attribute"
                    + " cannot contain an empty " + (v.s() != null ? "string" : "binary") + " value. Key: " + name);
        }
        return v;
    }

    /** A whole item: values valid and normalized, key present and typed, index keys typed, size limit. */
    static Map<String, AttributeValue> checkItem(Table t, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            out.put(e.getKey(), Values.normalize(e.getValue()));
        }
        for (String name : t.key.names()) {
            AttributeValue v = out.get(name);
            if (v == null) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Missing the key " + name + " in the item");
            }
            String expected = t.attributeTypes.get(name);
            if (!expected.equals(Values.type(v))) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Type mismatch for key " + name
                        + " expected: " + expected + " actual: " + Values.type(v));
            }
            checkKeyValue(name, v);
        }
        for (Index ix : t.indexes.values()) {
            for (String name : ix.key.names()) {
                AttributeValue v = out.get(name);
                if (v == null || t.key.isKey(name)) {
                    continue;
                }
                String expected = t.attributeTypes.get(name);
                if (!expected.equals(Values.type(v))) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                            + name + " Expected: " + expected + " Actual: " + Values.type(v) + " IndexName: " + ix.name);
                }
                if ((v.s() != null && v.s().isEmpty()) || (v.b() != null && v.b().asByteArrayUnsafe().length == 0)) {
                    throw DynamoErrors.validation("One or more parameter values are not valid. A value specified for a secondary"
                            + " index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                            + (v.s() != null ? "string" : "binary") + " value. IndexName: " + ix.name
                            + ", IndexKey: " + name);
                }
            }
        }
        VectorIndex.checkItem(t, out);
        if (Values.itemSize(out) > MAX_ITEM_SIZE) {
            throw DynamoErrors.validation(DynamoErrors.ITEM_TOO_LARGE);
        }
        return out;
    }

    /** Rejects ExpressionAttributeNames/Values sent without any expression, or an empty values map. */
    static void checkExpressionParameters(boolean anyExpression, Map<String, String> names,
            Map<String, AttributeValue> values, boolean namesSent, boolean valuesSent) {
        if (valuesSent && values.isEmpty()) {
            throw DynamoErrors.validation("ExpressionAttributeValues must not be empty");
        }
        if (namesSent && names.isEmpty()) {
            throw DynamoErrors.validation("ExpressionAttributeNames must not be empty");
        }
        if (!anyExpression && namesSent) {
            throw DynamoErrors.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!anyExpression && valuesSent) {
            throw DynamoErrors.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
    }

    static void noMixing(String nonExpression, boolean legacyUsed, String expression, boolean expressionUsed) {
        if (legacyUsed && expressionUsed) {
            throw DynamoErrors.validation("Can not use both expression and non-expression parameters in the same request:"
                    + " Non-expression parameters: {" + nonExpression + "} Expression parameters: {" + expression + "}");
        }
    }

    /** Records a change: the stream record, and replication for global tables. Caller holds the write lock. */
    static void changed(DynamoDbState state, Database db, Table t, Map<String, AttributeValue> old,
            Map<String, AttributeValue> now, boolean byTtl) {
        changed(state, db, t, old, now, byTtl, true);
    }

    static void changed(DynamoDbState state, Database db, Table t, Map<String, AttributeValue> old,
            Map<String, AttributeValue> now, boolean byTtl, boolean replicate) {
        if (t.stream != null) {
            t.stream.append(t, old, now, db.region, state.context.clock().now(), byTtl);
        }
        if (replicate && t.replicaRegions.size() > 1 && (old != null || now != null)) {
            Map<String, AttributeValue> any = now != null ? now : old;
            state.replication.enqueue(new Replication.Change(db.account, db.region, t.name, t.keyOf(any), now));
        }
    }

    private static boolean allOld(String rv) {
        return "ALL_OLD".equals(rv);
    }

    /**
     * The condition of a PutItem or DeleteItem, after the checks both make: ReturnValues is NONE or
     * ALL_OLD, the legacy and expression parameters are not mixed, and every name and value is used.
     */
    private static Condition writeCondition(String returnValues, boolean hasExpected,
            Map<String, ExpectedAttributeValue> expected, String conditionalOperator, String conditionExpression,
            Map<String, String> names, Map<String, AttributeValue> values, boolean hasNames, boolean hasValues) {
        if (returnValues != null && !returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw DynamoErrors.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        noMixing("Expected", hasExpected, "ConditionExpression", conditionExpression != null);
        checkExpressionParameters(conditionExpression != null, names, values, hasNames, hasValues);
        ExpressionAttributes attrs = new ExpressionAttributes(names, values);
        Condition cond = conditionExpression != null
                ? Parser.condition("ConditionExpression", conditionExpression, attrs)
                : Legacy.expected(expected, conditionalOperator);
        attrs.checkAllUsed();
        return cond;
    }

    // ---- PutItem ----

    public PutItemResponse putItem(PutItemRequest r) {
        String rv = r.returnValuesAsString();
        Condition cond = writeCondition(rv, r.hasExpected(), r.expected(),
                r.conditionalOperatorAsString(), r.conditionExpression(), r.expressionAttributeNames(),
                r.expressionAttributeValues(), r.hasExpressionAttributeNames(), r.hasExpressionAttributeValues());
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        Map<String, AttributeValue> item = checkItem(t, r.item());
        Map<String, AttributeValue> old = t.get(item);
        if (cond != null && !Evaluator.test(cond, old)) {
            throw DynamoErrors.conditionFailed(allOld(r.returnValuesOnConditionCheckFailureAsString()) ? old : null);
        }
        t.put(item);
        changed(state, db, t, old, item, false);
        PutItemResponse.Builder b = PutItemResponse.builder();
        if (allOld(rv) && old != null) {
            b.attributes(old);
        }
        long size = Math.max(Values.itemSize(item), old == null ? 0 : Values.itemSize(old));
        String mode = r.returnConsumedCapacityAsString();
        setCapacity(b::consumedCapacity, VectorIndexes.withWrites(Capacity.write(mode, t.name, size), mode, t, old, item));
        ItemCollectionMetrics icm = ItemCollections.of(r.returnItemCollectionMetricsAsString(), t, item);
        if (icm != null) {
            b.itemCollectionMetrics(icm);
        }
        return b.build();
    }

    // ---- GetItem ----

    public GetItemResponse getItem(GetItemRequest r) {
        noMixing("AttributesToGet", r.hasAttributesToGet(), "ProjectionExpression", r.projectionExpression() != null);
        checkExpressionParameters(r.projectionExpression() != null, r.expressionAttributeNames(), Map.of(),
                r.hasExpressionAttributeNames(), false);
        ExpressionAttributes attrs = new ExpressionAttributes(r.expressionAttributeNames(), null);
        List<Path> projection = projection(r.projectionExpression(), r.hasAttributesToGet() ? r.attributesToGet() : null, attrs);
        attrs.checkAllUsed();
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        Map<String, AttributeValue> item = t.get(checkKey(t, r.key()));
        GetItemResponse.Builder b = GetItemResponse.builder();
        if (item != null) {
            b.item(projection == null ? item : Updater.project(item, projection));
        }
        setCapacity(b::consumedCapacity, Capacity.read(r.returnConsumedCapacityAsString(), t.name,
                item == null ? 0 : Values.itemSize(item), Boolean.TRUE.equals(r.consistentRead()), null, false));
        return b.build();
    }

    static List<Path> projection(String expression, List<String> attributesToGet, ExpressionAttributes attrs) {
        if (expression != null) {
            return Parser.projection(expression, attrs);
        }
        if (attributesToGet != null) {
            return attributesToGet.stream().map(Path::of).toList();
        }
        return null;
    }

    // ---- DeleteItem ----

    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
        String rv = r.returnValuesAsString();
        Condition cond = writeCondition(rv, r.hasExpected(), r.expected(),
                r.conditionalOperatorAsString(), r.conditionExpression(), r.expressionAttributeNames(),
                r.expressionAttributeValues(), r.hasExpressionAttributeNames(), r.hasExpressionAttributeValues());
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        Map<String, AttributeValue> key = checkKey(t, r.key());
        Map<String, AttributeValue> old = t.get(key);
        if (cond != null && !Evaluator.test(cond, old)) {
            throw DynamoErrors.conditionFailed(allOld(r.returnValuesOnConditionCheckFailureAsString()) ? old : null);
        }
        if (old != null) {
            t.delete(key);
            changed(state, db, t, old, null, false);
        }
        DeleteItemResponse.Builder b = DeleteItemResponse.builder();
        if (allOld(rv) && old != null) {
            b.attributes(old);
        }
        String mode = r.returnConsumedCapacityAsString();
        setCapacity(b::consumedCapacity, VectorIndexes.withWrites(Capacity.write(mode, t.name,
                old == null ? 0 : Values.itemSize(old)), mode, t, old, null));
        ItemCollectionMetrics icm = ItemCollections.of(r.returnItemCollectionMetricsAsString(), t, key);
        if (icm != null) {
            b.itemCollectionMetrics(icm);
        }
        return b.build();
    }

    // ---- UpdateItem ----

    public UpdateItemResponse updateItem(UpdateItemRequest r) {
        noMixing("AttributeUpdates", r.hasAttributeUpdates(), "UpdateExpression", r.updateExpression() != null);
        noMixing("Expected", r.hasExpected(), "ConditionExpression", r.conditionExpression() != null);
        boolean anyExpression = r.updateExpression() != null || r.conditionExpression() != null;
        checkExpressionParameters(anyExpression, r.expressionAttributeNames(), r.expressionAttributeValues(),
                r.hasExpressionAttributeNames(), r.hasExpressionAttributeValues());
        ExpressionAttributes attrs = new ExpressionAttributes(r.expressionAttributeNames(), r.expressionAttributeValues());
        Update update = r.updateExpression() != null ? Parser.update(r.updateExpression(), attrs)
                : Legacy.attributeUpdates(r.hasAttributeUpdates() ? r.attributeUpdates() : Map.of());
        Condition cond = r.conditionExpression() != null
                ? Parser.condition("ConditionExpression", r.conditionExpression(), attrs)
                : Legacy.expected(r.expected(), r.conditionalOperatorAsString());
        attrs.checkAllUsed();
        String rv = r.returnValuesAsString() == null ? "NONE" : r.returnValuesAsString();
        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        Map<String, AttributeValue> key = checkKey(t, r.key());
        for (Path p : update.paths()) {
            if (t.key.isKey(p.head())) {
                throw DynamoErrors.validation("One or more parameter values were invalid: Cannot update attribute "
                        + p.head() + ". This attribute is part of the key");
            }
        }
        Map<String, AttributeValue> old = t.get(key);
        if (cond != null && !Evaluator.test(cond, old)) {
            throw DynamoErrors.conditionFailed(allOld(r.returnValuesOnConditionCheckFailureAsString()) ? old : null);
        }
        Map<String, AttributeValue> base = old != null ? old : key;
        Map<String, AttributeValue> next = checkItem(t, Updater.apply(update, base));
        t.put(next);
        changed(state, db, t, old, next, false);
        UpdateItemResponse.Builder b = UpdateItemResponse.builder();
        Map<String, AttributeValue> out = switch (rv) {
            case "ALL_OLD" -> old;
            case "ALL_NEW" -> next;
            case "UPDATED_OLD" -> old == null ? null : Updater.project(old, update.paths());
            case "UPDATED_NEW" -> Updater.project(next, update.paths());
            default -> null;
        };
        if (out != null && !out.isEmpty()) {
            b.attributes(out);
        }
        long size = Math.max(Values.itemSize(next), old == null ? 0 : Values.itemSize(old));
        String mode = r.returnConsumedCapacityAsString();
        setCapacity(b::consumedCapacity, VectorIndexes.withWrites(Capacity.write(mode, t.name, size), mode, t, old, next));
        ItemCollectionMetrics icm = ItemCollections.of(r.returnItemCollectionMetricsAsString(), t, key);
        if (icm != null) {
            b.itemCollectionMetrics(icm);
        }
        return b.build();
    }

    static String region() {
        return RequestContext.current().region();
    }

    /** Sets the capacity only when asked for: a null member would be written as JSON null. */
    static void setCapacity(java.util.function.Consumer<ConsumedCapacity> setter, ConsumedCapacity c) {
        if (c != null) {
            setter.accept(c);
        }
    }
}
