package io.gureum.cloudwatch.alarms;

import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.List;

/**
 * An alarm mute rule: its schedule, the alarms it targets, its optional start and expiry dates and its tags. Changed
 * only under its alarm book's lock.
 */
public final class MuteRule {
    public final String name;
    public final String arn;
    String description;
    String expression;
    String duration;
    String timezone;
    MuteSchedule schedule;
    List<String> alarmNames;
    Long startDate;
    Long expireDate;
    long lastUpdated;
    /** Recorded in core's resource registry while the rule exists. */
    public final RegisteredTags tags = new RegisteredTags();

    MuteRule(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    /** {@code ACTIVE} while a mute window is open and the rule is in effect, {@code EXPIRED} once it never will be. */
    String status(long now) {
        if (expireDate != null && now >= expireDate) {
            return "EXPIRED";
        }
        Instant at = Instant.ofEpochMilli(now);
        if (schedule.oneTime() && !schedule.atInstant().plus(schedule.duration()).isAfter(at)) {
            return "EXPIRED";
        }
        return active(now) ? "ACTIVE" : "SCHEDULED";
    }

    boolean active(long now) {
        if ((startDate != null && now < startDate) || (expireDate != null && now >= expireDate)) {
            return false;
        }
        return schedule.windowAt(Instant.ofEpochMilli(now)).isPresent();
    }

    boolean targets(String alarmName) {
        return alarmNames.contains(alarmName);
    }

    String muteType() {
        return schedule.oneTime() ? "ONE_TIME" : "RECURRING";
    }

    /** What a {@code --data-dir} record keeps of a rule. */
    public record Value(String name, String arn, String description, String expression, String duration,
            String timezone, List<String> alarmNames, Long startDate, Long expireDate, long lastUpdated,
            java.util.Map<String, String> tags) {
        public MuteRule toRule() {
            MuteRule r = new MuteRule(name, arn);
            r.description = description;
            r.expression = expression;
            r.duration = duration;
            r.timezone = timezone;
            r.schedule = MuteSchedule.parse(expression, duration, timezone);
            r.alarmNames = List.copyOf(alarmNames);
            r.startDate = startDate;
            r.expireDate = expireDate;
            r.lastUpdated = lastUpdated;
            tags.forEach(r.tags::put);
            return r;
        }
    }

    public Value value() {
        return new Value(name, arn, description, expression, duration, timezone, alarmNames, startDate, expireDate,
                lastUpdated, new java.util.LinkedHashMap<>(tags));
    }
}
