package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * One run of a path's analysis: {@code running} from StartNetworkInsightsAnalysis until {@link #due} on
 * the clock, when the network is evaluated and it turns {@code succeeded} with its result.
 */
public final class NetworkInsightsAnalysis extends Resource {
    public String pathId;
    public final List<String> additionalAccounts = new ArrayList<>();
    public final List<String> filterInArns = new ArrayList<>();
    public final List<String> filterOutArns = new ArrayList<>();
    public String clientToken;
    public Instant due;
    public String status = "running";
    public String statusMessage;
    public Boolean networkPathFound;
    public List<PathComponent> forward = List.of();
    public List<PathComponent> returnPath = List.of();
    public List<Explanation> explanations = List.of();

    public NetworkInsightsAnalysis(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-insights-analysis";
    }
}
