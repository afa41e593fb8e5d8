package io.gureum.dynamodb;

import io.gureum.core.error.AwsException;
import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.ExpressionAttributes;
import io.gureum.dynamodb.expression.Parser;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * TransactWriteItems and TransactGetItems: all or nothing, under the region's write lock, with
 * cancellation reasons per action and ClientRequestToken idempotency for ten minutes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html).
 */
final class Transactions {
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    record Idempotent(int fingerprint, Instant at, TransactWriteItemsResponse response) {
    }

    /** One action, parsed before the lock is taken. */
    private record Action(String kind, String tableName, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
            Ast.Condition condition, Ast.Update update, String onFailure) {
    }

    private final DynamoDbState state;
    private final Tables tables;

    Transactions(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    private static AwsException tooMany(List<?> items) {
        return DynamoErrors.constraint(items, "transactItems", "Member must have length less than or equal to 100");
    }

    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
        if (r.transactItems().size() > 100) {
            throw tooMany(r.transactItems());
        }
        if (r.transactItems().isEmpty()) {
            throw DynamoErrors.constraint("[]", "transactItems", "Member must have length greater than or equal to 1");
        }
        Instant now = state.context.clock().now();
        String token = r.clientRequestToken();
        int fingerprint = r.toBuilder().clientRequestToken(null).build().hashCode();
        if (token != null) {
            Idempotent seen = state.tokens.get(token);
            if (seen != null && seen.at().plus(TOKEN_LIFETIME).isAfter(now)) {
                if (seen.fingerprint() != fingerprint) {
                    throw IdempotentParameterMismatchException.builder()
                            .message("The provided ClientRequestToken is already in use with different parameters").build();
                }
                return seen.response();
            }
        }
        List<Action> actions = new ArrayList<>();
        for (TransactWriteItem w : r.transactItems()) {
            actions.add(parse(w));
        }
        Database db = state.database();
        TransactWriteItemsResponse response = apply(db, actions, r);
        if (token != null) {
            state.tokens.put(token, new Idempotent(fingerprint, now, response));
        }
        return response;
    }

