package io.gureum.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.events.archive.Archive;
import io.gureum.events.archive.Replay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * EventBridge archives and replays in {@code --data-dir}. An archive's settings and a replay (with its state and
 * progress) are records compared with the last written like buses and rules ({@link EventsRecords}); each archived
 * event is one record, written once, under the archive's ID and its ordinal, while the store's monitor is held (the
 * router archives under it). Records of events past retention or of a deleted archive stay in the journal until
 * the next compaction and are skipped at restore.
 */
final class ArchiveRecords {
    static final String ARCHIVE = "archive";
    static final String ARCHIVED_EVENT = "archived-event";
    static final String REPLAY = "replay";

    record ArchiveRecord(String id, String name, String arn, String eventSourceArn, Instant creationTime,
            String description, String eventPattern, int retentionDays, String state) {
    }

    record ArchivedEventRecord(String archiveId, Instant received, ObjectNode event, long size, long ordinal) {
    }

    record ReplayRecord(String name, String arn, String eventSourceArn, String description, Instant eventStartTime,
            Instant eventEndTime, String destinationArn, List<String> filterArns, Instant replayStartTime,
            String state, String stateReason, Instant eventLastReplayedTime, Instant replayEndTime) {
    }

    private ArchiveRecords() {
    }

    /** An event the router just archived; the caller holds the store's monitor. */
    static void archived(StateStore state, EventsStore store, Archive archive, Archive.Kept k) {
        if (state.enabled()) {
            state.put(EventsStores.SERVICE, store.account, store.region, ARCHIVED_EVENT, key(archive, k),
                    new ArchivedEventRecord(archive.id, k.received(), k.event(), k.size(), k.ordinal()));
        }
    }

    private static String key(Archive archive, Archive.Kept k) {
        return archive.id + "/" + String.format("%019d", k.ordinal());
    }

    /** Archives' settings and replays as (record, value), for {@link EventsRecords}'s comparison. */
    static void each(EventsStore store, BiConsumer<StateRecord, Object> sink) {
        for (Archive a : store.archives.values()) {
            ArchiveRecord value = new ArchiveRecord(a.id, a.name, a.arn, a.eventSourceArn, a.creationTime,
                    a.description, a.eventPatternText, a.retentionDays, a.state);
            sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, ARCHIVE, a.name, value),
                    value);
        }
        for (Replay r : store.replays.values()) {
            ReplayRecord value = new ReplayRecord(r.name, r.arn, r.eventSourceArn, r.description, r.eventStartTime,
                    r.eventEndTime, r.destinationArn, r.filterArns, r.replayStartTime, r.state, r.stateReason,
                    r.eventLastReplayedTime, r.replayEndTime);
            sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, REPLAY, r.name, value),
                    value);
        }
    }

    /** Every archived event kept now, for a snapshot; the caller holds the store's monitor. */
    static void captureEvents(EventsStore store, Consumer<StateRecord> sink) {
        for (Archive a : store.archives.values()) {
            for (Archive.Kept k : a.all()) {
                sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, ARCHIVED_EVENT,
                        key(a, k), new ArchivedEventRecord(a.id, k.received(), k.event(), k.size(), k.ordinal())));
            }
        }
    }

    /**
     * Rebuilds archives with their events, and replays; returns the replays that were starting or running when the
     * server stopped (the caller resumes them). The caller holds no monitor; each store's is taken here.
     */
    static List<Map.Entry<EventsStore, Replay>> restore(List<StateRecord> records, EventsStores stores, Instant now) {
        Map<String, List<Archive.Kept>> eventsByArchive = new HashMap<>();
        Map<String, Archive> archivesById = new HashMap<>();
        List<Map.Entry<EventsStore, Replay>> unfinished = new ArrayList<>();
        for (StateRecord r : records) {
            EventsStore store = stores.get(r.account(), r.region());
            synchronized (store) {
                switch (r.kind()) {
                    case ARCHIVE -> {
                        ArchiveRecord v = r.value(ArchiveRecord.class);
                        Archive a = new Archive(v.name(), v.arn(), v.eventSourceArn(), v.creationTime());
                        a.id = v.id();
                        a.description = v.description();
                        a.eventPatternText = v.eventPattern();
                        a.eventPattern = v.eventPattern() == null ? null : Rules.pattern(v.eventPattern());
                        a.retentionDays = v.retentionDays();
                        a.state = v.state();
                        store.archives.put(a.name, a);
                        archivesById.put(a.id, a);
                    }
                    case ARCHIVED_EVENT -> {
                        ArchivedEventRecord v = r.value(ArchivedEventRecord.class);
                        eventsByArchive.computeIfAbsent(v.archiveId(), id -> new ArrayList<>())
                                .add(new Archive.Kept(v.received(), v.event(), v.size(), v.ordinal()));
                    }
                    case REPLAY -> {
                        ReplayRecord v = r.value(ReplayRecord.class);
                        Replay replay = new Replay(v.name(), v.arn(), v.eventSourceArn(), v.description(),
                                v.eventStartTime(), v.eventEndTime(), v.destinationArn(), v.filterArns(),
                                v.replayStartTime());
                        replay.state = v.state();
                        replay.stateReason = v.stateReason();
                        replay.eventLastReplayedTime = v.eventLastReplayedTime();
                        replay.replayEndTime = v.replayEndTime();
                        store.replays.put(replay.name, replay);
                        if (replay.state.equals("CANCELLING")) {
                            replay.state = "CANCELLED";
                            replay.replayEndTime = now;
                        } else if (replay.active()) {
                            unfinished.add(Map.entry(store, replay));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        eventsByArchive.forEach((id, kept) -> {
            Archive a = archivesById.get(id);
            if (a != null) {
                a.restore(kept);
                a.expire(now);
            }
        });
        return unfinished;
    }
}
