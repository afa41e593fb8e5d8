package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;
import software.amazon.awssdk.services.ec2.model.PathRequestFilter;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::NetworkInsightsPath}: a Reachability Analyzer path. {@code Ref} and
 * {@code Fn::GetAtt NetworkInsightsPathId} give its id; {@code NetworkInsightsPathArn}, {@code CreatedDate},
 * {@code SourceArn} and {@code DestinationArn} what EC2 reports. Every property but the tags replaces it.
 */
public final class NetworkInsightsPathHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Source", "SourceIp", "Destination", "DestinationIp",
            "DestinationPort", "Protocol", "FilterAtSource", "FilterAtDestination", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::NetworkInsightsPath";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Source", "SourceIp", "Destination", "DestinationIp", "DestinationPort", "Protocol",
                "FilterAtSource", "FilterAtDestination");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        NetworkInsightsPath p = ec2(r).createNetworkInsightsPath(b -> b.source(r.requiredText("Source"))
                .sourceIp(r.text("SourceIp")).destination(r.text("Destination")).destinationIp(r.text("DestinationIp"))
                .destinationPort(r.integer("DestinationPort")).protocol(r.requiredText("Protocol"))
                .filterAtSource(filter(r, "FilterAtSource")).filterAtDestination(filter(r, "FilterAtDestination"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.NETWORK_INSIGHTS_PATH))
                .clientToken(java.util.UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.nameSuffix()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())).networkInsightsPath();
        return created(p);
    }

    private static PathRequestFilter filter(ResourceRequest r, String name) {
        JsonNode f = r.property(name);
        return f == null ? null : SdkJson.build(f, PathRequestFilter.builder(), name);
    }

    static Created created(NetworkInsightsPath p) {
        return Created.of(p.networkInsightsPathId()).attribute("NetworkInsightsPathId", p.networkInsightsPathId())
                .attribute("NetworkInsightsPathArn", p.networkInsightsPathArn())
                .attribute("CreatedDate", p.createdDate() == null ? null : p.createdDate().toString())
                .attribute("SourceArn", p.sourceArn()).attribute("DestinationArn", p.destinationArn());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(ec2(r).describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(r.physicalId()))
                .networkInsightsPaths().get(0));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkInsightsPath(b -> b.networkInsightsPathId(r.physicalId())));
    }
}
