package io.gureum.events;

import io.gureum.core.patterns.EventPattern;
import io.gureum.core.state.RegisteredTags;
import io.gureum.events.schedule.ScheduleExpression;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * One rule of a bus. Targets are replaced as a whole map (copy on write), so deliveries read a
 * consistent set without the store's lock.
 */
final class Rule {
    final String account;
    final String region;
    final String busName;
    final String name;
    final String arn;
    final RegisteredTags tags = new RegisteredTags();
    volatile String eventPatternText;
    volatile EventPattern eventPattern;
    volatile String scheduleText;
    volatile ScheduleExpression schedule;
    /** When a rate schedule counts from: the rule's creation or its last schedule change. */
    volatile Instant scheduleOrigin;
    /** Bumped at each change of schedule or state, so that a timer armed for an older one does nothing. */
    volatile long scheduleGeneration;
    volatile String state = "ENABLED";
    volatile String description;
    volatile String roleArn;
    volatile String managedBy;
    volatile Map<String, Target> targets = Map.of();
    volatile boolean deleted;

    Rule(String account, String region, String busName, String name) {
        this.account = account;
        this.region = region;
        this.busName = busName;
        this.name = name;
        String path = busName.equals(EventsStore.DEFAULT_BUS) ? name : busName + "/" + name;
        this.arn = "arn:aws:events:" + region + ":" + account + ":rule/" + path;
    }

    boolean enabled() {
        return !state.equals("DISABLED");
    }

    void putTarget(Target t) {
        Map<String, Target> next = new LinkedHashMap<>(targets);
        next.put(t.id(), t);
        targets = next;
    }

    void removeTarget(String id) {
        Map<String, Target> next = new LinkedHashMap<>(targets);
        next.remove(id);
        targets = next;
    }
}
