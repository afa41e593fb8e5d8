package io.gureum.cloudwatch.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    static final Value.Series A = new Value.Series("a", "A", new long[] {0, 60_000, 120_000}, new double[] {1, 2, 3});
    static final Value.Series B = new Value.Series("b", "B", new long[] {60_000, 120_000}, new double[] {10, 20});

    static Value eval(String expression) {
        Map<String, Value> env = Map.of("a", A, "b", B);
        return new Evaluator(new MathContext() {
            @Override
            public Value value(String id) {
                Value v = env.get(id);
                if (v == null) {
                    throw new MathException("Unknown id " + id);
                }
                return v;
            }

            @Override
            public List<Value.Series> metrics() {
                return List.of(A, B);
            }

            @Override
            public long[] grid() {
                return new long[] {0, 60_000, 120_000, 180_000};
            }

            @Override
            public int period() {
                return 60;
            }

            @Override
            public Value.Array anomalyBand(Value.Series metric, double deviations) {
                return new Value.Array(List.of());
            }
        }).evaluate(expression);
    }

    static double[] values(Value v) {
        return ((Value.Series) v).values();
    }

    @Test
    void precedenceAndScalars() {
        assertEquals(7.0, ((Value.Scalar) eval("1 + 2 * 3")).value());
        assertEquals(9.0, ((Value.Scalar) eval("(1 + 2) * 3")).value());
        assertEquals(512.0, ((Value.Scalar) eval("2 ^ 3 ^ 2")).value());
        assertEquals(1.0, ((Value.Scalar) eval("1 < 2 AND NOT 0")).value());
        assertEquals(-1.0, ((Value.Scalar) eval("-1")).value());
    }

    @Test
    void seriesAlignOnCommonTimestamps() {
        Value.Series sum = (Value.Series) eval("a + b");
        assertArrayEquals(new long[] {60_000, 120_000}, sum.timestamps());
        assertArrayEquals(new double[] {12, 23}, sum.values());
        assertArrayEquals(new double[] {2, 4, 6}, values(eval("a * 2")));
    }

    @Test
    void functions() {
        assertEquals(2.0, ((Value.Scalar) eval("AVG(a)")).value());
        assertEquals(3.0, ((Value.Scalar) eval("MAX(a)")).value());
        assertArrayEquals(new double[] {1, 12, 23}, values(eval("SUM(METRICS())")));
        assertArrayEquals(new double[] {1, 2, 3, 3}, values(eval("FILL(a, REPEAT)")));
        assertArrayEquals(new double[] {1, 2, 3, 0}, values(eval("FILL(a, 0)")));
        assertArrayEquals(new double[] {1, 1}, values(eval("DIFF(a)")));
        assertArrayEquals(new double[] {5, 5, 5, 5}, values(eval("TIME_SERIES(5)")));
        assertArrayEquals(new double[] {2, 3}, values(eval("IF(a > 1, a)")));
        assertEquals(2, ((Value.Array) eval("METRICS()")).series().size());
        assertEquals(1, ((Value.Array) eval("METRICS(\"b\")")).series().size());
        assertEquals("b", ((Value.Series) eval("FIRST(SORT(METRICS(), MAX, DESC))")).id());
    }

    @Test
    void errors() {
        assertThrows(MathException.class, () -> eval("a +"));
        assertThrows(MathException.class, () -> eval("NOPE(a)"));
        assertThrows(MathException.class, () -> eval("zz * 2"));
        assertThrows(MathException.class, () -> eval("(a"));
    }
}
