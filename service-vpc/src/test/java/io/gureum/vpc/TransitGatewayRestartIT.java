package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Transit gateway options, peering and Connect state found again after a restart on the same --data-dir. */
class TransitGatewayRestartIT {
    private static final String REQUESTER = "123456789012";
    private static final String ACCEPTER = "210987654321";

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

    private static Ec2Client ec2(Gureum g, String account, String region) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), account, region);
    }

    @Test
    void transitGatewayStateSurvivesARestart() {
        for (boolean compacting : new boolean[] {false, true}) {
            survives(compacting);
        }
    }

    private void survives(boolean compacting) {
        String tgwA;
        String tgwB;
        String att;
        String subnetC;
        String peering;
        String connect;
        String connectPeer;
        String otherTable;
        try (Gureum g = start(compacting); Ec2Client req = ec2(g, REQUESTER, "ap-northeast-2");
                Ec2Client acc = ec2(g, ACCEPTER, "us-east-1")) {
            tgwA = req.createTransitGateway(b -> b.description("hub").options(o -> o.transitGatewayCidrBlocks(
                    "192.0.2.0/24"))).transitGateway().transitGatewayId();
            tgwB = acc.createTransitGateway(b -> b.description("far")).transitGateway().transitGatewayId();
            String ta = tgwA;
            otherTable = req.createTransitGatewayRouteTable(b -> b.transitGatewayId(ta)).transitGatewayRouteTable()
                    .transitGatewayRouteTableId();
            String ot = otherTable;
            req.modifyTransitGateway(b -> b.transitGatewayId(ta).description("core").options(o -> o.dnsSupport("disable")
                    .propagationDefaultRouteTableId(ot)));
            String vpc = req.createVpc(b -> b.cidrBlock("10.40.0.0/16")).vpc().vpcId();
            String subnetA = req.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.40.1.0/24")
                    .availabilityZone("ap-northeast-2a")).subnet().subnetId();
            subnetC = req.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.40.2.0/24").availabilityZone("ap-northeast-2c"))
                    .subnet().subnetId();
            att = req.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(ta).vpcId(vpc).subnetIds(subnetA))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            String at = att;
            String sc = subnetC;
            req.modifyTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(at).addSubnetIds(sc)
                    .options(o -> o.applianceModeSupport("enable")));
            String tb = tgwB;
            peering = req.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(ta).peerTransitGatewayId(tb)
                    .peerAccountId(ACCEPTER).peerRegion("us-east-1").tagSpecifications(TagSpecification.builder()
                            .resourceType("transit-gateway-attachment").tags(t -> t.key("Name").value("far")).build()))
                    .transitGatewayPeeringAttachment().transitGatewayAttachmentId();
            connect = req.createTransitGatewayConnect(b -> b.transportTransitGatewayAttachmentId(at)
                    .options(o -> o.protocol("gre"))).transitGatewayConnect().transitGatewayAttachmentId();
            String c = connect;
            connectPeer = req.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(c).peerAddress("10.40.1.9")
                    .insideCidrBlocks("169.254.50.0/29")).transitGatewayConnectPeer().transitGatewayConnectPeerId();
        }
        try (Gureum g = start(false); Ec2Client req = ec2(g, REQUESTER, "ap-northeast-2");
                Ec2Client acc = ec2(g, ACCEPTER, "us-east-1")) {
            var t = req.describeTransitGateways(b -> b.transitGatewayIds(tgwA)).transitGateways().get(0);
            assertEquals("core", t.description());
            assertEquals("disable", t.options().dnsSupportAsString());
            assertEquals(List.of("192.0.2.0/24"), t.options().transitGatewayCidrBlocks());
            assertEquals(otherTable, t.options().propagationDefaultRouteTableId());
            var a = req.describeTransitGatewayVpcAttachments(b -> b.transitGatewayAttachmentIds(att))
                    .transitGatewayVpcAttachments().get(0);
            assertEquals(2, a.subnetIds().size());
            assertTrue(a.subnetIds().contains(subnetC));
            assertEquals("enable", a.options().applianceModeSupportAsString());

            var theirs = acc.describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(peering))
                    .transitGatewayPeeringAttachments().get(0);
            assertEquals("pendingAcceptance", theirs.stateAsString());
            assertTrue(theirs.tags().isEmpty());
            acc.acceptTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(peering));
            var mine = req.describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(peering))
                    .transitGatewayPeeringAttachments().get(0);
            assertEquals("available", mine.stateAsString(), "accepted on one side after the restart, seen on the other");
            assertEquals("far", mine.tags().get(0).value());

            assertEquals("available", req.describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(connect))
                    .transitGatewayConnects().get(0).stateAsString());
            var p = req.describeTransitGatewayConnectPeers(b -> b.transitGatewayConnectPeerIds(connectPeer))
                    .transitGatewayConnectPeers().get(0);
            assertEquals("192.0.2.0", p.connectPeerConfiguration().transitGatewayAddress());
            // Tear down, so the next round (compacting) starts over on the same directory.
            req.deleteTransitGatewayConnectPeer(b -> b.transitGatewayConnectPeerId(connectPeer));
            req.deleteTransitGatewayConnect(b -> b.transitGatewayAttachmentId(connect));
            req.deleteTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(peering));
        }
        try (Gureum g = start(false); Ec2Client acc = ec2(g, ACCEPTER, "us-east-1")) {
            assertEquals("deleted", acc.describeTransitGatewayPeeringAttachments(b -> b
                    .transitGatewayAttachmentIds(peering)).transitGatewayPeeringAttachments().get(0).stateAsString());
        }
    }

    @Test
    void multicastDomainSurvivesARestart() {
        String domain;
        String member;
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g, REQUESTER, "ap-northeast-2")) {
            String tgw = ec2.createTransitGateway(b -> b.options(o -> o.multicastSupport("enable"))).transitGateway()
                    .transitGatewayId();
            domain = ec2.createTransitGatewayMulticastDomain(b -> b.transitGatewayId(tgw)
                    .options(o -> o.staticSourcesSupport("enable"))).transitGatewayMulticastDomain()
                    .transitGatewayMulticastDomainId();
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.91.0.0/16")).vpc().vpcId();
            String sn = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.91.1.0/24")).subnet().subnetId();
            String att = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgw).vpcId(vpc).subnetIds(sn))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            String d = domain;
            ec2.associateTransitGatewayMulticastDomain(b -> b.transitGatewayMulticastDomainId(d)
                    .transitGatewayAttachmentId(att).subnetIds(sn));
            member = ec2.createNetworkInterface(b -> b.subnetId(sn)).networkInterface().networkInterfaceId();
            String m = member;
            ec2.registerTransitGatewayMulticastGroupMembers(b -> b.transitGatewayMulticastDomainId(d)
                    .groupIpAddress("239.2.2.2").networkInterfaceIds(m));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g, REQUESTER, "ap-northeast-2")) {
            String d = domain;
            assertEquals("enable", ec2.describeTransitGatewayMulticastDomains(b -> b.transitGatewayMulticastDomainIds(d))
                    .transitGatewayMulticastDomains().get(0).options().staticSourcesSupportAsString());
            var groups = ec2.searchTransitGatewayMulticastGroups(b -> b.transitGatewayMulticastDomainId(d))
                    .multicastGroups();
            assertEquals(1, groups.size());
            assertEquals(member, groups.get(0).networkInterfaceId());
            assertEquals("239.2.2.2", groups.get(0).groupIpAddress());
        }
    }
}
