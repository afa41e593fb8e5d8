package io.gureum.cloudwatch.math;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates metric math. Operators work element-wise: a series with a scalar point by point, two series on
 * the timestamps both have, an array member by member ("the operation is applied to each time series").
 */
public final class Evaluator {
    private final MathContext context;

    public Evaluator(MathContext context) {
        this.context = context;
    }

    /** Parses and evaluates {@code expression}. */
    public Value evaluate(String expression) {
        return eval(ExpressionParser.parse(expression));
    }

    Value eval(Expr e) {
        if (e instanceof Expr.Num n) {
            return new Value.Scalar(n.value());
        }
        if (e instanceof Expr.Str s) {
            return new Value.Text(s.text());
        }
        if (e instanceof Expr.Name n) {
            return name(n.name());
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b.op(), eval(b.left()), eval(b.right()));
        }
        Expr.Call c = (Expr.Call) e;
        return Functions.call(this, c.function(), c.args());
    }

    MathContext context() {
        return context;
    }

    private Value name(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "REPEAT", "LINEAR", "ASC", "DESC", "SUM", "AVG", "MIN", "MAX" -> new Value.Text(name.toUpperCase());
            default -> context.value(name);
        };
    }

    private Value unary(Expr.Unary u) {
        Value v = eval(u.operand());
        return "-".equals(u.op()) ? map(v, x -> -x) : map(v, x -> x == 0 ? 1 : 0);
    }

    static Value map(Value v, DoubleUnaryOperator f) {
        if (v instanceof Value.Scalar s) {
            return new Value.Scalar(f.applyAsDouble(s.value()));
        }
        if (v instanceof Value.Series s) {
            return mapSeries(s, f);
        }
        if (v instanceof Value.Array a) {
            return new Value.Array(a.series().stream().map(s -> mapSeries(s, f)).toList());
        }
        throw new MathException("A string cannot be used as a number: " + ((Value.Text) v).text());
    }

    private static Value.Series mapSeries(Value.Series s, DoubleUnaryOperator f) {
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(s.values()[i]);
        }
        return s.withValues(s.label(), s.timestamps(), out);
    }

    static Value binary(String op, Value l, Value r) {
        return combine(l, r, operator(op));
    }

    static DoubleBinaryOperator operator(String op) {
        return switch (op) {
            case "+" -> Double::sum;
            case "-" -> (a, b) -> a - b;
            case "*" -> (a, b) -> a * b;
            case "/" -> (a, b) -> a / b;
            case "^" -> Math::pow;
            case "==" -> (a, b) -> a == b ? 1 : 0;
            case "!=" -> (a, b) -> a != b ? 1 : 0;
            case "<" -> (a, b) -> a < b ? 1 : 0;
            case "<=" -> (a, b) -> a <= b ? 1 : 0;
            case ">" -> (a, b) -> a > b ? 1 : 0;
            case ">=" -> (a, b) -> a >= b ? 1 : 0;
            case "AND" -> (a, b) -> a != 0 && b != 0 ? 1 : 0;
            case "OR" -> (a, b) -> a != 0 || b != 0 ? 1 : 0;
            default -> throw new MathException("Unknown operator " + op);
        };
    }

    static Value combine(Value l, Value r, DoubleBinaryOperator f) {
        if (l instanceof Value.Text || r instanceof Value.Text) {
            throw new MathException("A string cannot be used as a number");
        }
        if (l instanceof Value.Scalar a && r instanceof Value.Scalar b) {
            return new Value.Scalar(f.applyAsDouble(a.value(), b.value()));
        }
        if (l instanceof Value.Array a) {
            List<Value.Series> out = new ArrayList<>();
            for (int i = 0; i < a.series().size(); i++) {
                Value right = r instanceof Value.Array b ? (i < b.series().size() ? b.series().get(i) : null) : r;
                if (right != null) {
                    out.add((Value.Series) combine(a.series().get(i), right, f));
                }
            }
            return new Value.Array(out);
        }
        if (r instanceof Value.Array b) {
            return new Value.Array(b.series().stream().map(s -> (Value.Series) combine(l, s, f)).toList());
        }
        if (l instanceof Value.Series s && r instanceof Value.Scalar b) {
            return mapSeries(s, x -> f.applyAsDouble(x, b.value()));
        }
        if (l instanceof Value.Scalar a && r instanceof Value.Series s) {
            return mapSeries(s, x -> f.applyAsDouble(a.value(), x));
        }
        return seriesWithSeries((Value.Series) l, (Value.Series) r, f);
    }

    private static Value.Series seriesWithSeries(Value.Series a, Value.Series b, DoubleBinaryOperator f) {
        List<Long> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long ta = a.timestamps()[i];
            long tb = b.timestamps()[j];
            if (ta == tb) {
                t.add(ta);
                v.add(f.applyAsDouble(a.values()[i], b.values()[j]));
                i++;
                j++;
            } else if (ta < tb) {
                i++;
            } else {
                j++;
            }
        }
        return a.withValues(a.label(), t.stream().mapToLong(Long::longValue).toArray(),
                v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
