package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AccessScopePathRequest;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScope;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NetworkInsightsAccessScope}: a Network Access Analyzer scope. {@code Ref} and
 * {@code Fn::GetAtt NetworkInsightsAccessScopeId} give its id; {@code NetworkInsightsAccessScopeArn},
 * {@code CreatedDate} and {@code UpdatedDate} what EC2 reports. {@code MatchPaths} and {@code ExcludePaths} (the
 * API's {@code AccessScopePathRequest} shape, member for member) replace it; tags change in place.
 */
public final class NetworkInsightsAccessScopeHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::EC2::NetworkInsightsAccessScope";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("MatchPaths", "ExcludePaths");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("MatchPaths", "ExcludePaths", "Tags"));
        NetworkInsightsAccessScope s = ec2(r).createNetworkInsightsAccessScope(b -> b
                .matchPaths(paths(r, "MatchPaths")).excludePaths(paths(r, "ExcludePaths"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NETWORK_INSIGHTS_ACCESS_SCOPE))
                .clientToken(java.util.UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()))
                .networkInsightsAccessScope();
        return created(s);
    }

    private static List<AccessScopePathRequest> paths(ResourceRequest r, String name) {
        JsonNode list = r.property(name);
        if (list == null) {
            return null;
        }
        List<AccessScopePathRequest> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(SdkJson.build(list.get(i), AccessScopePathRequest.builder(), name + "[" + i + "]"));
        }
        return out;
    }

    private static Created created(NetworkInsightsAccessScope s) {
        return Created.of(s.networkInsightsAccessScopeId())
                .attribute("NetworkInsightsAccessScopeId", s.networkInsightsAccessScopeId())
                .attribute("NetworkInsightsAccessScopeArn", s.networkInsightsAccessScopeArn())
                .attribute("CreatedDate", s.createdDate() == null ? null : s.createdDate().toString())
                .attribute("UpdatedDate", s.updatedDate() == null ? null : s.updatedDate().toString());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, Set.of("MatchPaths", "ExcludePaths", "Tags"));
        Ec2Support.retag(r, r.physicalId());
        return created(ec2(r).describeNetworkInsightsAccessScopes(b -> b.networkInsightsAccessScopeIds(
                r.physicalId())).networkInsightsAccessScopes().get(0));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkInsightsAccessScope(b -> b.networkInsightsAccessScopeId(
                r.physicalId())));
    }
}
