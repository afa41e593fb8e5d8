package io.gureum.cloudwatch.math;

import java.util.List;

/** What a metric math expression evaluates to: a number, a time series, or an array of time series. */
public sealed interface Value permits Value.Scalar, Value.Series, Value.Array, Value.Text {

    record Scalar(double value) implements Value {
    }

    /**
     * A time series: ascending timestamps (epoch ms) and their values.
     *
     * @param id the query id it came from, for METRICS("filter") and labels
     */
    record Series(String id, String label, long[] timestamps, double[] values) implements Value {
        public int size() {
            return timestamps.length;
        }

        public Series withValues(String newLabel, long[] t, double[] v) {
            return new Series(id, newLabel, t, v);
        }
    }

    record Array(List<Series> series) implements Value {
    }

    /** A string or keyword argument (METRICS("m"), FILL(m, REPEAT)). */
    record Text(String text) implements Value {
    }
}
