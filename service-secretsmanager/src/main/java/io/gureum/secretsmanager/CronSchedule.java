package io.gureum.secretsmanager;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A rotation {@code cron()} expression: six fields — minutes, hours, day of month, month, day of week
 * (1–7 = SUN–SAT) and year — in UTC, with {@code *}, {@code ?}, lists, ranges, {@code /} steps, month and
 * day names and {@code L} (last day of the month)
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html).
 */
final class CronSchedule {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11),
            Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
            "FRI", 6, "SAT", 7);
    private static final int SEARCH_DAYS = 366 * 5;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final boolean lastDayOfMonth;
    private final boolean anyDayOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfWeek;
    private final BitSet years;

    private CronSchedule(String[] f) {
        minutes = field(f[0], 0, 59, Map.of());
        hours = field(f[1], 0, 23, Map.of());
        lastDayOfMonth = f[2].equals("L");
        anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
        daysOfMonth = lastDayOfMonth ? new BitSet() : field(f[2], 1, 31, Map.of());
        months = field(f[3], 1, 12, MONTHS);
        anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
        daysOfWeek = field(f[4], 1, 7, DAYS);
        years = field(f[5], 1970, 2199, Map.of());
    }

    /** Parses the inside of {@code cron(...)}; IllegalArgumentException if it is not a valid expression. */
    static CronSchedule parse(String body) {
        String[] f = body.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a cron expression has six fields");
        }
        return new CronSchedule(f);
    }

    /** The first minute strictly after {@code after} that the expression matches, or null within five years. */
    Instant next(Instant after) {
        ZonedDateTime from = after.atZone(ZoneOffset.UTC);
        LocalDate day = from.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!matches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    Instant candidate = day.atTime(h, m).toInstant(ZoneOffset.UTC);
                    if (candidate.isAfter(after)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue()) || !years.get(day.getYear())) {
            return false;
        }
        boolean dom = lastDayOfMonth ? day.getDayOfMonth() == day.lengthOfMonth() : daysOfMonth.get(day.getDayOfMonth());
        int dowNumber = day.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : day.getDayOfWeek().getValue() + 1;
        boolean dow = daysOfWeek.get(dowNumber);
        if (anyDayOfWeek) {
            return dom;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        return dom && dow;
    }

    private static BitSet field(String text, int min, int max, Map<String, Integer> names) {
        BitSet out = new BitSet();
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
                if (step < 1) {
                    throw new IllegalArgumentException("step");
                }
            }
            int lo;
            int hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                lo = value(ends[0], names);
                hi = value(ends[1], names);
            } else {
                lo = value(range, names);
                hi = slash >= 0 ? max : lo;
            }
            if (lo < min || hi > max || lo > hi) {
                throw new IllegalArgumentException("out of range: " + part);
            }
            for (int v = lo; v <= hi; v += step) {
                out.set(v);
            }
        }
        return out;
    }

    private static int value(String text, Map<String, Integer> names) {
        Integer named = names.get(text);
        return named != null ? named : Integer.parseInt(text);
    }
}
