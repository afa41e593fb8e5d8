package io.gureum.logs;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDestinationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteDestinationResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDestinationsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeDestinationsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.Destination;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDestinationPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDestinationPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDestinationRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutDestinationResponse;

/**
 * Destinations for cross-account subscriptions (API_PutDestination.html): a name, a target stream, the role
 * CloudWatch Logs assumes and an access policy, stored as configuration. A PutDestination of an existing name
 * updates its target and role and keeps its policy. Their targets (Kinesis Data Streams, Firehose) are not
 * served by Gureum, so no event is ever delivered through one.
 */
final class Destinations {
    record Stored(String destinationName, String targetArn, String roleArn, String accessPolicy, String arn,
            long creationTime, TagSet tags) {
    }

    private final LogsStores stores;

    Destinations(LogsStores stores) {
        this.stores = stores;
    }

    /** The destination an ARN names, in whichever account and region; null when there is none. */
    static Stored find(LogsStores stores, String destinationArn) {
        try {
            Arn arn = Arn.parse(destinationArn);
            return stores.all.get(arn.accountId(), arn.region()).destinations.get(arn.resourceId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public PutDestinationResponse putDestination(PutDestinationRequest request) {
        LogsStore store = stores.current();
        String name = request.destinationName();
        Stored next = store.destinations.compute(name, (k, old) -> new Stored(name, request.targetArn(),
                request.roleArn(), old == null ? null : old.accessPolicy(),
                Arn.of("logs", store.region, store.account, "destination:" + name).toString(),
                old == null ? stores.now() : old.creationTime(),
                old == null ? new TagSet(request.hasTags() ? request.tags() : Map.of()) : old.tags()));
        return PutDestinationResponse.builder().destination(describe(next)).build();
    }

    public PutDestinationPolicyResponse putDestinationPolicy(PutDestinationPolicyRequest request) {
        LogsStore store = stores.current();
        Policies.checkJson(request.accessPolicy());
        Stored updated = store.destinations.computeIfPresent(request.destinationName(), (k, d) -> new Stored(
                d.destinationName(), d.targetArn(), d.roleArn(), request.accessPolicy(), d.arn(), d.creationTime(),
                d.tags()));
        if (updated == null) {
            throw notFound();
        }
        return PutDestinationPolicyResponse.builder().build();
    }

    public DescribeDestinationsResponse describeDestinations(DescribeDestinationsRequest request) {
        LogsStore store = stores.current();
        String prefix = request.destinationNamePrefix();
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("destinations", request.nextToken());
        List<Destination> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Stored d : (after == null ? store.destinations : store.destinations.tailMap(after, false)).values()) {
            if (prefix != null && !d.destinationName().startsWith(prefix)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(d));
            last = d.destinationName();
        }
        return DescribeDestinationsResponse.builder().destinations(page)
                .nextToken(more ? PageTokens.encode("destinations", last) : null).build();
    }

    public DeleteDestinationResponse deleteDestination(DeleteDestinationRequest request) {
        if (stores.current().destinations.remove(request.destinationName()) == null) {
            throw notFound();
        }
        return DeleteDestinationResponse.builder().build();
    }

    private static Destination describe(Stored d) {
        return Destination.builder().destinationName(d.destinationName()).targetArn(d.targetArn()).roleArn(d.roleArn())
                .accessPolicy(d.accessPolicy()).arn(d.arn()).creationTime(d.creationTime()).build();
    }

    private static RuntimeException notFound() {
        return LogsErrors.notFound("The specified destination does not exist.");
    }
}
