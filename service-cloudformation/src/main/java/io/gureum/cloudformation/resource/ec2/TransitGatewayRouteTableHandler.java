package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::TransitGatewayRouteTable}. {@code Ref} is the route table id; {@code Fn::GetAtt} gives
 * {@code TransitGatewayRouteTableId}. {@code TransitGatewayId} replaces it; tags change in place.
 */
public final class TransitGatewayRouteTableHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Tags", "TransitGatewayId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayRouteTable";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("TransitGatewayId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createTransitGatewayRouteTable(b -> b.transitGatewayId(r.requiredText("TransitGatewayId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRANSIT_GATEWAY_ROUTE_TABLE)))
                .transitGatewayRouteTable().transitGatewayRouteTableId();
        return Created.of(id).attribute("TransitGatewayRouteTableId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("TransitGatewayRouteTableId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(
                r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable t;
        try {
            var found = ec2(r).describeTransitGatewayRouteTables(b -> b.transitGatewayRouteTableIds(r.physicalId()))
                    .transitGatewayRouteTables();
            if (found.isEmpty() || "deleted".equals(found.get(0).stateAsString())) {
                return null;
            }
            t = found.get(0);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            if (Ec2Support.notFound(e)) {
                return null;
            }
            throw e;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("TransitGatewayId", t.transitGatewayId())
                .result();
    }
}
