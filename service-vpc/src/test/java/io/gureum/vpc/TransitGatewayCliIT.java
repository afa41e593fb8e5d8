package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A two-Region transit gateway network with the real AWS CLI: a hub in ap-northeast-2 with a CIDR block
 * added by modify-transit-gateway, a VPC attachment given a second subnet by
 * modify-transit-gateway-vpc-attachment, a peering attachment to a gateway of another account in us-east-1
 * accepted there, a static route over it, a Connect attachment and peer; torn down in order.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class TransitGatewayCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB_ACCOUNT = "123456789012";
    private static final String FAR_ACCOUNT = "210987654321";
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();

    private static JsonNode run(AwsCli aws, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("ec2"));
        all.addAll(List.of(args));
        AwsCli.Result r = aws.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    private static void refused(AwsCli aws, String code, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("ec2"));
        all.addAll(List.of(args));
        AwsCli.Result r = aws.run(all.toArray(String[]::new));
        assertNotEquals(0, r.exitCode(), String.join(" ", args) + " should have failed: " + r.stdout());
        assertTrue(r.stderr().contains("(" + code + ")"), String.join(" ", args) + ": " + r.stderr());
    }

    @Test
    void hubPeeringAndConnectWithTheCli() throws Exception {
        AwsCli hub = new AwsCli(server.gureum().endpoint(), HUB_ACCOUNT, "ap-northeast-2");
        AwsCli far = new AwsCli(server.gureum().endpoint(), FAR_ACCOUNT, "us-east-1");
        String tgw = run(hub, "create-transit-gateway", "--description", "hub").at("/TransitGateway/TransitGatewayId")
                .asText();
        JsonNode modified = run(hub, "modify-transit-gateway", "--transit-gateway-id", tgw, "--options",
                "AddTransitGatewayCidrBlocks=192.0.2.0/24,DnsSupport=disable");
        assertEquals("modifying", modified.at("/TransitGateway/State").asText());
        JsonNode described = run(hub, "describe-transit-gateways", "--transit-gateway-ids", tgw);
        assertEquals("192.0.2.0/24", described.at("/TransitGateways/0/Options/TransitGatewayCidrBlocks/0").asText());
        assertEquals("disable", described.at("/TransitGateways/0/Options/DnsSupport").asText());

        String vpc = run(hub, "create-vpc", "--cidr-block", "10.70.0.0/16").at("/Vpc/VpcId").asText();
        String subA = run(hub, "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.70.1.0/24", "--availability-zone",
                "ap-northeast-2a").at("/Subnet/SubnetId").asText();
        String subC = run(hub, "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.70.2.0/24", "--availability-zone",
                "ap-northeast-2c").at("/Subnet/SubnetId").asText();
        String att = run(hub, "create-transit-gateway-vpc-attachment", "--transit-gateway-id", tgw, "--vpc-id", vpc,
                "--subnet-ids", subA).at("/TransitGatewayVpcAttachment/TransitGatewayAttachmentId").asText();
        run(hub, "modify-transit-gateway-vpc-attachment", "--transit-gateway-attachment-id", att, "--add-subnet-ids",
                subC);
        assertEquals(2, run(hub, "describe-transit-gateway-vpc-attachments", "--transit-gateway-attachment-ids", att)
                .at("/TransitGatewayVpcAttachments/0/SubnetIds").size());

        String farTgw = run(far, "create-transit-gateway", "--description", "far").at("/TransitGateway/TransitGatewayId")
                .asText();
        String peering = run(hub, "create-transit-gateway-peering-attachment", "--transit-gateway-id", tgw,
                "--peer-transit-gateway-id", farTgw, "--peer-account-id", FAR_ACCOUNT, "--peer-region", "us-east-1")
                .at("/TransitGatewayPeeringAttachment/TransitGatewayAttachmentId").asText();
        assertEquals("pendingAcceptance", run(far, "describe-transit-gateway-peering-attachments",
                "--transit-gateway-attachment-ids", peering).at("/TransitGatewayPeeringAttachments/0/State").asText());
        refused(hub, "OperationNotPermitted", "accept-transit-gateway-peering-attachment",
                "--transit-gateway-attachment-id", peering);
        run(far, "accept-transit-gateway-peering-attachment", "--transit-gateway-attachment-id", peering);
        String rtb = described.at("/TransitGateways/0/Options/AssociationDefaultRouteTableId").asText();
        run(hub, "create-transit-gateway-route", "--transit-gateway-route-table-id", rtb, "--destination-cidr-block",
                "10.80.0.0/16", "--transit-gateway-attachment-id", peering);
        JsonNode routes = run(hub, "search-transit-gateway-routes", "--transit-gateway-route-table-id", rtb, "--filters",
                "Name=type,Values=static");
        assertEquals("peering", routes.at("/Routes/0/TransitGatewayAttachments/0/ResourceType").asText());

        String connect = run(hub, "create-transit-gateway-connect", "--transport-transit-gateway-attachment-id", att,
                "--options", "Protocol=gre").at("/TransitGatewayConnect/TransitGatewayAttachmentId").asText();
        JsonNode peer = run(hub, "create-transit-gateway-connect-peer", "--transit-gateway-attachment-id", connect,
                "--peer-address", "10.70.1.10", "--inside-cidr-blocks", "169.254.10.0/29", "--bgp-options",
                "PeerAsn=65000");
        String peerId = peer.at("/TransitGatewayConnectPeer/TransitGatewayConnectPeerId").asText();
        assertEquals("192.0.2.0", peer.at("/TransitGatewayConnectPeer/ConnectPeerConfiguration/TransitGatewayAddress")
                .asText());

        refused(hub, "IncorrectState", "delete-transit-gateway-connect", "--transit-gateway-attachment-id", connect);
        run(hub, "delete-transit-gateway-connect-peer", "--transit-gateway-connect-peer-id", peerId);
        run(hub, "delete-transit-gateway-connect", "--transit-gateway-attachment-id", connect);
        run(far, "delete-transit-gateway-peering-attachment", "--transit-gateway-attachment-id", peering);
        run(hub, "delete-transit-gateway-vpc-attachment", "--transit-gateway-attachment-id", att);
        run(hub, "delete-transit-gateway", "--transit-gateway-id", tgw);
        run(far, "delete-transit-gateway", "--transit-gateway-id", farTgw);
        assertEquals("deleted", run(hub, "describe-transit-gateway-peering-attachments",
                "--transit-gateway-attachment-ids", peering).at("/TransitGatewayPeeringAttachments/0/State").asText());
    }
}
