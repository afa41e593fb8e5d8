package io.gureum.scheduler;

import io.gureum.core.time.DueTimer;
import io.gureum.core.time.GureumClock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Fires schedules on Gureum's clock. Each enabled schedule has one timer entry for its next occurrence
 * (plus its flexible window's offset); the entry names the schedule's generation, so an update, a delete
 * or a disable makes older entries do nothing. When the clock jumps past several occurrences at once,
 * each is invoked, as it would have been in AWS (a daily schedule once per day skipped), but at most the
 * latest {@value #MAX_CATCH_UP} of them so that a jump of a year does not flood the target; EventBridge's
 * scheduled rules catch up the same way.
 *
 * <p>A flexible time window of N minutes invokes the target N/2 minutes after the occurrence: AWS picks
 * some point in the window; Gureum picks its middle, so tests can rely on it.
 */
final class Firing {
    static final int MAX_CATCH_UP = 100;

    private final SchedulerState state;
    private final DueTimer timer;
    private final GureumClock clock;
    private Delivery delivery;
    /** Records a place after a firing changed it (its last occurrence, a schedule deleted after completion). */
    private volatile java.util.function.Consumer<SchedulerState.Place> fired = place -> {
    };

    Firing(SchedulerState state, DueTimer timer, GureumClock clock) {
        this.state = state;
        this.timer = timer;
        this.clock = clock;
    }

    void deliverThrough(Delivery d) {
        this.delivery = d;
    }

    void onFired(java.util.function.Consumer<SchedulerState.Place> recorder) {
        this.fired = recorder;
    }

    /** Arms the schedule's next occurrence after {@code after}; the caller holds the state's lock. */
    void arm(SchedulerState.Place place, StoredSchedule s, Instant after) {
        if (!s.enabled()) {
            return;
        }
        Optional<Instant> next = nextOccurrence(s, after);
        if (next.isEmpty()) {
            return;
        }
        Instant occurrence = next.get();
        String key = SchedulerState.key(s.group(), s.name());
        timer.at(due(s, occurrence), () -> fire(place, key, s.generation(), occurrence));
    }

    /** The next occurrence after {@code after} within the start and end dates (which one-time schedules ignore). */
    static Optional<Instant> nextOccurrence(StoredSchedule s, Instant after) {
        if (s.expression().oneTime()) {
            return s.expression().next(after, s.anchor(), s.zone());
        }
        Instant from = after;
        if (s.startDate() != null && s.startDate().isAfter(after)) {
            from = s.startDate().minusNanos(1);
        }
        Optional<Instant> next = s.expression().next(from, s.anchor(), s.zone());
        return next.filter(t -> s.endDate() == null || t.isBefore(s.endDate()));
    }

    /**
     * Invokes the target for every occurrence now due, then journals the last of them ({@code lastFired}) and, after
     * a schedule's last occurrence, its deletion ({@code ActionAfterCompletion DELETE}). In that order: a crash
     * between the two leaves the occurrence unrecorded, so the restart fires it again (at least once, as AWS
     * delivers), where journaling first would lose it. The target's own records (an SQS message) are appended to
     * the journal by the invocation, on this thread, before the occurrence's record.
     */
    private void fire(SchedulerState.Place place, String key, long generation, Instant occurrence) {
        StoredSchedule s;
        Deque<Instant> occurrences = new ArrayDeque<>();
        boolean last;
        state.lock.lock();
        try {
            s = place.schedules.get(key);
            if (s == null || s.generation() != generation || !s.enabled()) {
                return;
            }
            Instant now = clock.now();
            Optional<Instant> t = Optional.of(occurrence);
            while (t.isPresent() && !due(s, t.get()).isAfter(now)) {
                occurrences.addLast(t.get());
                if (occurrences.size() > MAX_CATCH_UP) {
                    occurrences.removeFirst();
                }
                t = nextOccurrence(s, t.get());
            }
            last = t.isEmpty();
            if (!last) {
                arm(place, s, occurrences.getLast());
            }
        } finally {
            state.lock.unlock();
        }
        for (Instant at : occurrences) {
            delivery.deliver(s.arn(), place.account, place.region, s.target(), at);
        }
        state.lock.lock();
        try {
            StoredSchedule current = place.schedules.get(key);
            if (current == null || current.generation() != generation) {
                return; // changed or deleted meanwhile: that change's record stands (a restart arms after it)
            }
            if (!occurrences.isEmpty()) {
                place.lastFired.put(key, occurrences.getLast());
            }
            if (last && "DELETE".equals(s.actionAfterCompletion())) {
                place.schedules.remove(key);
                place.lastFired.remove(key);
            }
            fired.accept(place);
        } finally {
            state.lock.unlock();
        }
    }

    /** When an occurrence's target is invoked: the middle of its flexible time window. */
    private static Instant due(StoredSchedule s, Instant occurrence) {
        return occurrence.plusSeconds(s.flexibleMinutes() * 30L);
    }
}
