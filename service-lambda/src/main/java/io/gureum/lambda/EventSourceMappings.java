package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.DeleteEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.DeleteEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsRequest;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingResponse;

/**
 * Provider of SQS event source mappings (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html):
 * CreateEventSourceMapping, GetEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping and
 * ListEventSourceMappings. The {@link QueuePoller} runs the enabled mappings. The queue is looked up through
 * the queue as {@link SqsSource} finds it, as the poller does.
 */
final class EventSourceMappings {
    private final ServiceContext context;
    private final FunctionLookup functions;

    EventSourceMappings(ServiceContext context, FunctionLookup functions) {
        this.context = context;
        this.functions = functions;
    }

    public CreateEventSourceMappingResponse createEventSourceMapping(CreateEventSourceMappingRequest request) {
        return Responses.copy(create(request), CreateEventSourceMappingResponse.builder()).build();
    }

    public GetEventSourceMappingResponse getEventSourceMapping(GetEventSourceMappingRequest request) {
        return Responses.copy(require(request.uuid()).toConfiguration(null), GetEventSourceMappingResponse.builder())
                .build();
    }

    public UpdateEventSourceMappingResponse updateEventSourceMapping(UpdateEventSourceMappingRequest request) {
        return Responses.copy(update(request), UpdateEventSourceMappingResponse.builder()).build();
    }

    public DeleteEventSourceMappingResponse deleteEventSourceMapping(DeleteEventSourceMappingRequest request) {
        return Responses.copy(delete(request.uuid()), DeleteEventSourceMappingResponse.builder()).build();
    }

    public ListEventSourceMappingsResponse listEventSourceMappings(ListEventSourceMappingsRequest request) {
        return list(request.eventSourceArn(), request.functionName(), request.marker(), request.maxItems());
    }

    // ---- API --------------------------------------------------------------------------------

    private EventSourceMappingConfiguration create(CreateEventSourceMappingRequest r) {
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
        FunctionLookup.Resolved fn = functions.resolve(r.functionName(), null);
        SqsSource queue = SqsSource.of(context, source, null).orElseThrow(
                () -> LambdaErrors.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: "
                        + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not "
                        + "exist for this wsdl version."));
        int batch = r.batchSize() == null ? 10 : r.batchSize();
        int window = r.maximumBatchingWindowInSeconds() == null ? 0 : r.maximumBatchingWindowInSeconds();
        checkBatch(batch, window, queue.fifo());
        LambdaStore store = functions.stores().get(fn.function().account, fn.function().region);
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

    private EventSourceMapping require(String uuid) {
        LambdaStore store = functions.current();
        EventSourceMapping m = uuid == null ? null : store.mappings.get(uuid);
        if (m == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return m;
    }

    private EventSourceMappingConfiguration update(UpdateEventSourceMappingRequest r) {
        EventSourceMapping m = require(r.uuid());
        String functionArn = r.functionName() == null ? null : functions.resolve(r.functionName(), null).qualifiedArn();
        SqsSource queue = SqsSource.of(context, m.eventSourceArn, m.arn).orElse(null);
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

    private EventSourceMappingConfiguration delete(String uuid) {
        EventSourceMapping m = require(uuid);
        synchronized (m) {
            m.deleted = true;
            m.enabled = false;
        }
        functions.stores().get(m.account, m.region).mappings.remove(uuid, m);
        context.registry().unregister(Arn.parse(m.arn));
        return m.toConfiguration("Deleting");
    }

    private ListEventSourceMappingsResponse list(String eventSourceArn, String functionName, String marker,
            Integer maxItems) {
        String functionArn = null;
        if (functionName != null) {
            FunctionLookup.Resolved fn = functions.resolve(functionName, null);
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
        int start = Pages.start(marker);
        // "ListEventSourceMappings returns a maximum of 100 items in each response, even if you set the number
        // higher" (https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html)
        int end = Math.min(all.size(), start + Math.min(100, Pages.size(maxItems, 10_000, 100)));
        ListEventSourceMappingsResponse.Builder b = ListEventSourceMappingsResponse.builder()
                .eventSourceMappings(start >= all.size() ? List.of() : all.subList(start, end));
        if (end < all.size()) {
            b.nextMarker(Pages.marker(end));
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
}
