package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::LocalGatewayRoute}. Local gateways exist only on AWS Outposts, which Gureum's accounts have
 * none of: CreateLocalGatewayRoute answers {@code InvalidLocalGatewayRouteTableID.NotFound}, so the resource
 * fails as it does on an account without Outposts. Were it created, {@code Ref} would be
 * {@code LocalGatewayRouteTableId|DestinationCidrBlock}.
 */
public final class LocalGatewayRouteHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("DestinationCidrBlock", "LocalGatewayRouteTableId",
            "LocalGatewayVirtualInterfaceGroupId", "NetworkInterfaceId");

    @Override
    public String type() {
        return "AWS::EC2::LocalGatewayRoute";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("DestinationCidrBlock", "LocalGatewayRouteTableId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String table = r.requiredText("LocalGatewayRouteTableId");
        String cidr = r.requiredText("DestinationCidrBlock");
        var route = ec2(r).createLocalGatewayRoute(b -> b.localGatewayRouteTableId(table).destinationCidrBlock(cidr)
                .localGatewayVirtualInterfaceGroupId(r.text("LocalGatewayVirtualInterfaceGroupId"))
                .networkInterfaceId(r.text("NetworkInterfaceId"))).route();
        return Created.of(table + "|" + cidr).attribute("State", route.stateAsString())
                .attribute("Type", route.typeAsString());
    }

    @Override
    public void delete(ResourceRequest r) {
        String[] parts = r.physicalId().split("\\|", 2);
        if (parts.length == 2) {
            Ec2Support.deleting(() -> ec2(r).deleteLocalGatewayRoute(b -> b.localGatewayRouteTableId(parts[0])
                    .destinationCidrBlock(parts[1])));
        }
    }
}
