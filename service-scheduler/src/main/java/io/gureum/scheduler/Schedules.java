package io.gureum.scheduler;

import io.gureum.core.protocol.PageTokens;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.schedule.ScheduleExpression;
import io.gureum.core.time.GureumClock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleResponse;

/** CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules. */
public final class Schedules {
    /** The retry policy AWS applies when a target gives none: 185 attempts within 24 hours. */
    static final int DEFAULT_RETRY_ATTEMPTS = 185;
    static final int DEFAULT_EVENT_AGE = 86_400;
    private static final int DEFAULT_PAGE = 100;

    private final SchedulerState state;
    private final Firing firing;
    private final GureumClock clock;
    private final AtomicLong generations = new AtomicLong();

    Schedules(SchedulerState state, Firing firing, GureumClock clock) {
        this.state = state;
        this.firing = firing;
        this.clock = clock;
    }

    /** The values of a Create or Update request, which carry the same members. */
    private record Values(String name, String group, String expression, String timezone, Instant startDate,
            Instant endDate, String description, String state, String kmsKeyArn, FlexibleTimeWindow window,
            String actionAfterCompletion, Target target) {
    }

    public CreateScheduleResponse createSchedule(CreateScheduleRequest r) {
        SchedulerState.Place place = place();
        Values v = new Values(r.name(), r.groupName(), r.scheduleExpression(), r.scheduleExpressionTimezone(),
                r.startDate(), r.endDate(), r.description(), r.stateAsString(), r.kmsKeyArn(), r.flexibleTimeWindow(),
                r.actionAfterCompletionAsString(), r.target());
        return Idempotency.run(place.tokens, "CreateSchedule", r.clientToken(), r, () -> {
            String group = groupOf(place, v.group());
            if (place.schedules.containsKey(SchedulerState.key(group, v.name()))) {
                throw SchedulerErrors.scheduleExists(v.name());
            }
            Instant now = clock.now();
            StoredSchedule s = store(place, v, group, now, now);
            return CreateScheduleResponse.builder().scheduleArn(s.arn()).build();
        });
    }

    public UpdateScheduleResponse updateSchedule(UpdateScheduleRequest r) {
        SchedulerState.Place place = place();
        Values v = new Values(r.name(), r.groupName(), r.scheduleExpression(), r.scheduleExpressionTimezone(),
                r.startDate(), r.endDate(), r.description(), r.stateAsString(), r.kmsKeyArn(), r.flexibleTimeWindow(),
                r.actionAfterCompletionAsString(), r.target());
        return Idempotency.run(place.tokens, "UpdateSchedule", r.clientToken(), r, () -> {
            String group = groupOf(place, v.group());
            StoredSchedule old = place.schedules.get(SchedulerState.key(group, v.name()));
            if (old == null) {
                throw SchedulerErrors.noSchedule(v.name());
            }
            StoredSchedule s = store(place, v, group, old.created(), clock.now());
            return UpdateScheduleResponse.builder().scheduleArn(s.arn()).build();
        });
    }

