package io.gureum.events;

import io.gureum.core.ids.Arn;
import io.gureum.core.time.DueTimer;
import io.gureum.events.archive.Archive;
import io.gureum.events.archive.Replay;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.model.CancelReplayRequest;
import software.amazon.awssdk.services.eventbridge.model.CancelReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ListReplaysRequest;
import software.amazon.awssdk.services.eventbridge.model.ListReplaysResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayDestination;
import software.amazon.awssdk.services.eventbridge.model.StartReplayRequest;
import software.amazon.awssdk.services.eventbridge.model.StartReplayResponse;

/**
 * Replays put an archive's events received in [EventStartTime, EventEndTime) back on the archive's bus,
 * each with {@code replay-name}, to the rules of Destination.FilterArns or, without them, to every rule
 * of the bus. StartReplay answers STARTING; on the clock's next tick the replay is RUNNING, sends its
 * events and is COMPLETED (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html).
 */
final class Replays {
    private final EventsStores stores;
    private final Archives archives;
    private final Router router;
    private final DueTimer due;
    private final EventsRecords records;
    /** Replayed events between two records of a running replay's progress. */
    private static final int PROGRESS_EVERY = 100;

    Replays(EventsStores stores, Archives archives, Router router, DueTimer due, EventsRecords records) {
        this.records = records;
        this.stores = stores;
        this.archives = archives;
        this.router = router;
        this.due = due;
    }

    private static Replay replay(EventsStore s, String name) {
        Replay r = s.replays.get(name);
        if (r == null) {
            throw EventsErrors.notFound("Replay " + name + " does not exist.");
        }
        return r;
    }

    public StartReplayResponse startReplay(StartReplayRequest request) {
        EventsStore s = stores.current();
        if (s.replays.containsKey(request.replayName())) {
            throw EventsErrors.alreadyExists("Replay " + request.replayName() + " already exists.");
        }
        Arn source;
        try {
            source = Arn.parse(request.eventSourceArn());
        } catch (IllegalArgumentException e) {
            throw EventsErrors.validation("Parameter EventSourceArn is not valid.");
        }
        if (!source.resource().startsWith("archive/") || !source.accountId().equals(s.account)) {
            throw EventsErrors.validation("Parameter EventSourceArn is not valid.");
        }
        Archive archive = archives.archive(s, source.resource().substring("archive/".length()));
        if (!request.eventStartTime().isBefore(request.eventEndTime())) {
            throw EventsErrors.validation("Parameter EventStartTime is not valid. Reason: EventStartTime must be"
                    + " before EventEndTime.");
        }
        if (request.eventEndTime().isAfter(stores.now())) {
            throw EventsErrors.validation("Parameter EventEndTime is not valid. Reason: EventEndTime must be in the"
                    + " past.");
        }
        ReplayDestination destination = request.destination();
        if (!destination.arn().equals(archive.eventSourceArn)) {
            throw EventsErrors.validation("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is"
                    + " not permitted.");
        }
        List<String> filters = destination.hasFilterArns() ? destination.filterArns() : List.of();
        Bus bus = stores.ownBus(destination.arn());
        for (String f : filters) {
            if (bus.rules.values().stream().noneMatch(r -> r.arn.equals(f))) {
                throw EventsErrors.notFound("Rule " + f + " does not exist.");
            }
        }
        Replay r = new Replay(request.replayName(),
                "arn:aws:events:" + s.region + ":" + s.account + ":replay/" + request.replayName(), archive.arn,
                request.description(), request.eventStartTime(), request.eventEndTime(), destination.arn(), filters,
                stores.now());
        s.replays.put(r.name, r);
        due.at(stores.now(), () -> run(s, r, archive, bus, r.eventStartTime));
        return StartReplayResponse.builder().replayArn(r.arn).state(r.state).replayStartTime(r.replayStartTime).build();
    }

