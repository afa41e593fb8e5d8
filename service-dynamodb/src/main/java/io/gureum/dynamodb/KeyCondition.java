package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Ast.Operand;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Query's key condition reduced to what the ordered store needs: the partition key's value and an
 * optional range on the sort key (=, <, <=, >, >=, BETWEEN, begins_with)
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html).
 */
record KeyCondition(AttributeValue hash, String op, AttributeValue low, AttributeValue high) {

    static KeyCondition of(Ast.Condition c, KeySchema key) {
        List<Ast.Condition> parts = new ArrayList<>();
        flatten(c, parts);
        AttributeValue hash = null;
        String op = null;
        AttributeValue low = null;
        AttributeValue high = null;
        for (Ast.Condition part : parts) {
            String attr;
            String partOp;
            AttributeValue a;
            AttributeValue b = null;
            if (part instanceof Ast.Comparison cmp) {
                partOp = cmp.op();
                if (partOp.equals("<>")) {
                    throw invalidOperator(partOp);
                }
                if (cmp.left() instanceof Ast.PathOperand p && cmp.right() instanceof Ast.ValueOperand v) {
                    attr = name(p);
                    a = v.value();
                } else if (cmp.right() instanceof Ast.PathOperand p && cmp.left() instanceof Ast.ValueOperand v) {
                    attr = name(p);
                    a = v.value();
                    partOp = flip(partOp);
                } else {
                    throw DynamoErrors.validation("Invalid KeyConditionExpression: The key conditions must be of the form"
                            + " attribute operator value");
                }
            } else if (part instanceof Ast.Between bt && bt.value() instanceof Ast.PathOperand p
                    && bt.low() instanceof Ast.ValueOperand lo && bt.high() instanceof Ast.ValueOperand hi) {
                attr = name(p);
                partOp = "BETWEEN";
                a = lo.value();
                b = hi.value();
            } else if (part instanceof Ast.FunctionCondition f) {
                if (!f.name().equals("begins_with")) {
                    throw invalidOperator(f.name());
                }
                attr = name((Ast.PathOperand) f.args().get(0));
                partOp = "begins_with";
                Operand v = f.args().get(1);
                if (!(v instanceof Ast.ValueOperand vo)) {
                    throw DynamoErrors.validation("Invalid KeyConditionExpression: The key conditions must be of the form"
                            + " attribute operator value");
                }
                a = vo.value();
            } else if (part instanceof Ast.In) {
                throw invalidOperator("IN");
            } else {
                throw DynamoErrors.validation("Query key condition not supported");
            }
            if (attr.equals(key.hash())) {
                if (hash != null) {
                    throw DynamoErrors.validation("KeyConditionExpressions must only contain one condition per key");
                }
                if (!partOp.equals("=")) {
                    throw DynamoErrors.validation("Query key condition not supported");
                }
                checkType(a, key.hashType());
                hash = a;
            } else if (attr.equals(key.range())) {
                if (op != null) {
                    throw DynamoErrors.validation("KeyConditionExpressions must only contain one condition per key");
                }
                checkType(a, key.rangeType());
                if (b != null) {
                    checkType(b, key.rangeType());
                }
                op = partOp;
                low = a;
                high = b;
            } else {
                throw DynamoErrors.validation("Query condition missed key schema element: " + key.hash().replace(key.hash(),
                        hash == null ? key.hash() : attr));
            }
        }
        if (hash == null) {
            throw DynamoErrors.validation("Query condition missed key schema element: " + key.hash());
        }
        return new KeyCondition(hash, op, low, high);
    }

    private static void checkType(AttributeValue v, String type) {
        if (!type.equals(Values.type(v))) {
            throw DynamoErrors.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
    }

    private static RuntimeException invalidOperator(String op) {
        return DynamoErrors.validation("Invalid operator used in KeyConditionExpression: " + op);
    }

    private static String name(Ast.PathOperand p) {
        if (!p.path().isTopLevel()) {
            throw DynamoErrors.validation("Invalid KeyConditionExpression: Key attribute names must be top-level attributes");
        }
        return p.path().head();
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static void flatten(Ast.Condition c, List<Ast.Condition> out) {
        if (c instanceof Ast.And a) {
            flatten(a.left(), out);
            flatten(a.right(), out);
        } else if (c instanceof Ast.Or) {
            throw invalidOperator("OR");
        } else if (c instanceof Ast.Not) {
            throw invalidOperator("NOT");
        } else {
            out.add(c);
        }
    }

    /** The lower bound row (inclusive) of the sort-key range, or null for the partition's start. */
    RowKey from() {
        if (op == null) {
            return null;
        }
        KeyValue v = KeyValue.of(low);
        return switch (op) {
            case "=", ">=", "BETWEEN", "begins_with" -> new RowKey(v);
            case ">" -> RowKey.after(v);
            default -> null;
        };
    }

    /** Whether {@link #to()} itself is in range (false for {@code <} and begins_with). */
    boolean toInclusive() {
        return !"<".equals(op) && !"begins_with".equals(op);
    }

    /** The upper bound row, or null for the partition's end. */
    RowKey to() {
        if (op == null) {
            return null;
        }
        KeyValue v = KeyValue.of(low);
        return switch (op) {
            case "=", "<=" -> RowKey.after(v);
            case "<" -> new RowKey(v);
            case "BETWEEN" -> RowKey.after(KeyValue.of(high));
            case "begins_with" -> {
                KeyValue end = v.prefixEnd();
                yield end == null ? null : new RowKey(end);
            }
            default -> null;
        };
    }
}
