package io.gureum.core.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code at(yyyy-mm-ddThh:mm:ss)}: one local date and time in the schedule's time zone. A time the zone
 * skips (spring forward) is moved forward by the gap's length, as {@link java.time.ZonedDateTime#of} does;
 * a repeated time (fall back) is its earlier instant.
 */
public record AtExpression(LocalDateTime time) implements ScheduleExpression {
    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    static AtExpression parse(String body) {
        if (!FORMAT.matcher(body).matches()) {
            throw new IllegalArgumentException(body);
        }
        try {
            return new AtExpression(LocalDateTime.parse(body));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(body, e);
        }
    }

    @Override
    public Optional<Instant> next(Instant after, Instant anchor, ZoneId zone) {
        Instant at = time.atZone(zone).toInstant();
        return at.isAfter(after) ? Optional.of(at) : Optional.empty();
    }

    @Override
    public boolean oneTime() {
        return true;
    }
}
