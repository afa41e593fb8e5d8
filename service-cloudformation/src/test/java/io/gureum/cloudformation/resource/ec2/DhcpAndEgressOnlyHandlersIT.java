package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;

/** AWS::EC2::DHCPOptions, VPCDHCPOptionsAssociation and EgressOnlyInternetGateway through the SPI, checked through EC2. */
class DhcpAndEgressOnlyHandlersIT extends HandlerTestSupport {

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    String vpcOptions(String vpc) {
        return ec2().describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId();
    }

    @Test
    void dhcpOptionsAndTheirAssociation() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        String original = vpcOptions(vpc.id());
        Deployed set = create(new DhcpOptionsHandler(), "Dhcp", props("{'DomainName':'corp.example',"
                + "'DomainNameServers':['10.0.0.2','10.0.0.3'],'NetbiosNodeType':2,"
                + "'Tags':[{'Key':'Name','Value':'corp'}]}"));
        assertTrue(set.id().startsWith("dopt-"));
        assertEquals(set.id(), set.att("DhcpOptionsId"));
        DhcpOptions d = ec2().describeDhcpOptions(b -> b.dhcpOptionsIds(set.id())).dhcpOptions().get(0);
        Map<String, List<String>> options = d.dhcpConfigurations().stream().collect(Collectors.toMap(c -> c.key(),
                c -> c.values().stream().map(v -> v.value()).toList()));
        assertEquals(List.of("corp.example"), options.get("domain-name"));
        assertEquals(List.of("10.0.0.2", "10.0.0.3"), options.get("domain-name-servers"));
        assertEquals(List.of("2"), options.get("netbios-node-type"));
        assertTrue(d.tags().stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("corp")));
        assertTrue(replaces(set, props("{'DomainName':'other.example'}")));
        assertFalse(replaces(set, props("{'DomainName':'corp.example','DomainNameServers':['10.0.0.2','10.0.0.3'],"
                + "'NetbiosNodeType':2,'Tags':[{'Key':'Name','Value':'renamed'}]}")));

        Deployed assoc = create(new VpcDhcpOptionsAssociationHandler(), "Assoc",
                props("{'DhcpOptionsId':'" + set.id() + "','VpcId':'" + vpc.id() + "'}"));
        assertEquals(set.id() + "|" + vpc.id(), assoc.id());
        assertEquals(set.id(), vpcOptions(vpc.id()));
        // A replacement association made first is not undone by deleting the old one.
        Deployed back = create(new VpcDhcpOptionsAssociationHandler(), "Assoc2",
                props("{'DhcpOptionsId':'" + original + "','VpcId':'" + vpc.id() + "'}"));
        delete(assoc);
        assertEquals(original, vpcOptions(vpc.id()));
        delete(back);
        assertEquals("default", vpcOptions(vpc.id()));

        delete(set);
        assertTrue(ec2().describeDhcpOptions(b -> b.filters(Ec2Support.filter("dhcp-options-id", set.id())))
                .dhcpOptions().isEmpty());
        delete(set); // already gone: still deleted
    }

    @Test
    void egressOnlyInternetGateway() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed eigw = create(new EgressOnlyInternetGatewayHandler(), "Eigw", props("{'VpcId':'" + vpc.id() + "'}"));
        assertTrue(eigw.id().startsWith("eigw-"));
        assertEquals(eigw.id(), eigw.att("Id"));
        assertEquals(vpc.id(), ec2().describeEgressOnlyInternetGateways(b -> b.egressOnlyInternetGatewayIds(eigw.id()))
                .egressOnlyInternetGateways().get(0).attachments().get(0).vpcId());
        assertTrue(replaces(eigw, props("{'VpcId':'vpc-0123456789abcdef0'}")));
        delete(eigw);
        assertTrue(ec2().describeEgressOnlyInternetGateways().egressOnlyInternetGateways().stream()
                .noneMatch(g -> g.egressOnlyInternetGatewayId().equals(eigw.id())));
        delete(eigw);
        delete(vpc);
    }
}
