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
 * Provider of SQS and DynamoDB stream event source mappings (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html):
 * CreateEventSourceMapping, GetEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping and
 * ListEventSourceMappings. The {@link QueuePoller} and {@link StreamPoller} run the enabled mappings. The queue is looked up through
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
        boolean stream = sourceArn.service().equals("dynamodb");
        if (!sourceArn.service().equals("sqs") && !stream) {
            throw LambdaErrors.invalidParameter("Gureum emulates event source mappings for Amazon SQS and DynamoDB "
                    + "Streams only; " + sourceArn.service() + " is not emulated.");
        }
        FunctionLookup.Resolved fn = functions.resolve(r.functionName(), null);
        LambdaStore store = functions.stores().get(fn.function().account, fn.function().region);
        String uuid = context.ids().requestId();
        EventSourceMapping m = new EventSourceMapping(uuid,
                Arn.of("lambda", store.region, store.account, "event-source-mapping:" + uuid).toString(),
                store.account, store.region, source);
        if (stream) {
            stream(m, r);
        } else {
            SqsSource queue = SqsSource.of(context, source, null).orElseThrow(
                    () -> LambdaErrors.invalidParameter("Error occurred while ReceiveMessage. SQS Error Code: "
                            + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does "
                            + "not exist for this wsdl version."));
            m.batchSize = r.batchSize() == null ? 10 : r.batchSize();
            m.maximumBatchingWindowInSeconds = r.maximumBatchingWindowInSeconds() == null ? 0
                    : r.maximumBatchingWindowInSeconds();
            checkBatch(m.batchSize, m.maximumBatchingWindowInSeconds, queue.fifo(), false);
        }
        String functionArn = fn.qualifiedArn();
        m.functionArn = functionArn;
        m.enabled = r.enabled() == null || r.enabled();
        m.functionResponseTypes = r.hasFunctionResponseTypes() ? r.functionResponseTypesAsStrings() : List.of();
        m.maximumConcurrency = r.scalingConfig() == null ? null : r.scalingConfig().maximumConcurrency();
        m.filterPatterns = filterPatterns(r.filterCriteria());
        m.lastModified = context.clock().now();
        synchronized (store) {
            for (EventSourceMapping other : store.mappings.values()) {
                if (other.eventSourceArn.equals(source) && other.functionArn.equals(functionArn)) {
                    throw LambdaErrors.conflict(stream
                            ? "The event source arn (\" " + source + " \") and function (\" " + fn.function().name
                                    + " \") provided mapping already exists. Please update or delete the existing "
                                    + "mapping with UUID " + other.uuid
                            : "An event source mapping with SQS arn (\" " + source + " \") and function (\" "
                                    + fn.function().name + " \") already exists. Please update or delete the "
                                    + "existing mapping with UUID " + other.uuid);
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

    /**
     * A DynamoDB stream's settings (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html):
     * {@code StartingPosition} TRIM_HORIZON or LATEST (LATEST is taken now, so records written after the mapping is
     * created reach the function), BatchSize 1–10,000 (default 100), retries and record age -1 (infinite) by default.
     */
    private void stream(EventSourceMapping m, CreateEventSourceMappingRequest r) {
        String position = r.startingPositionAsString();
        if (position == null) {
            throw LambdaErrors.invalidParameter("1 validation error detected: Value null at 'startingPosition' failed "
                    + "to satisfy constraint: Member must not be null");
        }
        if (!position.equals("TRIM_HORIZON") && !position.equals("LATEST")) {
            // AT_TIMESTAMP is for Kinesis, Amazon MQ and Kafka sources only.
            throw LambdaErrors.invalidParameter("Unsupported starting position for arn type: " + m.eventSourceArn);
        }
        StreamSource source = StreamSource.of(context, m.eventSourceArn, m.arn).orElse(null);
        String shard = source == null ? null : source.shard().orElse(null);
        if (shard == null) {
            throw LambdaErrors.invalidParameter("Stream not found: " + m.eventSourceArn);
        }
        m.startingPosition = position;
        m.shardId = shard;
        if (position.equals("LATEST")) {
            m.iterator = source.iterator(shard, position, null);
        }
        m.batchSize = r.batchSize() == null ? 100 : r.batchSize();
        m.maximumBatchingWindowInSeconds = r.maximumBatchingWindowInSeconds() == null ? 0
                : r.maximumBatchingWindowInSeconds();
        checkBatch(m.batchSize, m.maximumBatchingWindowInSeconds, false, true);
        streamSettings(m, r.bisectBatchOnFunctionError(), r.maximumRetryAttempts(), r.maximumRecordAgeInSeconds(),
                r.parallelizationFactor(), r.destinationConfig());
    }

    private static void streamSettings(EventSourceMapping m, Boolean bisect, Integer retries, Integer maxAge,
            Integer parallelization, software.amazon.awssdk.services.lambda.model.DestinationConfig destination) {
        if (maxAge != null && maxAge >= 0 && maxAge < 60) {
            throw LambdaErrors.invalidParameter("MaximumRecordAgeInSeconds must be -1 or between 60 and 604800");
        }
        if (bisect != null) {
            m.bisectBatchOnFunctionError = bisect;
        }
        if (retries != null) {
            m.maximumRetryAttempts = retries;
        }
        if (maxAge != null) {
            m.maximumRecordAgeInSeconds = maxAge;
        }
        if (parallelization != null) {
            m.parallelizationFactor = parallelization;
        }
        if (destination != null && destination.onFailure() != null) {
            m.onFailure = FunctionLookup.emptyToNull(destination.onFailure().destination());
        }
    }

    /** {@code FilterCriteria}'s patterns, each checked by {@link RecordFilters}. */
    private static List<String> filterPatterns(software.amazon.awssdk.services.lambda.model.FilterCriteria criteria) {
        if (criteria == null || !criteria.hasFilters()) {
            return List.of();
        }
        List<String> patterns = new ArrayList<>();
        for (var f : criteria.filters()) {
            if (f.pattern() != null) {
                RecordFilters.check(f.pattern());
                patterns.add(f.pattern());
            }
        }
        return List.copyOf(patterns);
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
        SqsSource queue = m.stream() ? null : SqsSource.of(context, m.eventSourceArn, m.arn).orElse(null);
        List<String> patterns = r.filterCriteria() == null ? null : filterPatterns(r.filterCriteria());
        String transition;
        synchronized (m) {
            int batch = r.batchSize() != null ? r.batchSize() : m.batchSize;
            int window = r.maximumBatchingWindowInSeconds() != null ? r.maximumBatchingWindowInSeconds()
                    : m.maximumBatchingWindowInSeconds;
            checkBatch(batch, window, queue != null && queue.fifo(), m.stream());
            if (m.stream()) {
                streamSettings(m, r.bisectBatchOnFunctionError(), r.maximumRetryAttempts(),
                        r.maximumRecordAgeInSeconds(), r.parallelizationFactor(), r.destinationConfig());
            }
            if (patterns != null) {
                m.filterPatterns = patterns;
            }
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

    /** SQS: 1–10,000 (10 for FIFO); above 10 a batching window of at least 1 s. Streams: 1–10,000. */
    private static void checkBatch(int batch, int window, boolean fifo, boolean stream) {
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
        if (!stream && batch > 10 && window < 1) {
            throw LambdaErrors.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum "
                    + "batch size is greater than 10");
        }
    }
}
