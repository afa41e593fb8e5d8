package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.SdkToJson;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NetworkInsightsAnalysis}: a Reachability Analyzer analysis of a path
 * (StartNetworkInsightsAnalysis). The resource completes when the analysis has ({@code succeeded}; a
 * {@code failed} analysis fails it with EC2's status message), waiting on a timer without holding a thread.
 * {@code Ref} and {@code Fn::GetAtt NetworkInsightsAnalysisId} give its id; {@code NetworkInsightsAnalysisArn},
 * {@code Status}, {@code StatusMessage}, {@code StartDate}, {@code NetworkPathFound}, {@code ForwardPathComponents},
 * {@code ReturnPathComponents}, {@code Explanations}, {@code AlternatePathHints} and {@code SuggestedAccounts} what
 * DescribeNetworkInsightsAnalyses reports (the lists in the API's shape). An analysis cannot be changed: every
 * property but the tags replaces it (a new analysis runs).
 */
public final class NetworkInsightsAnalysisHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("NetworkInsightsPathId", "AdditionalAccounts", "FilterInArns",
            "FilterOutArns", "Tags");
    static final Duration LIMIT = Duration.ofMinutes(15);

    @Override
    public String type() {
        return "AWS::EC2::NetworkInsightsAnalysis";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("NetworkInsightsPathId", "AdditionalAccounts", "FilterInArns", "FilterOutArns");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(r.requiredText(
                "NetworkInsightsPathId")).additionalAccounts(r.has("AdditionalAccounts")
                        ? Ec2Support.strings(r, "AdditionalAccounts") : null)
                .filterInArns(r.has("FilterInArns") ? Ec2Support.strings(r, "FilterInArns") : null)
                .filterOutArns(r.has("FilterOutArns") ? Ec2Support.strings(r, "FilterOutArns") : null)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NETWORK_INSIGHTS_ANALYSIS))
                .clientToken(UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix())
                        .getBytes(StandardCharsets.UTF_8)).toString())).networkInsightsAnalysis()
                .networkInsightsAnalysisId();
        return Polling.until(() -> {
            NetworkInsightsAnalysis a = describe(r, id);
            return switch (a.statusAsString()) {
                case "running" -> null;
                case "failed" -> Polling.Outcome.failed("Network insights analysis " + id + " failed: "
                        + a.statusMessage());
                default -> Polling.Outcome.done(created(a));
            };
        }, LIMIT, "Network insights analysis " + id + " did not finish");
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(describe(r, r.physicalId()));
    }

    private static NetworkInsightsAnalysis describe(ResourceRequest r, String id) {
        return ec2(r).describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(id))
                .networkInsightsAnalyses().get(0);
    }

    private static Created created(NetworkInsightsAnalysis a) {
        Created c = Created.of(a.networkInsightsAnalysisId())
                .attribute("NetworkInsightsAnalysisId", a.networkInsightsAnalysisId())
                .attribute("NetworkInsightsAnalysisArn", a.networkInsightsAnalysisArn())
                .attribute("Status", a.statusAsString()).attribute("StatusMessage", a.statusMessage())
                .attribute("StartDate", a.startDate() == null ? null : a.startDate().toString())
                .attribute("ForwardPathComponents", SdkToJson.of(a.forwardPathComponents()))
                .attribute("ReturnPathComponents", SdkToJson.of(a.returnPathComponents()))
                .attribute("Explanations", SdkToJson.of(a.explanations()))
                .attribute("AlternatePathHints", SdkToJson.of(a.alternatePathHints()))
                .attribute("SuggestedAccounts", SdkToJson.of(a.suggestedAccounts()));
        if (a.networkPathFound() != null) {
            c = c.attribute("NetworkPathFound", JsonNodeFactory.instance.booleanNode(a.networkPathFound()));
        }
        return c;
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkInsightsAnalysis(b -> b.networkInsightsAnalysisId(
                r.physicalId())));
    }

}
