package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CarrierGateway;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class CarrierGatewaysIT extends Ec2TestBase {

    static String state(Ec2Client ec2, String id) {
        return ec2.describeCarrierGateways(b -> b.carrierGatewayIds(id)).carrierGateways().get(0).stateAsString();
    }

    static Route route(Ec2Client ec2, String rtb, String destination) {
        return ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().stream()
                .filter(x -> destination.equals(x.destinationCidrBlock())).findFirst().orElseThrow();
    }

    @Test
    void lifecycleFollowsTheClock() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            fails("DryRunOperation", 412, () -> ec2.createCarrierGateway(b -> b.vpcId(vpc).dryRun(true)));
            fails("InvalidVpcID.NotFound", () -> ec2.createCarrierGateway(b -> b.vpcId("vpc-00000000000000000")));
            fails("MissingParameter", () -> ec2.createCarrierGateway(b -> b.clientToken("x")));
            fails("InvalidParameterValue", () -> ec2.createCarrierGateway(b -> b.vpcId(vpc).tagSpecifications(
                    TagSpecification.builder().resourceType("vpc").tags(Tag.builder().key("k").value("v").build())
                            .build())));
            CarrierGateway g = ec2.createCarrierGateway(b -> b.vpcId(vpc).tagSpecifications(TagSpecification
                    .builder().resourceType("carrier-gateway").tags(Tag.builder().key("Name").value("edge").build())
                    .build())).carrierGateway();
            String id = g.carrierGatewayId();
            assertTrue(id.matches("cagw-[0-9a-f]{17}"), id);
            assertEquals(vpc, g.vpcId());
            assertEquals(account, g.ownerId());
            assertEquals("pending", g.stateAsString());
            assertEquals("edge", g.tags().get(0).value());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("available", state(ec2, id));

            // A VPC with a carrier gateway is not deleted.
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));

            // Routes may target it: IPv4 only, and only from a route table of its VPC.
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").carrierGatewayId(id));
            Route r = route(ec2, rtb, "0.0.0.0/0");
            assertEquals(id, r.carrierGatewayId());
            assertEquals("active", r.stateAsString());
            fails("InvalidParameterValue", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationIpv6CidrBlock("::/0").carrierGatewayId(id)));
            fails("InvalidCarrierGatewayID.NotFound", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("10.9.0.0/16").carrierGatewayId("cagw-00000000000000000")));
            fails("InvalidParameterCombination", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("10.9.0.0/16").carrierGatewayId(id).gatewayId("igw-00000000000000000")));
            String otherVpc = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String otherRtb = ec2.createRouteTable(b -> b.vpcId(otherVpc)).routeTable().routeTableId();
            fails("InvalidParameterValue", () -> ec2.createRoute(b -> b.routeTableId(otherRtb)
                    .destinationCidrBlock("0.0.0.0/0").carrierGatewayId(id)));
            ec2.replaceRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").carrierGatewayId(id));

            fails("DryRunOperation", 412, () -> ec2.deleteCarrierGateway(b -> b.carrierGatewayId(id).dryRun(true)));
            fails("InvalidCarrierGatewayID.NotFound", () -> ec2.deleteCarrierGateway(b -> b
                    .carrierGatewayId("cagw-00000000000000000")));
            assertEquals("deleting", ec2.deleteCarrierGateway(b -> b.carrierGatewayId(id)).carrierGateway()
                    .stateAsString());
            assertEquals("blackhole", route(ec2, rtb, "0.0.0.0/0").stateAsString());
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("deleted", state(ec2, id));
            // A deleted gateway is still described, but is no longer found by the other calls.
            fails("InvalidCarrierGatewayID.NotFound", () -> ec2.deleteCarrierGateway(b -> b.carrierGatewayId(id)));
            fails("InvalidCarrierGatewayID.NotFound", () -> ec2.createTags(b -> b.resources(id)
                    .tags(Tag.builder().key("a").value("b").build())));
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.deleteVpc(b -> b.vpcId(vpc));
            advanceClock(Duration.ofHours(1));
            assertTrue(ec2.describeCarrierGateways(b -> { }).carrierGateways().isEmpty());
            fails("InvalidCarrierGatewayID.NotFound", () -> ec2.describeCarrierGateways(b -> b.carrierGatewayIds(id)));
        }
    }

    @Test
    void clientTokenFiltersPagingAndTags() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String vpc2 = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String id = ec2.createCarrierGateway(b -> b.vpcId(vpc).clientToken("tok")).carrierGateway()
                    .carrierGatewayId();
            assertEquals(id, ec2.createCarrierGateway(b -> b.vpcId(vpc).clientToken("tok")).carrierGateway()
                    .carrierGatewayId());
            fails("IdempotentParameterMismatch", () -> ec2.createCarrierGateway(b -> b.vpcId(vpc2).clientToken("tok")));
            for (int i = 0; i < 5; i++) {
                ec2.createCarrierGateway(b -> b.vpcId(vpc2));
            }
            ec2.createTags(b -> b.resources(id).tags(Tag.builder().key("team").value("edge").build()));
            assertEquals(List.of(id), ec2.describeCarrierGateways(b -> b.filters(filter("tag:team", "edge")))
                    .carrierGateways().stream().map(CarrierGateway::carrierGatewayId).toList());
            assertEquals(List.of(id), ec2.describeCarrierGateways(b -> b.filters(filter("vpc-id", vpc)))
                    .carrierGateways().stream().map(CarrierGateway::carrierGatewayId).toList());
            assertEquals(6, ec2.describeCarrierGateways(b -> b.filters(filter("state", "pending", "available")))
                    .carrierGateways().size());
            assertEquals(1, ec2.describeCarrierGateways(b -> b.filters(filter("carrier-gateway-id", id)))
                    .carrierGateways().size());
            fails("InvalidParameterValue", () -> ec2.describeCarrierGateways(b -> b.filters(filter("subnet-id", "x"))));
            fails("InvalidParameterValue", () -> ec2.describeCarrierGateways(b -> b.maxResults(4)));
            fails("DryRunOperation", 412, () -> ec2.describeCarrierGateways(b -> b.dryRun(true)));
            var first = ec2.describeCarrierGateways(b -> b.maxResults(5));
            assertEquals(5, first.carrierGateways().size());
            var second = ec2.describeCarrierGateways(b -> b.maxResults(5).nextToken(first.nextToken()));
            assertEquals(1, second.carrierGateways().size());
            assertEquals(null, second.nextToken());
            var tags = ec2.describeTags(b -> b.filters(filter("resource-id", id))).tags();
            assertEquals(1, tags.size());
            assertEquals("carrier-gateway", tags.get(0).resourceTypeAsString());
        }
    }
}
