package io.gureum.cloudwatch.metrics;

/**
 * CloudWatch's retention (API_GetMetricStatistics, "Amazon CloudWatch retains metric data as follows"):
 * points of a period under 60 s for 3 hours, after which they are aggregated into 1-minute points; 1-minute
 * points for 15 days, then aggregated into 5-minute points; those for 63 days, then into 1-hour points,
 * which are kept for 455 days (15 months).
 */
public final class Rollup {
    private Rollup() {
    }

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** Age limit (ms) of points finer than {@code resolution} seconds; the roll-up resolution follows. */
    private record Step(long maxAgeMillis, int intoResolution) {
    }

    private static final Step[] STEPS = {new Step(3 * HOUR, 60), new Step(15 * DAY, 300), new Step(63 * DAY, 3600)};
    static final long MAX_AGE = 455 * DAY;

    /**
     * The resolution CloudWatch keeps data of {@code resolution} seconds at when it is {@code ageMillis} old:
     * under 60 s for 3 hours, then a minute; a minute for 15 days, then 5 minutes; 5 minutes for 63 days,
     * then an hour.
     */
    static int retainedResolution(int resolution, long ageMillis) {
        int r = resolution;
        for (Step step : STEPS) {
            if (r < step.intoResolution && ageMillis > step.maxAgeMillis) {
                r = step.intoResolution;
            }
        }
        return r;
    }
}
