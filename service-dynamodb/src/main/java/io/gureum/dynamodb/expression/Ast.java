package io.gureum.dynamodb.expression;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The nodes of a parsed expression. */
public final class Ast {
    private Ast() {
    }

    /** Something that yields an attribute value (or nothing, when a path is missing). */
    public sealed interface Operand permits PathOperand, ValueOperand, FunctionOperand, Arithmetic {
    }

    public record PathOperand(Path path) implements Operand {
    }

    public record ValueOperand(String placeholder, AttributeValue value) implements Operand {
    }

    /** size(), if_not_exists(), list_append(). */
    public record FunctionOperand(String name, List<Operand> args) implements Operand {
    }

    /** {@code a + b} or {@code a - b}, only in SET. */
    public record Arithmetic(Operand left, char op, Operand right) implements Operand {
    }

    /** A condition: the body of ConditionExpression, FilterExpression and KeyConditionExpression. */
    public sealed interface Condition permits Comparison, Between, In, And, Or, Not, FunctionCondition {
    }

    /** {@code =, <>, <, <=, >, >=}. */
    public record Comparison(Operand left, String op, Operand right) implements Condition {
    }

    public record Between(Operand value, Operand low, Operand high) implements Condition {
    }

    public record In(Operand value, List<Operand> candidates) implements Condition {
    }

    public record And(Condition left, Condition right) implements Condition {
    }

    public record Or(Condition left, Condition right) implements Condition {
    }

    public record Not(Condition inner) implements Condition {
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    public record FunctionCondition(String name, List<Operand> args) implements Condition {
    }

    /** A parsed UpdateExpression: its four clauses, each possibly empty. */
    public record Update(List<SetAction> set, List<Path> remove, List<AddAction> add, List<DeleteAction> delete) {
        /** Every path the update writes, in clause order. */
        public List<Path> paths() {
            List<Path> out = new java.util.ArrayList<>();
            set.forEach(a -> out.add(a.path()));
            out.addAll(remove);
            add.forEach(a -> out.add(a.path()));
            delete.forEach(a -> out.add(a.path()));
            return out;
        }
    }

    public record SetAction(Path path, Operand value) {
    }

    public record AddAction(Path path, ValueOperand value) {
    }

    public record DeleteAction(Path path, ValueOperand value) {
    }
}
