package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::EC2::VPNGatewayRoutePropagation}: a virtual private gateway's routes propagated to route tables
 * (EnableVgwRoutePropagation for each of {@code RouteTableIds}). {@code Ref} is the id CloudFormation gives it (the
 * generated {@code <stack>-<logicalId>-<suffix>}), {@code Fn::GetAtt Id} too. Both properties change in place: the
 * tables or the gateway no longer named are disabled, the new ones enabled. Delete disables them all.
 */
public final class VpnGatewayRoutePropagationHandler implements ResourceHandler {
    @Override
    public String type() {
        return "AWS::EC2::VPNGatewayRoutePropagation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, Set.of("RouteTableIds", "VpnGatewayId"));
        String gateway = r.requiredText("VpnGatewayId");
        List<String> tables = tables(r);
        for (String t : tables) {
            ec2(r).enableVgwRoutePropagation(b -> b.gatewayId(gateway).routeTableId(t));
        }
        String id = r.generatedName(128);
        return Created.of(id).attribute("Id", id);
    }

    private static List<String> tables(ResourceRequest r) {
        if (!r.has("RouteTableIds")) {
            r.requiredText("RouteTableIds");
        }
        return Ec2Support.strings(r, "RouteTableIds");
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, Set.of("RouteTableIds", "VpnGatewayId"));
        String gateway = r.requiredText("VpnGatewayId");
        String before = Ec2Support.text(r.previousProperties(), "VpnGatewayId");
        Set<String> now = new LinkedHashSet<>(tables(r));
        for (String t : Ec2Support.strings(r.previousProperties().get("RouteTableIds"))) {
            if (!gateway.equals(before) || !now.contains(t)) {
                Ec2Support.deleting(() -> ec2(r).disableVgwRoutePropagation(b -> b.gatewayId(before).routeTableId(t)));
            }
        }
        for (String t : now) {
            ec2(r).enableVgwRoutePropagation(b -> b.gatewayId(gateway).routeTableId(t));
        }
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        String gateway = r.text("VpnGatewayId");
        for (String t : Ec2Support.strings(r, "RouteTableIds")) {
            Ec2Support.deleting(() -> ec2(r).disableVgwRoutePropagation(b -> b.gatewayId(gateway).routeTableId(t)));
        }
    }
}
