package io.gureum.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.events.archive.Archive;
import io.gureum.events.delivery.Attempts;
import io.gureum.events.delivery.BusForwarder;
import io.gureum.events.delivery.DeliveryJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Puts an event on a bus: archives of the bus keep it (replayed events excepted), and every enabled
 * rule of the bus whose pattern matches sends it to each of its targets. Matching holds the bus's
 * store; delivery runs afterwards, on {@link Attempts}' workers.
 */
final class Router implements BusForwarder {
    private final EventsStores stores;
    private Attempts attempts;

    Router(EventsStores stores) {
        this.stores = stores;
    }

    /** Where archived events are recorded (--data-dir). */
    private volatile io.gureum.core.persist.StateStore state = io.gureum.core.persist.StateStore.NONE;

    void state(io.gureum.core.persist.StateStore state) {
        this.state = state;
    }

    void attempts(Attempts attempts) {
        this.attempts = attempts;
    }

    private volatile EventsRecords records;

    /** Where deliveries are journaled until they are done with (--data-dir). */
    void records(EventsRecords records) {
        this.records = records;
    }

    /**
     * @param replayName the replay that puts the event back, or null
     * @param onlyRules the rule ARNs a replay is limited to, or null for every rule
     */
    void put(Bus bus, ObjectNode event, Instant ingested, String replayName, Set<String> onlyRules) {
        EventsStore store = stores.get(bus.account, bus.region);
        List<DeliveryJob> jobs = new ArrayList<>();
        synchronized (store) {
            if (replayName == null) {
                for (Archive a : store.archives.values()) {
                    if (a.eventSourceArn.equals(bus.arn)) {
                        Archive.Kept kept = a.offer(event, ingested);
                        if (kept != null) {
                            ArchiveRecords.archived(state, store, a, kept);
                        }
                    }
                }
            } else {
                event = event.deepCopy().put("replay-name", replayName);
            }
            for (Rule rule : bus.rules.values()) {
                if (!rule.enabled() || rule.eventPattern == null || (onlyRules != null && !onlyRules.contains(rule.arn))
                        || !rule.eventPattern.matches(event)) {
                    continue;
                }
                for (Target t : rule.targets.values()) {
                    DeliveryJob job = new DeliveryJob(rule.account, rule.region, rule.arn, rule.name, t, event,
                            ingested);
                    jobs.add(job);
                    if (records != null && records.enabled()) {
                        records.deliveryStarted(store, key(job),new EventsRecords.DeliveryRecord(rule.account,
                                rule.region, rule.arn, rule.name, io.gureum.core.persist.SdkJson.toJson(t),
                                event.toString(), ingested));
                    }
                }
            }
        }
        jobs.forEach(attempts::deliver);
    }

    /** A delivery's record key: a replayed event keeps its ID, so the replay's name is part of it. */
    static String key(DeliveryJob job) {
        String key = EventsRecords.DeliveryRecord.key(job.event().path("id").asText(), job.ruleArn(), job.target().id());
        return job.event().has("replay-name") ? key + "|" + job.event().path("replay-name").asText() : key;
    }

    /** A rule's event-bus target: the event goes on as it is, if the bus's policy admits the sender. */
    @Override
    public void forward(String senderAccount, String busArn, ObjectNode event) {
        Arn arn = Arn.parse(busArn);
        String name = arn.resource().substring("event-bus/".length());
        Bus bus = stores.get(arn.accountId(), arn.region()).busOrNull(name);
        if (bus == null) {
            throw EventsErrors.busNotFound(name);
        }
        if (!arn.accountId().equals(senderAccount) && !BusPolicy.allowsPutEvents(bus.policy, senderAccount, bus.arn)) {
            throw new AwsException("AccessDeniedException", "Account " + senderAccount
                    + " is not authorized to put events on " + busArn + ".", 400);
        }
        put(bus, event, stores.now(), null, null);
    }
}
