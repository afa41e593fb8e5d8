package io.gureum.s3.select;

import io.gureum.core.error.AwsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A parsed S3 Select statement: {@code SELECT <* | expr [AS name], … | aggregates> FROM S3Object[.path] [alias]
 * [WHERE cond] [LIMIT n]}, with column references ({@code s._1}, {@code _2}, {@code s.name}, {@code s."na me"},
 * {@code s.a.b} in JSON), literals, {@code CAST(e AS INT|FLOAT|DECIMAL|STRING|BOOL)}, {@code LOWER},
 * {@code UPPER}, {@code CHAR_LENGTH}, arithmetic, comparisons, {@code LIKE}, {@code IS [NOT] NULL},
 * {@code AND}/{@code OR}/{@code NOT}, and {@code COUNT}/{@code SUM}/{@code AVG}/{@code MIN}/{@code MAX}
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-select-sql-reference-select.html).
 */
public final class SelectSql {
    /** A row's value of a column path (null when absent). */
    public interface Row extends Function<List<String>, Object> {
    }

    /** An expression over a row. */
    public interface Expr {
        Object eval(Row row);
    }

    public record Item(Expr expr, String name, String aggregate) {
    }

    public final List<Item> items;
    public final boolean star;
    public final Expr where;
    public final long limit;
    public final boolean aggregate;

    private SelectSql(List<Item> items, boolean star, Expr where, long limit) {
        this.items = items;
        this.star = star;
        this.where = where;
        this.limit = limit;
        this.aggregate = items.stream().anyMatch(i -> i.aggregate() != null);
    }

    public static SelectSql parse(String sql) {
        return new Parser(Lexer.tokens(sql)).statement();
    }

    static AwsException parseError(String message) {
        return new AwsException("ParseUnexpectedToken", message, 400);
    }

    // ---- lexer

    private record Token(String kind, String text) {
        boolean is(String word) {
            return kind.equals("word") && text.equalsIgnoreCase(word) || kind.equals("sym") && text.equals(word);
        }
    }

