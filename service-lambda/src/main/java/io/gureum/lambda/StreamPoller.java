package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import io.gureum.lambda.runtime.InvocationResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Runs the enabled DynamoDB stream event source mappings (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html):
 * reads the stream's shard in order from the mapping's starting position, drops records its filters reject, hands
 * batches of up to {@code BatchSize} records to the function synchronously (after {@code MaximumBatchingWindowInSeconds}
 * when fewer are there), and moves on only once a batch succeeded or was discarded. A failed batch is retried (split in
 * two first with {@code BisectBatchOnFunctionError}, which uses no retry) until {@code MaximumRetryAttempts} or
 * {@code MaximumRecordAgeInSeconds}; {@code ReportBatchItemFailures} retries from the lowest failed sequence number. A
 * discarded batch's record goes to the {@code OnFailure} destination
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
 *
 * <p>Each mapping's polls are chained on the core clock through {@link DueTimer} (four a second, as Lambda polls; a
 * second after a failure), so a mapping holds no thread between polls and {@code POST /_gureum/clock} brings windows
 * and retries forward.
 */
final class StreamPoller {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration RETRY = Duration.ofSeconds(1);

    private final ServiceContext context;
    private final FunctionLookup functions;
    private final Invoker invoker;
    private final DueTimer due;
    private final Destinations destinations;
    /** Journals the mappings' new positions ({@code --data-dir}); never called holding a mapping's lock. */
    private final Runnable recordChanges;
    /** Whether a record passes the mapping's filters. */
    private final BiPredicate<EventSourceMapping, JsonNode> filters;

    StreamPoller(ServiceContext context, FunctionLookup functions, Invoker invoker, DueTimer due,
            Destinations destinations, Runnable recordChanges, BiPredicate<EventSourceMapping, JsonNode> filters) {
        this.context = context;
        this.functions = functions;
        this.invoker = invoker;
        this.due = due;
        this.destinations = destinations;
        this.recordChanges = recordChanges;
        this.filters = filters;
    }

    /** Starts the chain of polls of a mapping the caller has marked busy. */
    void start(EventSourceMapping m) {
        due.after(Duration.ZERO, () -> poll(m));
    }

    private void again(EventSourceMapping m, Duration delay) {
        synchronized (m) {
            if (!m.enabled || m.deleted) {
                m.busy = false;
                return;
            }
        }
        due.after(delay, () -> poll(m));
    }

    private void poll(EventSourceMapping m) {
        try {
            synchronized (m) {
                if (!m.enabled || m.deleted) {
                    m.busy = false;
                    return;
                }
            }
            StreamSource source = StreamSource.of(context, m.eventSourceArn, m.arn).orElse(null);
            if (source == null || !read(m, source)) {
                again(m, RETRY);
                return;
            }
            List<Record> batch = next(m);
            if (batch == null) {
                again(m, POLL);
                return;
            }
            invoke(m, batch);
        } catch (RuntimeException e) {
            LOG.warn("Event source mapping {} failed to poll {}: {}", m.uuid, m.eventSourceArn, e.toString());
            m.iterator = null; // read again from the last record read
            again(m, RETRY);
        }
    }

    /** Reads what the stream has, up to a batch; false when the stream or its shard is gone. */
    private boolean read(EventSourceMapping m, StreamSource source) {
        if (m.iterator == null) {
            String shard = source.shard().orElse(null);
            if (shard == null) {
                return false;
            }
            boolean sameShard = shard.equals(m.shardId);
            m.shardId = shard;
            String after = sameShard ? m.lastRead : null;
            String position = m.startingPosition;
            if (after == null && m.checkpoint != null) {
                // Restored: go on after the checkpoint if the stream still holds it; a stream that started again
                // since (its records were not kept) holds only records written after, so all of it is new.
                boolean holds;
                try {
                    holds = sameShard && source.holds(shard, m.checkpoint, m.checkpointEventId);
                } catch (RuntimeException beyondTheStream) {
                    holds = false;
                }
                after = holds ? m.checkpoint : null;
                position = holds ? position : "TRIM_HORIZON";
            }
            m.iterator = source.iterator(m.shardId, position, after);
        }
        int batchSize;
        synchronized (m) {
            batchSize = m.batchSize;
        }
        while (m.pending.size() < batchSize && m.iterator != null) {
            StreamSource.Read r = source.read(m.iterator, batchSize - m.pending.size());
            m.iterator = r.nextIterator();
            if (r.records().isEmpty()) {
                break;
            }
            for (Record rec : r.records()) {
                m.lastRead = rec.dynamodb().sequenceNumber();
                m.lastReadEventId = rec.eventID();
                if (filters.test(m, StreamEvents.record(rec, m.eventSourceArn))) {
                    if (m.pending.isEmpty()) {
                        m.windowStart = context.clock().now();
                    }
                    m.pending.add(rec);
                }
            }
        }
        if (m.pending.isEmpty() && m.lastRead != null && !m.lastRead.equals(m.checkpoint)) {
            synchronized (m) {
                m.checkpoint = m.lastRead; // everything read was filtered out
                m.checkpointEventId = m.lastReadEventId;
            }
            recordChanges.run();
        }
        return true;
    }

