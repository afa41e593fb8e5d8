package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::TransitGatewayRouteTableAssociation}: a transit gateway attachment associated with a
 * route table. Its identifier is the route table and the attachment, so {@code Ref} is
 * {@code <TransitGatewayRouteTableId>|<TransitGatewayAttachmentId>}; no {@code Fn::GetAtt} attribute. Both
 * properties replace it.
 */
public final class TransitGatewayRouteTableAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("TransitGatewayAttachmentId", "TransitGatewayRouteTableId");

    @Override
    public String type() {
        return "AWS::EC2::TransitGatewayRouteTableAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String table = r.requiredText("TransitGatewayRouteTableId");
        String attachment = r.requiredText("TransitGatewayAttachmentId");
        ec2(r).associateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(table)
                .transitGatewayAttachmentId(attachment));
        return Created.of(table + "|" + attachment);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(
                r.text("TransitGatewayRouteTableId")).transitGatewayAttachmentId(r.text("TransitGatewayAttachmentId"))));
    }
}
