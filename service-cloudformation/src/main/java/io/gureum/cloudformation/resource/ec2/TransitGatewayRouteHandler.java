package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::TransitGatewayRoute}: a static or blackhole route of a transit gateway route table. Its
 * identifier is the route table and the destination, so {@code Ref} is
 * {@code <TransitGatewayRouteTableId>|<DestinationCidrBlock>}; it has no {@code Fn::GetAtt} attribute.
 * Every property replaces it.
 */
public final class TransitGatewayRouteHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("Blackhole", "DestinationCidrBlock",
            "TransitGatewayAttachmentId", "TransitGatewayRouteTableId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayRoute";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String table = r.requiredText("TransitGatewayRouteTableId");
        String cidr = ec2(r).createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(table)
                .destinationCidrBlock(r.requiredText("DestinationCidrBlock")).blackhole(r.bool("Blackhole"))
                .transitGatewayAttachmentId(r.text("TransitGatewayAttachmentId"))).route().destinationCidrBlock();
        return Created.of(table + "|" + cidr);
    }

    @Override
    public void delete(ResourceRequest r) {
        String id = r.physicalId();
        int bar = id.indexOf('|');
        Ec2Support.deleting(() -> ec2(r).deleteTransitGatewayRoute(b -> b.transitGatewayRouteTableId(
                id.substring(0, bar)).destinationCidrBlock(id.substring(bar + 1))));
    }
}
