package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key condition of a Query on an index with multi-attribute keys: equality on every partition key
 * attribute, and conditions on the sort key attributes from left to right, equality on all but the last
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html).
 */
record MultiKeyCondition(KeyValue partition, List<Ast.Condition> sortConditions) {

    static MultiKeyCondition of(Ast.Condition c, KeySchema key, Map<String, String> types) {
        List<Ast.Condition> parts = new ArrayList<>();
        flatten(c, parts);
        Map<String, AttributeValue> hashes = new LinkedHashMap<>();
        Map<Integer, Ast.Condition> sorts = new TreeMap<>();
        Map<Integer, String> sortOps = new TreeMap<>();
        List<String> ranges = key.rangeNames();
        for (Ast.Condition part : parts) {
            String attr;
            String op;
            List<AttributeValue> values = new ArrayList<>();
            if (part instanceof Ast.Comparison cmp && cmp.left() instanceof Ast.PathOperand p
                    && cmp.right() instanceof Ast.ValueOperand v) {
                attr = p.path().head();
                op = cmp.op();
                values.add(v.value());
            } else if (part instanceof Ast.Between bt && bt.value() instanceof Ast.PathOperand p
                    && bt.low() instanceof Ast.ValueOperand lo && bt.high() instanceof Ast.ValueOperand hi) {
                attr = p.path().head();
                op = "BETWEEN";
                values.add(lo.value());
                values.add(hi.value());
            } else if (part instanceof Ast.FunctionCondition f && f.name().equals("begins_with")
                    && f.args().get(0) instanceof Ast.PathOperand p && f.args().get(1) instanceof Ast.ValueOperand v) {
                attr = p.path().head();
                op = "begins_with";
                values.add(v.value());
            } else {
                throw DynamoErrors.validation("Query key condition not supported");
            }
            if (op.equals("<>")) {
                throw DynamoErrors.validation("Invalid operator used in KeyConditionExpression: <>");
            }
            for (AttributeValue v : values) {
                if (types.get(attr) != null && !types.get(attr).equals(Values.type(v))) {
                    throw DynamoErrors.validation("One or more parameter values were invalid: Condition parameter type does"
                            + " not match schema type");
                }
            }
            if (key.hashNames().contains(attr)) {
                if (!op.equals("=")) {
                    throw DynamoErrors.validation("Query key condition not supported");
                }
                if (hashes.put(attr, values.get(0)) != null) {
                    throw DynamoErrors.validation("KeyConditionExpressions must only contain one condition per key");
                }
            } else if (ranges.contains(attr)) {
                int i = ranges.indexOf(attr);
                if (sorts.put(i, part) != null) {
                    throw DynamoErrors.validation("KeyConditionExpressions must only contain one condition per key");
                }
                sortOps.put(i, op);
            } else {
                throw DynamoErrors.validation("Query condition missed key schema element: " + missing(key, hashes));
            }
        }
        if (hashes.size() < key.hashNames().size()) {
            throw DynamoErrors.validation("Query condition missed key schema element: " + missing(key, hashes));
        }
        int expected = 0;
        for (Map.Entry<Integer, String> e : sortOps.entrySet()) {
            boolean last = e.getKey() == sortOps.size() - 1;
            if (e.getKey() != expected++ || !last && !e.getValue().equals("=")) {
                throw DynamoErrors.validation("Query key condition not supported: sort key attributes must be given from"
                        + " left to right, with equality on every one but the last");
            }
        }
        List<AttributeValue> values = new ArrayList<>();
        key.hashNames().forEach(n -> values.add(hashes.get(n)));
        return new MultiKeyCondition(KeyValue.composite(values), new ArrayList<>(sorts.values()));
    }

    /** The rows of the partition that meet the sort key conditions, in key order. */
    NavigableMap<RowKey, Map<String, AttributeValue>> rows(NavigableMap<RowKey, Map<String, AttributeValue>> partition) {
        if (sortConditions.isEmpty()) {
            return partition;
        }
        TreeMap<RowKey, Map<String, AttributeValue>> out = new TreeMap<>();
        partition.forEach((k, item) -> {
            if (sortConditions.stream().allMatch(c -> Evaluator.test(c, item))) {
                out.put(k, item);
            }
        });
        return out;
    }

    private static String missing(KeySchema key, Map<String, AttributeValue> hashes) {
        return key.hashNames().stream().filter(n -> !hashes.containsKey(n)).findFirst().orElse(key.hash());
    }

    private static void flatten(Ast.Condition c, List<Ast.Condition> out) {
        if (c instanceof Ast.And a) {
            flatten(a.left(), out);
            flatten(a.right(), out);
        } else if (c instanceof Ast.Or) {
            throw DynamoErrors.validation("Invalid operator used in KeyConditionExpression: OR");
        } else if (c instanceof Ast.Not) {
            throw DynamoErrors.validation("Invalid operator used in KeyConditionExpression: NOT");
        } else {
            out.add(c);
        }
    }
}
