package io.gureum.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

class SchedulesIT extends SchedulerTestSupport {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:unused";

    @Test
    void createAndGetWithDefaults() {
        String name = unique("s");
        String arn = scheduler.createSchedule(schedule(name, "cron(0 9 * * ? *)", QUEUE).description("daily")
                .scheduleExpressionTimezone("Europe/Paris").build()).scheduleArn();
        assertEquals("arn:aws:scheduler:us-east-1:000000000000:schedule/default/" + name, arn);
        GetScheduleResponse s = scheduler.getSchedule(b -> b.name(name));
        assertEquals(arn, s.arn());
        assertEquals("default", s.groupName());
        assertEquals("cron(0 9 * * ? *)", s.scheduleExpression());
        assertEquals("Europe/Paris", s.scheduleExpressionTimezone());
        assertEquals("daily", s.description());
        assertEquals(ScheduleState.ENABLED, s.state());
        assertEquals(ActionAfterCompletion.NONE, s.actionAfterCompletion());
        assertEquals(FlexibleTimeWindowMode.OFF, s.flexibleTimeWindow().mode());
        assertEquals(QUEUE, s.target().arn());
        assertEquals(185, s.target().retryPolicy().maximumRetryAttempts());
        assertEquals(86400, s.target().retryPolicy().maximumEventAgeInSeconds());
        assertNotNull(s.creationDate());
        assertEquals(s.creationDate(), s.lastModificationDate());
    }

    @Test
    void aSecondScheduleOfTheSameNameConflictsButARepeatedTokenDoesNot() {
        String name = unique("s");
        String first = scheduler.createSchedule(schedule(name, "rate(5 minutes)", QUEUE).clientToken("t-" + name)
                .build()).scheduleArn();
        assertEquals(first, scheduler.createSchedule(schedule(name, "rate(5 minutes)", QUEUE)
                .clientToken("t-" + name).build()).scheduleArn());
        fails(409, "ConflictException", () -> scheduler.createSchedule(schedule(name, "rate(5 minutes)", QUEUE)
                .build()));
    }

    @Test
    void updateReplacesTheSchedule() {
        String name = unique("s");
        scheduler.createSchedule(schedule(name, "rate(5 minutes)", QUEUE).description("before").build());
        scheduler.updateSchedule(b -> b.name(name).scheduleExpression("rate(1 hour)").state(ScheduleState.DISABLED)
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(10))
                .target(t -> t.arn(QUEUE).roleArn(ROLE)));
        GetScheduleResponse s = scheduler.getSchedule(b -> b.name(name));
        assertEquals("rate(1 hour)", s.scheduleExpression());
        assertEquals(ScheduleState.DISABLED, s.state());
        assertNull(s.description(), "fields left out of an update are reset");
        assertEquals(10, s.flexibleTimeWindow().maximumWindowInMinutes());
        assertTrue(!s.lastModificationDate().isBefore(s.creationDate()));
        fails(404, "ResourceNotFoundException", () -> scheduler.updateSchedule(b -> b.name(unique("none"))
                .scheduleExpression("rate(1 hour)").flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(QUEUE).roleArn(ROLE))));
    }

    @Test
    void deleteAndMissingSchedules() {
        String name = unique("s");
        scheduler.createSchedule(schedule(name, "rate(5 minutes)", QUEUE).build());
        scheduler.deleteSchedule(b -> b.name(name));
        fails(404, "ResourceNotFoundException", () -> scheduler.getSchedule(b -> b.name(name)));
        fails(404, "ResourceNotFoundException", () -> scheduler.deleteSchedule(b -> b.name(name)));
        fails(404, "ResourceNotFoundException", () -> scheduler.createSchedule(
                schedule(name, "rate(5 minutes)", QUEUE).groupName("no-such-group").build()));
    }

    @Test
    void invalidExpressionsAndTimezonesAreValidationErrors() {
        for (String bad : List.of("rate(0 minutes)", "rate(5 weeks)", "cron(0 9 * * *)", "cron(0 9 * * MON *)",
                "cron(0 25 * * ? *)", "at(2030-02-30T10:00:00)", "at(2030-01-01 10:00:00)", "every day")) {
            fails(400, "ValidationException",
                    () -> scheduler.createSchedule(schedule(unique("bad"), bad, QUEUE).build()));
        }
        fails(400, "ValidationException", () -> scheduler.createSchedule(schedule(unique("bad"), "rate(1 day)", QUEUE)
                .scheduleExpressionTimezone("Mars/Olympus").build()));
        fails(400, "ValidationException", () -> scheduler.createSchedule(schedule(unique("bad"), "rate(1 day)", QUEUE)
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.FLEXIBLE)).build()));
        fails(400, "ValidationException", () -> scheduler.createSchedule(schedule(unique("bad"), "rate(1 day)", QUEUE)
                .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF).maximumWindowInMinutes(5)).build()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fails(400, "ValidationException", () -> scheduler.createSchedule(schedule(unique("bad"), "rate(1 day)", QUEUE)
                .startDate(now.plus(2, ChronoUnit.DAYS)).endDate(now.plus(1, ChronoUnit.DAYS)).build()));
        // The model's own constraints, checked by core.
        fails(400, "ValidationException", () -> scheduler.createSchedule(schedule("x".repeat(65), "rate(1 day)", QUEUE)
                .build()));
    }

    @Test
    void listFiltersAndPages() {
        String group = unique("lg");
        scheduler.createScheduleGroup(b -> b.name(group));
        for (int i = 0; i < 3; i++) {
            scheduler.createSchedule(schedule("a-" + i, "rate(1 day)", QUEUE).groupName(group).build());
        }
        scheduler.createSchedule(schedule("b-0", "rate(1 day)", QUEUE).groupName(group)
                .state(ScheduleState.DISABLED).build());
        ListSchedulesResponse page = scheduler.listSchedules(b -> b.groupName(group).maxResults(2));
        assertEquals(List.of("a-0", "a-1"), names(page.schedules()));
        ListSchedulesResponse rest =
                scheduler.listSchedules(b -> b.groupName(group).maxResults(2).nextToken(page.nextToken()));
        assertEquals(List.of("a-2", "b-0"), names(rest.schedules()));
        assertNull(rest.nextToken());
        assertEquals(List.of("b-0"), names(scheduler.listSchedules(b -> b.groupName(group).namePrefix("b")).schedules()));
        assertEquals(List.of("b-0"),
                names(scheduler.listSchedules(b -> b.groupName(group).state(ScheduleState.DISABLED)).schedules()));
        ScheduleSummary first = scheduler.listSchedules(b -> b.groupName(group)).schedules().get(0);
        assertEquals(QUEUE, first.target().arn());
        assertEquals(group, first.groupName());
        fails(404, "ResourceNotFoundException", () -> scheduler.listSchedules(b -> b.groupName("no-such-group")));
    }

    private static List<String> names(List<ScheduleSummary> schedules) {
        return schedules.stream().map(ScheduleSummary::name).toList();
    }
}
