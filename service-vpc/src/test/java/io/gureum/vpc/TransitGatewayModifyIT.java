package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;

/** ModifyTransitGateway and ModifyTransitGatewayVpcAttachment. */
class TransitGatewayModifyIT extends Ec2TestBase {

    static TransitGateway tgw(Ec2Client ec2, String id) {
        return ec2.describeTransitGateways(b -> b.transitGatewayIds(id)).transitGateways().get(0);
    }

    static TransitGatewayVpcAttachment attachment(Ec2Client ec2, String id) {
        return ec2.describeTransitGatewayVpcAttachments(b -> b.transitGatewayAttachmentIds(id))
                .transitGatewayVpcAttachments().get(0);
    }

    @Test
    void createKeepsEveryOptionAndModifyChangesThem() {
        try (Ec2Client ec2 = ec2()) {
            TransitGateway created = ec2.createTransitGateway(b -> b.description("hub").options(o -> o
                    .amazonSideAsn(64600L).dnsSupport("disable").vpnEcmpSupport("disable")
                    .autoAcceptSharedAttachments("enable").securityGroupReferencingSupport("enable")
                    .transitGatewayCidrBlocks("10.99.0.0/24", "2001:db8::/64"))).transitGateway();
            String id = created.transitGatewayId();
            var o = tgw(ec2, id).options();
            assertEquals(64600L, o.amazonSideAsn());
            assertEquals("disable", o.dnsSupportAsString());
            assertEquals("disable", o.vpnEcmpSupportAsString());
            assertEquals("enable", o.autoAcceptSharedAttachmentsAsString());
            assertEquals("enable", o.securityGroupReferencingSupportAsString());
            assertEquals(List.of("10.99.0.0/24", "2001:db8::/64"), o.transitGatewayCidrBlocks());

            TransitGateway modified = ec2.modifyTransitGateway(b -> b.transitGatewayId(id).description("core")
                    .options(m -> m.dnsSupport("enable").amazonSideAsn(4200000001L)
                            .addTransitGatewayCidrBlocks("10.98.0.0/20").removeTransitGatewayCidrBlocks("2001:db8::/64")))
                    .transitGateway();
            assertEquals("modifying", modified.stateAsString());
            TransitGateway now = tgw(ec2, id);
            assertEquals("available", now.stateAsString());
            assertEquals("core", now.description());
            assertEquals("enable", now.options().dnsSupportAsString());
            assertEquals("disable", now.options().vpnEcmpSupportAsString(), "an option not given is kept");
            assertEquals(4200000001L, now.options().amazonSideAsn());
            assertEquals(List.of("10.99.0.0/24", "10.98.0.0/20"), now.options().transitGatewayCidrBlocks());
            assertEquals(1, ec2.describeTransitGateways(b -> b.filters(filter("transit-gateway-id", id),
                    filter("options.dns-support", "enable"))).transitGateways().size());

            fails("InvalidParameterValue", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.addTransitGatewayCidrBlocks("10.97.0.0/25"))));
            fails("InvalidParameterValue", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.addTransitGatewayCidrBlocks("10.99.0.0/23"))));
            fails("InvalidParameterValue", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.addTransitGatewayCidrBlocks("2001:db8:1::/80"))));
            fails("InvalidParameterValue", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.removeTransitGatewayCidrBlocks("10.1.0.0/24"))));
            fails("InvalidParameterValue", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.amazonSideAsn(65535L))));
            fails("InvalidParameterValue", () -> ec2.createTransitGateway(b -> b.options(m -> m.amazonSideAsn(100L))));
            fails("DryRunOperation", 412, () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id).dryRun(true)
                    .description("x")));
            assertEquals("core", tgw(ec2, id).description(), "a dry run changes nothing");
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.modifyTransitGateway(b -> b
                    .transitGatewayId("tgw-00000000000000000").description("x")));
        }
    }

    @Test
    void defaultRouteTablesMoveAndAreMadeWhenEnabled() {
        try (Ec2Client ec2 = ec2()) {
            String id = ec2.createTransitGateway(b -> b.options(o -> o.defaultRouteTableAssociation("disable")
                    .defaultRouteTablePropagation("disable"))).transitGateway().transitGatewayId();
            assertNull(tgw(ec2, id).options().associationDefaultRouteTableId());
            assertTrue(ec2.describeTransitGatewayRouteTables(b -> b.filters(filter("transit-gateway-id", id)))
                    .transitGatewayRouteTables().isEmpty());
            // Enabling default association makes the default route table, as AWS does.
            ec2.modifyTransitGateway(b -> b.transitGatewayId(id).options(m -> m.defaultRouteTableAssociation("enable")));
            var o = tgw(ec2, id).options();
            String made = o.associationDefaultRouteTableId();
            assertTrue(made.startsWith("tgw-rtb-"));
            assertNull(o.propagationDefaultRouteTableId());
            var table = ec2.describeTransitGatewayRouteTables(b -> b.transitGatewayRouteTableIds(made))
                    .transitGatewayRouteTables().get(0);
            assertTrue(table.defaultAssociationRouteTable());
            assertFalse(table.defaultPropagationRouteTable());

            String other = ec2.createTransitGatewayRouteTable(b -> b.transitGatewayId(id)).transitGatewayRouteTable()
                    .transitGatewayRouteTableId();
            ec2.modifyTransitGateway(b -> b.transitGatewayId(id).options(m -> m.defaultRouteTablePropagation("enable")
                    .propagationDefaultRouteTableId(other)));
            assertEquals(other, tgw(ec2, id).options().propagationDefaultRouteTableId());
            assertEquals(made, tgw(ec2, id).options().associationDefaultRouteTableId());

            // A new attachment goes to the association table and propagates to the other.
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.5.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.5.1.0/24")).subnet().subnetId();
            String att = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(id).vpcId(vpc).subnetIds(subnet))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            assertEquals(att, ec2.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(made))
                    .associations().get(0).transitGatewayAttachmentId());
            assertEquals(att, ec2.getTransitGatewayRouteTablePropagations(b -> b.transitGatewayRouteTableId(other))
                    .transitGatewayRouteTablePropagations().get(0).transitGatewayAttachmentId());
            // The default propagation route table cannot be deleted.
            fails("IncorrectState", () -> ec2.deleteTransitGatewayRouteTable(b -> b.transitGatewayRouteTableId(other)));

            String foreign = ec2.createTransitGateway(b -> b.description("other")).transitGateway()
                    .transitGatewayId();
            String foreignTable = tgw(ec2, foreign).options().associationDefaultRouteTableId();
            fails("InvalidParameterValue", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.associationDefaultRouteTableId(foreignTable))));
            fails("InvalidRouteTableID.NotFound", () -> ec2.modifyTransitGateway(b -> b.transitGatewayId(id)
                    .options(m -> m.associationDefaultRouteTableId("tgw-rtb-00000000000000000"))));
        }
    }

    @Test
    void vpcAttachmentSubnetsAndOptionsChange() {
        try (Ec2Client ec2 = ec2()) {
            String tgwId = ec2.createTransitGateway(b -> b.description("hub")).transitGateway().transitGatewayId();
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.6.0.0/16")).vpc().vpcId();
            String a1 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.6.1.0/24").availabilityZone("ap-northeast-2a"))
                    .subnet().subnetId();
            String a2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.6.2.0/24").availabilityZone("ap-northeast-2a"))
                    .subnet().subnetId();
            String c1 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.6.3.0/24").availabilityZone("ap-northeast-2c"))
                    .subnet().subnetId();
            String att = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgwId).vpcId(vpc).subnetIds(a1)
                    .options(o -> o.applianceModeSupport("enable"))).transitGatewayVpcAttachment()
                    .transitGatewayAttachmentId();
            assertEquals("enable", attachment(ec2, att).options().applianceModeSupportAsString());
            assertEquals("enable", attachment(ec2, att).options().securityGroupReferencingSupportAsString());

            var modified = ec2.modifyTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att).addSubnetIds(c1)
                    .options(o -> o.dnsSupport("disable").ipv6Support("enable"))).transitGatewayVpcAttachment();
            assertEquals("modifying", modified.stateAsString());
            var now = attachment(ec2, att);
            assertEquals(List.of(a1, c1), now.subnetIds());
            assertEquals("disable", now.options().dnsSupportAsString());
            assertEquals("enable", now.options().ipv6SupportAsString());
            assertEquals("enable", now.options().applianceModeSupportAsString(), "an option not given is kept");

            // Replacing the subnet of one zone: remove and add in one call.
            ec2.modifyTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att).removeSubnetIds(a1)
                    .addSubnetIds(a2));
            assertEquals(List.of(c1, a2), attachment(ec2, att).subnetIds());

            fails("DuplicateSubnetsInSameZone", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).addSubnetIds(a1)));
            fails("InvalidParameterValue", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).removeSubnetIds(a1)));
            fails("InvalidParameterValue", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).removeSubnetIds(a2, c1)));
            String elsewhere = ec2.createSubnet(b -> b.vpcId(ec2.createVpc(v -> v.cidrBlock("10.7.0.0/16")).vpc().vpcId())
                    .cidrBlock("10.7.1.0/24").availabilityZone("ap-northeast-2b")).subnet().subnetId();
            fails("InvalidParameterValue", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).addSubnetIds(elsewhere)));
            fails("InvalidSubnetID.NotFound", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).addSubnetIds("subnet-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).removeSubnetIds(a2).dryRun(true)));
            assertEquals(List.of(c1, a2), attachment(ec2, att).subnetIds());
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId("tgw-attach-00000000000000000").addSubnetIds(a1)));
            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.modifyTransitGatewayVpcAttachment(b -> b
                    .transitGatewayAttachmentId(att).addSubnetIds(a1)));
        }
    }
}
