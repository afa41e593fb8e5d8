package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The course's hybrid connectivity with the real AWS CLI: a customer gateway, a virtual private gateway on a VPC,
 * a static VPN connection with a route propagated into the VPC's route table, the CLI's waiters, and teardown.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class VpnConnectionsCliIT {
    @RegisterExtension
    static final GureumExtension server = GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli aws;

    @BeforeAll
    static void start() {
        gureum = server.gureum();
        aws = new AwsCli(gureum.endpoint(), "123456789012", "ap-northeast-2");
    }

    static JsonNode ec2(String... args) throws Exception {
        return Ec2Cli.ec2(aws, args);
    }

    static void refused(String code, String... args) throws Exception {
        Ec2Cli.refused(aws, code, args);
    }

    @Test
    void siteToSiteVpnScenario() throws Exception {
        String vpc = ec2("create-vpc", "--cidr-block", "10.70.0.0/16").at("/Vpc/VpcId").asText();
        String cgw = ec2("create-customer-gateway", "--type", "ipsec.1", "--public-ip", "203.0.113.70",
                "--bgp-asn", "65070").at("/CustomerGateway/CustomerGatewayId").asText();
        String vgw = ec2("create-vpn-gateway", "--type", "ipsec.1").at("/VpnGateway/VpnGatewayId").asText();
        ec2("attach-vpn-gateway", "--vpn-gateway-id", vgw, "--vpc-id", vpc);
        String rtb = ec2("create-route-table", "--vpc-id", vpc).at("/RouteTable/RouteTableId").asText();
        ec2("enable-vgw-route-propagation", "--gateway-id", vgw, "--route-table-id", rtb);
        refused("InvalidParameterValue", "create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", cgw,
                "--vpn-gateway-id", vgw, "--options", "TunnelOptions=[{TunnelInsideCidr=169.254.0.0/30}]");
        JsonNode created = ec2("create-vpn-connection", "--type", "ipsec.1", "--customer-gateway-id", cgw,
                "--vpn-gateway-id", vgw, "--options",
                "StaticRoutesOnly=true,TunnelOptions=[{TunnelInsideCidr=169.254.70.0/30,PreSharedKey=cli_key_one},"
                        + "{TunnelInsideCidr=169.254.70.4/30}]",
                "--tag-specifications", "ResourceType=vpn-connection,Tags=[{Key=Name,Value=office}]");
        String vpn = created.at("/VpnConnection/VpnConnectionId").asText();
        assertEquals("pending", created.at("/VpnConnection/State").asText());
        assertTrue(created.at("/VpnConnection/CustomerGatewayConfiguration").asText().contains("cli_key_one"));
        gureum.context().clock().advance(Duration.ofSeconds(5));
        ec2("wait", "vpn-connection-available", "--vpn-connection-ids", vpn);
        ec2("create-vpn-connection-route", "--vpn-connection-id", vpn, "--destination-cidr-block", "192.168.70.0/24");
        gureum.context().clock().advance(Duration.ofSeconds(5));
        JsonNode described = ec2("describe-vpn-connections", "--filters", "Name=tag:Name,Values=office");
        assertEquals("available", described.at("/VpnConnections/0/Routes/0/State").asText());
        assertEquals("169.254.70.0/30", described.at("/VpnConnections/0/Options/TunnelOptions/0/TunnelInsideCidr")
                .asText());
        JsonNode routes = ec2("describe-route-tables", "--route-table-ids", rtb).at("/RouteTables/0/Routes");
        boolean propagated = false;
        for (JsonNode r : routes) {
            propagated |= "192.168.70.0/24".equals(r.path("DestinationCidrBlock").asText())
                    && vgw.equals(r.path("GatewayId").asText())
                    && "EnableVgwRoutePropagation".equals(r.path("Origin").asText());
        }
        assertTrue(propagated, routes.toString());
        String outside = described.at("/VpnConnections/0/Options/TunnelOptions/1/OutsideIpAddress").asText();
        assertEquals("cli_key_two", ec2("modify-vpn-tunnel-options", "--vpn-connection-id", vpn,
                "--vpn-tunnel-outside-ip-address", outside, "--tunnel-options", "PreSharedKey=cli_key_two")
                .at("/VpnConnection/Options/TunnelOptions/1/PreSharedKey").asText());
        ec2("delete-vpn-connection-route", "--vpn-connection-id", vpn, "--destination-cidr-block", "192.168.70.0/24");
        ec2("delete-vpn-connection", "--vpn-connection-id", vpn);
        gureum.context().clock().advance(Duration.ofSeconds(5));
        ec2("wait", "vpn-connection-deleted", "--vpn-connection-ids", vpn);
        ec2("detach-vpn-gateway", "--vpn-gateway-id", vgw, "--vpc-id", vpc);
        ec2("delete-vpn-gateway", "--vpn-gateway-id", vgw);
        ec2("delete-customer-gateway", "--customer-gateway-id", cgw);
        ec2("delete-route-table", "--route-table-id", rtb);
        ec2("delete-vpc", "--vpc-id", vpc);
    }
}
