package io.gureum.logs;

import io.gureum.core.events.LogEvents;
import io.gureum.logs.transform.Transformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

/**
 * Writes events: {@code PutLogEvents} with AWS's batch rules (API_PutLogEvents.html), and the
 * {@link LogEvents} other services publish, which create their group and stream when missing.
 */
final class Ingestion {
    static final long MAX_BATCH_BYTES = 1_048_576;
    static final long TOO_NEW = Duration.ofHours(2).toMillis();
    static final long TOO_OLD = Duration.ofDays(14).toMillis();
    static final long MAX_SPAN = Duration.ofHours(24).toMillis();

    private final LogsStores stores;
    private final Expiry expiry;
    private final EventBudget budget;
    private final AtomicLong seq = new AtomicLong();
    private final MetricFilterEmitter metrics;
    private final SubscriptionDelivery subscriptions;
    private final LogsRecords records;
    private final LiveTails liveTails;

    Ingestion(LogsStores stores, Expiry expiry, EventBudget budget, MetricFilterEmitter metrics,
            SubscriptionDelivery subscriptions, LogsRecords records, LiveTails liveTails) {
        this.stores = stores;
        this.liveTails = liveTails;
        this.records = records;
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.expiry = expiry;
        this.budget = budget;
    }

    /** Core has checked the model's limits (1 to 10,000 events, each with a timestamp and a non-empty message). */
    public PutLogEventsResponse putLogEvents(PutLogEventsRequest request) {
        LogsStore store = stores.current();
        long now = stores.now();
        List<InputLogEvent> input = request.logEvents();
        long bytes = 0;
        for (InputLogEvent e : input) {
            bytes += new StoredEvent(e.timestamp(), 0, e.message(), 0).size();
        }
        LogGroup group = store.group(request.logGroupName());
        LogStream stream = store.stream(group, request.logStreamName());
        for (int i = 1; i < input.size(); i++) {
            if (input.get(i).timestamp() < input.get(i - 1).timestamp()) {
                throw LogsErrors.invalidParameter(
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw LogsErrors.invalidParameter(
                    "Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }

        long retentionCutoff = expiry.cutoff(group);
        Integer tooOldEnd = null;
        Integer expiredEnd = null;
        Integer tooNewStart = null;
        List<StoredEvent> accepted = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            long ts = input.get(i).timestamp();
            boolean tooOld = ts < now - TOO_OLD;
            boolean expired = ts < retentionCutoff;
            if (ts > now + TOO_NEW) {
                tooNewStart = tooNewStart == null ? i : tooNewStart;
            } else if (tooOld || expired) {
                tooOldEnd = tooOld ? Integer.valueOf(i) : tooOldEnd;
                expiredEnd = expired ? Integer.valueOf(i) : expiredEnd;
            } else {
                accepted.add(transformed(store, group, stream, ts, now, input.get(i).message()));
            }
        }
        if (accepted.size() > 1
                && accepted.get(accepted.size() - 1).timestamp() - accepted.get(0).timestamp() > MAX_SPAN) {
            throw LogsErrors.invalidParameter(
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        store(store, group, stream, accepted);
        PutLogEventsResponse.Builder response = PutLogEventsResponse.builder().nextSequenceToken(stream.sequenceToken());
        if (tooOldEnd != null || expiredEnd != null || tooNewStart != null) {
            response.rejectedLogEventsInfo(RejectedLogEventsInfo.builder().tooOldLogEventEndIndex(tooOldEnd)
                    .expiredLogEventEndIndex(expiredEnd).tooNewLogEventStartIndex(tooNewStart).build());
        }
        return response.build();
    }

    /** Appends another service's output, creating the group and stream as Lambda's role does in AWS. */
    void publish(LogsStore store, LogEvents events, long now) {
        if (events.events().isEmpty()) {
            return;
        }
        boolean[] made = {false};
        LogGroup group = store.groups.computeIfAbsent(events.logGroupName(), name -> {
            made[0] = true;
            return stores.registered(new LogGroup(store.account, store.region, name, now, "STANDARD", null));
        });
        LogStream stream = group.streams.computeIfAbsent(events.logStreamName(), name -> {
            made[0] = true;
            return new LogStream(name, now, group.streamArn(name));
        });
        long cutoff = expiry.cutoff(group);
        List<StoredEvent> accepted = new ArrayList<>();
        for (LogEvents.Event e : events.events()) {
            if (e.timestamp() >= cutoff && e.message() != null && !e.message().isEmpty()) {
                accepted.add(transformed(store, group, stream, e.timestamp(), now, e.message()));
            }
        }
        store(store, group, stream, accepted);
        if (made[0]) {
            records.record(store);
        }
    }

    /**
     * The event with what the group's transformer makes of it. AWS keeps the original too: GetLogEvents and
     * FilterLogEvents answer it, Logs Insights reads the transformed version.
     */
    private StoredEvent transformed(LogsStore store, LogGroup group, LogStream stream, long ts, long now,
            String message) {
        StoredTransformer t = group.transformer;
        String transformed = t == null ? null : Transformer.apply(t.processors(), message, Map.of("@logGroupName",
                group.name, "@logGroupStream", stream.name, "@accountId", store.account, "@regionName", store.region));
        return new StoredEvent(ts, now, message, seq.incrementAndGet(), transformed);
    }

    /** After a restart: sequence numbers go on after the highest restored. */
    void restoredUpTo(long maxSeq) {
        seq.accumulateAndGet(maxSeq, Math::max);
    }

    private void store(LogsStore store, LogGroup group, LogStream stream, List<StoredEvent> events) {
        stream.append(events);
        records.events(store, stream, events);
        budget.added(stream, events);
        metrics.ingested(group, events);
        subscriptions.ingested(group, stream, events);
        liveTails.ingested(store, group, stream, events);
    }
}
