package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/** AWS::EC2::VPNConnection and AWS::EC2::VPNConnectionRoute through the SPI. */
class VpnConnectionHandlersIT extends HandlerTestSupport {
    /** Moves the core clock while a handler waits for states that settle on it (2 s each), rather than waiting. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.gureum.cloudformation.resource.ClockTicker ticker = new io.gureum.cloudformation.resource.ClockTicker(
            () -> gureum);

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    VpnConnection describe(String id) {
        return ec2().describeVpnConnections(b -> b.vpnConnectionIds(id)).vpnConnections().get(0);
    }

    @Test
    void connectionAndRoute() {
        Deployed cgw = create(new CustomerGatewayHandler(), "Cgw", props("{'Type':'ipsec.1','IpAddress':"
                + "'203.0.113.80','BgpAsn':65080}"));
        Deployed vgw = create(new VpnGatewayHandler(), "Vgw", props("{'Type':'ipsec.1'}"));
        String properties = "{'Type':'ipsec.1','CustomerGatewayId':'" + cgw.id() + "','VpnGatewayId':'" + vgw.id()
                + "','StaticRoutesOnly':true,'LocalIpv4NetworkCidr':'192.168.0.0/16','VpnTunnelOptionsSpecifications':"
                + "[{'TunnelInsideCidr':'169.254.80.0/30','PreSharedKey':'cfn_key_1','IKEVersions':[{'Value':'ikev2'}],"
                + "'Phase1DHGroupNumbers':[{'Value':14}]},{'TunnelInsideCidr':'169.254.80.4/30'}],"
                + "'Tags':[{'Key':'Name','Value':'office'}]}";
        Deployed vpn = create(new VpnConnectionHandler(), "Vpn", props(properties));
        assertTrue(vpn.id().startsWith("vpn-"), vpn.id());
        assertEquals(vpn.id(), vpn.att("VpnConnectionId"));
        VpnConnection c = describe(vpn.id());
        assertEquals("available", c.stateAsString());
        assertEquals(vgw.id(), c.vpnGatewayId());
        assertTrue(c.options().staticRoutesOnly());
        assertEquals("192.168.0.0/16", c.options().localIpv4NetworkCidr());
        assertEquals("169.254.80.0/30", c.options().tunnelOptions().get(0).tunnelInsideCidr());
        assertEquals("cfn_key_1", c.options().tunnelOptions().get(0).preSharedKey());
        assertEquals("ikev2", c.options().tunnelOptions().get(0).ikeVersions().get(0).value());
        assertEquals(14, c.options().tunnelOptions().get(0).phase1DHGroupNumbers().get(0).value());
        assertTrue(c.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("office")));
        assertTrue(replaces(vpn, props(properties.replace("'StaticRoutesOnly':true", "'StaticRoutesOnly':false"))));
        assertFalse(replaces(vpn, props(properties.replace("office", "branch"))));
        Deployed renamed = update(vpn, props(properties.replace("office", "branch")));
        assertTrue(describe(vpn.id()).tags().stream().anyMatch(t -> t.value().equals("branch")));
        assertEquals(cgw.id(), read(renamed).get("CustomerGatewayId").asText());

        Deployed route = create(new VpnConnectionRouteHandler(), "Route", props("{'VpnConnectionId':'" + vpn.id()
                + "','DestinationCidrBlock':'192.168.80.0/24'}"));
        assertEquals(vpn.id() + "|192.168.80.0/24", route.id());
        assertEquals("available", describe(vpn.id()).routes().get(0).stateAsString());
        assertTrue(replaces(route, props("{'VpnConnectionId':'" + vpn.id()
                + "','DestinationCidrBlock':'192.168.81.0/24'}")));
        delete(route);
        assertTrue(describe(vpn.id()).routes().isEmpty());
        delete(route); // already gone: still deleted

        delete(renamed);
        assertEquals("deleted", describe(vpn.id()).stateAsString());
        assertNull(read(renamed));
        delete(renamed);
        delete(vgw);
        delete(cgw);
    }
}
