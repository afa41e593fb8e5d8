package io.gureum.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant next(String expression, String after, ZoneId zone) {
        return ScheduleExpression.parse(expression).next(Instant.parse(after), Instant.parse(after), zone).orElseThrow();
    }

    @Test
    void dailyInATimeZone() {
        assertEquals(Instant.parse("2026-01-15T13:30:00Z"),
                next("cron(30 8 * * ? *)", "2026-01-15T00:00:00Z", NEW_YORK)); // EST, UTC-5
        assertEquals(Instant.parse("2026-07-15T12:30:00Z"),
                next("cron(30 8 * * ? *)", "2026-07-15T00:00:00Z", NEW_YORK)); // EDT, UTC-4
    }

    @Test
    void aTimeSkippedBySpringForwardDoesNotOccur() {
        // 2026-03-08 02:30 does not exist in New York: the next 02:30 is on the 9th.
        assertEquals(Instant.parse("2026-03-09T06:30:00Z"),
                next("cron(30 2 * * ? *)", "2026-03-08T05:00:00Z", NEW_YORK));
    }

    @Test
    void aTimeRepeatedByFallBackOccursOnce() {
        Instant first = next("cron(30 1 * * ? *)", "2026-11-01T04:00:00Z", NEW_YORK);
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), first); // 01:30 EDT
        assertEquals(Instant.parse("2026-11-02T06:30:00Z"), next("cron(30 1 * * ? *)", first.toString(), NEW_YORK));
    }

    @Test
    void specialDayFields() {
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), next("cron(0 10 L * ? *)", "2026-02-01T00:00:00Z", UTC));
        // 2026-02-15 is a Sunday: 15W is Monday the 16th.
        assertEquals(Instant.parse("2026-02-16T10:00:00Z"), next("cron(0 10 15W * ? *)", "2026-02-01T00:00:00Z", UTC));
        // The second Tuesday (3#2) of March 2026 is the 10th; its last Friday (6L) the 27th.
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), next("cron(0 10 ? * 3#2 *)", "2026-03-01T00:00:00Z", UTC));
        assertEquals(Instant.parse("2026-03-27T10:00:00Z"), next("cron(0 10 ? * 6L *)", "2026-03-01T00:00:00Z", UTC));
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"),
                next("cron(0 10 ? * MON-FRI *)", "2026-02-28T12:00:00Z", UTC));
        assertEquals(Instant.parse("2026-03-01T00:15:00Z"), next("cron(0/15 * * * ? *)", "2026-03-01T00:00:00Z", UTC));
    }

    @Test
    void yearsEnd() {
        assertTrue(ScheduleExpression.parse("cron(0 0 1 1 ? 2020)")
                .next(Instant.parse("2026-01-01T00:00:00Z"), Instant.EPOCH, UTC).isEmpty());
    }

    @Test
    void ratesCountFromTheirAnchor() {
        Instant anchor = Instant.parse("2026-01-01T00:00:00Z");
        ScheduleExpression rate = ScheduleExpression.parse("rate(1 day)");
        assertEquals(anchor, rate.next(anchor.minusNanos(1), anchor, UTC).orElseThrow());
        assertEquals(anchor.plus(Duration.ofDays(3)),
                rate.next(anchor.plus(Duration.ofHours(49)), anchor, UTC).orElseThrow());
        assertEquals(Duration.ofMinutes(1), ((RateExpression) ScheduleExpression.parse("rate(1 minute)")).period());
    }

    @Test
    void invalidExpressions() {
        for (String bad : new String[] {"cron(* * * * * *)", "cron(0 0 ? * ? *)", "cron(60 0 * * ? *)",
                "cron(0 0 * 13 ? *)", "rate(-1 minutes)", "rate(1 second)", "at(2026-13-01T00:00:00)"}) {
            assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(bad), bad);
        }
    }
}
