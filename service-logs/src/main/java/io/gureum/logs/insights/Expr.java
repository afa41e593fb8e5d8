package io.gureum.logs.insights;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** An expression of a query, evaluated against one record (a map of field names to values). */
sealed interface Expr {
    Object eval(Map<String, Object> row);

    /** The query text it came from: unaliased {@code fields} and {@code stats} columns are named after it. */
    String text();

    record Literal(Object value, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            return value;
        }
    }

    record Field(String name) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            return row.get(name);
        }

        @Override
        public String text() {
            return name;
        }
    }

    /** A regular expression literal; alone in a filter it matches {@code @message}. */
    record Regex(Pattern pattern, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            Object m = row.get("@message");
            return m != null && pattern.matcher(Values.text(m)).find();
        }
    }

    record Not(Expr inner, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            return !Values.truthy(inner.eval(row));
        }
    }

    record Negate(Expr inner, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            Double n = Values.number(inner.eval(row));
            return n == null ? null : -n;
        }
    }

    record Logical(boolean and, Expr left, Expr right, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            boolean l = Values.truthy(left.eval(row));
            if (and ? !l : l) {
                return l;
            }
            return Values.truthy(right.eval(row));
        }
    }

    /** {@code = != < > <= >=}; false whenever a side is absent (a record without the field matches neither {@code =} nor {@code !=}). */
    record Compare(String op, Expr left, Expr right, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            Integer c = Values.compare(left.eval(row), right.eval(row));
            if (c == null) {
                return false;
            }
            return switch (op) {
                case "=", "==" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                default -> c >= 0;
            };
        }
    }

    record Arithmetic(String op, Expr left, Expr right, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            Double a = Values.number(left.eval(row));
            Double b = Values.number(right.eval(row));
            if (a == null || b == null) {
                return null;
            }
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> b == 0 ? null : a / b;
                case "%" -> b == 0 ? null : a % b;
                default -> Math.pow(a, b);
            };
        }
    }

    /**
     * {@code like "text"} (a substring), {@code like /regex/} and {@code =~ /regex/} (found anywhere in the
     * value), and their {@code not} forms (CWL_QuerySyntax-operations-functions.html, "Matches and regular expressions").
     */
    record Like(Expr value, Pattern pattern, boolean negated, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            Object v = value.eval(row);
            boolean found = v != null && pattern.matcher(Values.text(v)).find();
            return negated != found;
        }
    }

    record In(Expr value, List<Expr> list, boolean negated, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            Object v = value.eval(row);
            if (v == null) {
                return false;
            }
            boolean found = false;
            for (Expr e : list) {
                if (Values.equal(v, e.eval(row))) {
                    found = true;
                    break;
                }
            }
            return negated != found;
        }
    }

    record Call(Functions.Function function, List<Expr> args, String text) implements Expr {
        @Override
        public Object eval(Map<String, Object> row) {
            return function.apply(args, row);
        }
    }
}
