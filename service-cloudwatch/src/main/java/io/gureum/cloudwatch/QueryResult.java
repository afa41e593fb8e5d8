package io.gureum.cloudwatch;

/**
 * One time series a metric data query produced (an expression over an array produces several with its id).
 *
 * @param timestamps ascending epoch milliseconds
 */
public record QueryResult(String id, String label, long[] timestamps, double[] values, boolean returnData) {
}
