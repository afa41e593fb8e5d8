package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::LocalGatewayRouteTableVPCAssociation}. Local gateways exist only on AWS Outposts, which
 * Gureum's accounts have none of: CreateLocalGatewayRouteTableVpcAssociation answers
 * {@code InvalidLocalGatewayRouteTableID.NotFound}, so the resource fails as it does on an account without
 * Outposts. Were it created, {@code Ref} would be the association id.
 */
public final class LocalGatewayRouteTableVpcAssociationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LocalGatewayRouteTableId", "VpcId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::LocalGatewayRouteTableVPCAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LocalGatewayRouteTableId", "VpcId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        var a = ec2(r).createLocalGatewayRouteTableVpcAssociation(b -> b
                .localGatewayRouteTableId(r.requiredText("LocalGatewayRouteTableId")).vpcId(r.requiredText("VpcId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.LOCAL_GATEWAY_ROUTE_TABLE_VPC_ASSOCIATION)))
                .localGatewayRouteTableVpcAssociation();
        return Created.of(a.localGatewayRouteTableVpcAssociationId()).attribute("LocalGatewayRouteTableVpcAssociationId",
                a.localGatewayRouteTableVpcAssociationId()).attribute("LocalGatewayId", a.localGatewayId())
                .attribute("State", a.state());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("LocalGatewayRouteTableVpcAssociationId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteLocalGatewayRouteTableVpcAssociation(b -> b
                .localGatewayRouteTableVpcAssociationId(r.physicalId())));
    }
}
