package io.gureum.cloudwatch.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Period arithmetic of GetMetricStatistics and GetMetricData: which periods are valid, how the start time
 * is rounded, and the periods a time range is cut into.
 */
public final class Periods {
    private static final long DAY = 86_400_000L;

    private Periods() {
    }

    /** 1, 5, 10, 20, 30, 60 or a multiple of 60 (API_GetMetricStatistics, Period). */
    public static boolean validQueryPeriod(int period) {
        return period == 1 || period == 5 || period == 10 || period == 20 || period == 30
                || (period > 0 && period % 60 == 0);
    }

    /** 10, 20, 30 or a multiple of 60 (API_PutMetricAlarm, Period). */
    public static boolean validAlarmPeriod(int period) {
        return period == 10 || period == 20 || period == 30 || (period > 0 && period % 60 == 0);
    }

    /**
     * The start time rounded as API_GetMetricStatistics says: to the minute when less than 15 days ago,
     * to 5 minutes up to 63 days, to the hour before that; to the period's division of a minute for
     * periods under a minute.
     */
    public static long roundStart(long startMillis, int period, long nowMillis) {
        long age = nowMillis - startMillis;
        long unit = period < 60 ? period * 1000L : age > 63 * DAY ? 3_600_000L : age > 15 * DAY ? 300_000L : 60_000L;
        return Math.floorDiv(startMillis, unit) * unit;
    }

    /**
     * Whether data of this age can be read at this period: older than 3 hours needs a multiple of 60,
     * older than 15 days of 300, older than 63 days of 3600 ("or no data points in that time range is returned").
     */
    public static boolean readable(long startMillis, int period, long nowMillis) {
        long age = nowMillis - startMillis;
        if (age > 63 * DAY) {
            return period % 3600 == 0;
        }
        if (age > 15 * DAY) {
            return period % 300 == 0;
        }
        if (age > 3 * 3_600_000L) {
            return period % 60 == 0;
        }
        return true;
    }

    /** The period start times from the rounded start up to (not including) the end. */
    public static List<Long> starts(long roundedStart, long end, int period) {
        List<Long> out = new ArrayList<>();
        for (long t = roundedStart; t < end; t += period * 1000L) {
            out.add(t);
        }
        return out;
    }

    /** How many periods the range holds, without listing them. */
    public static long count(long roundedStart, long end, int period) {
        return end <= roundedStart ? 0 : (end - roundedStart + period * 1000L - 1) / (period * 1000L);
    }
}
