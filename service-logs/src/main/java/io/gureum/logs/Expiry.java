package io.gureum.logs;

import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.time.GureumClock;
import java.time.Duration;
import java.util.List;

/**
 * Retention: events older than their group's retention period are deleted, checked after every move of
 * Gureum's clock and when a policy is put. AWS deletes expired events within a few days
 * (Working-with-log-groups-and-streams.html#SettingLogRetention); Gureum deletes them at once, so tests
 * see a deterministic result. Keeps {@link EventBudget} informed of every removal.
 */
final class Expiry {
    private final GureumClock clock;
    private final EventBudget budget;

    Expiry(GureumClock clock, EventBudget budget) {
        this.clock = clock;
        this.budget = budget;
    }

    /** The oldest timestamp {@code group} keeps now, or {@code Long.MIN_VALUE} without a retention policy. */
    long cutoff(LogGroup group) {
        Integer days = group.retentionInDays();
        return days == null ? Long.MIN_VALUE : clock.now().minus(Duration.ofDays(days)).toEpochMilli();
    }

    void expire(LogGroup group) {
        long cutoff = cutoff(group);
        if (cutoff == Long.MIN_VALUE) {
            return;
        }
        for (LogStream stream : group.streams.values()) {
            List<StoredEvent> gone = stream.expire(cutoff);
            if (!gone.isEmpty()) {
                budget.removed(gone);
            }
        }
    }

    void expireAll(AccountRegionStore<LogsStore> stores) {
        stores.forEach((key, store) -> store.groups.values().forEach(this::expire));
    }

    void dropStream(LogStream stream) {
        budget.removed(stream.expire(Long.MAX_VALUE));
    }
}
