package io.gureum.cloudwatch.math;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.ToIntFunction;

/**
 * The date functions of metric math: each point's value becomes a part of its own timestamp, in UTC. DAY is
 * the day of the week (1 = Monday … 7 = Sunday), DATE the day of the month, EPOCH the seconds since
 * 1970-01-01T00:00:00Z.
 */
final class Dates {
    private Dates() {
    }

    static Value apply(String function, Value v) {
        if (function.equals("EPOCH")) {
            return Functions.perSeries(v, s -> withTime(s, t -> t / 1000.0));
        }
        ToIntFunction<ZonedDateTime> part = switch (function) {
            case "MINUTE" -> ZonedDateTime::getMinute;
            case "HOUR" -> ZonedDateTime::getHour;
            case "DAY" -> d -> d.getDayOfWeek().getValue();
            case "DATE" -> ZonedDateTime::getDayOfMonth;
            case "MONTH" -> ZonedDateTime::getMonthValue;
            default -> ZonedDateTime::getYear;
        };
        return Functions.perSeries(v,
                s -> withTime(s, t -> part.applyAsInt(Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC))));
    }

    private static Value.Series withTime(Value.Series s, java.util.function.LongToDoubleFunction f) {
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(s.timestamps()[i]);
        }
        return s.withValues(s.label(), s.timestamps(), out);
    }
}
