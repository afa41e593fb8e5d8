package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Ast.Operand;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The legacy parameters (Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter)
 * translated into the same AST the expressions produce
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html).
 */
final class Legacy {
    private Legacy() {
    }

    static Ast.Condition expected(Map<String, ExpectedAttributeValue> expected, String operator) {
        if (expected == null || expected.isEmpty()) {
            return null;
        }
        List<Ast.Condition> parts = new ArrayList<>();
        for (Map.Entry<String, ExpectedAttributeValue> e : expected.entrySet()) {
            ExpectedAttributeValue x = e.getValue();
            String name = e.getKey();
            if (x.comparisonOperatorAsString() == null) {
                if (Boolean.FALSE.equals(x.exists())) {
                    if (x.value() != null) {
                        throw DynamoErrors.validation("One or more parameter values were invalid: Value cannot be used when"
                                + " Exists is false for Attribute: " + name);
                    }
                    parts.add(fn("attribute_not_exists", path(name)));
                } else {
                    if (x.value() == null) {
                        throw DynamoErrors.validation("One or more parameter values were invalid: Value must be provided when"
                                + " Exists is " + (x.exists() == null ? "null" : "true") + " for Attribute: " + name);
                    }
                    parts.add(new Ast.Comparison(path(name), "=", value(x.value())));
                }
            } else {
                List<AttributeValue> args = x.hasAttributeValueList() ? x.attributeValueList()
                        : x.value() != null ? List.of(x.value()) : List.of();
                parts.add(condition(name, x.comparisonOperatorAsString(), args));
            }
        }
        return combine(parts, operator);
    }

    static Ast.Condition conditions(Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> filter, String operator) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        List<Ast.Condition> parts = new ArrayList<>();
        filter.forEach((name, c) -> parts.add(condition(name, c.comparisonOperatorAsString(),
                c.hasAttributeValueList() ? c.attributeValueList() : List.of())));
        return combine(parts, operator);
    }

    private static Ast.Condition combine(List<Ast.Condition> parts, String operator) {
        Ast.Condition out = parts.get(0);
        boolean or = "OR".equals(operator);
        for (int i = 1; i < parts.size(); i++) {
            out = or ? new Ast.Or(out, parts.get(i)) : new Ast.And(out, parts.get(i));
        }
        return out;
    }

    static Ast.Condition condition(String name, String op, List<AttributeValue> args) {
        Ast.PathOperand p = path(name);
        int expected = switch (op) {
            case "NULL", "NOT_NULL" -> 0;
            case "BETWEEN" -> 2;
            case "IN" -> -1;
            default -> 1;
        };
        if ((expected >= 0 && args.size() != expected) || (expected < 0 && args.isEmpty())) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Invalid number of argument(s) for the "
                    + op + " ComparisonOperator");
        }
        return switch (op) {
            case "EQ" -> new Ast.Comparison(p, "=", value(args.get(0)));
            case "NE" -> new Ast.Comparison(p, "<>", value(args.get(0)));
            case "LT" -> new Ast.Comparison(p, "<", value(args.get(0)));
            case "LE" -> new Ast.Comparison(p, "<=", value(args.get(0)));
            case "GT" -> new Ast.Comparison(p, ">", value(args.get(0)));
            case "GE" -> new Ast.Comparison(p, ">=", value(args.get(0)));
            case "NULL" -> fn("attribute_not_exists", p);
            case "NOT_NULL" -> fn("attribute_exists", p);
            case "CONTAINS" -> fn("contains", p, value(args.get(0)));
            case "NOT_CONTAINS" -> new Ast.And(fn("attribute_exists", p), new Ast.Not(fn("contains", p, value(args.get(0)))));
            case "BEGINS_WITH" -> fn("begins_with", p, value(args.get(0)));
            case "BETWEEN" -> new Ast.Between(p, value(args.get(0)), value(args.get(1)));
            case "IN" -> new Ast.In(p, args.stream().map(v -> (Operand) value(v)).toList());
            default -> throw DynamoErrors.constraint(op, "comparisonOperator",
                    "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        };
    }

    static Ast.Update attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        List<Ast.SetAction> set = new ArrayList<>();
        List<Path> remove = new ArrayList<>();
        List<Ast.AddAction> add = new ArrayList<>();
        List<Ast.DeleteAction> delete = new ArrayList<>();
        updates.forEach((name, u) -> {
            AttributeAction action = u.action() == null ? AttributeAction.PUT : u.action();
            switch (action) {
                case DELETE -> {
                    if (u.value() == null) {
                        remove.add(Path.of(name));
                    } else {
                        delete.add(new Ast.DeleteAction(Path.of(name), value(u.value())));
                    }
                }
                case ADD -> {
                    if (u.value() != null && u.value().hasL()) {
                        set.add(new Ast.SetAction(Path.of(name), new Ast.FunctionOperand("list_append",
                                List.of(new Ast.FunctionOperand("if_not_exists", List.of(path(name),
                                        value(AttributeValue.builder().l(List.of()).build()))), value(u.value())))));
                    } else {
                        add.add(new Ast.AddAction(Path.of(name), value(u.value())));
                    }
                }
                default -> set.add(new Ast.SetAction(Path.of(name), value(u.value())));
            }
        });
        return new Ast.Update(set, remove, add, delete);
    }

    private static Ast.PathOperand path(String name) {
        return new Ast.PathOperand(Path.of(name));
    }

    private static Ast.ValueOperand value(AttributeValue v) {
        return new Ast.ValueOperand("", Values.normalize(v));
    }

    private static Ast.FunctionCondition fn(String name, Operand... args) {
        return new Ast.FunctionCondition(name, List.of(args));
    }
}
