package io.gureum.cloudwatch.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mute rule schedules: five-field cron and at expressions, durations, time zones. */
class MuteScheduleTest {
    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void cronStartsWindowsInItsTimeZone() {
        MuteSchedule s = MuteSchedule.parse("cron(0 2 * * *)", "PT4H", "America/New_York");
        // 02:00 in New York in January is 07:00 UTC.
        assertEquals(Optional.of(at("2026-01-15T07:00:00Z")), s.next(at("2026-01-15T00:00:00Z")));
        assertEquals(Optional.of(at("2026-01-15T07:00:00Z")), s.windowAt(at("2026-01-15T10:59:00Z")));
        assertTrue(s.windowAt(at("2026-01-15T11:00:00Z")).isEmpty());
        assertTrue(s.windowAt(at("2026-01-15T06:59:00Z")).isEmpty());
    }

    @Test
    void aLocalTimeSkippedBySpringForwardDoesNotOccur() {
        MuteSchedule s = MuteSchedule.parse("cron(30 2 * * *)", "PT1H", "America/New_York");
        // 2026-03-08 02:30 does not exist in New York; the next window is the 9th's.
        assertEquals(Optional.of(at("2026-03-09T06:30:00Z")), s.next(at("2026-03-08T05:00:00Z")));
    }

    @Test
    void dayNamesRangesListsAndEitherDayField() {
        MuteSchedule weekdays = MuteSchedule.parse("cron(0 18 * * MON-FRI)", "PT1H", null);
        // 2026-01-17 is a Saturday: the next window is Monday the 19th.
        assertEquals(Optional.of(at("2026-01-19T18:00:00Z")), weekdays.next(at("2026-01-16T19:00:00Z")));
        MuteSchedule sunday = MuteSchedule.parse("cron(0 0 * * 7)", "PT1H", null);
        assertEquals(Optional.of(at("2026-01-18T00:00:00Z")), sunday.next(at("2026-01-16T00:00:00Z")));
        // Day 1 of the month or any Friday, as standard cron reads two restricted day fields.
        MuteSchedule either = MuteSchedule.parse("cron(0 1 1 * FRI)", "PT1H", null);
        assertEquals(Optional.of(at("2026-01-23T01:00:00Z")), either.next(at("2026-01-17T00:00:00Z")));
        assertEquals(Optional.of(at("2026-02-01T01:00:00Z")), either.next(at("2026-01-30T02:00:00Z")));
        MuteSchedule months = MuteSchedule.parse("cron(15 3,4 10 JAN,jul *)", "PT1M", null);
        assertEquals(Optional.of(at("2026-07-10T03:15:00Z")), months.next(at("2026-01-10T04:15:00Z")));
    }

    @Test
    void atIsOneWindowOnly() {
        MuteSchedule s = MuteSchedule.parse("at(2026-05-10T14:00)", "P2DT12H", "Asia/Tokyo");
        assertTrue(s.oneTime());
        assertEquals(at("2026-05-10T05:00:00Z"), s.atInstant());
        assertTrue(s.windowAt(at("2026-05-12T16:59:00Z")).isPresent());
        assertFalse(s.windowAt(at("2026-05-12T17:00:00Z")).isPresent());
        assertTrue(s.next(at("2026-05-10T05:00:00Z")).isEmpty());
    }

    @Test
    void invalidPartsAreNamed() {
        assertEquals("Expression", assertThrows(IllegalArgumentException.class,
                () -> MuteSchedule.parse("cron(0 2 * * * *)", "PT1H", null)).getMessage());
        assertEquals("Expression", assertThrows(IllegalArgumentException.class,
                () -> MuteSchedule.parse("cron(0/5 2 * * *)", "PT1H", null)).getMessage());
        assertEquals("Expression", assertThrows(IllegalArgumentException.class,
                () -> MuteSchedule.parse("at(2026-05-10T14:00:00)", "PT1H", null)).getMessage());
        assertEquals("Duration", assertThrows(IllegalArgumentException.class,
                () -> MuteSchedule.parse("cron(0 2 * * *)", "P15DT1M", null)).getMessage());
        assertEquals("Timezone", assertThrows(IllegalArgumentException.class,
                () -> MuteSchedule.parse("cron(0 2 * * *)", "PT1H", "Nowhere/Else")).getMessage());
        MuteSchedule.parse("cron(0 2 * * *)", "P15D", null); // the maximum itself
        MuteSchedule.parse("cron(0 2 * * *)", "PT1M", null); // and the minimum
    }
}
