package io.gureum.cloudwatch.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses metric math: numbers, query ids, strings, function calls, unary minus and NOT, and the binary
 * operators by rising precedence {@code OR ||}, {@code AND &&}, comparisons {@code == != < <= > >=},
 * {@code + -}, {@code * /}, {@code ^}.
 */
public final class ExpressionParser {
    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** The expression's tree; {@link MathException} when it does not parse. */
    static Expr parse(String text) {
        ExpressionParser p = new ExpressionParser(text);
        Expr e = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new MathException("Syntax error at position " + (p.pos + 1) + " of the expression " + text);
        }
        return e;
    }

    /** The query ids an expression refers to (names that are not keywords). */
    public static List<String> references(String text) {
        List<String> out = new ArrayList<>();
        collect(parse(text), out);
        return out;
    }

    /** Whether {@code text} calls {@code function} anywhere. */
    public static boolean calls(String text, String function) {
        return calls(parse(text), function);
    }

    private static boolean calls(Expr e, String function) {
        if (e instanceof Expr.Unary u) {
            return calls(u.operand(), function);
        }
        if (e instanceof Expr.Binary b) {
            return calls(b.left(), function) || calls(b.right(), function);
        }
        if (e instanceof Expr.Call c) {
            return c.function().equals(function) || c.args().stream().anyMatch(a -> calls(a, function));
        }
        return false;
    }

    private static void collect(Expr e, List<String> out) {
        if (e instanceof Expr.Name n) {
            out.add(n.name());
        } else if (e instanceof Expr.Unary u) {
            collect(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collect(a, out));
        }
    }

    private Expr or() {
        Expr left = and();
        while (true) {
            if (accept("||") || acceptWord("OR")) {
                left = new Expr.Binary("OR", left, and());
            } else {
                return left;
            }
        }
    }

    private Expr and() {
        Expr left = comparison();
        while (true) {
            if (accept("&&") || acceptWord("AND")) {
                left = new Expr.Binary("AND", left, comparison());
            } else {
                return left;
            }
        }
    }

    private Expr comparison() {
        Expr left = additive();
        for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
            if (accept(op)) {
                return new Expr.Binary(op, left, additive());
            }
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            if (accept("+")) {
                left = new Expr.Binary("+", left, multiplicative());
            } else if (accept("-")) {
                left = new Expr.Binary("-", left, multiplicative());
            } else {
                return left;
            }
        }
    }

    private Expr multiplicative() {
        Expr left = power();
        while (true) {
            if (accept("*")) {
                left = new Expr.Binary("*", left, power());
            } else if (accept("/")) {
                left = new Expr.Binary("/", left, power());
            } else {
                return left;
            }
        }
    }

    private Expr power() {
        Expr base = unary();
        if (accept("^")) {
            return new Expr.Binary("^", base, power());
        }
        return base;
    }

    private Expr unary() {
        if (accept("-")) {
            return new Expr.Unary("-", unary());
        }
        if (accept("!") || acceptWord("NOT")) {
            return new Expr.Unary("NOT", unary());
        }
        return primary();
    }

    private Expr primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw new MathException("Unexpected end of the expression " + text);
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = or();
            expect(")");
            return inner;
        }
        if (c == '"' || c == '\'') {
            int end = text.indexOf(c, pos + 1);
            if (end < 0) {
                throw new MathException("Unterminated string in the expression " + text);
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return new Expr.Str(s);
        }
        if (Character.isDigit(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
            }
            return new Expr.Num(Double.parseDouble(text.substring(start, pos)));
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!accept(")")) {
                    do {
                        args.add(or());
                    } while (accept(","));
                    expect(")");
                }
                return new Expr.Call(name.toUpperCase(Locale.ROOT), args);
            }
            return new Expr.Name(name);
        }
        throw new MathException("Unexpected character '" + c + "' in the expression " + text);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        skipSpace();
        int end = pos + word.length();
        if (text.regionMatches(true, pos, word, 0, word.length())
                && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new MathException("Expected '" + token + "' at position " + (pos + 1) + " of the expression " + text);
        }
    }
}
