package io.gureum.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** A parsed schedule expression: the first occurrence strictly after an instant. */
public sealed interface ScheduleExpression permits AtExpression, RateExpression, CronExpression {

    /**
     * The first occurrence strictly after {@code after}, evaluated in {@code zone}; empty when there is
     * none (a one-time schedule's time has passed, a cron's years are over).
     *
     * @param anchor where a rate counts from (the start date, or when the schedule was created or updated)
     */
    Optional<Instant> next(Instant after, Instant anchor, ZoneId zone);

    /** Whether the schedule invokes its target once only (an {@code at} expression). */
    default boolean oneTime() {
        return false;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when it is no valid expression
     */
    static ScheduleExpression parse(String text) {
        String t = text.trim();
        if (t.startsWith("at(") && t.endsWith(")")) {
            return AtExpression.parse(t.substring(3, t.length() - 1));
        }
        if (t.startsWith("rate(") && t.endsWith(")")) {
            return RateExpression.parse(t.substring(5, t.length() - 1));
        }
        if (t.startsWith("cron(") && t.endsWith(")")) {
            return CronExpression.parse(t.substring(5, t.length() - 1));
        }
        throw new IllegalArgumentException(text);
    }
}