    /** The batch to invoke now, or null to wait (nothing there, or the batching window is open). */
    private List<Record> next(EventSourceMapping m) {
        int batchSize;
        int window;
        int maxAge;
        synchronized (m) {
            batchSize = m.batchSize;
            window = m.maximumBatchingWindowInSeconds;
            maxAge = m.maximumRecordAgeInSeconds;
        }
        Instant now = context.clock().now();
        if (maxAge >= 0) {
            List<Record> expired = new ArrayList<>();
            for (Record r : m.pending) {
                Instant created = r.dynamodb().approximateCreationDateTime();
                if (created == null || Duration.between(created, now).getSeconds() <= maxAge) {
                    break;
                }
                expired.add(r);
            }
            if (!expired.isEmpty()) {
                discard(m, expired, "RecordAgeExceeded", m.attempts, null);
                done(m, expired);
            }
        }
        if (m.pending.isEmpty()) {
            return null;
        }
        if (m.attempts == 0 && m.bisected == 0 && window > 0 && m.pending.size() < batchSize
                && Duration.between(m.windowStart, now).getSeconds() < window) {
            return null;
        }
        int size = Math.min(m.bisected > 0 ? m.bisected : batchSize, m.pending.size());
        return new ArrayList<>(m.pending.subList(0, size));
    }

    private void invoke(EventSourceMapping m, List<Record> batch) {
        FunctionLookup.Resolved fn;
        try {
            fn = functions.resolve(m.functionArn, null);
            Invoker.acquire(fn.function());
        } catch (RuntimeException goneOrThrottled) {
            again(m, RETRY);
            return;
        }
        String requestId = context.ids().requestId();
        CompletableFuture<InvocationResult> running = invoker.run(fn.function(), Invoker.pick(fn), fn.qualifiedArn(),
                StreamEvents.event(batch, m.eventSourceArn), requestId, null, "DynamoDBStreams");
        running.whenComplete((result, failure) -> {
            try {
                if (failure == null && result.functionError() == null) {
                    int failedAt = m.reportsBatchItemFailures() ? firstFailure(result.payload(), batch) : batch.size();
                    if (failedAt >= batch.size()) {
                        succeeded(m, batch);
                        again(m, Duration.ZERO);
                        return;
                    }
                    if (failedAt > 0) {
                        succeeded(m, batch.subList(0, failedAt));
                    }
                    failed(m, new ArrayList<>(batch.subList(failedAt, batch.size())), null, requestId, true);
                } else {
                    failed(m, batch, result == null ? "Unhandled" : result.functionError(), requestId, false);
                }
                again(m, RETRY);
            } catch (RuntimeException e) {
                LOG.warn("Event source mapping {}: handling a batch's result failed: {}", m.uuid, e.toString());
                again(m, RETRY);
            }
        });
    }

    private void succeeded(EventSourceMapping m, List<Record> processed) {
        m.attempts = 0;
        m.bisected = 0;
        done(m, processed);
        synchronized (m) {
            m.lastProcessingResult = "OK"; // after the position moved: whoever reads OK finds the position past the batch
        }
    }

    /**
     * A batch failed: split it when bisecting (no retry used), retry it, or discard it once its retries are used up.
     *
     * @param partial the function reported these records as failures; the batch is not split then
     */
    private void failed(EventSourceMapping m, List<Record> batch, String functionError, String requestId,
            boolean partial) {
        boolean bisect;
        int maxRetries;
        synchronized (m) {
            m.lastProcessingResult = "PROBLEM: Function call failed";
            bisect = m.bisectBatchOnFunctionError;
            maxRetries = m.maximumRetryAttempts;
        }
        if (bisect && !partial && batch.size() > 1) {
            // "Splitting a batch does not count towards the retry quota" (services-dynamodb-errors.html)
            m.bisected = batch.size() / 2;
            m.attempts = 0;
            return;
        }
        m.attempts++;
        m.bisected = partial ? 0 : batch.size();
        if (maxRetries >= 0 && m.attempts > maxRetries) {
            discard(m, batch, "RetryAttemptsExhausted", m.attempts, functionError == null ? "Unhandled" : functionError);
            m.attempts = 0;
            m.bisected = 0;
            done(m, batch);
        }
    }

    /** The batch leaves the head of the stream: the position moves past it. */
    private void done(EventSourceMapping m, List<Record> batch) {
        m.pending.subList(0, batch.size()).clear();
        Record last = batch.get(batch.size() - 1);
        synchronized (m) {
            boolean all = m.pending.isEmpty() && m.lastRead != null;
            m.checkpoint = all ? m.lastRead : last.dynamodb().sequenceNumber();
            m.checkpointEventId = all ? m.lastReadEventId : last.eventID();
        }
        recordChanges.run();
    }

    private void discard(EventSourceMapping m, List<Record> batch, String condition, int attempts, String error) {
        String destination;
        synchronized (m) {
            destination = m.onFailure;
        }
        if (destination == null) {
            return;
        }
        try {
            FunctionLookup.Resolved fn = functions.resolve(m.functionArn, null);
            destinations.send(fn.function(), context.ids().requestId(), destination,
                    StreamEvents.failure(batch, m, context.ids().requestId(), condition, attempts, error,
                            context.clock().now()), Map.of());
        } catch (RuntimeException e) {
            LOG.warn("Event source mapping {}: sending a discarded batch to {} failed: {}", m.uuid, destination,
                    e.toString());
        }
    }

    /**
     * The index in the batch of the lowest sequence number the function reported as failed; the batch's size when it
     * reported none; 0 (the whole batch) when the response is malformed
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html).
     */
    static int firstFailure(byte[] payload, List<Record> batch) {
        JsonNode n;
        try {
            n = payload == null || payload.length == 0 ? null : LambdaJson.MAPPER.readTree(payload);
        } catch (IOException notJson) {
            return 0;
        }
        if (n == null || !n.has("batchItemFailures") || n.get("batchItemFailures").isNull()
                || n.get("batchItemFailures").isEmpty()) {
            return batch.size();
        }
        int first = batch.size();
        for (JsonNode item : n.get("batchItemFailures")) {
            String id = item.path("itemIdentifier").asText("");
            int at = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(id)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return 0;
            }
            first = Math.min(first, at);
        }
        return first;
    }
}
