package io.gureum.events.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;

/**
 * AWS's cron: six fields — minutes, hours, day-of-month, month, day-of-week, year — in UTC. One of
 * day-of-month and day-of-week must be {@code ?} (not both, not neither); {@code L}, {@code W} (day of
 * month) and {@code L}, {@code #} (day of week) are supported; days of week are 1-7 = SUN-SAT
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions).
 */
public record Cron(BitSet minutes, BitSet hours, String dayOfMonth, BitSet months, String dayOfWeek, BitSet years)
        implements ScheduleExpression {

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    static Cron parse(String body) {
        String[] f = body.trim().split(" ");
        if (f.length != 6) {
            throw new IllegalArgumentException(body);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException(body);
        }
        if (!domAny) {
            checkDayOfMonth(f[2]);
        }
        if (!dowAny) {
            checkDayOfWeek(f[4]);
        }
        return new Cron(set(f[0], 0, 59, null), set(f[1], 0, 23, null), f[2], set(f[3], 1, 12, MONTHS), f[4],
                set(f[5], 1970, 2199, null));
    }

    /** A field of values, ranges, {@code *} and steps ({@code 0/15}, {@code 1-30/5}), comma-separated. */
    private static BitSet set(String field, int min, int max, List<String> names) {
        BitSet bits = new BitSet();
        for (String part : field.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException(field);
                }
                from = number(ends[0], min, max, names);
                to = number(ends[1], min, max, names);
            } else {
                from = number(range, min, max, names);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException(field);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String text, int min, int max, List<String> names) {
        int value;
        if (names != null && names.contains(text.toUpperCase())) {
            value = names.indexOf(text.toUpperCase()) + min;
        } else {
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text);
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(text);
        }
        return value;
    }

    private static void checkDayOfMonth(String field) {
        if (field.equals("L") || field.matches("\\d{1,2}W") || field.equals("LW")) {
            if (field.endsWith("W") && !field.equals("LW")) {
                number(field.substring(0, field.length() - 1), 1, 31, null);
            }
            return;
        }
        set(field, 1, 31, null);
    }

    private static void checkDayOfWeek(String field) {
        if (field.matches("[^#]+#[1-5]")) {
            number(field.substring(0, field.indexOf('#')), 1, 7, DAYS);
            return;
        }
        if (field.endsWith("L") && field.length() > 1) {
            number(field.substring(0, field.length() - 1), 1, 7, DAYS);
            return;
        }
        if (field.equals("L")) {
            return;
        }
        set(field, 1, 7, DAYS);
    }

    @Override
    public Instant next(Instant after, Instant origin) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (t.getYear() <= 2199) {
            if (!years.get(t.getYear())) {
                t = LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0);
                continue;
            }
            if (!months.get(t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
                continue;
            }
            if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t.toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    private boolean dayMatches(LocalDate d) {
        if (!dayOfMonth.equals("?")) {
            LocalDate last = d.with(TemporalAdjusters.lastDayOfMonth());
            if (dayOfMonth.equals("L")) {
                return d.equals(last);
            }
            if (dayOfMonth.equals("LW")) {
                return d.equals(weekday(last, last));
            }
            if (dayOfMonth.endsWith("W")) {
                LocalDate target = d.withDayOfMonth(Math.min(Integer.parseInt(dayOfMonth.substring(0,
                        dayOfMonth.length() - 1)), last.getDayOfMonth()));
                return d.equals(weekday(target, last));
            }
            return set(dayOfMonth, 1, 31, null).get(d.getDayOfMonth());
        }
        int dow = d.getDayOfWeek().getValue() % 7 + 1; // SUN=1 … SAT=7
        if (dayOfWeek.contains("#")) {
            int want = number(dayOfWeek.substring(0, dayOfWeek.indexOf('#')), 1, 7, DAYS);
            int nth = Integer.parseInt(dayOfWeek.substring(dayOfWeek.indexOf('#') + 1));
            return dow == want && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        if (dayOfWeek.equals("L")) {
            return dow == 7;
        }
        if (dayOfWeek.endsWith("L")) {
            int want = number(dayOfWeek.substring(0, dayOfWeek.length() - 1), 1, 7, DAYS);
            return dow == want && d.plusDays(7).getMonth() != d.getMonth();
        }
        return set(dayOfWeek, 1, 7, DAYS).get(dow);
    }

    /** The weekday nearest {@code d} within its month. */
    private static LocalDate weekday(LocalDate d, LocalDate last) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return d.getDayOfMonth() == 1 ? d.plusDays(2) : d.minusDays(1);
        }
        if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return d.equals(last) ? d.minusDays(2) : d.plusDays(1);
        }
        return d;
    }
}
