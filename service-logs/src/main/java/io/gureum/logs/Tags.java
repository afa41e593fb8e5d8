package io.gureum.logs;

import io.gureum.core.ids.Arn;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceResponse;

/**
 * Tags by ARN (TagResource …: log groups, destinations, delivery destinations, anomaly detectors, lookup tables)
 * and of log groups by name (the deprecated TagLogGroup …, still served).
 * Core checks the model's key and value lengths and patterns and the 50-tag limit of one request.
 */
final class Tags {
    /** "You can associate as many as 50 tags with a CloudWatch Logs resource." (API_TagResource.html) */
    static final int MAX = 50;

    private final LogsStores stores;

    Tags(LogsStores stores) {
        this.stores = stores;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        Taggable t = byArn(stores.current(), request.resourceArn());
        if (!t.retag(request.hasTags() ? request.tags() : Map.of(), List.of(), MAX)) {
            throw LogsErrors.tooManyTags(request.resourceArn());
        }
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        byArn(stores.current(), request.resourceArn()).retag(Map.of(),
                request.hasTagKeys() ? request.tagKeys() : List.of(), Integer.MAX_VALUE);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(byArn(stores.current(), request.resourceArn()).tags()).build();
    }

    public TagLogGroupResponse tagLogGroup(TagLogGroupRequest request) {
        tag(stores.current().group(request.logGroupName()), request.hasTags() ? request.tags() : Map.of());
        return TagLogGroupResponse.builder().build();
    }

    public UntagLogGroupResponse untagLogGroup(UntagLogGroupRequest request) {
        untag(stores.current().group(request.logGroupName()), request.hasTags() ? request.tags() : List.of());
        return UntagLogGroupResponse.builder().build();
    }

    public ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest request) {
        return ListTagsLogGroupResponse.builder().tags(stores.current().group(request.logGroupName()).tags()).build();
    }

    /** A resource's tags as TagResource sees them. */
    private interface Taggable {
        Map<String, String> tags();

        boolean retag(Map<String, String> add, Iterable<String> remove, int max);
    }

    private static Taggable of(TagSet set) {
        return new Taggable() {
            @Override
            public Map<String, String> tags() {
                return set.get();
            }

            @Override
            public boolean retag(Map<String, String> add, Iterable<String> remove, int max) {
                return set.retag(add, remove, max);
            }
        };
    }

    /**
     * The resource an ARN names: a log group ({@code log-group:<name>}, a trailing {@code :*} tolerated), a
     * destination, a delivery destination, an anomaly detector, a lookup table or a scheduled query of the caller's
 * account and Region.
     */
    private static Taggable byArn(LogsStore store, String resourceArn) {
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        }
        if (!arn.service().equals("logs")) {
            throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        }
        boolean here = arn.accountId().equals(store.account) && arn.region().equals(store.region);
        String id = arn.resourceId();
        Taggable found = switch (arn.resourceType()) {
            case "log-group" -> {
                LogGroup group = here ? store.groups.get(id.endsWith(":*") ? id.substring(0, id.length() - 2) : id)
                        : null;
                yield group == null ? null : new Taggable() {
                    @Override
                    public Map<String, String> tags() {
                        return group.tags();
                    }

                    @Override
                    public boolean retag(Map<String, String> add, Iterable<String> remove, int max) {
                        return group.retag(add, remove, max);
                    }
                };
            }
            case "destination" -> {
                Destinations.Stored d = here ? store.destinations.get(id) : null;
                yield d == null ? null : of(d.tags());
            }
            case "delivery-destination" -> {
                Deliveries.Destination d = here ? store.deliveryDestinations.get(id) : null;
                yield d == null ? null : of(d.tags());
            }
            case "delivery-source" -> {
                Deliveries.Source d = here ? store.deliverySources.get(id) : null;
                yield d == null ? null : of(d.tags());
            }
            case "delivery" -> {
                Deliveries.Stored d = here ? store.deliveries.get(id) : null;
                yield d == null ? null : of(d.tags());
            }
            case "anomaly-detector" -> {
                AnomalyDetectors.Detector d = here ? store.anomalyDetectors.get(resourceArn) : null;
                yield d == null ? null : of(d.tags());
            }
            case "scheduled-query" -> {
                ScheduledQuery q = here ? store.scheduledQueries.get(id) : null;
                yield q == null ? null : of(q.tags());
            }
            case "lookup-table" -> {
                LookupTables.Table t = here ? store.lookupTables.get(id) : null;
                yield t == null ? null : of(t.tags());
            }
            default -> throw LogsErrors.invalidParameter("Invalid resource arn: " + resourceArn);
        };
        if (found == null) {
            throw LogsErrors.notFound("The specified resource does not exist.");
        }
        return found;
    }

    private static void tag(LogGroup group, Map<String, String> tags) {
        if (!group.retag(tags, List.of(), MAX)) {
            throw LogsErrors.tooManyTags(group.logGroupArn());
        }
    }

    private static void untag(LogGroup group, Collection<String> keys) {
        group.retag(Map.of(), keys, Integer.MAX_VALUE);
    }
}
