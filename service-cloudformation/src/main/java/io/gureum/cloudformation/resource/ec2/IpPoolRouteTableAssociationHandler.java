package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::IpPoolRouteTableAssociation}: a public IPv4 pool associated with a route table
 * (AssociateRouteTable with {@code PublicIpv4Pool}). {@code Ref} and {@code Fn::GetAtt AssociationId} are the
 * association id. Both properties replace it.
 */
public final class IpPoolRouteTableAssociationHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("PublicIpv4Pool", "RouteTableId");

    @Override
    public String type() {
        return "AWS::EC2::IpPoolRouteTableAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).associateRouteTable(b -> b.routeTableId(r.requiredText("RouteTableId"))
                .publicIpv4Pool(r.requiredText("PublicIpv4Pool"))).associationId();
        return Created.of(id).attribute("AssociationId", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).disassociateRouteTable(b -> b.associationId(r.physicalId())));
    }
}
