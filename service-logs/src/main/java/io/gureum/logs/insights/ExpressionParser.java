package io.gureum.logs.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The expressions of Logs Insights QL (CWL_QuerySyntax-operations-functions.html), loosest first: {@code or},
 * {@code and}, {@code not}, comparisons with {@code like}/{@code =~}/{@code in}, {@code + -}, {@code * / %},
 * unary {@code -}, {@code ^}, then literals, fields, function calls and parentheses.
 */
final class ExpressionParser {
    private final Tokens cursor;

    ExpressionParser(Tokens cursor) {
        this.cursor = cursor;
    }

    Expr expression() {
        int start = cursor.peek().offset();
        Expr left = and();
        while (cursor.take("or")) {
            Expr right = and();
            left = new Expr.Logical(false, left, right, cursor.text(start));
        }
        return left;
    }

    private Expr and() {
        int start = cursor.peek().offset();
        Expr left = not();
        while (cursor.take("and")) {
            Expr right = not();
            left = new Expr.Logical(true, left, right, cursor.text(start));
        }
        return left;
    }

    private Expr not() {
        int start = cursor.peek().offset();
        if (cursor.take("not")) {
            Expr inner = not();
            return new Expr.Not(inner, cursor.text(start));
        }
        return comparison();
    }

    private Expr comparison() {
        int start = cursor.peek().offset();
        Expr left = additive();
        boolean negated = false;
        if (cursor.peek().is("not") && (cursor.peekAt(1).is("like") || cursor.peekAt(1).is("in"))) {
            cursor.next();
            negated = true;
        }
        if (cursor.take("like") || (!negated && cursor.take("=~"))) {
            Token p = cursor.next();
            Pattern pattern = switch (p.kind()) {
                case STRING -> Pattern.compile(Pattern.quote(p.text()));
                case REGEX -> Tokens.regex(p);
                default -> throw MalformedQuery.at(p);
            };
            return new Expr.Like(left, pattern, negated, cursor.text(start));
        }
        if (cursor.take("in")) {
            cursor.expect("[");
            List<Expr> list = new ArrayList<>();
            if (!cursor.peek().is("]")) {
                do {
                    list.add(additive());
                } while (cursor.take(","));
            }
            cursor.expect("]");
            return new Expr.In(left, list, negated, cursor.text(start));
        }
        if (negated) {
            throw MalformedQuery.at(cursor.peek());
        }
        for (String op : List.of("=", "==", "!=", "<", ">", "<=", ">=")) {
            if (cursor.peek().kind() == Token.Kind.SYMBOL && cursor.peek().text().equals(op)) {
                cursor.next();
                Expr right = additive();
                return new Expr.Compare(op, left, right, cursor.text(start));
            }
        }
        return left;
    }

    private Expr additive() {
        int start = cursor.peek().offset();
        Expr left = multiplicative();
        while (cursor.peek().is("+") || cursor.peek().is("-")) {
            String op = cursor.next().text();
            Expr right = multiplicative();
            left = new Expr.Arithmetic(op, left, right, cursor.text(start));
        }
        return left;
    }

    private Expr multiplicative() {
        int start = cursor.peek().offset();
        Expr left = unary();
        while (cursor.peek().is("*") || cursor.peek().is("/") || cursor.peek().is("%")) {
            String op = cursor.next().text();
            Expr right = unary();
            left = new Expr.Arithmetic(op, left, right, cursor.text(start));
        }
        return left;
    }

    private Expr unary() {
        int start = cursor.peek().offset();
        if (cursor.take("-")) {
            Expr inner = unary();
            return new Expr.Negate(inner, cursor.text(start));
        }
        Expr base = primary();
        if (cursor.take("^")) {
            Expr exponent = unary();
            return new Expr.Arithmetic("^", base, exponent, cursor.text(start));
        }
        return base;
    }

    Expr primary() {
        int start = cursor.peek().offset();
        Token t = cursor.next();
        switch (t.kind()) {
            case NUMBER:
                return new Expr.Literal(Double.valueOf(t.text()), t.text());
            case STRING:
                return new Expr.Literal(t.text(), cursor.text(start));
            case REGEX:
                return new Expr.Regex(Tokens.regex(t), cursor.text(start));
            case IDENT:
                if (Tokens.KEYWORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
                    throw MalformedQuery.at(t);
                }
                if (cursor.peek().is("(")) {
                    return call(t, start);
                }
                return new Expr.Field(t.text());
            case SYMBOL:
                if (t.text().equals("(")) {
                    Expr inner = expression();
                    cursor.expect(")");
                    return inner;
                }
                throw MalformedQuery.at(t);
            default:
                throw MalformedQuery.at(t);
        }
    }

    private Expr call(Token name, int start) {
        Functions.Function f = Functions.find(name.text());
        if (f == null) {
            throw MalformedQuery.at(name);
        }
        cursor.expect("(");
        List<Expr> args = new ArrayList<>();
        int durationAt = Functions.durationArgument(name.text());
        if (!cursor.peek().is(")")) {
            do {
                if (args.size() == durationAt) {
                    Token d = cursor.next();
                    if (d.kind() != Token.Kind.DURATION) {
                        throw MalformedQuery.at(d);
                    }
                    args.add(new Expr.Literal(Durations.parse(d), d.text()));
                } else {
                    args.add(expression());
                }
            } while (cursor.take(","));
        }
        Token close = cursor.expect(")");
        if (args.size() < f.minArgs() || args.size() > f.maxArgs()) {
            throw MalformedQuery.at(close);
        }
        return new Expr.Call(f, args, cursor.text(start));
    }
}
