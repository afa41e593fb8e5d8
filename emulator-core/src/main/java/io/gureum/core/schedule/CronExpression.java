package io.gureum.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Optional;

/**
 * {@code cron(minutes hours day-of-month month day-of-week year)}, AWS's six-field cron: one of the two
 * day fields must be {@code ?}; day-of-month also takes {@code L}, {@code LW} and {@code nW}, day-of-week
 * ({@code 1}=SUN … {@code 7}=SAT) {@code nL} and {@code n#k}
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based).
 *
 * <p>Times are local to the schedule's zone. A local time the zone skips when it springs forward does not
 * occur, and a repeated local time when it falls back occurs once, at its first instant ("When the time
 * shifts forward in Spring, your schedule invocation gets skipped … When the time shifts back in the
 * Fall, your schedule runs only once",
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time).
 */
public final class CronExpression implements ScheduleExpression {
    private static final int LAST_YEAR = 2199;

    private final BitSet minutes;
    private final BitSet hours;
    private final DayOfMonth dayOfMonth;
    private final BitSet months;
    private final DayOfWeekRule dayOfWeek;
    private final BitSet years;

    private CronExpression(BitSet minutes, BitSet hours, DayOfMonth dayOfMonth, BitSet months,
            DayOfWeekRule dayOfWeek, BitSet years) {
        this.minutes = minutes;
        this.hours = hours;
        this.dayOfMonth = dayOfMonth;
        this.months = months;
        this.dayOfWeek = dayOfWeek;
        this.years = years;
    }

    static CronExpression parse(String body) {
        String[] f = body.trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException(body);
        }
        boolean anyDom = f[2].equals("?");
        boolean anyDow = f[4].equals("?");
        if (anyDom == anyDow) {
            throw new IllegalArgumentException(body);
        }
        return new CronExpression(CronField.parse(f[0], 0, 59, null), CronField.parse(f[1], 0, 23, null),
                anyDom ? null : DayOfMonth.parse(f[2]), CronField.parse(f[3], 1, 12, CronField.MONTHS),
                anyDow ? null : DayOfWeekRule.parse(f[4]), CronField.parse(f[5], 1970, LAST_YEAR, null));
    }

    @Override
    public Optional<Instant> next(Instant after, Instant anchor, ZoneId zone) {
        LocalDate day = after.atZone(zone).toLocalDate();
        while (day.getYear() <= LAST_YEAR) {
            if (!years.get(day.getYear())) {
                day = LocalDate.of(day.getYear() + 1, 1, 1);
                continue;
            }
            if (!months.get(day.getMonthValue())) {
                day = day.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (matches(day)) {
                Optional<Instant> time = firstTime(day, after, zone);
                if (time.isPresent()) {
                    return time;
                }
            }
            day = day.plusDays(1);
        }
        return Optional.empty();
    }

    private boolean matches(LocalDate day) {
        return dayOfMonth != null ? dayOfMonth.matches(day) : dayOfWeek.matches(day);
    }

    private Optional<Instant> firstTime(LocalDate day, Instant after, ZoneId zone) {
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                LocalDateTime local = LocalDateTime.of(day, LocalTime.of(h, m));
                if (zone.getRules().getValidOffsets(local).isEmpty()) {
                    continue; // skipped by spring forward
                }
                Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant(); // earlier offset of an overlap
                if (at.isAfter(after)) {
                    return Optional.of(at);
                }
            }
        }
        return Optional.empty();
    }

    /** Day-of-month: a set of days, the last day ({@code L}), the last weekday ({@code LW}) or the weekday nearest a day ({@code nW}). */
    private record DayOfMonth(BitSet days, boolean last, boolean lastWeekday, int nearestWeekdayTo) {
        static DayOfMonth parse(String text) {
            if (text.equals("L")) {
                return new DayOfMonth(null, true, false, 0);
            }
            if (text.equals("LW")) {
                return new DayOfMonth(null, false, true, 0);
            }
            if (text.endsWith("W")) {
                return new DayOfMonth(null, false, false, CronField.number(text.substring(0, text.length() - 1), 1, 31,
                        null));
            }
            return new DayOfMonth(CronField.parse(text, 1, 31, null), false, false, 0);
        }

        boolean matches(LocalDate day) {
            int length = day.lengthOfMonth();
            if (last) {
                return day.getDayOfMonth() == length;
            }
            if (lastWeekday) {
                return day.equals(weekdayNear(day.withDayOfMonth(length)));
            }
            if (nearestWeekdayTo > 0) {
                return nearestWeekdayTo <= length && day.equals(weekdayNear(day.withDayOfMonth(nearestWeekdayTo)));
            }
            return days.get(day.getDayOfMonth());
        }

        /** The weekday nearest {@code d} within its month. */
        private static LocalDate weekdayNear(LocalDate d) {
            DayOfWeek w = d.getDayOfWeek();
            if (w == DayOfWeek.SATURDAY) {
                return d.getDayOfMonth() == 1 ? d.plusDays(2) : d.minusDays(1);
            }
            if (w == DayOfWeek.SUNDAY) {
                return d.getDayOfMonth() == d.lengthOfMonth() ? d.minusDays(2) : d.plusDays(1);
            }
            return d;
        }
    }

    /** Day-of-week: a set of days (1=SUN), the last given day of the month ({@code nL}) or the k-th ({@code n#k}). */
    private record DayOfWeekRule(BitSet days, int lastOf, int nth, int nthDay) {
        static DayOfWeekRule parse(String text) {
            if (text.equals("L")) {
                return new DayOfWeekRule(CronField.parse("7", 1, 7, CronField.DAYS), 0, 0, 0);
            }
            if (text.length() > 1 && text.endsWith("L")) {
                return new DayOfWeekRule(null, CronField.number(text.substring(0, text.length() - 1), 1, 7,
                        CronField.DAYS), 0, 0);
            }
            int hash = text.indexOf('#');
            if (hash > 0) {
                return new DayOfWeekRule(null, 0, CronField.number(text.substring(hash + 1), 1, 5, null),
                        CronField.number(text.substring(0, hash), 1, 7, CronField.DAYS));
            }
            return new DayOfWeekRule(CronField.parse(text, 1, 7, CronField.DAYS), 0, 0, 0);
        }

        boolean matches(LocalDate day) {
            int dow = day.getDayOfWeek().getValue() % 7 + 1; // SUN=1 … SAT=7
            if (lastOf > 0) {
                return dow == lastOf && day.getDayOfMonth() + 7 > day.lengthOfMonth();
            }
            if (nth > 0) {
                return dow == nthDay && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            return days.get(dow);
        }
    }
}
