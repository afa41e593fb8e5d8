package io.gureum.logs.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * AWS's six-field cron (minutes, hours, day-of-month, month, day-of-week 1=SUN…7=SAT, year) with {@code *},
 * {@code ?}, lists, ranges, steps and month and day names. {@code L}, {@code W} and {@code #} are refused.
 */
final class Cron implements Schedule {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Runs are searched minute by minute up to this far ahead (a little over four years, for February 29th). */
    private static final long HORIZON_MINUTES = 4L * 366 * 24 * 60 + 1;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Cron(String[] f) {
        minutes = field(f[0], 0, 59, null, 0);
        hours = field(f[1], 0, 23, null, 0);
        anyDayOfMonth = f[2].equals("?") || f[2].equals("*");
        daysOfMonth = field(f[2], 1, 31, null, 0);
        months = field(f[3], 1, 12, MONTHS, 1);
        anyDayOfWeek = f[4].equals("?") || f[4].equals("*");
        daysOfWeek = field(f[4], 1, 7, DAYS, 1);
        years = field(f[5], 1970, 2199, null, 0);
        if (!f[2].equals("?") && !f[4].equals("?")) {
            throw new IllegalArgumentException("Either day-of-month or day-of-week must be '?'.");
        }
    }

    static Cron parse(String body) {
        String[] f = body.strip().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("A cron expression has six fields.");
        }
        return new Cron(f);
    }

    private static BitSet field(String text, int min, int max, String[] names, int nameBase) {
        BitSet out = new BitSet();
        if (text.equals("*") || text.equals("?")) {
            out.set(min, max + 1);
            return out;
        }
        for (String part : text.split(",")) {
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null, 0);
                part = part.substring(0, slash);
            }
            int from;
            int to;
            if (part.equals("*")) {
                from = min;
                to = max;
            } else if (part.contains("-")) {
                String[] r = part.split("-", 2);
                from = number(r[0], min, max, names, nameBase);
                to = number(r[1], min, max, names, nameBase);
            } else {
                from = number(part, min, max, names, nameBase);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("Invalid range in cron field " + text);
            }
            for (int i = from; i <= to; i += step) {
                out.set(i);
            }
        }
        return out;
    }

    private static int number(String text, int min, int max, String[] names, int nameBase) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return i + nameBase;
                }
            }
        }
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid cron value " + text);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("Cron value " + n + " is out of range " + min + "-" + max);
        }
        return n;
    }

    @Override
    public Instant next(Instant after, ZoneId zone) {
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime local = t.toLocalDateTime();
        for (long i = 0; i < HORIZON_MINUTES; i++, local = local.plusMinutes(1)) {
            if (!years.get(local.getYear()) || !months.get(local.getMonthValue())) {
                continue;
            }
            boolean dom = daysOfMonth.get(local.getDayOfMonth());
            boolean dow = daysOfWeek.get(local.getDayOfWeek().getValue() % 7 + 1);
            if (!(anyDayOfMonth ? dow : anyDayOfWeek ? dom : dom && dow)) {
                local = local.withHour(23).withMinute(59);
                continue;
            }
            if (hours.get(local.getHour()) && minutes.get(local.getMinute())) {
                Instant at = local.atZone(zone).toInstant();
                if (at.isAfter(after)) {
                    return at;
                }
            }
        }
        return null;
    }
}
