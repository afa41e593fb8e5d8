package io.gureum.cloudwatch;

import io.gureum.cloudwatch.metrics.DataPoint;
import io.gureum.cloudwatch.metrics.MetricKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * Checks one {@link MetricDatum} of PutMetricData as CloudWatch does beyond the model's constraints
 * (API_MetricDatum, API_PutMetricData) and turns it into a stored point. Parameters are named as on the
 * query wire ({@code MetricData.member.1.Value}), as AWS words its messages.
 */
final class MetricDatumReader {
    /** "Values must be in the range of -2^360 to 2^360." */
    private static final double LIMIT = Math.pow(2, 360);
    static final int MAX_VALUES = 150;
    private static final Duration MAX_AGE = Duration.ofDays(14);
    private static final Duration MAX_AHEAD = Duration.ofHours(2);

    record Read(MetricKey key, DataPoint point) {
    }

    private MetricDatumReader() {
    }

    static Read read(String namespace, MetricDatum d, int index, long nowMillis) {
        String at = "MetricData.member." + index + ".";
        boolean hasValue = d.value() != null;
        boolean hasValues = d.hasValues() && !d.values().isEmpty();
        boolean hasSet = d.statisticValues() != null;
        if (hasValue && hasSet) {
            throw CloudWatchErrors.combination("The parameters " + at + "Value and " + at
                    + "StatisticValues are mutually exclusive and you have specified both.");
        }
        if (hasValue && hasValues) {
            throw CloudWatchErrors.combination("The parameters " + at + "Value and " + at
                    + "Values are mutually exclusive and you have specified both.");
        }
        if (hasSet && hasValues) {
            throw CloudWatchErrors.combination("The parameters " + at + "StatisticValues and " + at
                    + "Values are mutually exclusive and you have specified both.");
        }
        if (!hasValue && !hasValues && !hasSet) {
            throw CloudWatchErrors.missing("At least one of the parameters " + at + "Value, " + at
                    + "StatisticValues or " + at + "Values must be specified.");
        }
        int resolution = d.storageResolution() == null ? 60 : d.storageResolution();
        if (resolution != 1 && resolution != 60) {
            throw CloudWatchErrors.invalidValue(resolution, at + "StorageResolution");
        }
        long time = d.timestamp() == null ? nowMillis : d.timestamp().toEpochMilli();
        if (time < nowMillis - MAX_AGE.toMillis()) {
            throw CloudWatchErrors.invalidValue("The parameter " + at
                    + "Timestamp must specify a time no more than two weeks in the past.");
        }
        if (time > nowMillis + MAX_AHEAD.toMillis()) {
            throw CloudWatchErrors.invalidValue("The parameter " + at
                    + "Timestamp must specify a time no more than two hours in the future.");
        }
        String unit = d.unit() == null ? "None" : d.unitAsString();
        Map<String, String> dims = new LinkedHashMap<>();
        if (d.hasDimensions()) {
            for (Dimension dim : d.dimensions()) {
                if (dims.put(dim.name(), dim.value()) != null) {
                    throw CloudWatchErrors.invalidValue("The value " + dim.name() + " for parameter " + at
                            + "Dimensions is invalid: dimension names must be unique.");
                }
            }
        }
        MetricKey key = MetricKey.of(namespace, d.metricName(), dims);
        DataPoint point;
        if (hasValue) {
            point = DataPoint.single(time, checked(d.value(), at + "Value"), unit, resolution);
        } else if (hasSet) {
            point = statisticSet(d.statisticValues(), at + "StatisticValues.", time, unit, resolution);
        } else {
            point = values(d, at, time, unit, resolution);
        }
        return new Read(key, point);
    }

    private static DataPoint statisticSet(StatisticSet s, String at, long time, String unit, int resolution) {
        double count = checked(s.sampleCount(), at + "SampleCount");
        double sum = checked(s.sum(), at + "Sum");
        double min = checked(s.minimum(), at + "Minimum");
        double max = checked(s.maximum(), at + "Maximum");
        if (count <= 0) {
            throw CloudWatchErrors.invalidValue(s.sampleCount(), at + "SampleCount");
        }
        if (min > max) {
            throw CloudWatchErrors.invalidValue("The parameter " + at + "Minimum must be less than or equal to "
                    + at + "Maximum.");
        }
        return DataPoint.statisticSet(time, count, sum, min, max, unit, resolution);
    }

    private static DataPoint values(MetricDatum d, String at, long time, String unit, int resolution) {
        List<Double> values = d.values();
        if (values.size() > MAX_VALUES) {
            throw CloudWatchErrors.invalidValue("The collection " + at + "Values must not have a size greater than "
                    + MAX_VALUES + ".");
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = checked(values.get(i), at + "Values.member." + (i + 1));
        }
        double[] c = null;
        if (d.hasCounts() && !d.counts().isEmpty()) {
            if (d.counts().size() != values.size()) {
                throw CloudWatchErrors.invalidValue("The parameters " + at + "Values and " + at
                        + "Counts must be of the same size.");
            }
            c = new double[v.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = checked(d.counts().get(i), at + "Counts.member." + (i + 1));
                if (c[i] < 0) {
                    throw CloudWatchErrors.invalidValue(d.counts().get(i), at + "Counts.member." + (i + 1));
                }
            }
        }
        return DataPoint.values(time, v, c, unit, resolution);
    }

    private static double checked(Double value, String parameter) {
        if (value == null) {
            throw CloudWatchErrors.missing("The parameter " + parameter + " is required.");
        }
        if (value.isNaN() || value.isInfinite() || Math.abs(value) > LIMIT) {
            throw CloudWatchErrors.invalidValue(value, parameter);
        }
        return value;
    }
}
