package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import io.gureum.dynamodb.partiql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;

/**
 * One PartiQL write (or a transaction's {@code EXISTS} check), worked out against the table before anything
 * is changed, so a transaction can check all of its statements first. The caller holds the write lock.
 */
final class PartiQlWrite {
    /** Why a write does not happen: null when it may. */
    enum Failure {
        CONDITIONAL_CHECK_FAILED("ConditionalCheckFailed"), DUPLICATE_ITEM("DuplicateItem");

        final String code;

        Failure(String code) {
            this.code = code;
        }
    }

    final Statement statement;
    final Table table;
    final Map<String, AttributeValue> key;
    final Map<String, AttributeValue> old;
    /** The item after the write; null for DELETE and EXISTS. */
    final Map<String, AttributeValue> next;
    final Failure failure;

    private PartiQlWrite(Statement statement, Table table, Map<String, AttributeValue> key,
            Map<String, AttributeValue> old, Map<String, AttributeValue> next, Failure failure) {
        this.statement = statement;
        this.table = table;
        this.key = key;
        this.old = old;
        this.next = next;
        this.failure = failure;
    }

    static PartiQlWrite prepare(Table t, Statement s) {
        if (s instanceof Statement.Insert ins) {
                Map<String, AttributeValue> item = Items.checkItem(t, ins.item());
                Map<String, AttributeValue> key = t.keyOf(item);
                Map<String, AttributeValue> old = t.get(key);
                return new PartiQlWrite(s, t, key, old, item, old != null ? Failure.DUPLICATE_ITEM : null);
        }
        if (s instanceof Statement.Update up) {
                Map<String, AttributeValue> key = requireKey(t, up.where());
                for (Path p : up.update().paths()) {
                    if (t.key.isKey(p.head())) {
                        throw DynamoErrors.validation("One or more parameter values were invalid: Cannot update attribute "
                                + p.head() + ". This attribute is part of the key");
                    }
                }
                Map<String, AttributeValue> old = t.get(key);
                // An UPDATE of an item that does not exist fails its condition, unlike UpdateItem
                // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html).
                if (old == null || !Evaluator.test(up.where(), old)) {
                    return new PartiQlWrite(s, t, key, old, null, Failure.CONDITIONAL_CHECK_FAILED);
                }
                Map<String, AttributeValue> next = Items.checkItem(t, Updater.apply(up.update(), old));
                return new PartiQlWrite(s, t, key, old, next, null);
        }
        if (s instanceof Statement.Delete del) {
                Map<String, AttributeValue> key = requireKey(t, del.where());
                Map<String, AttributeValue> old = t.get(key);
                // No item: success with nothing deleted; an item failing the WHERE: ConditionalCheckFailed
                // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.delete.html).
                boolean fails = old != null && !Evaluator.test(del.where(), old);
                return new PartiQlWrite(s, t, key, old, null, fails ? Failure.CONDITIONAL_CHECK_FAILED : null);
        }
        if (s instanceof Statement.Exists ex) {
                Map<String, AttributeValue> key = requireKey(t, ex.where());
                Map<String, AttributeValue> old = t.get(key);
                boolean holds = old != null && Evaluator.test(ex.where(), old);
                return new PartiQlWrite(s, t, key, old, null, holds ? null : Failure.CONDITIONAL_CHECK_FAILED);
        }
        throw new IllegalArgumentException("not a write: " + s);
    }

    /** Applies the write (the caller checked {@link #failure}); records the stream change. */
    void apply(DynamoDbState state, Database db) {
        if (statement instanceof Statement.Insert || statement instanceof Statement.Update) {
            table.put(next);
            Items.changed(state, db, table, old, next, false);
        } else if (statement instanceof Statement.Delete && old != null) {
            table.delete(key);
            Items.changed(state, db, table, old, null, false);
        }
    }

    /** The exception a single statement answers when {@link #failure} is set. */
    RuntimeException exception(boolean returnOldOnFailure) {
        if (failure == Failure.DUPLICATE_ITEM) {
            return DuplicateItemException.builder().message("Duplicate primary key exists in table").build();
        }
        return DynamoErrors.conditionFailed(returnOldOnFailure ? old : null);
    }

    /** What RETURNING asks for, or null. */
    Map<String, AttributeValue> returned() {
        String returning = statement instanceof Statement.Update u ? u.returning()
                : statement instanceof Statement.Delete d ? d.returning() : null;
        if (returning == null) {
            return null;
        }
        Ast.Update update = statement instanceof Statement.Update u ? u.update() : null;
        return switch (returning) {
            case "ALL_OLD" -> old;
            case "ALL_NEW" -> next;
            case "MODIFIED_OLD" -> old == null ? null : Updater.project(old, update.paths());
            default -> Updater.project(next, update.paths());
        };
    }

    long bytes() {
        return Math.max(next == null ? 0 : Values.itemSize(next), old == null ? 0 : Values.itemSize(old));
    }

    /** The primary key a write's WHERE pins with equalities on every key attribute. */
    static Map<String, AttributeValue> requireKey(Table t, Ast.Condition where) {
        Map<String, AttributeValue> key = pinned(where, t.key.names());
        if (key == null) {
            throw DynamoErrors.validation("Where clause does not contain a mandatory equality on all key attributes");
        }
        return Items.checkKey(t, key);
    }

    /** The values {@code names} are compared to with {@code =} in the AND-chain of {@code where}; null if one lacks. */
    static Map<String, AttributeValue> pinned(Ast.Condition where, java.util.List<String> names) {
        if (where == null) {
            return null;
        }
        Map<String, AttributeValue> eq = new LinkedHashMap<>();
        collect(where, eq);
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (String n : names) {
            AttributeValue v = eq.get(n);
            if (v == null) {
                return null;
            }
            out.put(n, v);
        }
        return out;
    }

    private static void collect(Ast.Condition c, Map<String, AttributeValue> eq) {
        if (c instanceof Ast.And a) {
            collect(a.left(), eq);
            collect(a.right(), eq);
        } else if (c instanceof Ast.Comparison cmp && cmp.op().equals("=")) {
            if (cmp.left() instanceof Ast.PathOperand p && p.path().isTopLevel() && cmp.right() instanceof Ast.ValueOperand v) {
                eq.put(p.path().head(), v.value());
            } else if (cmp.right() instanceof Ast.PathOperand p && p.path().isTopLevel()
                    && cmp.left() instanceof Ast.ValueOperand v) {
                eq.put(p.path().head(), v.value());
            }
        }
    }
}
