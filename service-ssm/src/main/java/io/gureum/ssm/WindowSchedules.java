package io.gureum.ssm;

import io.gureum.core.schedule.ScheduleExpression;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowResponse;

/**
 * When a maintenance window runs: its {@code cron(...)}, {@code rate(...)} or {@code at(...)} Schedule in
 * its ScheduleTimezone (an IANA zone, UTC by default), moved ScheduleOffset days later (cron only), and
 * only between its StartDate and EndDate (ISO-8601 extended, e.g. {@code 2026-12-07T09:00:00Z} or with a
 * zone offset). A rate counts from the StartDate, else from when the window was created.
 */
final class WindowSchedules {
    /** How NextExecutionTime and ScheduledWindowExecution's ExecutionTime are written: {@code 2026-12-08T02:00Z}. */
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

    private WindowSchedules() {
    }

    static ScheduleExpression parse(String schedule) {
        try {
            return ScheduleExpression.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw SsmErrors.validation("Schedule expression is invalid: " + schedule + ". Use a cron(...), rate(...)"
                    + " or at(...) expression.");
        }
    }

    static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw SsmErrors.validation("Invalid timezone: " + timezone + ". Use a time zone of the Internet Assigned"
                    + " Numbers Authority (IANA) Time Zone Database, such as America/Los_Angeles or UTC.");
        }
    }

    /** An ISO-8601 extended date and time; one without an offset is in the window's zone. */
    static Instant date(String text, ZoneId zone, String field) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw SsmErrors.validation(field + " " + text + " is not a date and time in ISO-8601 extended format.");
            }
        }
    }

    /** Checks a whole window's schedule fields together (create and update). */
    static void check(GetMaintenanceWindowResponse w, Instant now) {
        ScheduleExpression e = parse(w.schedule());
        ZoneId zone = zone(w.scheduleTimezone());
        if (w.scheduleOffset() != null && !w.schedule().trim().startsWith("cron(")) {
            throw SsmErrors.validation("ScheduleOffset can only be used with a cron expression.");
        }
        if (w.cutoff() >= w.duration()) {
            throw SsmErrors.validation("The Cutoff (" + w.cutoff() + " hours) must be less than the Duration ("
                    + w.duration() + " hours) of the maintenance window.");
        }
        Instant start = date(w.startDate(), zone, "StartDate");
        Instant end = date(w.endDate(), zone, "EndDate");
        if (end != null && !end.isAfter(now)) {
            throw SsmErrors.validation("EndDate " + w.endDate() + " must be in the future.");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            throw SsmErrors.validation("EndDate " + w.endDate() + " must be later than StartDate " + w.startDate()
                    + ".");
        }
        if (e instanceof io.gureum.core.schedule.RateExpression r && r.period().compareTo(Duration.ofHours(1)) < 0) {
            throw SsmErrors.validation("Schedule expression is invalid: " + w.schedule() + ". A rate must be at"
                    + " least 1 hour.");
        }
    }

    /** The runs of a window strictly after {@code after}, at most {@code max}. */
    static List<Instant> next(GetMaintenanceWindowResponse w, Instant after, int max) {
        List<Instant> runs = new ArrayList<>();
        ScheduleExpression e = parse(w.schedule());
        ZoneId zone = zone(w.scheduleTimezone());
        Instant start = date(w.startDate(), zone, "StartDate");
        Instant end = date(w.endDate(), zone, "EndDate");
        Duration offset = Duration.ofDays(w.scheduleOffset() == null ? 0 : w.scheduleOffset());
        Instant anchor = start != null ? start : w.createdDate();
        Instant from = after.minus(offset);
        if (start != null && from.isBefore(start.minus(offset))) {
            from = start.minus(offset).minusMillis(1);
        }
        while (runs.size() < max) {
            var next = e.next(from, anchor, zone);
            if (next.isEmpty()) {
                break;
            }
            Instant run = next.get().plus(offset);
            if (end != null && run.isAfter(end)) {
                break;
            }
            if (start == null || !run.isBefore(start)) {
                runs.add(run);
            }
            from = next.get();
        }
        return runs;
    }

    static String format(Instant t, String timezone) {
        return OUT.format(t.atZone(zone(timezone)).truncatedTo(ChronoUnit.MINUTES));
    }
}
