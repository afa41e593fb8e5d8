package io.gureum.logs.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The aggregation functions of {@code stats} (CWL_QuerySyntax-operations-functions.html, "Aggregation
 * functions in the stats command"): {@code avg}, {@code count}, {@code count_distinct}, {@code max},
 * {@code min}, {@code pct} (and {@code percentile}), {@code stddev}, {@code sum}, {@code earliest} and
 * {@code latest} (the value of the record with the lowest or highest {@code @timestamp}). Records without the
 * field are skipped; {@code count(*)} and {@code count()} count records.
 */
final class Aggregates {
    private Aggregates() {
    }

    /** One aggregation in a stats command: {@code pct(latency, 90) as p90}. */
    record Aggregation(String function, Expr argument, double percentile, String name) {
        Accumulator start() {
            return new Accumulator(this);
        }
    }

    static boolean isAggregate(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "avg", "count", "count_distinct", "max", "min", "pct", "percentile", "stddev", "sum", "earliest",
                    "latest" -> true;
            default -> false;
        };
    }

    /** The running state of one aggregation over one group. */
    static final class Accumulator {
        private final Aggregation a;
        private long count;
        private double sum;
        private double sumSquares;
        private Object min;
        private Object max;
        private final List<Double> numbers = new ArrayList<>();
        private final Set<String> distinct = new HashSet<>();
        private Instant earliestAt;
        private Object earliest;
        private Instant latestAt;
        private Object latest;

        Accumulator(Aggregation a) {
            this.a = a;
        }

        void add(Map<String, Object> row) {
            Object v = a.argument == null ? Boolean.TRUE : a.argument.eval(row);
            if (v == null) {
                return;
            }
            count++;
            switch (a.function) {
                case "sum", "avg", "stddev", "pct", "percentile" -> {
                    Double n = Values.number(v);
                    if (n != null) {
                        sum += n;
                        sumSquares += n * n;
                        numbers.add(n);
                    }
                }
                case "min", "max" -> {
                    if (min == null || Values.compare(v, min) < 0) {
                        min = v;
                    }
                    if (max == null || Values.compare(v, max) > 0) {
                        max = v;
                    }
                }
                case "count_distinct" -> distinct.add(Values.text(v));
                case "earliest", "latest" -> {
                    Instant at = Functions.instant(row.get("@timestamp"));
                    if (at != null && (earliestAt == null || at.isBefore(earliestAt))) {
                        earliestAt = at;
                        earliest = v;
                    }
                    if (at != null && (latestAt == null || !at.isBefore(latestAt))) {
                        latestAt = at;
                        latest = v;
                    }
                }
                default -> {
                }
            }
        }

        Object result() {
            return switch (a.function) {
                case "count" -> (double) count;
                case "count_distinct" -> (double) distinct.size();
                case "sum" -> numbers.isEmpty() ? null : sum;
                case "avg" -> numbers.isEmpty() ? null : sum / numbers.size();
                case "stddev" -> numbers.isEmpty() ? null : stddev();
                case "min" -> min;
                case "max" -> max;
                case "pct", "percentile" -> percentile();
                case "earliest" -> earliest;
                default -> latest;
            };
        }

        /** The sample standard deviation. */
        private double stddev() {
            int n = numbers.size();
            if (n < 2) {
                return 0;
            }
            double mean = sum / n;
            return Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)));
        }

        /** The nearest-rank percentile: the value below which {@code percentile} percent of the values lie. */
        private Double percentile() {
            if (numbers.isEmpty()) {
                return null;
            }
            List<Double> sorted = new ArrayList<>(numbers);
            Collections.sort(sorted);
            int rank = (int) Math.ceil(a.percentile / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }
}
