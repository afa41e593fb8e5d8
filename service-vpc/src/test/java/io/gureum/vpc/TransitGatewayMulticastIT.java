package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Transit gateway multicast domains, subnet associations and static group members and sources. */
class TransitGatewayMulticastIT extends Ec2TestBase {

    @Test
    void domainAssociationsMembersAndSources() {
        try (Ec2Client ec2 = ec2()) {
            String plain = ec2.createTransitGateway(b -> b.description("no multicast")).transitGateway()
                    .transitGatewayId();
            fails("IncorrectState", () -> ec2.createTransitGatewayMulticastDomain(b -> b.transitGatewayId(plain)));
            String tgw = ec2.createTransitGateway(b -> b.options(o -> o.multicastSupport("enable"))).transitGateway()
                    .transitGatewayId();
            assertEquals("enable", ec2.describeTransitGateways(b -> b.transitGatewayIds(tgw)).transitGateways().get(0)
                    .options().multicastSupportAsString());
            fails("DryRunOperation", 412, () -> ec2.createTransitGatewayMulticastDomain(b -> b.transitGatewayId(tgw)
                    .dryRun(true)));
            var created = ec2.createTransitGatewayMulticastDomain(b -> b.transitGatewayId(tgw)
                    .options(o -> o.igmpv2Support("enable"))).transitGatewayMulticastDomain();
            String domain = created.transitGatewayMulticastDomainId();
            assertTrue(domain.startsWith("tgw-mcast-domain-"), domain);
            assertEquals("pending", created.stateAsString());
            assertTrue(created.transitGatewayMulticastDomainArn().endsWith(":transit-gateway-multicast-domain/" + domain));
            var described = ec2.describeTransitGatewayMulticastDomains(b -> b.transitGatewayMulticastDomainIds(domain))
                    .transitGatewayMulticastDomains().get(0);
            assertEquals("available", described.stateAsString());
            assertEquals("enable", described.options().igmpv2SupportAsString());
            assertEquals("disable", described.options().staticSourcesSupportAsString());
            assertEquals(1, ec2.describeTransitGatewayMulticastDomains(b -> b.filters(filter("transit-gateway-id", tgw)))
                    .transitGatewayMulticastDomains().size());

            String vpc = ec2.createVpc(b -> b.cidrBlock("10.90.0.0/16")).vpc().vpcId();
            String sn = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.90.1.0/24")).subnet().subnetId();
            String other = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.90.2.0/24")).subnet().subnetId();
            String att = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgw).vpcId(vpc).subnetIds(sn))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            fails("InvalidParameterValue", () -> ec2.associateTransitGatewayMulticastDomain(b -> b
                    .transitGatewayMulticastDomainId(domain).transitGatewayAttachmentId(att).subnetIds(other)));
            var assoc = ec2.associateTransitGatewayMulticastDomain(b -> b.transitGatewayMulticastDomainId(domain)
                    .transitGatewayAttachmentId(att).subnetIds(sn)).associations();
            assertEquals("associating", assoc.subnets().get(0).stateAsString());
            assertEquals(vpc, assoc.resourceId());
            var listed = ec2.getTransitGatewayMulticastDomainAssociations(b -> b.transitGatewayMulticastDomainId(domain))
                    .multicastDomainAssociations();
            assertEquals(1, listed.size());
            assertEquals("associated", listed.get(0).subnet().stateAsString());
            // A subnet belongs to one domain at most.
            String domain2 = ec2.createTransitGatewayMulticastDomain(b -> b.transitGatewayId(tgw))
                    .transitGatewayMulticastDomain().transitGatewayMulticastDomainId();
            fails("InvalidParameterValue", () -> ec2.associateTransitGatewayMulticastDomain(b -> b
                    .transitGatewayMulticastDomainId(domain2).transitGatewayAttachmentId(att).subnetIds(sn)));

