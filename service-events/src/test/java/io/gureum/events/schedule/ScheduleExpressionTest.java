package io.gureum.events.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expressions of https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html. */
class ScheduleExpressionTest {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant next(String expression, String after) {
        return ScheduleExpression.parse(expression).next(Instant.parse(after), ORIGIN);
    }

    @Test
    void rateCountsFromTheOrigin() {
        assertEquals(Instant.parse("2026-01-01T00:05:00Z"), next("rate(5 minutes)", "2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:10:00Z"), next("rate(5 minutes)", "2026-01-01T00:05:00Z"));
        assertEquals(Instant.parse("2026-01-01T01:00:00Z"), next("rate(1 hour)", "2026-01-01T00:30:00Z"));
        assertEquals(Instant.parse("2026-01-03T00:00:00Z"), next("rate(2 days)", "2026-01-01T00:00:01Z"));
    }

    @Test
    void cronFindsTheNextMatchingMinute() {
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), next("cron(0 12 * * ? *)", "2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-02T12:00:00Z"), next("cron(0 12 * * ? *)", "2026-01-01T12:00:00Z"));
        // 10:15 every day; every 5 minutes 8-17 on weekdays (2026-01-03 is a Saturday)
        assertEquals(Instant.parse("2026-01-01T10:15:00Z"), next("cron(15 10 * * ? *)", "2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-05T08:00:00Z"), next("cron(0/5 8-17 ? * MON-FRI *)", "2026-01-02T17:55:00Z"));
        // 18:00 on the last day of the month; 10:00 on the first Monday
        assertEquals(Instant.parse("2026-02-28T18:00:00Z"), next("cron(0 18 L * ? *)", "2026-02-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-02-02T10:00:00Z"), next("cron(0 10 ? * 2#1 *)", "2026-01-31T00:00:00Z"));
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), next("cron(0 9 1W * ? *)", "2026-02-15T00:00:00Z"));
        assertEquals(null, next("cron(0 0 1 1 ? 2025)", "2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 weeks)", "rate(-1 days)",
            "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "cron(0 12 * *)", "cron(60 12 * * ? *)", "cron(0 24 * * ? *)",
            "cron(0 12 32 * ? *)", "cron(0 12 ? * 8 *)", "cron(0 12 * 13 ? *)", "cron(0 12 * * ? 1969)", "at(2026)",
            "cron(0 12 ? * MON#6 *)", ""})
    void refusesWhatPutRuleRefuses(String expression) {
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(expression));
    }
}
