package io.gureum.vpc.model;

import java.time.Instant;

/** A Reachability Analyzer path: what to analyze from where to where (CreateNetworkInsightsPath). */
public final class NetworkInsightsPath extends Resource {
    public String source;
    public String destination;
    public String sourceArn;
    public String destinationArn;
    public String sourceIp;
    public String destinationIp;
    public String protocol;
    public Integer destinationPort;
    /** FilterAtSource / FilterAtDestination, as the SDK's PathFilter (immutable). */
    public software.amazon.awssdk.services.ec2.model.PathFilter filterAtSource;
    public software.amazon.awssdk.services.ec2.model.PathFilter filterAtDestination;
    public String clientToken;

    public NetworkInsightsPath(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-insights-path";
    }
}
