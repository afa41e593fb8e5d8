package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.targets.QueueTarget;
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
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;

/**
 * SQS event source mappings (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html): the API, and
 * the poller that receives batches through {@link QueueTarget}, invokes the function synchronously with
 * the SQS event, deletes the batch on success (or all but the reported failures with
 * {@code ReportBatchItemFailures}) and leaves it to the visibility timeout on failure.
 *
 * <p>One timer tick (every {@value #TICK_MILLIS} ms) looks at every enabled mapping; a mapping's poll runs on
 * the shared workers only while it has work, so idle mappings hold no thread.
 */
final class EventSourceMappings {
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappings.class);
    static final long TICK_MILLIS = 100;

    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;
    private final Functions functions;
    private final Invoker invoker;
    private final ExecutorService workers;

    EventSourceMappings(ServiceContext context, AccountRegionStore<LambdaStore> stores, Functions functions,
            Invoker invoker, ExecutorService workers) {
        this.context = context;
        this.stores = stores;
        this.functions = functions;
        this.invoker = invoker;
        this.workers = workers;
    }

    // ---- API --------------------------------------------------------------------------------

    EventSourceMappingConfiguration create(CreateEventSourceMappingRequest r) {
        String source = r.eventSourceArn();
        Arn sourceArn;
        try {
            sourceArn = Arn.parse(source);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw LambdaErrors.validation(source, "eventSourceArn",
                    "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:"
                            + "([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
        }
        if (!sourceArn.service().equals("sqs")) {
            throw LambdaErrors.invalidParameter("Gureum emulates event source mappings for Amazon SQS only; "
                    + sourceArn.service() + " is not emulated.");
        }
        Functions.Resolved fn = functions.resolve(r.functionName(), null);
        QueueTarget queue = context.targets().lookup(sourceArn, QueueTarget.class).orElseThrow(
                () -> LambdaErrors.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: "
                        + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not "
                        + "exist for this wsdl version."));
        int batch = r.batchSize() == null ? 10 : r.batchSize();
        int window = r.maximumBatchingWindowInSeconds() == null ? 0 : r.maximumBatchingWindowInSeconds();
        checkBatch(batch, window, queue.fifo());
        LambdaStore store = stores.get(fn.function().account, fn.function().region);
        String functionArn = fn.qualifiedArn();
        String uuid = context.ids().requestId();
        EventSourceMapping m = new EventSourceMapping(uuid,
                Arn.of("lambda", store.region, store.account, "event-source-mapping:" + uuid).toString(),
                store.account, store.region, source);
        m.functionArn = functionArn;
        m.batchSize = batch;
        m.maximumBatchingWindowInSeconds = window;
        m.enabled = r.enabled() == null || r.enabled();
        m.functionResponseTypes = r.hasFunctionResponseTypes() ? r.functionResponseTypesAsStrings() : List.of();
        m.maximumConcurrency = r.scalingConfig() == null ? null : r.scalingConfig().maximumConcurrency();
        m.lastModified = context.clock().now();
        synchronized (store) {
            for (EventSourceMapping other : store.mappings.values()) {
                if (other.eventSourceArn.equals(source) && other.functionArn.equals(functionArn)) {
                    throw LambdaErrors.conflict("An event source mapping with SQS arn (\" " + source + " \") and "
                            + "function (\" " + fn.function().name + " \") already exists. Please update or delete "
                            + "the existing mapping with UUID " + other.uuid);
                }
            }
            store.mappings.put(uuid, m);
        }
        context.registry().register(store.account, store.region, "lambda", "event-source-mapping:" + uuid,
                Arn.parse(m.arn));
        if (r.hasTags() && !r.tags().isEmpty()) {
            context.registry().tag(Arn.parse(m.arn), r.tags());
        }
        // AWS reports "Creating" and the mapping is Enabled (or Disabled) for every later request.
        return m.toConfiguration("Creating");
    }

    EventSourceMapping require(String uuid) {
        LambdaStore store = functions.current();
        EventSourceMapping m = uuid == null ? null : store.mappings.get(uuid);
        if (m == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return m;
    }

    EventSourceMappingConfiguration get(String uuid) {
        return require(uuid).toConfiguration(null);
    }

    EventSourceMappingConfiguration update(UpdateEventSourceMappingRequest r) {
        EventSourceMapping m = require(r.uuid());
        String functionArn = r.functionName() == null ? null : functions.resolve(r.functionName(), null).qualifiedArn();
        QueueTarget queue = context.targets().lookup(m.eventSourceArn, QueueTarget.class).orElse(null);
        String transition;
        synchronized (m) {
            int batch = r.batchSize() != null ? r.batchSize() : m.batchSize;
            int window = r.maximumBatchingWindowInSeconds() != null ? r.maximumBatchingWindowInSeconds()
                    : m.maximumBatchingWindowInSeconds;
            checkBatch(batch, window, queue != null && queue.fifo());
            m.batchSize = batch;
            m.maximumBatchingWindowInSeconds = window;
            if (functionArn != null) {
                m.functionArn = functionArn;
            }
            if (r.hasFunctionResponseTypes()) {
                m.functionResponseTypes = r.functionResponseTypesAsStrings();
            }
            if (r.scalingConfig() != null) {
                m.maximumConcurrency = r.scalingConfig().maximumConcurrency();
            }
            transition = "Updating";
            if (r.enabled() != null && r.enabled() != m.enabled) {
                m.enabled = r.enabled();
                transition = m.enabled ? "Enabling" : "Disabling";
            }
            m.lastModified = context.clock().now();
        }
        return m.toConfiguration(transition);
    }

    EventSourceMappingConfiguration delete(String uuid) {
        EventSourceMapping m = require(uuid);
        synchronized (m) {
            m.deleted = true;
            m.enabled = false;
        }
        stores.get(m.account, m.region).mappings.remove(uuid, m);
        context.registry().unregister(Arn.parse(m.arn));
        return m.toConfiguration("Deleting");
    }

    ListEventSourceMappingsResponse list(String eventSourceArn, String functionName, String marker,
            Integer maxItems) {
        String functionArn = null;
        if (functionName != null) {
            Functions.Resolved fn = functions.resolve(functionName, null);
            functionArn = fn.function().arn;
        }
        List<EventSourceMappingConfiguration> all = new ArrayList<>();
        List<EventSourceMapping> sorted = new ArrayList<>(functions.current().mappings.values());
        sorted.sort((a, b) -> a.uuid.compareTo(b.uuid));
        for (EventSourceMapping m : sorted) {
            if (eventSourceArn != null && !eventSourceArn.equals(m.eventSourceArn)) {
                continue;
            }
            if (functionArn != null && !m.functionArn.equals(functionArn)
                    && !m.functionArn.startsWith(functionArn + ":")) {
                continue;
            }
            all.add(m.toConfiguration(null));
        }
        int start = Functions.Pages.start(marker);
        // "ListEventSourceMappings returns a maximum of 100 items in each response, even if you set the number
        // higher" (https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html)
        int end = Math.min(all.size(), start + Math.min(100, Functions.Pages.size(maxItems, 10_000, 100)));
        ListEventSourceMappingsResponse.Builder b = ListEventSourceMappingsResponse.builder()
                .eventSourceMappings(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Functions.Pages.marker(end));
        }
        return b.build();
    }

    /** SQS: 1–10,000 (10 for FIFO); above 10 a batching window of at least 1 s. */
    private static void checkBatch(int batch, int window, boolean fifo) {
        if (batch < 1 || batch > 10_000) {
            throw LambdaErrors.validation(batch, "batchSize", batch < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 10000");
        }
        if (window < 0 || window > 300) {
            throw LambdaErrors.validation(window, "maximumBatchingWindowInSeconds", window < 0
                    ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to 300");
        }
        if (fifo && batch > 10) {
            throw LambdaErrors.invalidParameter("BatchSize must be less than or equal to 10 for FIFO queues.");
        }
        if (batch > 10 && window < 1) {
            throw LambdaErrors.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum "
                    + "batch size is greater than 10");
        }
    }

    // ---- poller -----------------------------------------------------------------------------

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
            QueueTarget queue = context.targets().lookup(m.eventSourceArn, QueueTarget.class).orElse(null);
            if (queue == null) {
                return;
            }
            List<QueueTarget.Received> batch;
            synchronized (m) {
                while (m.buffer.size() < m.batchSize) {
                    List<QueueTarget.Received> got = queue.receive(Math.min(10, m.batchSize - m.buffer.size()), -1);
                    if (got.isEmpty()) {
                        break;
                    }
                    if (m.buffer.isEmpty()) {
                        m.windowStart = context.clock().now();
                    }
                    m.buffer.addAll(got);
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
    private boolean invoke(EventSourceMapping m, QueueTarget queue, List<QueueTarget.Received> batch) {
        Functions.Resolved fn;
        try {
            fn = functions.resolve(m.functionArn, null);
        } catch (RuntimeException gone) {
            return false; // the messages return after their visibility timeout
        }
        try {
            Invoker.acquire(fn.function());
        } catch (RuntimeException throttled) {
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
                for (QueueTarget.Received r : batch) {
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
    static Set<String> failures(byte[] payload, List<QueueTarget.Received> batch) {
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
    static byte[] event(List<QueueTarget.Received> batch, String region) {
        ObjectNode root = LambdaJson.MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (QueueTarget.Received r : batch) {
            ObjectNode rec = records.addObject();
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
        try {
            return LambdaJson.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
