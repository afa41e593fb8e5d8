package io.gureum.vpc.model;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AccessScopePath;

/** A Network Access Analyzer scope: the paths to find (MatchPaths) less those to ignore (ExcludePaths). */
public final class NetworkInsightsAccessScope extends Resource {
    public List<AccessScopePath> matchPaths = List.of();
    public List<AccessScopePath> excludePaths = List.of();
    public String clientToken;

    public NetworkInsightsAccessScope(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-insights-access-scope";
    }
}
