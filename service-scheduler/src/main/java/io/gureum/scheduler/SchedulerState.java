package io.gureum.scheduler;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Scheduler's state: per account and region the groups and their schedules, and the client tokens of
 * recent requests. One lock guards all of it (held by every operation and by the timer when it fires).
 */
final class SchedulerState {
    static final String DEFAULT_GROUP = "default";

    final ReentrantLock lock = new ReentrantLock();
    private final ServiceContext context;
    private final AccountRegionStore<Place> places;

    /** One account and region. Schedules are keyed {@code group/name} so a listing is sorted by group, then name. */
    final class Place {
        final String account;
        final String region;
        final Map<String, ScheduleGroup> groups = new TreeMap<>();
        final Map<String, StoredSchedule> schedules = new TreeMap<>();
        final Map<String, Idempotency.Entry> tokens = new java.util.HashMap<>();
        /** The last occurrence each schedule fired (by {@code group/name}), so a restart re-arms after it. */
        final Map<String, Instant> lastFired = new java.util.HashMap<>();

        Place(String account, String region) {
            this.account = account;
            this.region = region;
            Instant now = context.clock().now();
            groups.put(DEFAULT_GROUP, new ScheduleGroup(DEFAULT_GROUP, groupArn(DEFAULT_GROUP), now, now));
        }

        String groupArn(String name) {
            return Arn.of("scheduler", region, account, "schedule-group/" + name).toString();
        }

        String scheduleArn(String group, String name) {
            return Arn.of("scheduler", region, account, "schedule/" + group + "/" + name).toString();
        }
    }

    SchedulerState(ServiceContext context) {
        this.context = context;
        this.places = new AccountRegionStore<>(Place::new);
    }

    Place place(String account, String region) {
        return places.get(account, region);
    }

    /** Every account and region that has state. */
    void forEachPlace(java.util.function.Consumer<Place> action) {
        places.forEach((key, place) -> action.accept(place));
    }

    static String key(String group, String name) {
        return group + "/" + name;
    }
}
