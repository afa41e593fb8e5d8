package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::SubnetRouteTableAssociation}. {@code Ref} is the association id; {@code Fn::GetAtt}
 * gives {@code Id}. A new {@code SubnetId} replaces the association; a new {@code RouteTableId} moves it in
 * place with ReplaceRouteTableAssociation, which gives the association a new id.
 */
public final class SubnetRouteTableAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "RouteTableId", "SubnetId");

    @Override
    public String type() {
        return "AWS::EC2::SubnetRouteTableAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SubnetId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).associateRouteTable(b -> b.subnetId(r.requiredText("SubnetId"))
                .routeTableId(r.requiredText("RouteTableId"))).associationId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).replaceRouteTableAssociation(b -> b.associationId(r.physicalId())
                .routeTableId(r.requiredText("RouteTableId"))).newAssociationId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateRouteTable(b -> b.associationId(r.physicalId())));
    }
}
