package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::NetworkPerformanceMetricSubscription}: an Infrastructure Performance subscription of the
 * account. Its identifier is its four properties, so {@code Ref} is
 * {@code <Source>|<Destination>|<Metric>|<Statistic>}, as Cloud Control names it; no {@code Fn::GetAtt}
 * attribute. Every property is create-only, so any change replaces it. The subscription is kept by EC2; the latency
 * data it would give (GetAwsNetworkPerformanceData) is not emulated.
 */
public final class NetworkPerformanceMetricSubscriptionHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Source", "Destination", "Metric", "Statistic");

    @Override
    public String type() {
        return "AWS::EC2::NetworkPerformanceMetricSubscription";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String source = r.requiredText("Source");
        String destination = r.requiredText("Destination");
        String metric = r.requiredText("Metric");
        String statistic = r.requiredText("Statistic");
        ec2(r).enableAwsNetworkPerformanceMetricSubscription(b -> b.source(source).destination(destination)
                .metric(metric).statistic(statistic));
        return Created.of(String.join("|", source, destination, metric, statistic));
    }

    @Override
    public void delete(ResourceRequest r) {
        String[] id = r.physicalId().split("\\|", 4);
        ec2(r).disableAwsNetworkPerformanceMetricSubscription(b -> b.source(id[0]).destination(id[1]).metric(id[2])
                .statistic(id[3]));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        String[] id = r.physicalId().split("\\|", 4);
        boolean found = ec2(r).describeAwsNetworkPerformanceMetricSubscriptions(b -> b.build()).subscriptions().stream()
                .anyMatch(x -> x.source().equals(id[0]) && x.destination().equals(id[1])
                        && x.metricAsString().equals(id[2]) && x.statisticAsString().equals(id[3]));
        if (!found) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("Source", id[0]).put("Destination", id[1])
                .put("Metric", id[2]).put("Statistic", id[3]).result();
    }
}
