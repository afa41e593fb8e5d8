package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

/** VPN connections, their tunnels, static routes and transit gateway attachments after a restart on --data-dir. */
class VpnConnectionsRestartIT {
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
        String vpc;
        String cgw;
        String vgw;
        String tgw;
        String rtb;
        VpnConnection before;
        String tgwConnection;
        try (Gureum g = start(compacting); Ec2Client ec2 = ec2(g)) {
            vpc = ec2.createVpc(b -> b.cidrBlock("10.60.0.0/16")).vpc().vpcId();
            cgw = ec2.createCustomerGateway(b -> b.bgpAsn(65020).ipAddress("203.0.113.60").type(GatewayType.IPSEC_1))
                    .customerGateway().customerGatewayId();
            vgw = ec2.createVpnGateway(b -> b.type(GatewayType.IPSEC_1)).vpnGateway().vpnGatewayId();
            ec2.attachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc));
            rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.enableVgwRoutePropagation(b -> b.gatewayId(vgw).routeTableId(rtb));
            tgw = ec2.createTransitGateway(b -> { }).transitGateway().transitGatewayId();
            String id = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw).vpnGatewayId(vgw)
                    .options(o -> o.staticRoutesOnly(true).tunnelOptions(VpnTunnelOptionsSpecification.builder()
                            .tunnelInsideCidr("169.254.60.0/30").preSharedKey("restart_key").build()))
                    .tagSpecifications(TagSpecification.builder().resourceType("vpn-connection")
                            .tags(Tag.builder().key("Name").value("office").build()).build()))
                    .vpnConnection().vpnConnectionId();
            tgwConnection = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw)
                    .transitGatewayId(tgw)).vpnConnection().vpnConnectionId();
            g.context().clock().advance(Duration.ofSeconds(5));
            ec2.createVpnConnectionRoute(b -> b.vpnConnectionId(id).destinationCidrBlock("192.168.60.0/24"));
            g.context().clock().advance(Duration.ofSeconds(5));
            before = ec2.describeVpnConnections(b -> b.vpnConnectionIds(id)).vpnConnections().get(0);
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            VpnConnection after = ec2.describeVpnConnections(b -> b.vpnConnectionIds(before.vpnConnectionId()))
                    .vpnConnections().get(0);
            assertEquals("available", after.stateAsString());
            assertEquals(before.options().tunnelOptions(), after.options().tunnelOptions());
            assertEquals("restart_key", after.options().tunnelOptions().get(0).preSharedKey());
            assertEquals(before.customerGatewayConfiguration(), after.customerGatewayConfiguration());
            assertEquals(before.routes(), after.routes());
            assertEquals("office", after.tags().get(0).value());
            assertTrue(ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).routes().stream()
                    .anyMatch(r -> "192.168.60.0/24".equals(r.destinationCidrBlock()) && vgw.equals(r.gatewayId())));
            assertEquals(1, ec2.describeTransitGatewayAttachments(b -> b.filters(filter("resource-id", tgwConnection),
                    filter("resource-type", "vpn"))).transitGatewayAttachments().size());
            // clean the account's state for the next round on the same data directory
            ec2.deleteVpnConnection(b -> b.vpnConnectionId(before.vpnConnectionId()));
            ec2.deleteVpnConnection(b -> b.vpnConnectionId(tgwConnection));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            assertEquals("deleting", ec2.describeVpnConnections(b -> b.vpnConnectionIds(tgwConnection))
                    .vpnConnections().get(0).stateAsString());
            g.context().clock().advance(Duration.ofHours(2));
            assertEquals(0, ec2.describeVpnConnections(b -> b.filters(filter("customer-gateway-id", cgw)))
                    .vpnConnections().size());
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw));
            ec2.detachVpnGateway(b -> b.vpnGatewayId(vgw).vpcId(vpc));
            ec2.deleteVpnGateway(b -> b.vpnGatewayId(vgw));
            ec2.deleteCustomerGateway(b -> b.customerGatewayId(cgw));
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.deleteVpc(b -> b.vpcId(vpc));
        }
    }
}
