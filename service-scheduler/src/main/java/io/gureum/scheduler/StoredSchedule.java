package io.gureum.scheduler;

import io.gureum.core.schedule.ScheduleExpression;
import java.time.Instant;
import java.time.ZoneId;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * One schedule as stored: the request's values (the target is the SDK's immutable value, defaults filled
 * in) and what firing needs. {@code generation} changes on every update, so a timer armed for an older
 * version of the schedule does nothing.
 *
 * @param anchor where a rate counts from: the start date, else when the schedule was created or updated
 * @param flexibleMinutes 0 when the flexible time window is {@code OFF}
 */
record StoredSchedule(
        String name,
        String group,
        String arn,
        String expressionText,
        ScheduleExpression expression,
        String timezone,
        Instant startDate,
        Instant endDate,
        String description,
        String state,
        String kmsKeyArn,
        int flexibleMinutes,
        String actionAfterCompletion,
        Target target,
        Instant created,
        Instant modified,
        Instant anchor,
        long generation) {

    ZoneId zone() {
        return ZoneId.of(timezone);
    }

    boolean enabled() {
        return "ENABLED".equals(state);
    }
}
