package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.DestinationOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * {@code AWS::EC2::FlowLog}: one flow log on one resource. {@code Ref} is its id; {@code Fn::GetAtt} gives
 * {@code Id}. Every property but the tags replaces it; tags change in place. A resource EC2 reports as
 * {@code Unsuccessful} fails the resource with EC2's code and message.
 */
public final class FlowLogHandler implements ResourceHandler {
    private static final Set<String> REPLACING = Set.of("DeliverCrossAccountRole", "DeliverLogsPermissionArn",
            "DestinationOptions", "LogDestination", "LogDestinationType", "LogFormat", "LogGroupName",
            "MaxAggregationInterval", "ResourceId", "ResourceType", "TrafficType");
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = union(REPLACING, Set.of("Tags"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    @Override
    public String type() {
        return "AWS::EC2::FlowLog";
    }

    @Override
    public Set<String> replacementProperties() {
        return REPLACING;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode o = r.property("DestinationOptions");
        DestinationOptionsRequest options = o == null ? null : DestinationOptionsRequest.builder()
                .fileFormat(Ec2Support.text(o, "FileFormat"))
                .hiveCompatiblePartitions(o.has("HiveCompatiblePartitions") ? o.get("HiveCompatiblePartitions").asBoolean() : null)
                .perHourPartition(o.has("PerHourPartition") ? o.get("PerHourPartition").asBoolean() : null).build();
        String resourceId = r.requiredText("ResourceId");
        CreateFlowLogsResponse out = ec2(r).createFlowLogs(b -> b.resourceType(r.requiredText("ResourceType"))
                .resourceIds(resourceId).trafficType(r.text("TrafficType"))
                .logDestinationType(r.text("LogDestinationType")).logDestination(r.text("LogDestination"))
                .logGroupName(r.text("LogGroupName")).deliverLogsPermissionArn(r.text("DeliverLogsPermissionArn"))
                .deliverCrossAccountRole(r.text("DeliverCrossAccountRole")).logFormat(r.text("LogFormat"))
                .maxAggregationInterval(r.integer("MaxAggregationInterval")).destinationOptions(options)
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC_FLOW_LOG)));
        if (!out.unsuccessful().isEmpty()) {
            UnsuccessfulItem u = out.unsuccessful().get(0);
            String code = u.error().code();
            throw new ResourceFailure(u.error().message(), code.endsWith("NotFound") ? "NotFound"
                    : code.equals("FlowLogAlreadyExists") ? "AlreadyExists" : "InvalidRequest");
        }
        String id = out.flowLogIds().get(0);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        // DeleteFlowLogs reports an unknown ID as an Unsuccessful item, not an error: gone is deleted.
        ec2(r).deleteFlowLogs(b -> b.flowLogIds(r.physicalId()));
    }
}
