package io.gureum.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.time.DueTimer;
import io.gureum.events.delivery.Attempts;
import io.gureum.events.delivery.DeliveryJob;
import io.gureum.events.delivery.Envelope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Fires scheduled rules on the clock ({@link DueTimer}): at each time the rule's expression names, its
 * targets get a "Scheduled Event" from {@code aws.events} whose {@code time} is that scheduled time
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html). Advancing the
 * clock is time passing: every occurrence in the skipped span fires once, as it would have in AWS — a
 * daily rule once per day skipped, a rate(5 minutes) rule 288 times — but at most the latest
 * {@value #MAX_CATCH_UP} of them, so that a jump of a year does not flood the targets.
 */
final class Schedules {
    static final int MAX_CATCH_UP = 100;

    private final EventsStores stores;
    private final DueTimer due;
    private final Attempts attempts;
    private final Supplier<String> ids;

    Schedules(EventsStores stores, DueTimer due, Attempts attempts, Supplier<String> ids) {
        this.stores = stores;
        this.due = due;
        this.attempts = attempts;
        this.ids = ids;
    }

    /** (Re)arms {@code rule} after a change of its schedule or state; a timer armed before does nothing. */
    void arm(Rule rule) {
        long generation;
        synchronized (rule) {
            generation = ++rule.scheduleGeneration;
        }
        if (rule.deleted || !rule.enabled() || rule.schedule == null) {
            return;
        }
        Instant next = rule.schedule.next(stores.now(), rule.scheduleOrigin);
        if (next != null) {
            due.at(next, () -> fire(rule, generation, next));
        }
    }

    private void fire(Rule rule, long generation, Instant first) {
        if (generation != rule.scheduleGeneration || rule.deleted || !rule.enabled()) {
            return;
        }
        Instant now = stores.now();
        Deque<Instant> occurrences = new ArrayDeque<>();
        Instant t = first;
        while (t != null && !t.isAfter(now)) {
            occurrences.addLast(t);
            if (occurrences.size() > MAX_CATCH_UP) {
                occurrences.removeFirst();
            }
            t = rule.schedule.next(t, rule.scheduleOrigin);
        }
        for (Instant at : occurrences) {
            ObjectNode event = Envelope.of(ids.get(), "Scheduled Event", "aws.events", rule.account, at, rule.region,
                    List.of(rule.arn), Envelope.JSON.createObjectNode());
            for (Target target : rule.targets.values()) {
                attempts.deliver(new DeliveryJob(rule.account, rule.region, rule.arn, rule.name, target, event, at));
            }
        }
        if (t != null) {
            Instant next = t;
            due.at(next, () -> fire(rule, generation, next));
        }
    }
}
