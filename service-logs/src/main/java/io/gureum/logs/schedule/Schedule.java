package io.gureum.logs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a scheduled query runs: {@code rate(5 minutes)} (minutes, hours or days; counted from the epoch, so runs fall
 * on whole multiples) or {@code cron(minutes hours day-of-month month day-of-week year)} in the query's time zone.
 */
public interface Schedule {
    /** The first run strictly after {@code after}, or null when there is none. */
    Instant next(Instant after, ZoneId zone);

    Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    /** Throws IllegalArgumentException for an expression that is neither. */
    static Schedule parse(String expression) {
        Matcher rate = RATE.matcher(expression.strip());
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            if (n < 1) {
                throw new IllegalArgumentException("The rate must be at least 1.");
            }
            Duration unit = switch (rate.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            long period = unit.toMillis() * n;
            return (after, zone) -> Instant.ofEpochMilli((Math.floorDiv(after.toEpochMilli(), period) + 1) * period);
        }
        Matcher cron = CRON.matcher(expression.strip());
        if (cron.matches()) {
            return Cron.parse(cron.group(1));
        }
        throw new IllegalArgumentException("Invalid schedule expression: " + expression);
    }
}
