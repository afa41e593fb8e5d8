package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class EgressOnlyInternetGatewaysIT extends Ec2TestBase {

    static Route ipv6Route(Ec2Client ec2, String rtb, String destination) {
        return ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().stream()
                .filter(x -> destination.equals(x.destinationIpv6CidrBlock())).findFirst().orElseThrow();
    }

    @Test
    void createDescribeDeleteWithClientToken() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String vpc2 = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            fails("DryRunOperation", 412, () -> ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc).dryRun(true)));
            fails("InvalidVpcID.NotFound", () -> ec2.createEgressOnlyInternetGateway(b -> b.vpcId("vpc-00000000000000000")));
            var created = ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc).clientToken("tok-1")
                    .tagSpecifications(TagSpecification.builder().resourceType("egress-only-internet-gateway")
                            .tags(Tag.builder().key("Name").value("v6-out").build()).build()));
            EgressOnlyInternetGateway g = created.egressOnlyInternetGateway();
            assertEquals("tok-1", created.clientToken());
            assertTrue(g.egressOnlyInternetGatewayId().matches("eigw-[0-9a-f]{17}"), g.egressOnlyInternetGatewayId());
            assertEquals(vpc, g.attachments().get(0).vpcId());
            assertEquals("attached", g.attachments().get(0).stateAsString());
            assertEquals("v6-out", g.tags().get(0).value());
            String id = g.egressOnlyInternetGatewayId();
            // The same token answers the same gateway; with other parameters it is refused.
            assertEquals(id, ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc).clientToken("tok-1"))
                    .egressOnlyInternetGateway().egressOnlyInternetGatewayId());
            fails("IdempotentParameterMismatch", () -> ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc2)
                    .clientToken("tok-1")));
            String other = ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc2)).egressOnlyInternetGateway()
                    .egressOnlyInternetGatewayId();
            assertNotEquals(id, other);

            assertEquals(2, ec2.describeEgressOnlyInternetGateways().egressOnlyInternetGateways().size());
            assertEquals(List.of(id), ec2.describeEgressOnlyInternetGateways(b -> b.filters(filter("tag:Name", "v6-out")))
                    .egressOnlyInternetGateways().stream().map(EgressOnlyInternetGateway::egressOnlyInternetGatewayId)
                    .toList());
            assertEquals(vpc, ec2.describeEgressOnlyInternetGateways(b -> b.egressOnlyInternetGatewayIds(id))
                    .egressOnlyInternetGateways().get(0).attachments().get(0).vpcId());
            fails("InvalidParameterValue", () -> ec2.describeEgressOnlyInternetGateways(b -> b.maxResults(256)));
            for (int i = 0; i < 4; i++) {
                ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc2));
            }
            var page = ec2.describeEgressOnlyInternetGateways(b -> b.maxResults(5));
            assertEquals(5, page.egressOnlyInternetGateways().size());
            assertNotNull(page.nextToken());
            var rest = ec2.describeEgressOnlyInternetGateways(b -> b.maxResults(5).nextToken(page.nextToken()));
            assertEquals(1, rest.egressOnlyInternetGateways().size());
            assertNull(rest.nextToken());

            // A VPC with an egress-only gateway cannot be deleted.
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));
            fails("DryRunOperation", 412, () -> ec2.deleteEgressOnlyInternetGateway(b -> b
                    .egressOnlyInternetGatewayId(id).dryRun(true)));
            assertTrue(ec2.deleteEgressOnlyInternetGateway(b -> b.egressOnlyInternetGatewayId(id)).returnCode());
            assertEquals("The gateway ID '" + id + "' does not exist", fails("InvalidGatewayID.NotFound",
                    () -> ec2.describeEgressOnlyInternetGateways(b -> b.egressOnlyInternetGatewayIds(id))));
            fails("InvalidGatewayID.NotFound", () -> ec2.deleteEgressOnlyInternetGateway(b -> b
                    .egressOnlyInternetGatewayId(id)));
            ec2.deleteVpc(b -> b.vpcId(vpc));
        }
    }

    @Test
    void ipv6RoutesThroughTheGatewayTurnBlackholeWhenItIsDeleted() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc().vpcId();
            String elsewhere = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            String eigw = ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc)).egressOnlyInternetGateway()
                    .egressOnlyInternetGatewayId();
            String foreign = ec2.createEgressOnlyInternetGateway(b -> b.vpcId(elsewhere)).egressOnlyInternetGateway()
                    .egressOnlyInternetGatewayId();

            fails("InvalidParameterValue", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("0.0.0.0/0").egressOnlyInternetGatewayId(eigw)));
            fails("InvalidParameterValue", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId(foreign)));
            fails("InvalidGatewayID.NotFound", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId("eigw-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId(eigw).dryRun(true)));
            assertTrue(ec2.createRoute(b -> b.routeTableId(rtb).destinationIpv6CidrBlock("::/0")
                    .egressOnlyInternetGatewayId(eigw)).returnValue());
            Route r = ipv6Route(ec2, rtb, "::/0");
            assertEquals(eigw, r.egressOnlyInternetGatewayId());
            assertEquals("active", r.stateAsString());
            assertEquals(1, ec2.describeRouteTables(b -> b.filters(
                    filter("route.egress-only-internet-gateway-id", eigw))).routeTables().size());

            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            ec2.replaceRoute(b -> b.routeTableId(rtb).destinationIpv6CidrBlock("::/0").gatewayId(igw));
            assertEquals(igw, ipv6Route(ec2, rtb, "::/0").gatewayId());
            fails("InvalidParameterValue", () -> ec2.replaceRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("10.0.0.0/16").egressOnlyInternetGatewayId(eigw)));
            ec2.replaceRoute(b -> b.routeTableId(rtb).destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId(eigw));
            assertEquals(eigw, ipv6Route(ec2, rtb, "::/0").egressOnlyInternetGatewayId());

            ec2.deleteEgressOnlyInternetGateway(b -> b.egressOnlyInternetGatewayId(eigw));
            r = ipv6Route(ec2, rtb, "::/0");
            assertEquals(eigw, r.egressOnlyInternetGatewayId());
            assertEquals("blackhole", r.stateAsString());
        }
    }
}