            String sg = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpc))).securityGroups().get(0)
                    .groupId();
            String member = ec2.createNetworkInterface(b -> b.subnetId(sn).groups(sg)).networkInterface()
                    .networkInterfaceId();
            String source = ec2.createNetworkInterface(b -> b.subnetId(sn).groups(sg)).networkInterface()
                    .networkInterfaceId();
            String outside = ec2.createNetworkInterface(b -> b.subnetId(other).groups(sg)).networkInterface()
                    .networkInterfaceId();
            assertEquals(List.of(member), ec2.registerTransitGatewayMulticastGroupMembers(b -> b
                    .transitGatewayMulticastDomainId(domain).groupIpAddress("239.1.1.1").networkInterfaceIds(member))
                    .registeredMulticastGroupMembers().registeredNetworkInterfaceIds());
            ec2.registerTransitGatewayMulticastGroupSources(b -> b.transitGatewayMulticastDomainId(domain)
                    .groupIpAddress("239.1.1.1").networkInterfaceIds(source));
            fails("InvalidParameterValue", () -> ec2.registerTransitGatewayMulticastGroupMembers(b -> b
                    .transitGatewayMulticastDomainId(domain).groupIpAddress("10.0.0.1").networkInterfaceIds(member)));
            fails("InvalidParameterValue", () -> ec2.registerTransitGatewayMulticastGroupMembers(b -> b
                    .transitGatewayMulticastDomainId(domain).groupIpAddress("239.1.1.1").networkInterfaceIds(outside)));
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.registerTransitGatewayMulticastGroupMembers(b -> b
                    .transitGatewayMulticastDomainId(domain).groupIpAddress("239.1.1.1")
                    .networkInterfaceIds("eni-00000000000000000")));

            var groups = ec2.searchTransitGatewayMulticastGroups(b -> b.transitGatewayMulticastDomainId(domain))
                    .multicastGroups();
            assertEquals(2, groups.size());
            var m = groups.stream().filter(g -> Boolean.TRUE.equals(g.groupMember())).findFirst().orElseThrow();
            assertEquals(member, m.networkInterfaceId());
            assertEquals("static", m.memberTypeAsString());
            assertEquals(sn, m.subnetId());
            assertEquals(att, m.transitGatewayAttachmentId());
            assertEquals(List.of(source), ec2.searchTransitGatewayMulticastGroups(b -> b
                    .transitGatewayMulticastDomainId(domain).filters(filter("is-group-source", "true"))).multicastGroups()
                    .stream().map(g -> g.networkInterfaceId()).toList());

            assertEquals(List.of(member), ec2.deregisterTransitGatewayMulticastGroupMembers(b -> b
                    .transitGatewayMulticastDomainId(domain).groupIpAddress("239.1.1.1").networkInterfaceIds(member))
                    .deregisteredMulticastGroupMembers().deregisteredNetworkInterfaceIds());
            fails("IncorrectState", () -> ec2.deleteTransitGatewayMulticastDomain(b -> b
                    .transitGatewayMulticastDomainId(domain)));
            fails("IncorrectState", () -> ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att)));
            // Disassociating the subnet drops its registrations.
            assertEquals("disassociating", ec2.disassociateTransitGatewayMulticastDomain(b -> b
                    .transitGatewayMulticastDomainId(domain).transitGatewayAttachmentId(att).subnetIds(sn)).associations()
                    .subnets().get(0).stateAsString());
            assertTrue(ec2.searchTransitGatewayMulticastGroups(b -> b.transitGatewayMulticastDomainId(domain))
                    .multicastGroups().isEmpty());
            fails("InvalidAssociation.NotFound", () -> ec2.disassociateTransitGatewayMulticastDomain(b -> b
                    .transitGatewayMulticastDomainId(domain).transitGatewayAttachmentId(att).subnetIds(sn)));
            fails("IncorrectState", () -> ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw)));
            assertEquals("deleting", ec2.deleteTransitGatewayMulticastDomain(b -> b.transitGatewayMulticastDomainId(domain))
                    .transitGatewayMulticastDomain().stateAsString());
            ec2.deleteTransitGatewayMulticastDomain(b -> b.transitGatewayMulticastDomainId(domain2));
            fails("InvalidTransitGatewayMulticastDomainId.NotFound", () -> ec2.deleteTransitGatewayMulticastDomain(b -> b
                    .transitGatewayMulticastDomainId(domain)));
            assertEquals("deleted", ec2.describeTransitGatewayMulticastDomains(b -> b
                    .transitGatewayMulticastDomainIds(domain)).transitGatewayMulticastDomains().get(0).stateAsString());
            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att));
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw));
        }
    }
}
