package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::GatewayRouteTableAssociation}: an internet or virtual private gateway associated with a route
 * table for ingress routing (AssociateRouteTable with {@code GatewayId}). {@code Ref} is the gateway id (the
 * type's primary identifier: a gateway has one such association); {@code Fn::GetAtt AssociationId} the
 * association id. {@code GatewayId} replaces it; a new {@code RouteTableId} moves the association in place
 * (ReplaceRouteTableAssociation, which gives a new association id). Delete is DisassociateRouteTable.
 */
public final class GatewayRouteTableAssociationHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::EC2::GatewayRouteTableAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("GatewayId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("GatewayId", "RouteTableId"));
        String gateway = r.requiredText("GatewayId");
        String id = ec2(r).associateRouteTable(b -> b.gatewayId(gateway)
                .routeTableId(r.requiredText("RouteTableId"))).associationId();
        return Created.of(gateway).attribute("AssociationId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, Set.of("GatewayId", "RouteTableId"));
        String id = ec2(r).replaceRouteTableAssociation(b -> b.associationId(association(r))
                .routeTableId(r.requiredText("RouteTableId"))).newAssociationId();
        return Created.of(r.physicalId()).attribute("AssociationId", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateRouteTable(b -> b.associationId(association(r))));
    }

    private static String association(ResourceRequest r) {
        var id = r.attributes().get("AssociationId");
        return id == null ? null : id.asText();
    }
}
