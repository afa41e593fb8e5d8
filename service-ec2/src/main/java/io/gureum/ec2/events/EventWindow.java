package io.gureum.ec2.events;

import io.gureum.ec2.compute.Timing;
import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An instance event window: a name, time ranges or a cron expression, and targets of one kind. */
final class EventWindow extends Registered {
    /** One weekly time range: start and end day (sunday … saturday) and hour. */
    static final class Range {
        public String startWeekDay;
        public int startHour;
        public String endWeekDay;
        public int endHour;
    }

    String name;
    String cronExpression;
    final List<Range> timeRanges = new ArrayList<>();
    final List<String> instanceIds = new ArrayList<>();
    final List<String> hostIds = new ArrayList<>();
    /** Instance tags as targets, key → value, in the order associated. */
    final Map<String, String> instanceTags = new LinkedHashMap<>();

    EventWindow(String id, String ownerId, String region, Instant created) {
        super(id, ownerId, region, created);
    }

    @Override
    public String resourceType() {
        return "instance-event-window";
    }

    /** {@code creating} for the first {@link Timing#TRANSITION} on the clock, then {@code active}. */
    String state(Instant now) {
        return now.isBefore(created.plus(Timing.TRANSITION)) ? "creating" : "active";
    }

    boolean hasTargets() {
        return !instanceIds.isEmpty() || !hostIds.isEmpty() || !instanceTags.isEmpty();
    }
}