    /** Checks every action, then applies all of them or none; the caller holds the write lock. */
    private TransactWriteItemsResponse apply(Database db, List<Action> actions, TransactWriteItemsRequest r) {
        List<Table> ts = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Action a : actions) {
            Table t = tables.require(db, a.tableName());
            Map<String, AttributeValue> key = a.item() != null ? Items.checkItem(t, a.item()) : Items.checkKey(t, a.key());
            key = t.keyOf(key);
            if (!seen.add(t.name + "\u0000" + key)) {
                throw DynamoErrors.validation("Transaction request cannot include multiple operations on one item");
            }
            if (a.update() != null) {
                for (Path p : a.update().paths()) {
                    if (t.key.isKey(p.head())) {
                        throw DynamoErrors.validation("One or more parameter values were invalid: Cannot update attribute "
                                + p.head() + ". This attribute is part of the key");
                    }
                }
            }
            ts.add(t);
            keys.add(key);
        }
        List<CancellationReason> reasons = new ArrayList<>();
        List<Map<String, AttributeValue>> results = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            Table t = ts.get(i);
            Map<String, AttributeValue> old = t.get(keys.get(i));
            if (a.condition() != null && !Evaluator.test(a.condition(), old)) {
                CancellationReason.Builder cr = CancellationReason.builder().code("ConditionalCheckFailed")
                        .message(DynamoErrors.CONDITION_FAILED);
                if ("ALL_OLD".equals(a.onFailure()) && old != null) {
                    cr.item(old);
                }
                reasons.add(cr.build());
                results.add(null);
                failed = true;
                continue;
            }
            try {
                Map<String, AttributeValue> next = switch (a.kind()) {
                    case "Put" -> Items.checkItem(t, a.item());
                    case "Update" -> Items.checkItem(t, Updater.apply(a.update(), old != null ? old : keys.get(i)));
                    default -> null;
                };
                results.add(next);
                reasons.add(CancellationReason.builder().code("None").build());
            } catch (AwsException e) {
                reasons.add(CancellationReason.builder().code("ValidationError").message(e.getMessage()).build());
                results.add(null);
                failed = true;
            }
        }
        if (failed) {
            List<String> codes = reasons.stream().map(CancellationReason::code).toList();
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons " + codes)
                    .cancellationReasons(reasons).build();
        }
        Map<String, Double> units = new LinkedHashMap<>();
        Map<String, Map<String, Double>> vectorWrites = new LinkedHashMap<>();
        Map<String, List<ItemCollectionMetrics>> collections = new LinkedHashMap<>();
        // One journal frame for the whole transaction (items, stream records, PITR changes): a crash restores all
        // of it or none, as AWS's transactions are all-or-nothing.
        state.context.state().atomically(() -> {
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                Table t = ts.get(i);
                Map<String, AttributeValue> old = t.get(keys.get(i));
                Map<String, AttributeValue> next = results.get(i);
                switch (a.kind()) {
                    case "Put", "Update" -> {
                        t.put(next);
                        Items.changed(state, db, t, old, next, false);
                    }
                    case "Delete" -> {
                        if (old != null) {
                            t.delete(keys.get(i));
                            Items.changed(state, db, t, old, null, false);
                        }
                    }
                    default -> {
                    }
                }
                long size = Math.max(next == null ? 0 : Values.itemSize(next), old == null ? 0 : Values.itemSize(old));
                units.merge(t.name, 2 * Capacity.writeUnits(size), Double::sum);
                if (!a.kind().equals("ConditionCheck")) {
                    Map<String, Double> vw = vectorWrites.computeIfAbsent(t.name, x -> new LinkedHashMap<>());
                    VectorIndexes.writes(t, old, a.kind().equals("Delete") ? null : next)
                            .forEach((k, v) -> vw.merge(k, v, Double::sum));
                    ItemCollectionMetrics icm = ItemCollections.of(r.returnItemCollectionMetricsAsString(), t, keys.get(i));
                    if (icm != null) {
                        collections.computeIfAbsent(t.name, x -> new ArrayList<>()).add(icm);
                    }
                }
            }
        });
        TransactWriteItemsResponse.Builder b = TransactWriteItemsResponse.builder();
        if (!collections.isEmpty()) {
            b.itemCollectionMetrics(collections);
        }
        List<ConsumedCapacity> capacity = new ArrayList<>();
        units.forEach((t, u) -> {
            ConsumedCapacity c = VectorIndexes.withWrites(Capacity.of(r.returnConsumedCapacityAsString(), t, u, 0, u,
                    null, false), r.returnConsumedCapacityAsString(), vectorWrites.get(t));
            if (c != null) {
                capacity.add(c);
            }
        });
        if (!capacity.isEmpty()) {
            b.consumedCapacity(capacity);
        }
        return b.build();
    }

    private static Action parse(TransactWriteItem w) {
        int set = (w.put() != null ? 1 : 0) + (w.update() != null ? 1 : 0) + (w.delete() != null ? 1 : 0)
                + (w.conditionCheck() != null ? 1 : 0);
        if (set != 1) {
            throw DynamoErrors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        if (w.put() != null) {
            Put p = w.put();
            ExpressionAttributes attrs = attrs(p.conditionExpression() != null, p.expressionAttributeNames(),
                    p.expressionAttributeValues(), p.hasExpressionAttributeNames(), p.hasExpressionAttributeValues());
            Ast.Condition c = condition(p.conditionExpression(), attrs);
            attrs.checkAllUsed();
            return new Action("Put", p.tableName(), null, p.item(), c, null, p.returnValuesOnConditionCheckFailureAsString());
        }
        if (w.delete() != null) {
            Delete d = w.delete();
            ExpressionAttributes attrs = attrs(d.conditionExpression() != null, d.expressionAttributeNames(),
                    d.expressionAttributeValues(), d.hasExpressionAttributeNames(), d.hasExpressionAttributeValues());
            Ast.Condition c = condition(d.conditionExpression(), attrs);
            attrs.checkAllUsed();
            return new Action("Delete", d.tableName(), d.key(), null, c, null, d.returnValuesOnConditionCheckFailureAsString());
        }
        if (w.update() != null) {
            Update u = w.update();
            ExpressionAttributes attrs = attrs(true, u.expressionAttributeNames(),
                    u.expressionAttributeValues(), u.hasExpressionAttributeNames(), u.hasExpressionAttributeValues());
            Ast.Update up = Parser.update(u.updateExpression() == null ? "" : u.updateExpression(), attrs);
            Ast.Condition c = condition(u.conditionExpression(), attrs);
            attrs.checkAllUsed();
            return new Action("Update", u.tableName(), u.key(), null, c, up, u.returnValuesOnConditionCheckFailureAsString());
        }
        ConditionCheck cc = w.conditionCheck();
        ExpressionAttributes attrs = attrs(true, cc.expressionAttributeNames(),
                cc.expressionAttributeValues(), cc.hasExpressionAttributeNames(), cc.hasExpressionAttributeValues());
        Ast.Condition c = Parser.condition("ConditionExpression", cc.conditionExpression() == null ? "" : cc.conditionExpression(), attrs);
        attrs.checkAllUsed();
        return new Action("ConditionCheck", cc.tableName(), cc.key(), null, c, null, cc.returnValuesOnConditionCheckFailureAsString());
    }

    private static ExpressionAttributes attrs(boolean any, Map<String, String> names, Map<String, AttributeValue> values,
            boolean namesSent, boolean valuesSent) {
        Items.checkExpressionParameters(any, names, values, namesSent, valuesSent);
        return new ExpressionAttributes(names, values);
    }

    private static Ast.Condition condition(String expression, ExpressionAttributes attrs) {
        return expression == null ? null : Parser.condition("ConditionExpression", expression, attrs);
    }

    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest r) {
        if (r.transactItems().size() > 100) {
            throw tooMany(r.transactItems());
        }
        record Get(String table, Map<String, AttributeValue> key, List<Path> projection) {
        }
        List<Get> gets = new ArrayList<>();
        for (TransactGetItem g : r.transactItems()) {
            software.amazon.awssdk.services.dynamodb.model.Get x = g.get();
            ExpressionAttributes attrs = new ExpressionAttributes(x.expressionAttributeNames(), null);
            List<Path> projection = Items.projection(x.projectionExpression(), null, attrs);
            attrs.checkAllUsed();
            gets.add(new Get(x.tableName(), x.key(), projection));
        }
        Database db = state.database();
        List<ItemResponse> out = new ArrayList<>();
        Map<String, Double> units = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Get g : gets) {
            Table t = tables.require(db, g.table());
            Map<String, AttributeValue> key = Items.checkKey(t, g.key());
            if (!seen.add(t.name + "\u0000" + key)) {
                throw DynamoErrors.validation("Transaction request cannot include multiple operations on one item");
            }
            Map<String, AttributeValue> item = t.get(key);
            out.add(item == null ? ItemResponse.builder().build()
                    : ItemResponse.builder().item(g.projection() == null ? item : Updater.project(item, g.projection())).build());
            units.merge(t.name, 2 * Capacity.readUnits(item == null ? 0 : Values.itemSize(item), true), Double::sum);
        }
        TransactGetItemsResponse.Builder b = TransactGetItemsResponse.builder().responses(out);
        List<ConsumedCapacity> capacity = new ArrayList<>();
        units.forEach((t, u) -> {
            ConsumedCapacity c = Capacity.of(r.returnConsumedCapacityAsString(), t, u, u, 0, null, false);
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
