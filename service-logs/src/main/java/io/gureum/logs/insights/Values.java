package io.gureum.logs.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Values in a query: text, numbers (doubles), booleans, timestamps ({@link Instant}) or absent (null). Text
 * that reads as a number compares and computes as one, as parsed fields do in Logs Insights.
 */
final class Values {
    /** How Logs Insights prints {@code @timestamp} and {@code bin()} in results: {@code 2024-01-31 12:00:00.000}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private Values() {
    }

    static Double number(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Instant t) {
            return (double) t.toEpochMilli();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return !text(v).isEmpty();
    }

    /** The text of a value as results show it: integers without a fraction, timestamps in UTC. */
    static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return Double.toString(d);
        }
        if (v instanceof Instant t) {
            return TIMESTAMP.format(t);
        }
        return v.toString();
    }

    /** Numbers compare as numbers when both sides are numeric, else as text; null when either side is absent. */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Instant || b instanceof Instant) {
            Double x = number(a);
            Double y = number(b);
            if (x != null && y != null) {
                return Double.compare(x, y);
            }
        }
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        return text(a).compareTo(text(b));
    }

    static boolean equal(Object a, Object b) {
        Integer c = compare(a, b);
        return c != null && c == 0;
    }
}
