package io.gureum.core.schedule;

import java.util.BitSet;
import java.util.List;

/**
 * One plain field of a cron expression: comma-separated values, ranges ({@code 1-5}) and increments
 * ({@code 0/15}, {@code 5-50/10}, {@code *}{@code /5}), with names for months and days of the week.
 */
final class CronField {
    static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronField() {
    }

    /** The values {@code text} allows in {@code min..max}; {@code names} (or null) spell {@code min}, {@code min+1} …. */
    static BitSet parse(String text, int min, int max, List<String> names) {
        BitSet set = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            int step = 1;
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                step = number(item.substring(slash + 1), 1, max, null);
                range = item.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    from = number(range.substring(0, dash), min, max, names);
                    to = number(range.substring(dash + 1), min, max, names);
                    if (to < from) {
                        throw new IllegalArgumentException(item);
                    }
                } else {
                    from = number(range, min, max, names);
                    to = slash >= 0 ? max : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    static int number(String text, int min, int max, List<String> names) {
        if (names != null) {
            int i = names.indexOf(text.toUpperCase(java.util.Locale.ROOT));
            if (i >= 0) {
                return min + i;
            }
        }
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(text);
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(text);
        }
        return v;
    }
}
