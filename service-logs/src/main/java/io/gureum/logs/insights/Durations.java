package io.gureum.logs.insights;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Time periods as {@code bin}, {@code datefloor} and {@code dateceil} take them: a number and a unit,
 * {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}, {@code w}, {@code mo}, {@code q} or {@code y}
 * (CWL_QuerySyntax-operations-functions.html, "Datetime functions"). Periods of a fixed length round on the
 * epoch; months, quarters and years round on the calendar (UTC).
 */
record Durations(long amount, String unit) {
    static Durations parse(Token t) {
        String text = t.text();
        int split = 0;
        while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.')) {
            split++;
        }
        String unit = text.substring(split).toLowerCase(java.util.Locale.ROOT);
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, split));
        } catch (NumberFormatException e) {
            throw MalformedQuery.at(t);
        }
        unit = switch (unit) {
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> "ms";
            case "s", "sec", "secs", "second", "seconds" -> "s";
            case "m", "min", "mins", "minute", "minutes" -> "m";
            case "h", "hr", "hrs", "hour", "hours" -> "h";
            case "d", "day", "days" -> "d";
            case "w", "week", "weeks" -> "w";
            case "mo", "mon", "month", "months" -> "mo";
            case "q", "qtr", "qtrs", "quarter", "quarters" -> "q";
            case "y", "yr", "yrs", "year", "years" -> "y";
            default -> throw MalformedQuery.at(t);
        };
        if (amount <= 0) {
            throw MalformedQuery.at(t);
        }
        return new Durations(amount, unit);
    }

    private long millis() {
        long unitMillis = switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> 7 * 86_400_000L;
        };
        return amount * unitMillis;
    }

    private long months() {
        return switch (unit) {
            case "mo" -> amount;
            case "q" -> 3 * amount;
            case "y" -> 12 * amount;
            default -> 0;
        };
    }

    Instant floor(Instant t) {
        long months = months();
        if (months == 0) {
            long ms = millis();
            return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
        }
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        long index = (d.getYear() * 12L + d.getMonthValue() - 1);
        long floored = Math.floorDiv(index, months) * months;
        return LocalDateTime.of((int) (floored / 12), (int) (floored % 12) + 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    }

    Instant ceil(Instant t) {
        Instant f = floor(t);
        if (f.equals(t)) {
            return t;
        }
        long months = months();
        if (months == 0) {
            return f.plusMillis(millis());
        }
        return LocalDateTime.ofInstant(f, ZoneOffset.UTC).plusMonths(months).toInstant(ZoneOffset.UTC);
    }
}
