package io.gureum.cloudwatch.metrics;

/**
 * One stored data point: a statistic set, the raw values behind it where they are known (needed for
 * percentiles), its unit and its storage resolution in seconds (1 = high resolution, 60 = standard; a
 * rolled-up point has the resolution of its roll-up).
 *
 * @param values the distinct raw values, or null for a statistic set whose values are unknown
 * @param counts how often each of {@code values} occurred
 */
public record DataPoint(long epochMillis, double sampleCount, double sum, double min, double max, double[] values,
        double[] counts, String unit, int resolution) {

    /** A single value. */
    public static DataPoint single(long epochMillis, double value, String unit, int resolution) {
        return new DataPoint(epochMillis, 1, value, value, value, new double[] {value}, new double[] {1}, unit,
                resolution);
    }

    /** Values with their counts (a count of 1 each when {@code counts} is null). */
    public static DataPoint values(long epochMillis, double[] values, double[] counts, String unit, int resolution) {
        double[] c = counts != null ? counts : java.util.Arrays.stream(values).map(v -> 1).toArray();
        double n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            n += c[i];
            sum += values[i] * c[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new DataPoint(epochMillis, n, sum, min, max, values.clone(), c, unit, resolution);
    }

    /**
     * A statistic set. Its values count as known, for percentiles, when SampleCount is 1 or Minimum equals
     * Maximum (API_GetMetricStatistics: "you can only retrieve percentile statistics for this data if…").
     */
    public static DataPoint statisticSet(long epochMillis, double sampleCount, double sum, double min, double max,
            String unit, int resolution) {
        boolean known = sampleCount == 1 || min == max;
        return new DataPoint(epochMillis, sampleCount, sum, min, max, known ? new double[] {min} : null,
                known ? new double[] {sampleCount} : null, unit, resolution);
    }
}
