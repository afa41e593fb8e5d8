package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NetworkInsightsAccessScopeAnalysis}: a Network Access Analyzer analysis of a scope
 * (StartNetworkInsightsAccessScopeAnalysis). The resource completes when the analysis has ({@code failed} fails
 * it with EC2's status message), waiting on a timer without holding a thread. {@code Ref} and
 * {@code Fn::GetAtt NetworkInsightsAccessScopeAnalysisId} give its id; {@code NetworkInsightsAccessScopeAnalysisArn},
 * {@code Status}, {@code StatusMessage}, {@code StartDate}, {@code EndDate}, {@code FindingsFound} and
 * {@code AnalyzedEniCount} what EC2 reports. The scope replaces it; tags change in place.
 */
public final class NetworkInsightsAccessScopeAnalysisHandler implements AsyncResourceHandler {
    @Override
    public String type() {
        return "AWS::EC2::NetworkInsightsAccessScopeAnalysis";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("NetworkInsightsAccessScopeId");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, Set.of("NetworkInsightsAccessScopeId", "Tags"));
        String id = ec2(r).startNetworkInsightsAccessScopeAnalysis(b -> b.networkInsightsAccessScopeId(
                r.requiredText("NetworkInsightsAccessScopeId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NETWORK_INSIGHTS_ACCESS_SCOPE_ANALYSIS))
                .clientToken(UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix())
                        .getBytes(StandardCharsets.UTF_8)).toString())).networkInsightsAccessScopeAnalysis()
                .networkInsightsAccessScopeAnalysisId();
        return Polling.until(() -> {
            NetworkInsightsAccessScopeAnalysis a = describe(r, id);
            return switch (a.statusAsString()) {
                case "running" -> null;
                case "failed" -> Polling.Outcome.failed("Network insights access scope analysis " + id + " failed: "
                        + a.statusMessage());
                default -> Polling.Outcome.done(created(a));
            };
        }, NetworkInsightsAnalysisHandler.LIMIT, "Network insights access scope analysis " + id + " did not finish");
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, Set.of("NetworkInsightsAccessScopeId", "Tags"));
        Ec2Support.retag(r, r.physicalId());
        return created(describe(r, r.physicalId()));
    }

    private static NetworkInsightsAccessScopeAnalysis describe(ResourceRequest r, String id) {
        return ec2(r).describeNetworkInsightsAccessScopeAnalyses(b -> b.networkInsightsAccessScopeAnalysisIds(id))
                .networkInsightsAccessScopeAnalyses().get(0);
    }

    private static Created created(NetworkInsightsAccessScopeAnalysis a) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Created c = Created.of(a.networkInsightsAccessScopeAnalysisId())
                .attribute("NetworkInsightsAccessScopeAnalysisId", a.networkInsightsAccessScopeAnalysisId())
                .attribute("NetworkInsightsAccessScopeAnalysisArn", a.networkInsightsAccessScopeAnalysisArn())
                .attribute("Status", a.statusAsString()).attribute("StatusMessage", a.statusMessage())
                .attribute("FindingsFound", a.findingsFoundAsString())
                .attribute("StartDate", a.startDate() == null ? null : a.startDate().toString())
                .attribute("EndDate", a.endDate() == null ? null : a.endDate().toString());
        if (a.analyzedEniCount() != null) {
            c = c.attribute("AnalyzedEniCount", f.numberNode(a.analyzedEniCount()));
        }
        return c;
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkInsightsAccessScopeAnalysis(b -> b
                .networkInsightsAccessScopeAnalysisId(r.physicalId())));
    }
}
