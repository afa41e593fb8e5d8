package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * ExecuteStatement for the common PartiQL shapes: {@code SELECT * | a, b FROM "t" [WHERE ...]},
 * {@code INSERT INTO "t" VALUE {...}}, {@code UPDATE "t" SET a = v [, ...] [REMOVE b] WHERE ...} and
 * {@code DELETE FROM "t" WHERE ...}; WHERE is a conjunction of comparisons
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html).
 */
final class PartiQl {
    private final DynamoDbState state;
    private final Tables tables;

    PartiQl(DynamoDbState state, Tables tables, Items items, Transactions transactions) {
        this.state = state;
        this.tables = tables;
    }

    /** A tiny tokenizer: quoted identifiers, 'strings', numbers, words, punctuation, ?. */
    private static final class Lexer {
        final List<String> tokens = new ArrayList<>();
        int pos;

        Lexer(String s) {
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'' || c == '"') {
                    int j = i + 1;
                    StringBuilder b = new StringBuilder().append(c);
                    while (j < s.length()) {
                        if (s.charAt(j) == c) {
                            if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                                b.append(c);
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        b.append(s.charAt(j++));
                    }
                    tokens.add(b.toString());
                    i = j + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' && i + 1 < s.length()
                        && Character.isDigit(s.charAt(i + 1))) {
                    int j = i + 1;
                    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                            || s.charAt(j) == '.' && Character.isDigit(s.charAt(i)))) {
                        j++;
                    }
                    tokens.add(s.substring(i, j));
                    i = j;
                } else if ((c == '<' || c == '>' || c == '!') && i + 1 < s.length() && (s.charAt(i + 1) == '=' || s.charAt(i + 1) == '>')) {
                    tokens.add(s.substring(i, i + 2));
                    i += 2;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
        }

        String peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        String next() {
            String t = peek();
            if (t == null) {
                throw syntax("<EOF>");
            }
            pos++;
            return t;
        }