    public GetScheduleResponse getSchedule(GetScheduleRequest r) {
        SchedulerState.Place place = place();
        String group = groupOf(place, r.groupName());
        StoredSchedule s = place.schedules.get(SchedulerState.key(group, r.name()));
        if (s == null) {
            throw SchedulerErrors.noSchedule(r.name());
        }
        FlexibleTimeWindow window = s.flexibleMinutes() == 0
                ? FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build()
                : FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.FLEXIBLE)
                        .maximumWindowInMinutes(s.flexibleMinutes()).build();
        return GetScheduleResponse.builder().name(s.name()).groupName(s.group()).arn(s.arn())
                .scheduleExpression(s.expressionText()).scheduleExpressionTimezone(s.timezone())
                .startDate(s.startDate()).endDate(s.endDate()).description(s.description()).state(s.state())
                .kmsKeyArn(s.kmsKeyArn()).flexibleTimeWindow(window).actionAfterCompletion(s.actionAfterCompletion())
                .target(s.target()).creationDate(s.created()).lastModificationDate(s.modified()).build();
    }

    public DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest r) {
        SchedulerState.Place place = place();
        return Idempotency.run(place.tokens, "DeleteSchedule", r.clientToken(), r, () -> {
            String group = groupOf(place, r.groupName());
            if (place.schedules.remove(SchedulerState.key(group, r.name())) == null) {
                throw SchedulerErrors.noSchedule(r.name());
            }
            return DeleteScheduleResponse.builder().build();
        });
    }

    public ListSchedulesResponse listSchedules(ListSchedulesRequest r) {
        SchedulerState.Place place = place();
        if (r.groupName() != null && !place.groups.containsKey(r.groupName())) {
            throw SchedulerErrors.noGroup(r.groupName());
        }
        String from = PageTokens.decode("schedules", r.nextToken(),
                () -> SchedulerErrors.invalid("Invalid NextToken provided."));
        int limit = r.maxResults() != null ? r.maxResults() : DEFAULT_PAGE;
        List<ScheduleSummary> page = new ArrayList<>();
        String next = null;
        for (Map.Entry<String, StoredSchedule> e : place.schedules.entrySet()) {
            StoredSchedule s = e.getValue();
            if ((from != null && e.getKey().compareTo(from) < 0)
                    || (r.groupName() != null && !r.groupName().equals(s.group()))
                    || (r.namePrefix() != null && !s.name().startsWith(r.namePrefix()))
                    || (r.stateAsString() != null && !r.stateAsString().equals(s.state()))) {
                continue;
            }
            if (page.size() == limit) {
                next = PageTokens.encode("schedules", e.getKey());
                break;
            }
            page.add(ScheduleSummary.builder().name(s.name()).groupName(s.group()).arn(s.arn()).state(s.state())
                    .creationDate(s.created()).lastModificationDate(s.modified())
                    .target(t -> t.arn(s.target().arn())).build());
        }
        return ListSchedulesResponse.builder().schedules(page).nextToken(next).build();
    }

    private StoredSchedule store(SchedulerState.Place place, Values v, String group, Instant created, Instant now) {
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(v.expression());
        } catch (IllegalArgumentException e) {
            throw SchedulerErrors.invalid("Invalid Schedule Expression " + v.expression() + ".");
        }
        String timezone = v.timezone() != null ? v.timezone() : "UTC";
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw SchedulerErrors.invalid("Invalid ScheduleExpressionTimezone " + timezone + ".");
        }
        if (v.startDate() != null && v.endDate() != null && !v.endDate().isAfter(v.startDate())) {
            throw SchedulerErrors.invalid("The EndDate must be after the StartDate.");
        }
        if (v.endDate() != null && !expression.oneTime() && !v.endDate().isAfter(now)) {
            throw SchedulerErrors.invalid("The EndDate must be in the future.");
        }
        StoredSchedule s = new StoredSchedule(v.name(), group, place.scheduleArn(group, v.name()), v.expression(),
                expression, timezone, v.startDate(), v.endDate(), v.description(),
                v.state() != null ? v.state() : "ENABLED", v.kmsKeyArn(), flexibleMinutes(v.window()),
                v.actionAfterCompletion() != null ? v.actionAfterCompletion() : "NONE", withDefaults(v.target()),
                created, now, v.startDate() != null ? v.startDate() : now, generations.incrementAndGet());
        place.schedules.put(SchedulerState.key(group, v.name()), s);
        // A rate schedule with no start date invokes its target at once; the others from their next occurrence.
        firing.arm(place, s, now.minusNanos(1));
        return s;
    }

    private static int flexibleMinutes(FlexibleTimeWindow w) {
        if (w.mode() == FlexibleTimeWindowMode.FLEXIBLE) {
            if (w.maximumWindowInMinutes() == null) {
                throw SchedulerErrors.invalid(
                        "MaximumWindowInMinutes must be provided when FlexibleTimeWindow Mode is FLEXIBLE.");
            }
            return w.maximumWindowInMinutes();
        }
        if (w.maximumWindowInMinutes() != null) {
            throw SchedulerErrors.invalid(
                    "MaximumWindowInMinutes must not be provided when FlexibleTimeWindow Mode is OFF.");
        }
        return 0;
    }

    /** The target as GetSchedule shows it: AWS fills in the default retry policy. */
    private static Target withDefaults(Target t) {
        var retry = t.retryPolicy();
        return t.toBuilder().retryPolicy(p -> p
                .maximumRetryAttempts(retry != null && retry.maximumRetryAttempts() != null
                        ? retry.maximumRetryAttempts() : DEFAULT_RETRY_ATTEMPTS)
                .maximumEventAgeInSeconds(retry != null && retry.maximumEventAgeInSeconds() != null
                        ? retry.maximumEventAgeInSeconds() : DEFAULT_EVENT_AGE))
                .build();
    }

    private SchedulerState.Place place() {
        RequestContext ctx = RequestContext.current();
        return state.place(ctx.accountId(), ctx.region());
    }

    private static String groupOf(SchedulerState.Place place, String group) {
        String name = group != null ? group : SchedulerState.DEFAULT_GROUP;
        if (!place.groups.containsKey(name)) {
            throw SchedulerErrors.noGroup(name);
        }
        return name;
    }
}
