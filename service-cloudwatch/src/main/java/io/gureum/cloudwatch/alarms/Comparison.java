package io.gureum.cloudwatch.alarms;

/** The ComparisonOperator values: whether a datapoint breaches, and how AWS words the comparison. */
enum Comparison {
    GreaterThanOrEqualToThreshold("greater than or equal to the threshold", false),
    GreaterThanThreshold("greater than the threshold", false),
    LessThanThreshold("less than the threshold", false),
    LessThanOrEqualToThreshold("less than or equal to the threshold", false),
    LessThanLowerOrGreaterThanUpperThreshold("outside the band", true),
    LessThanLowerThreshold("less than the lower thresholds", true),
    GreaterThanUpperThreshold("greater than the upper thresholds", true);

    final String words;
    final boolean band;

    Comparison(String words, boolean band) {
        this.words = words;
        this.band = band;
    }

    boolean breaches(double value, double threshold, double lower, double upper) {
        return switch (this) {
            case GreaterThanOrEqualToThreshold -> value >= threshold;
            case GreaterThanThreshold -> value > threshold;
            case LessThanThreshold -> value < threshold;
            case LessThanOrEqualToThreshold -> value <= threshold;
            case LessThanLowerOrGreaterThanUpperThreshold -> value < lower || value > upper;
            case LessThanLowerThreshold -> value < lower;
            case GreaterThanUpperThreshold -> value > upper;
        };
    }

    static Comparison of(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
