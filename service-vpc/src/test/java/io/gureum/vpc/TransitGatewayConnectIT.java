package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeer;

/** Transit gateway Connect attachments over a VPC attachment, and their Connect peers. */
class TransitGatewayConnectIT extends Ec2TestBase {

    record Hub(String tgw, String transport) {
    }

    static Hub hub(Ec2Client ec2, String... tgwCidrs) {
        String tgw = ec2.createTransitGateway(b -> b.description("sd-wan").options(o -> o.amazonSideAsn(64512L)
                .transitGatewayCidrBlocks(tgwCidrs))).transitGateway().transitGatewayId();
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.30.1.0/24")).subnet().subnetId();
        String transport = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgw).vpcId(vpc)
                .subnetIds(subnet)).transitGatewayVpcAttachment().transitGatewayAttachmentId();
        return new Hub(tgw, transport);
    }

    static TransitGatewayConnectPeer peer(Ec2Client ec2, String id) {
        return ec2.describeTransitGatewayConnectPeers(b -> b.transitGatewayConnectPeerIds(id))
                .transitGatewayConnectPeers().get(0);
    }

    @Test
    void connectAttachmentAndPeers() {
        try (Ec2Client ec2 = ec2()) {
            Hub h = hub(ec2, "192.0.2.0/24");
            fails("DryRunOperation", 412, () -> ec2.createTransitGatewayConnect(b -> b
                    .transportTransitGatewayAttachmentId(h.transport()).options(o -> o.protocol("gre")).dryRun(true)));
            var connect = ec2.createTransitGatewayConnect(b -> b.transportTransitGatewayAttachmentId(h.transport())
                    .options(o -> o.protocol("gre"))).transitGatewayConnect();
            String id = connect.transitGatewayAttachmentId();
            assertEquals("pending", connect.stateAsString());
            assertEquals(h.tgw(), connect.transitGatewayId());
            var described = ec2.describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(id))
                    .transitGatewayConnects().get(0);
            assertEquals("available", described.stateAsString());
            assertEquals(h.transport(), described.transportTransitGatewayAttachmentId());
            assertEquals("gre", described.options().protocolAsString());
            assertEquals(1, ec2.describeTransitGatewayConnects(b -> b.filters(filter("transport-transit-gateway-attachment-id",
                    h.transport()))).transitGatewayConnects().size());
            var asAttachment = ec2.describeTransitGatewayAttachments(b -> b.transitGatewayAttachmentIds(id))
                    .transitGatewayAttachments().get(0);
            assertEquals("connect", asAttachment.resourceTypeAsString());
            assertEquals(h.transport(), asAttachment.resourceId());
            assertEquals("associated", asAttachment.association().stateAsString(), "default association applies");
            assertTrue(ec2.describeTransitGatewayVpcAttachments(b -> b.filters(filter("transit-gateway-id", h.tgw())))
                    .transitGatewayVpcAttachments().stream().noneMatch(a -> a.transitGatewayAttachmentId().equals(id)));

            // A peer: the gateway's GRE address comes from its CIDR block; BGP inside addresses from the /29.
            var created = ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id).peerAddress("10.30.1.10")
                    .insideCidrBlocks("169.254.10.0/29").bgpOptions(o -> o.peerAsn(65000L))).transitGatewayConnectPeer();
            String peerId = created.transitGatewayConnectPeerId();
            assertTrue(peerId.startsWith("tgw-connect-peer-"), peerId);
            assertEquals("pending", created.stateAsString());
            var p = peer(ec2, peerId);
            assertEquals("available", p.stateAsString());
            var cfg = p.connectPeerConfiguration();
            assertEquals("192.0.2.0", cfg.transitGatewayAddress());
            assertEquals("10.30.1.10", cfg.peerAddress());
            assertEquals("gre", cfg.protocolAsString());
            assertEquals(List.of("169.254.10.2", "169.254.10.3"), cfg.bgpConfigurations().stream()
                    .map(c -> c.transitGatewayAddress()).toList());
            assertEquals("169.254.10.1", cfg.bgpConfigurations().get(0).peerAddress());
            assertEquals(65000L, cfg.bgpConfigurations().get(0).peerAsn());
            assertEquals(64512L, cfg.bgpConfigurations().get(0).transitGatewayAsn());
            assertEquals("down", cfg.bgpConfigurations().get(0).bgpStatusAsString(), "no appliance speaks BGP here");

            // A second peer takes the next free address; the rules of inside blocks.
            String second = ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id).peerAddress("10.30.1.11")
                    .insideCidrBlocks("169.254.11.0/29")).transitGatewayConnectPeer().transitGatewayConnectPeerId();
            assertEquals("192.0.2.1", peer(ec2, second).connectPeerConfiguration().transitGatewayAddress());
            assertEquals(64512L, peer(ec2, second).connectPeerConfiguration().bgpConfigurations().get(0).peerAsn());
            for (String bad : List.of("169.254.10.0/29", "169.254.0.0/29", "169.254.20.0/28", "10.0.0.0/29")) {
                fails("InvalidParameterValue", () -> ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id)
                        .peerAddress("10.30.1.12").insideCidrBlocks(bad)));
            }
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id)
                    .peerAddress("10.30.1.12").transitGatewayAddress("198.51.100.1").insideCidrBlocks("169.254.12.0/29")));
            fails("IncorrectState", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(h.tgw())
                    .options(o -> o.removeTransitGatewayCidrBlocks("192.0.2.0/24"))));
            fails("IncorrectState", () -> ec2.deleteTransitGatewayConnect(b -> b.transitGatewayAttachmentId(id)));
            fails("IncorrectState", () -> ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(h.transport())));
            assertEquals(1, ec2.describeTransitGatewayConnectPeers(b -> b.filters(filter("transit-gateway-connect-peer-id",
                    second))).transitGatewayConnectPeers().size());

            fails("DryRunOperation", 412, () -> ec2.deleteTransitGatewayConnectPeer(b -> b
                    .transitGatewayConnectPeerId(peerId).dryRun(true)));
            assertEquals("deleting", ec2.deleteTransitGatewayConnectPeer(b -> b.transitGatewayConnectPeerId(peerId))
                    .transitGatewayConnectPeer().stateAsString());
            assertEquals("deleted", peer(ec2, peerId).stateAsString());
            fails("InvalidTransitGatewayConnectPeerID.NotFound", () -> ec2.deleteTransitGatewayConnectPeer(b -> b
                    .transitGatewayConnectPeerId(peerId)));
            ec2.deleteTransitGatewayConnectPeer(b -> b.transitGatewayConnectPeerId(second));
            assertEquals("deleting", ec2.deleteTransitGatewayConnect(b -> b.transitGatewayAttachmentId(id))
                    .transitGatewayConnect().stateAsString());
            assertEquals("deleted", ec2.describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(id))
                    .transitGatewayConnects().get(0).stateAsString());
            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(h.transport()));
        }
    }

    @Test
    void refusals() {
        try (Ec2Client ec2 = ec2()) {
            Hub h = hub(ec2);
            fails("MissingParameter", () -> ec2.createTransitGatewayConnect(b -> b
                    .transportTransitGatewayAttachmentId(h.transport())));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.createTransitGatewayConnect(b -> b
                    .transportTransitGatewayAttachmentId("tgw-attach-00000000000000000").options(o -> o.protocol("gre"))));
            String id = ec2.createTransitGatewayConnect(b -> b.transportTransitGatewayAttachmentId(h.transport())
                    .options(o -> o.protocol("gre"))).transitGatewayConnect().transitGatewayAttachmentId();
            // A Connect attachment is no transport.
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayConnect(b -> b
                    .transportTransitGatewayAttachmentId(id).options(o -> o.protocol("gre"))));
            // Without a transit gateway CIDR block there is no GRE address to give the peer.
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id)
                    .peerAddress("10.30.1.10").insideCidrBlocks("169.254.10.0/29")));
            ec2.modifyTransitGateway(b -> b.transitGatewayId(h.tgw()).options(o -> o.addTransitGatewayCidrBlocks("192.0.2.0/24")));
            for (int i = 0; i < TransitGatewayConnects.MAX_PEERS; i++) {
                int n = i;
                ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id).peerAddress("10.30.1." + (10 + n))
                        .insideCidrBlocks("169.254." + (10 + n) + ".0/29"));
            }
            fails("IncorrectState", () -> ec2.createTransitGatewayConnectPeer(b -> b.transitGatewayAttachmentId(id)
                    .peerAddress("10.30.1.20").insideCidrBlocks("169.254.20.0/29")));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.createTransitGatewayConnectPeer(b -> b
                    .transitGatewayAttachmentId(h.transport()).peerAddress("10.30.1.20").insideCidrBlocks("169.254.20.0/29")));
            fails("InvalidTransitGatewayConnectPeerID.NotFound", () -> ec2.describeTransitGatewayConnectPeers(b -> b
                    .transitGatewayConnectPeerIds("tgw-connect-peer-00000000000000000")));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.deleteTransitGatewayConnect(b -> b
                    .transitGatewayAttachmentId(h.transport())));
        }
    }
}
