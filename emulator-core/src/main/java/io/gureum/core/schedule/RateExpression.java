package io.gureum.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(value unit)} with a positive whole value and {@code minute(s)}, {@code hour(s)} or
 * {@code day(s)}. Occurrences are the anchor plus whole periods; a day is 24 hours whatever daylight
 * saving time does to the zone's clock ("days represents a 24-hour duration",
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time).
 */
public record RateExpression(Duration period) implements ScheduleExpression {
    private static final Pattern FORMAT = Pattern.compile("([1-9]\\d{0,8}) (minute|minutes|hour|hours|day|days)");

    static RateExpression parse(String body) {
        Matcher m = FORMAT.matcher(body);
        if (!m.matches()) {
            throw new IllegalArgumentException(body);
        }
        long value = Long.parseLong(m.group(1));
        Duration unit = switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(1);
            case "hour", "hours" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new RateExpression(unit.multipliedBy(value));
    }

    @Override
    public Optional<Instant> next(Instant after, Instant anchor, ZoneId zone) {
        if (anchor.isAfter(after)) {
            return Optional.of(anchor);
        }
        long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
        return Optional.of(anchor.plus(period.multipliedBy(periods)));
    }
}