        boolean accept(String word) {
            if (word.equalsIgnoreCase(peek())) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            String t = next();
            if (!word.equalsIgnoreCase(t)) {
                throw syntax(t);
            }
        }
    }

    private static RuntimeException syntax(String token) {
        return DynamoErrors.validation("Statement wasn't well formed, can't be processed: Unexpected token: " + token);
    }

    private static final class Params {
        final List<AttributeValue> values;
        int next;

        Params(List<AttributeValue> values) {
            this.values = values == null ? List.of() : values;
        }

        AttributeValue take() {
            if (next >= values.size()) {
                throw DynamoErrors.validation("Number of parameters in request and statement don't match.");
            }
            return Values.normalize(values.get(next++));
        }
    }

    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest r) {
        Lexer lx = new Lexer(r.statement());
        Params params = new Params(r.hasParameters() ? r.parameters() : null);
        String verb = lx.next().toUpperCase(Locale.ROOT);
        ExecuteStatementResponse response = switch (verb) {
            case "SELECT" -> select(lx, params, Boolean.TRUE.equals(r.consistentRead()));
            case "INSERT" -> insert(lx, params);
            case "UPDATE" -> update(lx, params);
            case "DELETE" -> delete(lx, params);
            default -> throw syntax(verb);
        };
        if (params.next != params.values.size()) {
            throw DynamoErrors.validation("Number of parameters in request and statement don't match.");
        }
        return response;
    }

    private static String name(String token) {
        return token.startsWith("\"") ? token.substring(1) : token;
    }

    private ExecuteStatementResponse select(Lexer lx, Params params, boolean consistent) {
        List<Path> projection = new ArrayList<>();
        if (!lx.accept("*")) {
            do {
                projection.add(Path.of(name(lx.next())));
            } while (lx.accept(","));
        }
        lx.expect("FROM");
        String table = name(lx.next());
        Ast.Condition where = lx.accept("WHERE") ? where(lx, params) : null;
        Database db = state.database();
        Table t = tables.require(db, table);
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> key = exactKey(where, t);
        if (key != null) {
            Map<String, AttributeValue> item = t.get(key);
            if (item != null && Evaluator.test(where, item)) {
                out.add(item);
            }
        } else {
            t.data.all().values().forEach(p -> p.values().forEach(item -> {
                if (where == null || Evaluator.test(where, item)) {
                    out.add(item);
                }
            }));
        }
        List<Map<String, AttributeValue>> items = projection.isEmpty() ? out
                : out.stream().map(i -> Updater.project(i, projection)).toList();
        return ExecuteStatementResponse.builder().items(items).build();
    }

    private ExecuteStatementResponse insert(Lexer lx, Params params) {
        lx.expect("INTO");
        String table = name(lx.next());
        lx.expect("VALUE");
        AttributeValue v = value(lx, params);
        if (!v.hasM()) {
            throw syntax(String.valueOf(v));
        }
        Database db = state.database();
        Table t = tables.require(db, table);
        Map<String, AttributeValue> item = Items.checkItem(t, v.m());
        if (t.get(item) != null) {
            throw DuplicateItemException.builder().message("Duplicate primary key exists in table").build();
        }
        t.put(item);
        Items.changed(state, db, t, null, item, false);
        return ExecuteStatementResponse.builder().items(List.of()).build();
    }

    private ExecuteStatementResponse update(Lexer lx, Params params) {
        String table = name(lx.next());
        List<Ast.SetAction> set = new ArrayList<>();
        List<Path> remove = new ArrayList<>();
        while (true) {
            if (lx.accept("SET")) {
                Path p = Path.of(name(lx.next()));
                lx.expect("=");
                set.add(new Ast.SetAction(p, new Ast.ValueOperand("?", value(lx, params))));
            } else if (lx.accept("REMOVE")) {
                remove.add(Path.of(name(lx.next())));
            } else if (lx.accept(",")) {
                Path p = Path.of(name(lx.next()));
                lx.expect("=");
                set.add(new Ast.SetAction(p, new Ast.ValueOperand("?", value(lx, params))));
            } else {
                break;
            }
        }
        lx.expect("WHERE");
        Ast.Condition where = where(lx, params);
        Ast.Update u = new Ast.Update(set, remove, List.of(), List.of());
        Database db = state.database();
        Table t = tables.require(db, table);
        Map<String, AttributeValue> key = exactKey(where, t);
        if (key == null) {
            throw DynamoErrors.validation("Where clause does not contain a mandatory equality on all key attributes");
        }
        Map<String, AttributeValue> old = t.get(key);
        if (old == null || !Evaluator.test(where, old)) {
            throw DynamoErrors.conditionFailed(null);
        }
        Map<String, AttributeValue> next = Items.checkItem(t, Updater.apply(u, old));
        t.put(next);
        Items.changed(state, db, t, old, next, false);
        return ExecuteStatementResponse.builder().items(List.of()).build();
    }

    private ExecuteStatementResponse delete(Lexer lx, Params params) {
        lx.expect("FROM");
        String table = name(lx.next());
        lx.expect("WHERE");
        Ast.Condition where = where(lx, params);
        Database db = state.database();
        Table t = tables.require(db, table);
        Map<String, AttributeValue> key = exactKey(where, t);
        if (key == null) {
            throw DynamoErrors.validation("Where clause does not contain a mandatory equality on all key attributes");
        }
        Map<String, AttributeValue> old = t.get(key);
        if (old != null && Evaluator.test(where, old)) {
            t.delete(key);
            Items.changed(state, db, t, old, null, false);
        }
        return ExecuteStatementResponse.builder().items(List.of()).build();
    }

    private static Ast.Condition where(Lexer lx, Params params) {
        Ast.Condition c = comparison(lx, params);
        while (lx.accept("AND")) {
            c = new Ast.And(c, comparison(lx, params));
        }
        if (lx.peek() != null) {
            throw syntax(lx.peek());
        }
        return c;
    }

    private static Ast.Condition comparison(Lexer lx, Params params) {
        Ast.PathOperand p = new Ast.PathOperand(Path.of(name(lx.next())));
        String op = lx.next();
        if (op.equalsIgnoreCase("BETWEEN")) {
            AttributeValue lo = value(lx, params);
            lx.expect("AND");
            return new Ast.Between(p, new Ast.ValueOperand("?", lo), new Ast.ValueOperand("?", value(lx, params)));
        }
        if (op.equals("!=")) {
            op = "<>";
        }
        if (!List.of("=", "<>", "<", "<=", ">", ">=").contains(op)) {
            throw syntax(op);
        }
        return new Ast.Comparison(p, op, new Ast.ValueOperand("?", value(lx, params)));
    }

    /** A literal: ?, 'string', number, TRUE/FALSE/NULL, {map}, [list], <<set>> is not supported. */
    private static AttributeValue value(Lexer lx, Params params) {
        String t = lx.next();
        if (t.equals("?")) {
            return params.take();
        }
        if (t.startsWith("'")) {
            return Values.s(t.substring(1));
        }
        if (t.equals("{")) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            if (!lx.accept("}")) {
                do {
                    String k = lx.next();
                    lx.expect(":");
                    m.put(k.startsWith("'") || k.startsWith("\"") ? k.substring(1) : k, value(lx, params));
                } while (lx.accept(","));
                lx.expect("}");
            }
            return AttributeValue.builder().m(m).build();
        }
        if (t.equals("[")) {
            List<AttributeValue> l = new ArrayList<>();
            if (!lx.accept("]")) {
                do {
                    l.add(value(lx, params));
                } while (lx.accept(","));
                lx.expect("]");
            }
            return AttributeValue.builder().l(l).build();
        }
        if (t.equalsIgnoreCase("TRUE") || t.equalsIgnoreCase("FALSE")) {
            return AttributeValue.builder().bool(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT))).build();
        }
        if (t.equalsIgnoreCase("NULL")) {
            return AttributeValue.builder().nul(true).build();
        }
        if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') {
            return Values.num(Values.number(t));
        }
        throw syntax(t);
    }

    /** The primary key when WHERE pins every key attribute with =, else null. */
    private static Map<String, AttributeValue> exactKey(Ast.Condition where, Table t) {
        if (where == null) {
            return null;
        }
        Map<String, AttributeValue> eq = new LinkedHashMap<>();
        collect(where, eq);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String n : t.key.names()) {
            AttributeValue v = eq.get(n);
            if (v == null) {
                return null;
            }
            key.put(n, v);
        }
        return Items.checkKey(t, key);
    }

    private static void collect(Ast.Condition c, Map<String, AttributeValue> eq) {
        if (c instanceof Ast.And a) {
            collect(a.left(), eq);
            collect(a.right(), eq);
        } else if (c instanceof Ast.Comparison cmp && cmp.op().equals("=") && cmp.left() instanceof Ast.PathOperand p
                && cmp.right() instanceof Ast.ValueOperand v) {
            eq.put(p.path().head(), v.value());
        }
    }

    static SdkBytes none() {
        return null;
    }
}
