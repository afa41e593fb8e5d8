package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.lambda.runtime.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enabled SQS event source mappings: receives batches with SQS's ReceiveMessage ({@link SqsSource}),
 * invokes the function synchronously with the SQS event, deletes the batch on success (or all but the
 * reported failures with {@code ReportBatchItemFailures}) and leaves it to the visibility timeout on failure
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html).
 *
 * <p>One timer tick (every {@value #TICK_MILLIS} ms) looks at every enabled mapping; a mapping's poll runs on
 * the shared workers only while it has work, so idle mappings hold no thread.
 */
final class QueuePoller {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);
    static final long TICK_MILLIS = 100;

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;
    private final FunctionLookup functions;
    private final Invoker invoker;
    private final ExecutorService workers;
    private final StreamPoller streams;
    private final RecordFilters filters;

    QueuePoller(ServiceContext context, FunctionLookup functions, Invoker invoker, ExecutorService workers,
            StreamPoller streams, RecordFilters filters) {
        this.streams = streams;
        this.filters = filters;
        this.context = context;
        this.stores = functions.stores();
        this.functions = functions;
        this.invoker = invoker;
        this.workers = workers;
    }

    /** One tick: starts a poll for every enabled, idle mapping. Runs on the timer thread; never blocks. */
    void tick() {
        stores.forEach((key, store) -> {
            for (EventSourceMapping m : store.mappings.values()) {
                synchronized (m) {
                    if (!m.enabled || m.deleted || m.busy) {
                        continue;
                    }
                    m.busy = true;
                }
                if (m.stream()) {
                    streams.start(m);
                    continue;
                }
                try {
                    workers.execute(() -> poll(m));
                } catch (RejectedExecutionException shuttingDown) {
                    return;
                }
            }
        });
    }

    private void poll(EventSourceMapping m) {
        boolean handedOff = false;
        try {
            SqsSource queue = SqsSource.of(context, m.eventSourceArn, m.arn).orElse(null);
            if (queue == null) {
                return;
            }
            List<SqsSource.Received> batch;
            synchronized (m) {
                while (m.buffer.size() < m.batchSize) {
                    List<SqsSource.Received> got = queue.receive(Math.min(10, m.batchSize - m.buffer.size()));
                    if (got.isEmpty()) {
                        break;
                    }
                    for (SqsSource.Received r : got) {
                        if (!filters.test(m, record(r, m.region))) {
                            queue.delete(r.receiptHandle()); // Lambda deletes the messages its filters drop
                            continue;
                        }
                        if (m.buffer.isEmpty()) {
                            m.windowStart = context.clock().now();
                        }
                        m.buffer.add(r);
                    }
                }
                if (m.buffer.isEmpty()) {
                    return;
                }
                boolean windowOpen = m.maximumBatchingWindowInSeconds > 0 && m.buffer.size() < m.batchSize
                        && Duration.between(m.windowStart, context.clock().now()).getSeconds()
                                < m.maximumBatchingWindowInSeconds;
                if (windowOpen) {
                    return;
                }
                batch = new ArrayList<>(m.buffer);
                m.buffer.clear();
            }
            handedOff = invoke(m, queue, batch);
        } catch (RuntimeException e) {
            LOG.warn("Event source mapping {} failed to poll {}", m.uuid, m.eventSourceArn, e);
        } finally {
            if (!handedOff) {
                synchronized (m) {
                    m.busy = false;
                }
            }
        }
    }

    /** Invokes the function with one batch; true when the invocation is under way (it clears {@code busy}). */
    private boolean invoke(EventSourceMapping m, SqsSource queue, List<SqsSource.Received> batch) {
        FunctionLookup.Resolved fn;
        try {
            fn = functions.resolve(m.functionArn, null);
        } catch (RuntimeException gone) {
            return false; // the messages return after their visibility timeout
        }
        try {
            Invoker.acquire(fn.function());
        } catch (RuntimeException throttled) {
            invoker.metrics().throttled(fn.function(), fn.qualifiedArn());
            return false;
        }
        byte[] event = event(batch, m.region);
        String requestId = context.ids().requestId();
        CompletableFuture<InvocationResult> running = invoker.run(fn.function(), Invoker.pick(fn), fn.qualifiedArn(),
                event, requestId, null, "SQS");
        running.whenComplete((result, failure) -> {
            try {
                if (failure != null || result.functionError() != null) {
                    return; // the whole batch returns after its visibility timeout
                }
                Set<String> failed = m.reportsBatchItemFailures() ? failures(result.payload(), batch) : Set.of();
                for (SqsSource.Received r : batch) {
                    if (!failed.contains(r.messageId())) {
                        queue.delete(r.receiptHandle());
                    }
                }
            } finally {
                synchronized (m) {
                    m.busy = false;
                }
            }
        });
        return true;
    }

    /**
     * The message IDs a {@code ReportBatchItemFailures} response names; the whole batch when the response
     * is malformed (an item without an identifier, or one not in the batch), as Lambda treats it
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
     */
    static Set<String> failures(byte[] payload, List<SqsSource.Received> batch) {
        Set<String> ids = new HashSet<>();
        batch.forEach(r -> ids.add(r.messageId()));
        JsonNode n;
        try {
            n = payload == null || payload.length == 0 ? null : LambdaJson.MAPPER.readTree(payload);
        } catch (IOException notJson) {
            return ids; // "an invalid JSON response" fails the whole batch
        }
        if (n == null || !n.has("batchItemFailures") || n.get("batchItemFailures").isNull()) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode item : n.get("batchItemFailures")) {
            String id = item.path("itemIdentifier").asText("");
            if (id.isEmpty() || !ids.contains(id)) {
                return ids;
            }
            failed.add(id);
        }
        return failed;
    }

    /** The SQS event, in Lambda's camelCase shape (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html). */
    static byte[] event(List<SqsSource.Received> batch, String region) {
        ObjectNode root = LambdaJson.MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        batch.forEach(r -> records.add(record(r, region)));
        try {
            return LambdaJson.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One message as the SQS event lists it. */
    static ObjectNode record(SqsSource.Received r, String region) {
        ObjectNode rec = LambdaJson.MAPPER.createObjectNode();
        {
            rec.put("messageId", r.messageId());
            rec.put("receiptHandle", r.receiptHandle());
            rec.put("body", r.body());
            ObjectNode attributes = rec.putObject("attributes");
            r.attributes().forEach(attributes::put);
            ObjectNode ma = rec.putObject("messageAttributes");
            r.messageAttributes().forEach((name, a) -> {
                ObjectNode v = ma.putObject(name);
                if (a.binaryValue() != null) {
                    v.put("binaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
                } else {
                    v.put("stringValue", a.stringValue());
                }
                v.putArray("stringListValues");
                v.putArray("binaryListValues");
                v.put("dataType", a.dataType());
            });
            rec.put("md5OfBody", r.md5OfBody());
            if (r.md5OfMessageAttributes() != null) {
                rec.put("md5OfMessageAttributes", r.md5OfMessageAttributes());
            }
            rec.put("eventSource", "aws:sqs");
            rec.put("eventSourceARN", r.eventSourceArn());
            rec.put("awsRegion", region);
        }
        return rec;
    }
}
