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
    /** 2024-02-29T23:59:00Z (a Thursday) and 2025-01-05T00:01:00Z (a Sunday). */
    static final Value.Series D = new Value.Series("d", "D", new long[] {1_709_251_140_000L, 1_736_035_260_000L},
            new double[] {0, 0});
    static final List<SearchQuery.Candidate> STORE = List.of(
            new SearchQuery.Candidate("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "i-1")),
            new SearchQuery.Candidate("AWS/EC2", "CPUUtilization", Map.of("InstanceType", "t2.micro")),
            new SearchQuery.Candidate("AWS/EC2", "NetworkIn", Map.of("InstanceId", "i-1")),
            new SearchQuery.Candidate("AWS/EC2", "CPUUtilization", Map.of()));

    static Value eval(String expression) {
        Map<String, Value> env = Map.of("a", A, "b", B, "d", D);
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

            @Override
            public Value.Array search(SearchQuery query, String stat, int period) {
                return new Value.Array(STORE.stream().filter(query::matches)
                        .map(c -> new Value.Series(null, c.metricName() + " " + c.dimensions().values() + " " + stat
                                + " " + period, new long[] {0}, new double[] {1}))
                        .toList());
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

    @Test
    void dateFunctionsGiveEachTimestampsPartsInUtc() {
        assertArrayEquals(new double[] {59, 1}, values(eval("MINUTE(d)")));
        assertArrayEquals(new double[] {23, 0}, values(eval("HOUR(d)")));
        assertArrayEquals(new double[] {4, 7}, values(eval("DAY(d)")), "day of the week, Monday = 1");
        assertArrayEquals(new double[] {29, 5}, values(eval("DATE(d)")), "day of the month");
        assertArrayEquals(new double[] {2, 1}, values(eval("MONTH(d)")));
        assertArrayEquals(new double[] {2024, 2025}, values(eval("YEAR(d)")));
        assertArrayEquals(new double[] {1_709_251_140, 1_736_035_260}, values(eval("EPOCH(d)")));
        assertArrayEquals(new double[] {0, 1, 2}, values(eval("MINUTE(a)")));
        assertEquals(2, ((Value.Array) eval("HOUR(METRICS())")).series().size());
    }

    @Test
    void sliceAndConcat() {
        Value.Array all = (Value.Array) eval("CONCAT(METRICS(), a, METRICS())");
        assertEquals(List.of("a", "b", "a", "a", "b"), all.series().stream().map(Value.Series::id).toList());
        Value.Array middle = (Value.Array) eval("SLICE(CONCAT(METRICS(), d), 1, 3)");
        assertEquals(List.of("b", "d"), middle.series().stream().map(Value.Series::id).toList());
        assertEquals(List.of("b"), ((Value.Array) eval("SLICE(METRICS(), 1, 10)")).series().stream()
                .map(Value.Series::id).toList());
        assertEquals(0, ((Value.Array) eval("SLICE(METRICS(), 2, 1)")).series().size());
        assertThrows(MathException.class, () -> eval("SLICE(METRICS(), 0)"));
        assertThrows(MathException.class, () -> eval("CONCAT(1, a)"));
    }

    static List<String> labels(String expression) {
        return ((Value.Array) eval(expression)).series().stream().map(Value.Series::label).toList();
    }

    @Test
    void searchSelectsBySchemaTermsAndOperators() {
        assertEquals(List.of("CPUUtilization [i-1] Average 300", "NetworkIn [i-1] Average 300"),
                labels("SEARCH('{AWS/EC2,InstanceId}', 'Average', 300)"), "exactly those dimensions");
        assertEquals(List.of("CPUUtilization [] Sum 60"), labels("SEARCH('{AWS/EC2} CPUUtilization', 'Sum')"),
                "namespace only: the metrics with no dimensions; the period defaults to the expression's");
        assertEquals(List.of("CPUUtilization [t2.micro] Sum 60"), labels("SEARCH('micro', 'Sum')"),
                "a partial term matches a token of a dimension value");
        assertEquals(List.of(), labels("SEARCH('\"micro\"', 'Sum')"), "a quoted term matches whole values");
        assertEquals(List.of("CPUUtilization [t2.micro] Sum 60"),
                labels("SEARCH('InstanceType=\"t2.micro\"', 'Sum')"));
        assertEquals(4, labels("SEARCH('EC2', 'Sum')").size(), "EC2 is two consecutive tokens of AWS/EC2");
        assertEquals(1, labels("SEARCH('{AWS/EC2} EC2', 'Sum')").size(), "the schema applies to every term");
        assertEquals(0, labels("SEARCH('Util', 'Sum')").size(), "a partial match is by whole tokens");
        assertEquals(List.of("CPUUtilization [i-1] Sum 60", "NetworkIn [i-1] Sum 60"),
                labels("SEARCH('MetricName=\"NetworkIn\" OR (CPU AND InstanceId)', 'Sum')"),
                "CPU is a token of CPUUtilization");
        assertEquals(List.of("CPUUtilization [t2.micro] Sum 60", "CPUUtilization [] Sum 60"),
                labels("SEARCH('Utilization NOT InstanceId=\"i-1\"', 'Sum')"));
        assertEquals(List.of("CPUUtilization [i-1] Sum 60"), labels("SEARCH('cpuutilization i-1', 'Sum')"),
                "juxtaposed terms are ANDed; a partial match ignores case");
        assertThrows(MathException.class, () -> eval("SEARCH('{AWS/EC2', 'Sum')"));
        assertThrows(MathException.class, () -> eval("SEARCH('(CPU', 'Sum')"));
        assertThrows(MathException.class, () -> eval("SEARCH('CPU')"));
    }
}
