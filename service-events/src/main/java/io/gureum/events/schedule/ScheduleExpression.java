package io.gureum.events.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's {@code ScheduleExpression}: {@code rate(value unit)} or {@code cron(fields)}. A rate rule
 * fires every period counted from when it was created or last changed; a cron rule at each matching
 * minute, in UTC (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).
 */
public sealed interface ScheduleExpression permits ScheduleExpression.Rate, Cron {

    /** The first time strictly after {@code after} that it fires, or null when it never fires again. */
    Instant next(Instant after, Instant origin);

    /** A fixed period counted from the rule's origin. */
    record Rate(Duration period) implements ScheduleExpression {
        @Override
        public Instant next(Instant after, Instant origin) {
            if (after.isBefore(origin)) {
                return origin.plus(period);
            }
            long elapsed = Duration.between(origin, after).toMillis();
            long n = elapsed / period.toMillis() + 1;
            return origin.plus(period.multipliedBy(n));
        }
    }

    Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} when AWS would answer "Parameter
     * ScheduleExpression is not valid.". A rate of 1 takes the singular unit, any other the plural.
     */
    static ScheduleExpression parse(String text) {
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long value;
            try {
                value = Long.parseLong(rate.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text);
            }
            String unit = rate.group(2);
            if (value <= 0 || (value == 1) != !unit.endsWith("s")) {
                throw new IllegalArgumentException(text);
            }
            Duration one = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(one.multipliedBy(value));
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            return Cron.parse(cron.group(1));
        }
        throw new IllegalArgumentException(text);
    }
}