    private void run(EventsStore s, Replay r, Archive archive, Bus bus, java.time.Instant from) {
        synchronized (s) {
            if (!r.state.equals("STARTING")) {
                r.state = "CANCELLED";
                r.replayEndTime = stores.now();
                records.record(s);
                return;
            }
            r.state = "RUNNING";
            records.record(s);
        }
        Set<String> only = r.filterArns.isEmpty() ? null : new HashSet<>(r.filterArns);
        int sent = 0;
        for (Archive.Kept k : archive.between(from, r.eventEndTime)) {
            if (!r.state.equals("RUNNING")) {
                break;
            }
            router.put(bus, k.event(), stores.now(), r.name, only);
            r.eventLastReplayedTime = k.received();
            if (++sent % PROGRESS_EVERY == 0 && records.enabled()) {
                synchronized (s) {
                    records.record(s);
                }
            }
        }
        synchronized (s) {
            r.state = r.state.equals("RUNNING") ? "COMPLETED" : "CANCELLED";
            r.replayEndTime = stores.now();
            records.record(s);
        }
    }

    /**
     * A replay that was starting or running when the server stopped goes on after the restart from the last
     * event it had recorded as replayed (that event and those received at the same instant are sent again:
     * EventBridge delivers at least once). Without its archive or bus any more, it fails.
     */
    void resume(EventsStore s, Replay r) {
        Archive archive = s.archives.get(r.eventSourceArn.substring(r.eventSourceArn.indexOf("archive/") + 8));
        String busResource = Arn.parse(r.destinationArn).resource();
        Bus bus = busResource.startsWith("event-bus/") ? s.busOrNull(busResource.substring("event-bus/".length()))
                : null;
        synchronized (s) {
            if (archive == null || !archive.arn.equals(r.eventSourceArn) || bus == null) {
                r.state = "FAILED";
                r.stateReason = "The archive or the event bus of the replay no longer exists.";
                r.replayEndTime = stores.now();
                records.record(s);
                return;
            }
            r.state = "STARTING";
        }
        java.time.Instant from = r.eventLastReplayedTime != null ? r.eventLastReplayedTime : r.eventStartTime;
        Bus target = bus;
        due.at(stores.now(), () -> run(s, r, archive, target, from));
    }

    public DescribeReplayResponse describeReplay(DescribeReplayRequest request) {
        Replay r = replay(stores.current(), request.replayName());
        return DescribeReplayResponse.builder().replayName(r.name).replayArn(r.arn).description(r.description)
                .state(r.state).stateReason(r.stateReason).eventSourceArn(r.eventSourceArn)
                .destination(ReplayDestination.builder().arn(r.destinationArn)
                        .filterArns(r.filterArns.isEmpty() ? null : r.filterArns).build())
                .eventStartTime(r.eventStartTime).eventEndTime(r.eventEndTime)
                .eventLastReplayedTime(r.eventLastReplayedTime).replayStartTime(r.replayStartTime)
                .replayEndTime(r.replayEndTime).build();
    }

    public ListReplaysResponse listReplays(ListReplaysRequest request) {
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<Replay> matching = stores.current().replays.values().stream().filter(r -> r.name.startsWith(prefix))
                .filter(r -> request.eventSourceArn() == null || r.eventSourceArn.equals(request.eventSourceArn()))
                .filter(r -> request.stateAsString() == null || r.state.equals(request.stateAsString())).toList();
        Pages.Page<Replay> page = Pages.of("replays", matching, r -> r.name, request.nextToken(), request.limit());
        return ListReplaysResponse.builder().replays(page.items().stream()
                .map(r -> software.amazon.awssdk.services.eventbridge.model.Replay.builder().replayName(r.name)
                        .eventSourceArn(r.eventSourceArn).state(r.state).stateReason(r.stateReason)
                        .eventStartTime(r.eventStartTime).eventEndTime(r.eventEndTime)
                        .eventLastReplayedTime(r.eventLastReplayedTime).replayStartTime(r.replayStartTime)
                        .replayEndTime(r.replayEndTime).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    /** Only a STARTING or RUNNING replay can be cancelled; it is CANCELLING until it stops. */
    public CancelReplayResponse cancelReplay(CancelReplayRequest request) {
        EventsStore s = stores.current();
        Replay r = replay(s, request.replayName());
        if (!r.active()) {
            throw EventsErrors.illegalStatus("Replay " + r.name + " is not in a valid state for this operation.");
        }
        r.state = "CANCELLING";
        return CancelReplayResponse.builder().replayArn(r.arn).state(r.state).build();
    }
}
