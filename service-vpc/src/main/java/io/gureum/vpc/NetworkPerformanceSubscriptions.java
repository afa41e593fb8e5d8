package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkPerformanceSubscription;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.DescribeAwsNetworkPerformanceMetricSubscriptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAwsNetworkPerformanceMetricSubscriptionsResponse;
import software.amazon.awssdk.services.ec2.model.DisableAwsNetworkPerformanceMetricSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.DisableAwsNetworkPerformanceMetricSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.EnableAwsNetworkPerformanceMetricSubscriptionRequest;
import software.amazon.awssdk.services.ec2.model.EnableAwsNetworkPerformanceMetricSubscriptionResponse;
import software.amazon.awssdk.services.ec2.model.GetAwsNetworkPerformanceDataRequest;
import software.amazon.awssdk.services.ec2.model.GetAwsNetworkPerformanceDataResponse;
import software.amazon.awssdk.services.ec2.model.Subscription;

/**
 * AWS Network Manager Infrastructure Performance subscriptions
 * (https://docs.aws.amazon.com/network-manager/latest/infrastructure-performance/nmip-subscriptions-cw.html): the
 * account asks for the aggregate latency between two Regions, or two Availability Zones (by zone ID) of one Region,
 * published every five minutes. The subscriptions are kept, enabled and disabled; the data is not:
 * GetAwsNetworkPerformanceData answers 501, since Gureum has no network whose latency it could report.
 */
public final class NetworkPerformanceSubscriptions {
    private final Network net;
    private final io.gureum.ec2common.Ec2Filters<NetworkPerformanceSubscription> filters;

    NetworkPerformanceSubscriptions(Network net) {
        this.net = net;
        this.filters = new io.gureum.ec2common.Ec2Filters<NetworkPerformanceSubscription>()
                .on("source", x -> x.source)
                .on("destination", x -> x.destination)
                .on("metric", x -> x.metric)
                .on("statistic", x -> x.statistic)
                .on("period", x -> "five-minutes");
    }

    private record Request(String source, String destination, String metric, String statistic) {
        String key() {
            return source + "|" + destination + "|" + metric + "|" + statistic;
        }
    }

    /** The four parts of a subscription, checked: two Regions, or two zone IDs of one Region. */
    private Request check(String source, String destination, String metric, String statistic) {
        if (source == null) {
            throw Ec2Errors.missing("Source");
        }
        if (destination == null) {
            throw Ec2Errors.missing("Destination");
        }
        if (metric == null) {
            throw Ec2Errors.missing("Metric");
        }
        if (statistic == null) {
            throw Ec2Errors.missing("Statistic");
        }
        if (!metric.equals("aggregate-latency")) {
            throw Ec2Errors.invalidValue(metric, "Metric", "Valid values are aggregate-latency.");
        }
        if (!statistic.equals("p50")) {
            throw Ec2Errors.invalidValue(statistic, "Statistic", "Valid values are p50.");
        }
        var topology = net.ctx.topology();
        boolean sourceRegion = topology.isValidRegion(source);
        boolean destinationRegion = topology.isValidRegion(destination);
        Optional<AvailabilityZone> sourceZone = topology.zoneById(source);
        Optional<AvailabilityZone> destinationZone = topology.zoneById(destination);
        if (!sourceRegion && sourceZone.isEmpty()) {
            throw Ec2Errors.invalidValue(source, "Source", "The source must be a Region or an Availability Zone ID.");
        }
        if (!destinationRegion && destinationZone.isEmpty()) {
            throw Ec2Errors.invalidValue(destination, "Destination",
                    "The destination must be a Region or an Availability Zone ID.");
        }
        if (sourceRegion != destinationRegion) {
            throw Ec2Errors.combination("Source and Destination must both be Regions or both be Availability Zone "
                    + "IDs.");
        }
        if (!sourceRegion && !sourceZone.get().regionName().equals(destinationZone.get().regionName())) {
            throw Ec2Errors.invalidParameterValue("The source and destination Availability Zones must be in the same "
                    + "Region.");
        }
        return new Request(source, destination, metric, statistic);
    }

    public EnableAwsNetworkPerformanceMetricSubscriptionResponse enableAwsNetworkPerformanceMetricSubscription(
            EnableAwsNetworkPerformanceMetricSubscriptionRequest r) {
        VpcStore s = net.store();
        Request q = check(r.source(), r.destination(), r.metricAsString(), r.statisticAsString());
        Ec2Errors.checkDryRun(r.dryRun());
        if (!s.networkPerformanceSubscriptions.containsKey(q.key())) {
            NetworkPerformanceSubscription x = new NetworkPerformanceSubscription(q.key(), s.account, net.now());
            x.source = q.source;
            x.destination = q.destination;
            x.metric = q.metric;
            x.statistic = q.statistic;
            // No ID or tags of its own: kept in the store, never registered.
            s.networkPerformanceSubscriptions.put(x.id, x);
        }
        return EnableAwsNetworkPerformanceMetricSubscriptionResponse.builder().output(true).build();
    }

    public DisableAwsNetworkPerformanceMetricSubscriptionResponse disableAwsNetworkPerformanceMetricSubscription(
            DisableAwsNetworkPerformanceMetricSubscriptionRequest r) {
        VpcStore s = net.store();
        Request q = check(r.source(), r.destination(), r.metricAsString(), r.statisticAsString());
        Ec2Errors.checkDryRun(r.dryRun());
        boolean removed = s.networkPerformanceSubscriptions.remove(q.key()) != null;
        return DisableAwsNetworkPerformanceMetricSubscriptionResponse.builder().output(removed).build();
    }

    public DescribeAwsNetworkPerformanceMetricSubscriptionsResponse describeAwsNetworkPerformanceMetricSubscriptions(
            DescribeAwsNetworkPerformanceMetricSubscriptionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkPerformanceSubscription> found = s.networkPerformanceSubscriptions.values().stream()
                .filter(filters.predicate(r.filters())).toList();
        Integer max = r.maxResults() != null && r.maxResults() == 0 ? null : r.maxResults();
        var page = Pagination.page(found, max, r.nextToken(), 1, 100);
        return DescribeAwsNetworkPerformanceMetricSubscriptionsResponse.builder()
                .subscriptions(page.items().stream().map(x -> Subscription.builder().source(x.source)
                        .destination(x.destination).metric(x.metric).statistic(x.statistic).period("five-minutes")
                        .build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public GetAwsNetworkPerformanceDataResponse getAwsNetworkPerformanceData(GetAwsNetworkPerformanceDataRequest r) {
        throw new AwsException("NotImplemented", "Gureum does not emulate Infrastructure Performance data "
                + "(GetAwsNetworkPerformanceData): it has no network between Regions or zones whose latency it could "
                + "measure, and does not invent numbers (see docs/services/ec2.md).", 501, false);
    }
}
