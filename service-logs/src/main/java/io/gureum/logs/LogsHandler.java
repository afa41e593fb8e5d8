package io.gureum.logs;

import io.gureum.core.events.LogEvents;
import io.gureum.core.events.Subscription;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.*;

/**
 * CloudWatch Logs' operations, wire to behaviour: {@link LogGroups}, {@link LogStreams}, {@link Ingestion},
 * {@link EventQueries}, {@link MetricFilters} and {@link Tags}. Operations not overridden here answer 501 {@code NotImplemented}.
 * Also appends the {@link LogEvents} other services publish on the event bus.
 */
final class LogsHandler implements CloudWatchLogsClient, AutoCloseable {
    private final ServiceContext context;
    private final AccountRegionStore<LogsStore> stores = new AccountRegionStore<>(LogsStore::new);
    private final Expiry expiry;
    private final Tags tags = new Tags();
    private final LogGroups groups;
    private final LogStreams streams;
    private final Ingestion ingestion;
    private final EventQueries queries;
    private final MetricFilters metricFilters = new MetricFilters();
    private final Subscription published;
    private final Subscription clock;

    LogsHandler(ServiceContext context, EventBudget budget) {
        this.context = context;
        this.expiry = new Expiry(context.clock(), budget);
        this.groups = new LogGroups(tags, expiry);
        this.streams = new LogStreams(expiry);
        this.ingestion = new Ingestion(expiry, budget);
        this.queries = new EventQueries(expiry);
        this.published = context.events().subscribe(LogEvents.class,
                e -> ingestion.publish(stores.get(e.account(), e.region()), e, now()));
        this.clock = context.clock().onAdvance(() -> expiry.expireAll(stores));
    }

    private LogsStore store() {
        RequestContext ctx = RequestContext.current();
        return stores.get(ctx.accountId(), ctx.region());
    }

    private long now() {
        return context.clock().now().toEpochMilli();
    }

    // ---- log groups -------------------------------------------------------------------------

    @Override
    public CreateLogGroupResponse createLogGroup(CreateLogGroupRequest request) {
        groups.create(store(), request, now());
        return CreateLogGroupResponse.builder().build();
    }

    @Override
    public DeleteLogGroupResponse deleteLogGroup(DeleteLogGroupRequest request) {
        groups.delete(store(), request.logGroupName());
        return DeleteLogGroupResponse.builder().build();
    }

    @Override
    public DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest request) {
        return groups.describe(store(), request);
    }

    @Override
    public PutRetentionPolicyResponse putRetentionPolicy(PutRetentionPolicyRequest request) {
        groups.putRetentionPolicy(store(), request.logGroupName(), request.retentionInDays());
        return PutRetentionPolicyResponse.builder().build();
    }

    @Override
    public DeleteRetentionPolicyResponse deleteRetentionPolicy(DeleteRetentionPolicyRequest request) {
        groups.deleteRetentionPolicy(store(), request.logGroupName());
        return DeleteRetentionPolicyResponse.builder().build();
    }

    @Override
    public PutLogGroupDeletionProtectionResponse putLogGroupDeletionProtection(
            PutLogGroupDeletionProtectionRequest request) {
        groups.putDeletionProtection(store(), request.logGroupIdentifier(), request.deletionProtectionEnabled());
        return PutLogGroupDeletionProtectionResponse.builder().build();
    }

    // ---- log streams ------------------------------------------------------------------------

    @Override
    public CreateLogStreamResponse createLogStream(CreateLogStreamRequest request) {
        streams.create(store(), request.logGroupName(), request.logStreamName(), now());
        return CreateLogStreamResponse.builder().build();
    }

    @Override
    public DeleteLogStreamResponse deleteLogStream(DeleteLogStreamRequest request) {
        streams.delete(store(), request.logGroupName(), request.logStreamName());
        return DeleteLogStreamResponse.builder().build();
    }

    @Override
    public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        return streams.describe(store(), request);
    }

    // ---- events -----------------------------------------------------------------------------

    @Override
    public PutLogEventsResponse putLogEvents(PutLogEventsRequest request) {
        return ingestion.put(store(), request, now());
    }

    @Override
    public GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        return queries.get(store(), request);
    }

    @Override
    public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
        return queries.filter(store(), request);
    }

    // ---- metric filters ---------------------------------------------------------------------

    @Override
    public PutMetricFilterResponse putMetricFilter(PutMetricFilterRequest request) {
        metricFilters.put(store(), request, now());
        return PutMetricFilterResponse.builder().build();
    }

    @Override
    public DescribeMetricFiltersResponse describeMetricFilters(DescribeMetricFiltersRequest request) {
        return metricFilters.describe(store(), request);
    }

    @Override
    public DeleteMetricFilterResponse deleteMetricFilter(DeleteMetricFilterRequest request) {
        metricFilters.delete(store(), request.logGroupName(), request.filterName());
        return DeleteMetricFilterResponse.builder().build();
    }

    // ---- tags -------------------------------------------------------------------------------

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        LogGroup group = tags.byArn(store(), request.resourceArn());
        tags.tag(group, request.hasTags() ? request.tags() : Map.of());
        return TagResourceResponse.builder().build();
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        LogGroup group = tags.byArn(store(), request.resourceArn());
        tags.untag(group, request.hasTagKeys() ? request.tagKeys() : List.of());
        return UntagResourceResponse.builder().build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(tags.byArn(store(), request.resourceArn()).tags()).build();
    }

    /** Deprecated by AWS in favour of TagResource, still served. */
    @Override
    public TagLogGroupResponse tagLogGroup(TagLogGroupRequest request) {
        LogsStore store = store();
        tags.tag(store.group(Validation.groupName(request.logGroupName(), "logGroupName")),
                request.hasTags() ? request.tags() : Map.of());
        return TagLogGroupResponse.builder().build();
    }

    @Override
    public UntagLogGroupResponse untagLogGroup(UntagLogGroupRequest request) {
        LogsStore store = store();
        tags.untag(store.group(Validation.groupName(request.logGroupName(), "logGroupName")),
                request.hasTags() ? request.tags() : List.of());
        return UntagLogGroupResponse.builder().build();
    }

    @Override
    public ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest request) {
        LogsStore store = store();
        return ListTagsLogGroupResponse.builder()
                .tags(store.group(Validation.groupName(request.logGroupName(), "logGroupName")).tags()).build();
    }

    @Override
    public String serviceName() {
        return "logs";
    }

    @Override
    public void close() {
        published.close();
        clock.close();
    }
}
