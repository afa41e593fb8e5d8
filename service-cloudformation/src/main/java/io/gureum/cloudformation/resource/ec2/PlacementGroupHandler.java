package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::PlacementGroup}. The type takes no name: CloudFormation generates one, which {@code Ref}
 * and {@code Fn::GetAtt GroupName} return. Every property, tags included, replaces it.
 */
public final class PlacementGroupHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("PartitionCount", "SpreadLevel", "Strategy", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::PlacementGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.generatedName(255);
        ec2(r).createPlacementGroup(b -> b.groupName(name).strategy(r.has("Strategy") ? r.text("Strategy") : "cluster")
                .partitionCount(r.integer("PartitionCount")).spreadLevel(r.text("SpreadLevel"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.PLACEMENT_GROUP)));
        return Created.of(name).attribute("GroupName", name);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deletePlacementGroup(b -> b.groupName(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        software.amazon.awssdk.services.ec2.model.PlacementGroup g;
        try {
            var groups = ec2(r).describePlacementGroups(b -> b.groupNames(r.physicalId())).placementGroups();
            if (groups.isEmpty()) {
                return null;
            }
            g = groups.get(0);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            // A name DescribePlacementGroups does not know is InvalidPlacementGroup.Unknown.
            if (Ec2Support.notFound(e) || (e.awsErrorDetails() != null
                    && "InvalidPlacementGroup.Unknown".equals(e.awsErrorDetails().errorCode()))) {
                return null;
            }
            throw e;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("Strategy", g.strategyAsString())
                .put("PartitionCount", g.partitionCount()).put("SpreadLevel", g.spreadLevelAsString()).result();
    }
}
