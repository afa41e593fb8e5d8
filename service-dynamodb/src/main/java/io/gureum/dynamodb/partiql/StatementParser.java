package io.gureum.dynamodb.partiql;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recursive-descent parser of DynamoDB's PartiQL statements
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html). Conditions
 * become {@link Ast.Condition}s: {@code IS [NOT] MISSING} is {@code attribute_[not_]exists}, {@code IS [NOT]
 * NULL} is {@code attribute_type(path, 'NULL')}, and the documented functions map to their expression twins.
 */
public final class StatementParser {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    /** Words that are never an unquoted attribute name (quote them: {@code "value"}). */
    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "INSERT", "INTO",
            "VALUE", "VALUES", "UPDATE", "SET", "REMOVE", "DELETE", "BETWEEN", "IN", "IS", "MISSING", "NULL", "TRUE",
            "FALSE", "ORDER", "BY", "RETURNING", "EXISTS");

    private final List<Token> tokens;
    private final List<AttributeValue> params;
    private int pos;
    private int nextParam;

    private StatementParser(String statement, List<AttributeValue> params) {
        this.tokens = Lexer.tokens(statement);
        this.params = params == null ? List.of() : params;
    }

    /** Parses {@code statement}, binding its {@code ?} parameters in order. */
    public static Statement parse(String statement, List<AttributeValue> params) {
        StatementParser p = new StatementParser(statement, params);
        Statement s = p.statement();
        if (p.peek().kind() != Token.Kind.EOF) {
            throw Statement.syntax("Unexpected token: " + p.peek());
        }
        if (p.nextParam != p.params.size()) {
            throw Statement.validation("Number of parameters in request and statement don't match.");
        }
        return s;
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() == Token.Kind.EOF) {
            throw Statement.syntax("Unexpected end of statement");
        }
        pos++;
        return t;
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        Token t = peek();
        if (!t.is(word)) {
            throw Statement.syntax(t.kind() == Token.Kind.EOF ? "Unexpected end of statement, expected " + word
                    : "Unexpected token: " + t);
        }
        pos++;
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.QUOTED
                || t.kind() == Token.Kind.WORD && RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
            throw Statement.syntax("Unexpected token: " + t);
        }
        return t.text();
    }

    // ---- statements ----

    private Statement statement() {
        Token first = next();
        return switch (first.text().toUpperCase(Locale.ROOT)) {
            case "SELECT" -> select();
            case "INSERT" -> insert();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "EXISTS" -> exists();
            default -> throw Statement.syntax("Unexpected token: " + first);
        };
    }

    private Statement.Select select() {
        List<Path> projection = null;
        if (!accept("*")) {
            projection = new ArrayList<>();
            do {
                projection.add(path());
            } while (accept(","));
        }
        expect("FROM");
        String table = identifier();
        String index = null;
        if (accept(".")) {
            index = identifier();
        }
        Ast.Condition where = accept("WHERE") ? condition() : null;
        boolean descending = false;
        if (accept("ORDER")) {
            expect("BY");
            do {
                path();
                if (accept("DESC")) {
                    descending = true;
                } else {
                    accept("ASC");
                }
            } while (accept(","));
        }
        return new Statement.Select(table, index, projection, where, descending);
    }

    private Statement insert() {
        expect("INTO");
        String table = identifier();
        if (peek().is("VALUES")) {
            throw Statement.validation("Unsupported operation: Inserting multiple items in a single statement is not"
                    + " supported, use \"INSERT INTO tableName VALUE item\" instead");
        }
        expect("VALUE");
        AttributeValue v = value();
        if (!v.hasM()) {
            throw Statement.validation("Unsupported operation: Inserting an item that is not a tuple is not supported");
        }
        return new Statement.Insert(table, v.m());
    }

    private Statement update() {
        String table = identifier();
        List<Ast.SetAction> set = new ArrayList<>();
        List<Path> remove = new ArrayList<>();
        List<Ast.AddAction> add = new ArrayList<>();
        List<Ast.DeleteAction> del = new ArrayList<>();
        String clause = null;
        while (true) {
            if (accept("SET")) {
                clause = "SET";
            } else if (accept("REMOVE")) {
                clause = "REMOVE";
            } else if (clause == null || !accept(",")) {
                break;
            }
            if (clause.equals("SET")) {
                assignment(set, add, del);
            } else {
                remove.add(path());
            }
        }
        if (set.isEmpty() && remove.isEmpty() && add.isEmpty() && del.isEmpty()) {
            throw Statement.syntax("Unexpected token: " + peek() + ", expected SET or REMOVE");
        }
        expect("WHERE");
        Ast.Condition where = condition();
        String returning = returning();
        return new Statement.Update(table, new Ast.Update(set, remove, add, del), where, returning);
    }

    private void assignment(List<Ast.SetAction> set, List<Ast.AddAction> add, List<Ast.DeleteAction> del) {
        Path target = path();
        expect("=");
        if (peek().is("set_add") || peek().is("set_delete")) {
            boolean adding = next().is("set_add");
            expect("(");
            Path source = path();
            expect(",");
            AttributeValue v = value();
            expect(")");
            if (!source.equals(target)) {
                throw Statement.validation("Unsupported operation: " + (adding ? "set_add" : "set_delete")
                        + " must be applied to the attribute being set");
            }
            Ast.ValueOperand operand = new Ast.ValueOperand("?", v);
            if (adding) {
                add.add(new Ast.AddAction(target, operand));
            } else {
                del.add(new Ast.DeleteAction(target, operand));
            }
            return;
        }
        Ast.Operand value = updateTerm();
        if (peek().is("+") || peek().is("-")) {
            char op = next().text().charAt(0);
            value = new Ast.Arithmetic(value, op, updateTerm());
        }
        set.add(new Ast.SetAction(target, value));
    }

    private Ast.Operand updateTerm() {
        if (peek().is("list_append") || peek().is("if_not_exists")) {
            String fn = next().text().toLowerCase(Locale.ROOT);
            expect("(");
            Ast.Operand a = updateTerm();
            expect(",");
            Ast.Operand b = updateTerm();
            expect(")");
            return new Ast.FunctionOperand(fn, List.of(a, b));
        }
        return operand();
    }

    private String returning() {
        if (!accept("RETURNING")) {
            return null;
        }
        String which = identifier().toUpperCase(Locale.ROOT);
        String age = identifier().toUpperCase(Locale.ROOT);
        expect("*");
        if (!Set.of("ALL", "MODIFIED").contains(which) || !Set.of("OLD", "NEW").contains(age)) {
            throw Statement.syntax("Unexpected token: " + which + " " + age);
        }
        return which + "_" + age;
    }

    private Statement delete() {
        expect("FROM");
        String table = identifier();
        expect("WHERE");
        Ast.Condition where = condition();
        String returning = returning();
        if (returning != null && !returning.equals("ALL_OLD")) {
            throw Statement.validation("Unsupported operation: RETURNING " + returning.replace('_', ' ')
                    + " * is not supported for DELETE, use RETURNING ALL OLD *");
        }
        return new Statement.Delete(table, where, returning);
    }

    private Statement exists() {
        expect("(");
        expect("SELECT");
        Statement.Select s = select();
        expect(")");
        if (s.where() == null) {
            throw Statement.validation("Where clause does not contain a mandatory equality on all key attributes");
        }
        return new Statement.Exists(s.table(), s.where());
    }

    // ---- conditions ----

    private Ast.Condition condition() {
        Ast.Condition c = conjunction();
        while (accept("OR")) {
            c = new Ast.Or(c, conjunction());
        }
        return c;
    }

    private Ast.Condition conjunction() {
        Ast.Condition c = negation();
        while (accept("AND")) {
            c = new Ast.And(c, negation());
        }
        return c;
    }

    private Ast.Condition negation() {
        if (accept("NOT")) {
            return new Ast.Not(negation());
        }
        if (accept("(")) {
            Ast.Condition c = condition();
            expect(")");
            return c;
        }
        for (String fn : List.of("begins_with", "contains", "attribute_type")) {
            if (peek().is(fn) && tokens.get(pos + 1).is("(")) {
                pos += 2;
                Ast.Operand a = operand();
                expect(",");
                Ast.Operand b = operand();
                expect(")");
                return new Ast.FunctionCondition(fn, List.of(a, b));
            }
        }
        Ast.Operand left = operand();
        if (accept("BETWEEN")) {
            Ast.Operand lo = operand();
            expect("AND");
            return new Ast.Between(left, lo, operand());
        }
        if (accept("IS")) {
            boolean not = accept("NOT");
            Path p = left instanceof Ast.PathOperand po ? po.path() : null;
            if (p == null) {
                throw Statement.syntax("Unexpected token: IS");
            }
            Ast.Condition c;
            if (accept("MISSING")) {
                c = new Ast.FunctionCondition("attribute_not_exists", List.of(left));
            } else {
                expect("NULL");
                c = new Ast.FunctionCondition("attribute_type", List.of(left, new Ast.ValueOperand("?", Values.s("NULL"))));
            }
            return not ? new Ast.Not(c) : c;
        }
        boolean notIn = false;
        if (peek().is("NOT") && tokens.get(pos + 1).is("IN")) {
            pos++;
            notIn = true;
        }
        if (accept("IN")) {
            String close = accept("[") ? "]" : null;
            if (close == null) {
                expect("(");
                close = ")";
            }
            List<Ast.Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(close);
            if (candidates.size() > 100) {
                throw Statement.validation("The IN operator takes at most 100 values");
            }
            Ast.Condition in = new Ast.In(left, candidates);
            return notIn ? new Ast.Not(in) : in;
        }
        Token op = next();
        if (op.kind() != Token.Kind.SYMBOL || !COMPARISONS.contains(op.text())) {
            throw Statement.syntax("Unexpected token: " + op);
        }
        return new Ast.Comparison(left, op.text().equals("!=") ? "<>" : op.text(), operand());
    }

    private Ast.Operand operand() {
        Token t = peek();
        if (t.is("size") && tokens.get(pos + 1).is("(")) {
            pos += 2;
            Ast.Operand p = operand();
            expect(")");
            return new Ast.FunctionOperand("size", List.of(p));
        }
        if (t.kind() == Token.Kind.QUOTED || t.kind() == Token.Kind.WORD && !isLiteralWord(t)) {
            return new Ast.PathOperand(path());
        }
        return new Ast.ValueOperand("?", value());
    }

    private static boolean isLiteralWord(Token t) {
        return t.is("TRUE") || t.is("FALSE") || t.is("NULL");
    }

    private Path path() {
        List<Object> elements = new ArrayList<>();
        elements.add(identifier());
        while (true) {
            if (peek().is(".") && (tokens.get(pos + 1).kind() == Token.Kind.WORD
                    || tokens.get(pos + 1).kind() == Token.Kind.QUOTED)) {
                pos++;
                elements.add(identifier());
            } else if (accept("[")) {
                Token n = next();
                if (n.kind() != Token.Kind.NUMBER || !n.text().chars().allMatch(Character::isDigit)) {
                    throw Statement.syntax("Unexpected token: " + n);
                }
                elements.add(Integer.parseInt(n.text()));
                expect("]");
            } else {
                return new Path(elements);
            }
        }
    }

    // ---- values ----

    private AttributeValue value() {
        Token t = next();
        switch (t.kind()) {
            case PARAM:
                if (nextParam >= params.size()) {
                    throw Statement.validation("Number of parameters in request and statement don't match.");
                }
                return Values.normalize(params.get(nextParam++));
            case STRING:
                return Values.s(t.text());
            case NUMBER:
                return Values.num(Values.number(t.text()));
            default:
                break;
        }
        if (t.is("-") && peek().kind() == Token.Kind.NUMBER) {
            return Values.num(Values.number("-" + next().text()));
        }
        if (t.is("TRUE") || t.is("FALSE")) {
            return AttributeValue.builder().bool(t.is("TRUE")).build();
        }
        if (t.is("NULL")) {
            return AttributeValue.builder().nul(true).build();
        }
        if (t.is("{")) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            if (!accept("}")) {
                do {
                    Token k = next();
                    if (k.kind() != Token.Kind.STRING && k.kind() != Token.Kind.QUOTED) {
                        throw Statement.syntax("Unexpected token: " + k);
                    }
                    expect(":");
                    m.put(k.text(), value());
                } while (accept(","));
                expect("}");
            }
            return AttributeValue.builder().m(m).build();
        }
        if (t.is("[")) {
            List<AttributeValue> l = new ArrayList<>();
            if (!accept("]")) {
                do {
                    l.add(value());
                } while (accept(","));
                expect("]");
            }
            return AttributeValue.builder().l(l).build();
        }
        if (t.is("<<")) {
            List<AttributeValue> elements = new ArrayList<>();
            do {
                elements.add(value());
            } while (accept(","));
            expect(">>");
            return set(elements);
        }
        throw Statement.syntax("Unexpected token: " + t);
    }

    /** A set literal: every element a string, a number or a binary, of one type. */
    private static AttributeValue set(List<AttributeValue> elements) {
        String type = Values.type(elements.get(0));
        for (AttributeValue e : elements) {
            if (!Values.type(e).equals(type) || !Set.of("S", "N", "B").contains(type)) {
                throw Statement.validation("Unsupported operation: A set must contain elements of one type: string,"
                        + " number or binary");
            }
        }
        return switch (type) {
            case "S" -> AttributeValue.builder().ss(new LinkedHashSet<>(elements.stream().map(AttributeValue::s).toList()))
                    .build();
            case "N" -> AttributeValue.builder().ns(new LinkedHashSet<>(elements.stream().map(AttributeValue::n).toList()))
                    .build();
            default -> AttributeValue.builder().bs(new LinkedHashSet<SdkBytes>(elements.stream().map(AttributeValue::b)
                    .toList())).build();
        };
    }
}
