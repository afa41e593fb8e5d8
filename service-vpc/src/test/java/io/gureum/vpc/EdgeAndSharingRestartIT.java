package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Carrier gateways, interface permissions and security group VPC associations after a restart on --data-dir. */
class EdgeAndSharingRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private Gureum start(boolean compacting) {
        if (compacting) {
            System.setProperty("gureum.compactBytes", "1");
        }
        try {
            return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void surviveARestart() {
        for (boolean compacting : new boolean[] {false, true}) {
            survive(compacting);
        }
    }

    private void survive(boolean compacting) {
        String home;
        String other;
        String cagw;
        String rtb;
        String eni;
        String permission;
        String sg;
        try (Gureum g = start(compacting); Ec2Client ec2 = ec2(g)) {
            home = ec2.createVpc(b -> b.cidrBlock("10.50.0.0/16")).vpc().vpcId();
            other = ec2.createVpc(b -> b.cidrBlock("10.51.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(home).cidrBlock("10.50.1.0/24")).subnet().subnetId();
            eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            permission = ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .awsAccountId("210987654321").permission("EIP-ASSOCIATE")).interfacePermission()
                    .networkInterfacePermissionId();
            sg = ec2.createSecurityGroup(b -> b.vpcId(home).groupName("shared").description("shared")).groupId();
            ec2.associateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other));
            cagw = ec2.createCarrierGateway(b -> b.vpcId(other).clientToken("restart-" + compacting)
                    .tagSpecifications(TagSpecification.builder().resourceType("carrier-gateway")
                            .tags(Tag.builder().key("Name").value("edge").build()).build()))
                    .carrierGateway().carrierGatewayId();
            rtb = ec2.createRouteTable(b -> b.vpcId(other)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").carrierGatewayId(cagw));
            g.context().clock().advance(Duration.ofSeconds(5));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            g.context().clock().advance(Duration.ofSeconds(5));
            var gw = ec2.describeCarrierGateways(b -> b.carrierGatewayIds(cagw)).carrierGateways().get(0);
            assertEquals("available", gw.stateAsString());
            assertEquals(other, gw.vpcId());
            assertEquals("edge", gw.tags().get(0).value());
            assertEquals(cagw, ec2.createCarrierGateway(b -> b.vpcId(other).clientToken("restart-" + compacting))
                    .carrierGateway().carrierGatewayId());
            assertEquals(cagw, ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes()
                    .stream().filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst().orElseThrow()
                    .carrierGatewayId());
            var p = ec2.describeNetworkInterfacePermissions(b -> b.networkInterfacePermissionIds(permission))
                    .networkInterfacePermissions().get(0);
            assertEquals("granted", p.permissionState().stateAsString());
            assertEquals("EIP-ASSOCIATE", p.permissionAsString());
            var a = ec2.describeSecurityGroupVpcAssociations(b -> b.filters(filter("group-id", sg)))
                    .securityGroupVpcAssociations().get(0);
            assertEquals("associated", a.stateAsString());
            assertEquals(other, a.vpcId());
            // clean the account's state for the next round on the same data directory
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.deleteCarrierGateway(b -> b.carrierGatewayId(cagw));
            ec2.disassociateSecurityGroupVpc(b -> b.groupId(sg).vpcId(other));
            ec2.deleteNetworkInterfacePermission(b -> b.networkInterfacePermissionId(permission));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            g.context().clock().advance(Duration.ofHours(2));
            assertEquals(0, ec2.describeCarrierGateways(b -> b.filters(filter("vpc-id", other))).carrierGateways()
                    .size());
            assertEquals(0, ec2.describeSecurityGroupVpcAssociations(b -> b.filters(filter("group-id", sg)))
                    .securityGroupVpcAssociations().size());
            assertEquals(0, ec2.describeNetworkInterfacePermissions(b -> b.filters(filter(
                    "network-interface-permission.network-interface-id", eni))).networkInterfacePermissions().size());
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(eni));
            ec2.deleteSubnet(b -> b.subnetId(ec2.describeSubnets(x -> x.filters(filter("vpc-id", home))).subnets()
                    .get(0).subnetId()));
            ec2.deleteVpc(b -> b.vpcId(home));
            ec2.deleteVpc(b -> b.vpcId(other));
        }
    }
}
