package io.gureum.vpc.model;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AccessScopeAnalysisFinding;

/** One run of an access scope's analysis; its findings are the reachable paths the scope matches. */
public final class NetworkInsightsAccessScopeAnalysis extends Resource {
    public String scopeId;
    public Instant due;
    public Instant endDate;
    public String status = "running";
    public String findingsFound = "unknown";
    public int analyzedEniCount;
    public List<AccessScopeAnalysisFinding> findings = List.of();

    public NetworkInsightsAccessScopeAnalysis(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-insights-access-scope-analysis";
    }
}
