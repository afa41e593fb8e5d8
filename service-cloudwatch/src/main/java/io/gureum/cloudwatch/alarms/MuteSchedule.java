package io.gureum.cloudwatch.alarms;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An alarm mute rule's schedule (API_Schedule): {@code cron(Minutes Hours Day-of-month Month Day-of-week)}, five
 * fields with {@code *}, {@code -} and {@code ,} and English month and day names, recurring; or
 * {@code at(yyyy-MM-ddThh:mm)}, once; a {@code Duration} in ISO 8601 from {@code PT1M} to {@code P15D}; local times in
 * {@code Timezone} (UTC by default). As in standard cron, when both day fields are restricted a day matching either
 * one matches.
 */
record MuteSchedule(String expression, Duration duration, ZoneId zone, LocalDateTime at, BitSet minutes,
        BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, boolean anyDayOfMonth,
        boolean anyDayOfWeek) {
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofDays(15);
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** How far ahead an occurrence is looked for (a cron naming 29 February finds one within 8 years). */
    private static final int DAYS_AHEAD = 366 * 8;

    /** Parses a schedule; {@link IllegalArgumentException} naming the member that is invalid. */
    static MuteSchedule parse(String expression, String duration, String timezone) {
        ZoneId zone;
        try {
            zone = timezone == null ? java.time.ZoneOffset.UTC : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Timezone");
        }
        Duration d;
        try {
            d = Duration.parse(duration);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Duration");
        }
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("Duration");
        }
        String t = expression.trim();
        if (t.startsWith("at(") && t.endsWith(")")) {
            String body = t.substring(3, t.length() - 1);
            if (!body.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
                throw new IllegalArgumentException("Expression");
            }
            try {
                return new MuteSchedule(expression, d, zone, LocalDateTime.parse(body), null, null, null, null, null,
                        false, false);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Expression");
            }
        }
        if (!t.startsWith("cron(") || !t.endsWith(")")) {
            throw new IllegalArgumentException("Expression");
        }
        String[] f = t.substring(5, t.length() - 1).trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("Expression");
        }
        try {
            BitSet dow = field(f[4], 0, 7, DAYS);
            if (dow.get(7)) {
                dow.set(0); // 7 is Sunday too
            }
            return new MuteSchedule(expression, d, zone, null, field(f[0], 0, 59, null), field(f[1], 0, 23, null),
                    field(f[2], 1, 31, null), field(f[3], 1, 12, MONTHS), dow, f[2].equals("*"), f[4].equals("*"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Expression");
        }
    }

    private static BitSet field(String text, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            if (item.equals("*")) {
                set.set(min, max + 1);
                continue;
            }
            int dash = item.indexOf('-');
            int from = number(dash > 0 ? item.substring(0, dash) : item, min, max, names);
            int to = dash > 0 ? number(item.substring(dash + 1), min, max, names) : from;
            if (to < from) {
                throw new IllegalArgumentException(item);
            }
            set.set(from, to + 1);
        }
        return set;
    }

    private static int number(String text, int min, int max, List<String> names) {
        if (names != null) {
            int i = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (i >= 0) {
                return names == MONTHS ? i + 1 : i;
            }
        }
        if (!text.matches("\\d{1,2}")) {
            throw new IllegalArgumentException(text);
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(text);
        }
        return v;
    }

    boolean oneTime() {
        return at != null;
    }

    /** The instant of an {@code at} schedule (the earlier one of a repeated local time). */
    Instant atInstant() {
        return ZonedDateTime.ofLocal(at, zone, null).toInstant();
    }

    /** The first start of a mute window strictly after {@code after}, if any. */
    Optional<Instant> next(Instant after) {
        if (at != null) {
            Instant i = atInstant();
            return i.isAfter(after) ? Optional.of(i) : Optional.empty();
        }
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int n = 0; n < DAYS_AHEAD; n++, day = day.plusDays(1)) {
            if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    LocalDateTime local = LocalDateTime.of(day, LocalTime.of(h, m));
                    if (zone.getRules().getValidOffsets(local).isEmpty()) {
                        continue; // skipped when the clocks spring forward
                    }
                    Instant i = ZonedDateTime.ofLocal(local, zone, null).toInstant();
                    if (i.isAfter(after)) {
                        return Optional.of(i);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth && anyDayOfWeek) {
            return true;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }

    /** The start of the mute window {@code now} is in, if it is in one. */
    Optional<Instant> windowAt(Instant now) {
        return next(now.minus(duration)).filter(start -> !start.isAfter(now));
    }
}
