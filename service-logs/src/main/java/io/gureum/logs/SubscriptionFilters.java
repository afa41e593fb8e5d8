package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteSubscriptionFilterRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteSubscriptionFilterResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeSubscriptionFiltersRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeSubscriptionFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutSubscriptionFilterRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutSubscriptionFilterResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter;

/**
 * Subscription filters (API_PutSubscriptionFilter.html): at most two per log group, each sending matching events
 * to a destination. A Lambda function must exist and let {@code logs.amazonaws.com} invoke it, checked with a
 * {@code DryRun} invocation as CloudWatch Logs checks it; Kinesis Data Streams and Firehose are not served by
 * Gureum, so a subscription to one fails its test delivery as AWS's does for a stream that does not exist; so does
 * one to a CloudWatch Logs destination, whose target is such a stream.
 */
final class SubscriptionFilters {
    /** "There can be as many as two subscription filters associated with a log group." */
    static final int MAX_PER_GROUP = 2;

    private final LogsStores stores;
    private final SubscriptionDelivery delivery;

    SubscriptionFilters(LogsStores stores, SubscriptionDelivery delivery) {
        this.stores = stores;
        this.delivery = delivery;
    }

    public PutSubscriptionFilterResponse putSubscriptionFilter(PutSubscriptionFilterRequest request) {
        LogsStore store = stores.current();
        LogGroup group = store.group(request.logGroupName());
        FilterPattern pattern = FilterPatterns.parse(request.filterPattern());
        String name = request.filterName();
        if (!group.subscriptionFilters.containsKey(name) && group.subscriptionFilters.size() >= MAX_PER_GROUP) {
            throw io.gureum.core.error.ModeledErrors.of(LimitExceededException.class, "Resource limit exceeded.");
        }
        checkDestination(store, group, request.destinationArn());
        String distribution = request.distributionAsString() == null ? "ByLogStream" : request.distributionAsString();
        group.subscriptionFilters.put(name, new StoredSubscriptionFilter(group.name, name, request.filterPattern(),
                request.destinationArn(), request.roleArn(), distribution, stores.now(),
                request.applyOnTransformedLogs(), pattern));
        return PutSubscriptionFilterResponse.builder().build();
    }

    private void checkDestination(LogsStore store, LogGroup group, String arn) {
        if (SubscriptionDelivery.isFunction(arn)) {
            if (!delivery.lambdaServed()) {
                throw cannotInvoke();
            }
            try {
                delivery.lambda(arn, group).invoke(b -> b.functionName(arn)
                        .invocationType(software.amazon.awssdk.services.lambda.model.InvocationType.DRY_RUN));
            } catch (RuntimeException refused) {
                throw cannotInvoke();
            }
            return;
        }
        if (arn.contains(":kinesis:")) {
            throw LogsErrors.invalidParameter("Could not deliver test message to specified Kinesis stream. "
                    + "Check if the given kinesis stream is in ACTIVE state.");
        }
        if (arn.contains(":firehose:")) {
            throw LogsErrors.invalidParameter("Could not deliver test message to specified Firehose stream. "
                    + "Check if the given Firehose stream is in ACTIVE state.");
        }
        if (arn.contains(":logs:") && arn.contains(":destination:")) {
            Destinations.Stored d = Destinations.find(stores, arn);
            if (d == null) {
                throw LogsErrors.notFound("The specified destination does not exist.");
            }
            throw LogsErrors.invalidParameter("Could not deliver test message to specified destination. "
                    + "Check if the destination is valid.");
        }
        throw LogsErrors.invalidParameter("Invalid destination ARN: " + arn);
    }

    private static RuntimeException cannotInvoke() {
        return LogsErrors.invalidParameter("Could not execute the lambda function. "
                + "Make sure you have given CloudWatch Logs permission to execute your function.");
    }

    public DescribeSubscriptionFiltersResponse describeSubscriptionFilters(DescribeSubscriptionFiltersRequest request) {
        LogGroup group = stores.current().group(request.logGroupName());
        String prefix = request.filterNamePrefix();
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("subscriptionFilters", request.nextToken());
        List<SubscriptionFilter> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (StoredSubscriptionFilter f : (after == null ? group.subscriptionFilters
                : group.subscriptionFilters.tailMap(after, false)).values()) {
            if (prefix != null && !f.filterName().startsWith(prefix)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(SubscriptionFilter.builder().filterName(f.filterName()).logGroupName(f.logGroupName())
                    .filterPattern(f.filterPattern()).destinationArn(f.destinationArn()).roleArn(f.roleArn())
                    .distribution(f.distribution()).creationTime(f.creationTime())
                    .applyOnTransformedLogs(f.applyOnTransformedLogs()).build());
            last = f.filterName();
        }
        return DescribeSubscriptionFiltersResponse.builder().subscriptionFilters(page)
                .nextToken(more ? PageTokens.encode("subscriptionFilters", last) : null).build();
    }

    public DeleteSubscriptionFilterResponse deleteSubscriptionFilter(DeleteSubscriptionFilterRequest request) {
        LogGroup group = stores.current().group(request.logGroupName());
        if (group.subscriptionFilters.remove(request.filterName()) == null) {
            throw LogsErrors.notFound("The specified subscription filter does not exist.");
        }
        return DeleteSubscriptionFilterResponse.builder().build();
    }
}