    private static final class Lexer {
        static List<Token> tokens(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'') {
                    StringBuilder b = new StringBuilder();
                    i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw parseError("Unterminated string literal");
                        }
                        if (s.charAt(i) == '\'') {
                            if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                                b.append('\'');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        b.append(s.charAt(i++));
                    }
                    out.add(new Token("str", b.toString()));
                } else if (c == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) {
                        throw parseError("Unterminated quoted identifier");
                    }
                    out.add(new Token("qid", s.substring(i + 1, end)));
                    i = end + 1;
                } else if (Character.isDigit(c)) {
                    int j = i;
                    while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                        j++;
                    }
                    out.add(new Token("num", s.substring(i, j)));
                    i = j;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i;
                    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    out.add(new Token("word", s.substring(i, j)));
                    i = j;
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
                        out.add(new Token("sym", two));
                        i += 2;
                    } else if ("=<>(),.*+-/%[]".indexOf(c) >= 0) {
                        out.add(new Token("sym", String.valueOf(c)));
                        i++;
                    } else {
                        throw parseError("Unexpected character '" + c + "'");
                    }
                }
            }
            out.add(new Token("end", ""));
            return out;
        }
    }

    // ---- parser

    private static final class Parser {
        private final List<Token> t;
        private int p;
        private String alias;

        Parser(List<Token> tokens) {
            this.t = tokens;
        }

        private Token peek() {
            return t.get(p);
        }

        private Token next() {
            return t.get(p++);
        }

        private boolean accept(String word) {
            if (peek().is(word)) {
                p++;
                return true;
            }
            return false;
        }

        private void expect(String word) {
            if (!accept(word)) {
                throw parseError("Expected " + word + " but found '" + peek().text() + "'");
            }
        }

        SelectSql statement() {
            expect("SELECT");
            int projection = p;
            // skip to FROM to learn the alias first
            int depth = 0;
            while (!(depth == 0 && peek().is("FROM")) && !peek().kind().equals("end")) {
                if (peek().is("(")) {
                    depth++;
                } else if (peek().is(")")) {
                    depth--;
                }
                p++;
            }
            expect("FROM");
            Token source = next();
            if (!source.text().equalsIgnoreCase("S3Object")) {
                throw parseError("Unsupported FROM source: " + source.text());
            }
            List<String> fromPath = new ArrayList<>();
            while (accept(".") || peek().is("[")) {
                if (accept("[")) {
                    next();
                    expect("]");
                    continue;
                }
                fromPath.add(next().text());
            }
            if (accept("AS") || peek().kind().equals("word") && !peek().is("WHERE") && !peek().is("LIMIT")) {
                alias = next().text();
            }
            Expr where = null;
            if (accept("WHERE")) {
                where = or();
            }
            long limit = Long.MAX_VALUE;
            if (accept("LIMIT")) {
                limit = Long.parseLong(next().text());
            }
            if (!peek().kind().equals("end")) {
                throw parseError("Unexpected token '" + peek().text() + "'");
            }
            int end = p;
            p = projection;
            boolean star = false;
            List<Item> items = new ArrayList<>();
            if (accept("*")) {
                star = true;
            } else {
                int index = 1;
                do {
                    items.add(item(index++));
                } while (accept(","));
            }
            p = end;
            return new SelectSql(items, star, where, limit);
        }

        private Item item(int index) {
            String agg = null;
            Expr e;
            Token first = peek();
            String upper = first.text().toUpperCase(Locale.ROOT);
            if (first.kind().equals("word") && List.of("COUNT", "SUM", "AVG", "MIN", "MAX").contains(upper)
                    && t.get(p + 1).is("(")) {
                p += 2;
                agg = upper;
                e = accept("*") ? row -> Boolean.TRUE : or();
                expect(")");
            } else {
                e = or();
            }
            String name = "_" + index;
            if (accept("AS")) {
                name = next().text();
            } else if (agg == null && e instanceof Column c) {
                name = c.path.get(c.path.size() - 1);
            }
            return new Item(e, name, agg);
        }

        private Expr or() {
            Expr left = and();
            while (accept("OR")) {
                Expr l = left;
                Expr r = and();
                left = row -> truth(l.eval(row)) || truth(r.eval(row));
            }
            return left;
        }

        private Expr and() {
            Expr left = not();
            while (accept("AND")) {
                Expr l = left;
                Expr r = not();
                left = row -> truth(l.eval(row)) && truth(r.eval(row));
            }
            return left;
        }

        private Expr not() {
            if (accept("NOT")) {
                Expr e = not();
                return row -> !truth(e.eval(row));
            }
            return comparison();
        }

        private Expr comparison() {
            Expr left = additive();
            if (accept("IS")) {
                boolean negate = accept("NOT");
                expect("NULL");
                return row -> (left.eval(row) == null) != negate;
            }
            boolean negate = accept("NOT");
            if (accept("LIKE")) {
                Expr pattern = additive();
                return row -> {
                    Object v = left.eval(row);
                    Object pat = pattern.eval(row);
                    return v != null && pat != null && like(pat.toString()).matcher(v.toString()).matches() != negate;
                };
            }
            if (accept("BETWEEN")) {
                Expr low = additive();
                expect("AND");
                Expr high = additive();
                return row -> {
                    Object v = left.eval(row);
                    return v != null && compare(v, low.eval(row)) >= 0 && compare(v, high.eval(row)) <= 0 != negate;
                };
            }
            if (accept("IN")) {
                expect("(");
                List<Expr> options = new ArrayList<>();
                do {
                    options.add(additive());
                } while (accept(","));
                expect(")");
                return row -> {
                    Object v = left.eval(row);
                    boolean found = v != null && options.stream().anyMatch(o -> compare(v, o.eval(row)) == 0);
                    return found != negate;
                };
            }
            for (String op : List.of("=", "!=", "<>", "<=", ">=", "<", ">")) {
                if (accept(op)) {
                    Expr right = additive();
                    return row -> {
                        Object a = left.eval(row);
                        Object b = right.eval(row);
                        if (a == null || b == null) {
                            return false;
                        }
                        int c = compare(a, b);
                        return switch (op) {
                            case "=" -> c == 0;
                            case "!=", "<>" -> c != 0;
                            case "<=" -> c <= 0;
                            case ">=" -> c >= 0;
                            case "<" -> c < 0;
                            default -> c > 0;
                        };
                    };
                }
            }
            return left;
        }

        private Expr additive() {
            Expr left = multiplicative();
            while (peek().is("+") || peek().is("-")) {
                String op = next().text();
                Expr l = left;
                Expr r = multiplicative();
                left = row -> arithmetic(op, l.eval(row), r.eval(row));
            }
            return left;
        }

        private Expr multiplicative() {
            Expr left = primary();
            while (peek().is("*") || peek().is("/") || peek().is("%")) {
                String op = next().text();
                Expr l = left;
                Expr r = primary();
                left = row -> arithmetic(op, l.eval(row), r.eval(row));
            }
            return left;
        }

        private Expr primary() {
            Token tok = next();
            switch (tok.kind()) {
                case "str":
                    return row -> tok.text();
                case "num":
                    BigDecimal n = new BigDecimal(tok.text());
                    return row -> n;
                case "sym":
                    if (tok.text().equals("(")) {
                        Expr e = or();
                        expect(")");
                        return e;
                    }
                    if (tok.text().equals("-")) {
                        Expr e = primary();
                        return row -> arithmetic("-", BigDecimal.ZERO, e.eval(row));
                    }
                    throw parseError("Unexpected token '" + tok.text() + "'");
                default:
                    break;
            }
            String word = tok.text();
            String upper = word.toUpperCase(Locale.ROOT);
            if (tok.kind().equals("word")) {
                if (upper.equals("NULL")) {
                    return row -> null;
                }
                if (upper.equals("TRUE") || upper.equals("FALSE")) {
                    boolean b = upper.equals("TRUE");
                    return row -> b;
                }
                if (peek().is("(")) {
                    return function(upper);
                }
            }
            List<String> path = new ArrayList<>();
            if (!(alias != null && word.equals(alias) && peek().is(".")) && !(word.equalsIgnoreCase("S3Object")
                    && peek().is("."))) {
                path.add(word);
            }
            while (accept(".")) {
                path.add(next().text());
            }
            if (path.isEmpty()) {
                throw parseError("Expected a column after '" + word + ".'");
            }
            return new Column(path);
        }

        private Expr function(String name) {
            expect("(");
            if (name.equals("CAST")) {
                Expr e = or();
                expect("AS");
                String type = next().text().toUpperCase(Locale.ROOT);
                expect(")");
                return row -> cast(e.eval(row), type);
            }
            List<Expr> args = new ArrayList<>();
            if (!peek().is(")")) {
                do {
                    args.add(or());
                } while (accept(","));
            }
            expect(")");
            return switch (name) {
                case "LOWER" -> row -> str(args.get(0).eval(row), String::toLowerCase);
                case "UPPER" -> row -> str(args.get(0).eval(row), String::toUpperCase);
                case "CHAR_LENGTH", "CHARACTER_LENGTH" -> row -> {
                    Object v = args.get(0).eval(row);
                    return v == null ? null : BigDecimal.valueOf(v.toString().length());
                };
                case "TRIM" -> row -> str(args.get(0).eval(row), String::trim);
                case "COALESCE" -> row -> {
                    for (Expr a : args) {
                        Object v = a.eval(row);
                        if (v != null) {
                            return v;
                        }
                    }
                    return null;
                };
                default -> throw new AwsException("UnsupportedFunction", "Function " + name + " is not supported.",
                        400);
            };
        }
    }

    /** A column reference: a position ({@code _1}) or a name, nested for JSON. */
    public record Column(List<String> path) implements Expr {
        @Override
        public Object eval(Row row) {
            return row.apply(path);
        }
    }

    // ---- values

    static boolean truth(Object v) {
        return v instanceof Boolean b ? b : v != null && v.toString().equalsIgnoreCase("true");
    }

    private static Object str(Object v, Function<String, String> f) {
        return v == null ? null : f.apply(v.toString());
    }

    static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return v == null ? null : new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Numbers compare as numbers (a CSV field that reads as one included), everything else as text. */
    static int compare(Object a, Object b) {
        BigDecimal x = a instanceof BigDecimal || b instanceof BigDecimal ? number(a) : null;
        BigDecimal y = x == null ? null : number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.toString().compareTo(b.toString());
    }

    private static Object arithmetic(String op, Object a, Object b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x == null || y == null) {
            return null;
        }
        return switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            case "%" -> x.remainder(y);
            default -> y.signum() == 0 ? null : x.divide(y, java.math.MathContext.DECIMAL64);
        };
    }

    private static Object cast(Object v, String type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case "INT", "INTEGER", "BIGINT" -> {
                BigDecimal n = number(v);
                if (n == null) {
                    throw new AwsException("CastFailed", "Attempt to convert from one data type to another using "
                            + "CAST failed in the SQL expression.", 400);
                }
                return new BigDecimal(n.toBigInteger());
            }
            case "FLOAT", "DECIMAL", "NUMERIC", "REAL", "DOUBLE" -> {
                BigDecimal n = number(v);
                if (n == null) {
                    throw new AwsException("CastFailed", "Attempt to convert from one data type to another using "
                            + "CAST failed in the SQL expression.", 400);
                }
                return n;
            }
            case "STRING", "VARCHAR", "CHAR" -> {
                return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
            }
            case "BOOL", "BOOLEAN" -> {
                return truth(v);
            }
            default -> throw new AwsException("InvalidCast", "Attempt to convert from one data type to another "
                    + "using CAST failed in the SQL expression.", 400);
        }
    }

    private static Pattern like(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(switch (c) {
                case '%' -> ".*";
                case '_' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
