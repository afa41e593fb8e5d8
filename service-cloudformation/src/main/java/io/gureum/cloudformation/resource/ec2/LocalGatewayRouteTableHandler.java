package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * {@code AWS::EC2::LocalGatewayRouteTable}. Local gateways exist only on AWS Outposts, which Gureum's accounts
 * have none of: CreateLocalGatewayRouteTable answers {@code InvalidLocalGatewayID.NotFound}, so the resource fails
 * as it does on an account without Outposts. Were it created, {@code Ref} would be the route table id.
 */
public final class LocalGatewayRouteTableHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LocalGatewayId", "Mode", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::LocalGatewayRouteTable";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LocalGatewayId", "Mode");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        var t = ec2(r).createLocalGatewayRouteTable(b -> b.localGatewayId(r.requiredText("LocalGatewayId"))
                .mode(r.text("Mode")).tagSpecifications(Ec2Support.tagSpecs(r,
                        ResourceType.LOCAL_GATEWAY_ROUTE_TABLE))).localGatewayRouteTable();
        return Created.of(t.localGatewayRouteTableId()).attribute("LocalGatewayRouteTableId",
                t.localGatewayRouteTableId()).attribute("LocalGatewayRouteTableArn", t.localGatewayRouteTableArn())
                .attribute("OutpostArn", t.outpostArn()).attribute("OwnerId", t.ownerId())
                .attribute("State", t.state());
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("LocalGatewayRouteTableId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteLocalGatewayRouteTable(b -> b
                .localGatewayRouteTableId(r.physicalId())));
    }
}
