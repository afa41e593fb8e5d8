package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static final Instant FRIDAY_NOON = Instant.parse("2026-12-04T12:00:00Z");

    static Instant next(String expression) {
        return CronSchedule.parse(expression).next(FRIDAY_NOON);
    }

    @Test
    void fieldsAreMinuteHourDayMonthWeekdayYear() {
        assertEquals(Instant.parse("2026-12-06T04:00:00Z"), next("0 4 ? * SUN *"));
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), next("0 0 * * ? *"));
        assertEquals(Instant.parse("2026-12-04T12:30:00Z"), next("30 12 * * ? *"));
        assertEquals(Instant.parse("2027-01-01T08:15:00Z"), next("15 8 1 JAN ? *"));
        assertEquals(Instant.parse("2026-12-31T23:00:00Z"), next("0 23 L * ? *"));
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"), next("0 9 ? * 2-6 *"));
        assertEquals(Instant.parse("2026-12-04T16:00:00Z"), next("0 */8 * * ? *"));
        assertEquals(Instant.parse("2028-03-01T00:00:00Z"), next("0 0 1 3 ? 2028"));
    }

    @Test
    void malformedExpressionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 4 * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 25 * * ? *"));
        assertThrows(RuntimeException.class, () -> CronSchedule.parse("x 4 * * ? *"));
    }
}
