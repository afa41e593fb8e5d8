package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;

/** Transit gateway peering attachments: across accounts and Regions, and within one. */
class TransitGatewayPeeringIT extends Ec2TestBase {

    static TransitGatewayPeeringAttachment peering(Ec2Client ec2, String id) {
        return ec2.describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(id))
                .transitGatewayPeeringAttachments().get(0);
    }

    @Test
    void acrossAccountsAndRegionsTheAccepterAcceptsAndRoutesAreStatic() {
        String requesterAccount = newAccount();
        String accepterAccount = newAccount();
        try (Ec2Client req = ec2(requesterAccount, "ap-northeast-2"); Ec2Client acc = ec2(accepterAccount, "us-east-1")) {
            String tgwA = req.createTransitGateway(b -> b.description("seoul")).transitGateway().transitGatewayId();
            String tgwB = acc.createTransitGateway(b -> b.description("virginia")).transitGateway().transitGatewayId();
            fails("DryRunOperation", 412, () -> req.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA)
                    .peerTransitGatewayId(tgwB).peerAccountId(accepterAccount).peerRegion("us-east-1").dryRun(true)));
            var created = req.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA)
                    .peerTransitGatewayId(tgwB).peerAccountId(accepterAccount).peerRegion("us-east-1")
                    .tagSpecifications(TagSpecification.builder().resourceType("transit-gateway-attachment")
                            .tags(t -> t.key("Name").value("to-virginia")).build()))
                    .transitGatewayPeeringAttachment();
            String id = created.transitGatewayAttachmentId();
            assertTrue(id.matches("tgw-attach-[0-9a-f]{17}"));
            assertEquals("initiatingRequest", created.stateAsString());
            assertEquals(tgwA, created.requesterTgwInfo().transitGatewayId());
            assertEquals("us-east-1", created.accepterTgwInfo().region());

            var mine = peering(req, id);
            var theirs = peering(acc, id);
            assertEquals("pendingAcceptance", mine.stateAsString());
            assertEquals("pendingAcceptance", theirs.stateAsString());
            assertEquals(requesterAccount, theirs.requesterTgwInfo().ownerId());
            assertEquals(tgwB, theirs.accepterTgwInfo().transitGatewayId());
            assertEquals("to-virginia", mine.tags().get(0).value());
            assertTrue(theirs.tags().isEmpty(), "each side tags its own copy");
            // Each side sees it as an attachment of its own gateway, whose resource is the other gateway.
            var asAttachment = acc.describeTransitGatewayAttachments(b -> b.transitGatewayAttachmentIds(id))
                    .transitGatewayAttachments().get(0);
            assertEquals("peering", asAttachment.resourceTypeAsString());
            assertEquals(tgwB, asAttachment.transitGatewayId());
            assertEquals(tgwA, asAttachment.resourceId());
            assertEquals(requesterAccount, asAttachment.resourceOwnerId());
            assertEquals(1, req.describeTransitGatewayPeeringAttachments(b -> b.filters(filter("state",
                    "pendingAcceptance"), filter("remote-owner-id", accepterAccount))).transitGatewayPeeringAttachments()
                    .size());

            // Only the accepter accepts; a pending peering carries no static route.
            fails("OperationNotPermitted", () -> req.acceptTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayAttachmentId(id)));
            String rtbA = req.describeTransitGateways(b -> b.transitGatewayIds(tgwA)).transitGateways().get(0).options()
                    .associationDefaultRouteTableId();
            fails("IncorrectState", () -> req.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(rtbA)
                    .destinationCidrBlock("10.20.0.0/16").transitGatewayAttachmentId(id)));
            fails("DryRunOperation", 412, () -> acc.acceptTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayAttachmentId(id).dryRun(true)));
            assertEquals("pending", acc.acceptTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id))
                    .transitGatewayPeeringAttachment().stateAsString());
            assertEquals("available", peering(req, id).stateAsString());
            assertEquals("available", peering(acc, id).stateAsString());
            fails("IncorrectState", () -> acc.acceptTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id)));

            // Associated with each side's default association route table; no propagation.
            assertEquals(List.of(id), req.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(rtbA))
                    .associations().stream().map(a -> a.transitGatewayAttachmentId()).toList());
            assertEquals("peering", req.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(rtbA))
                    .associations().get(0).resourceTypeAsString());
            fails("InvalidParameterValue", () -> req.enableTransitGatewayRouteTablePropagation(b -> b
                    .transitGatewayRouteTableId(rtbA).transitGatewayAttachmentId(id)));
            var route = req.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(rtbA)
                    .destinationCidrBlock("10.20.0.0/16").transitGatewayAttachmentId(id)).route();
            assertEquals("active", route.stateAsString());
            assertEquals("peering", route.transitGatewayAttachments().get(0).resourceTypeAsString());
            assertEquals(tgwB, route.transitGatewayAttachments().get(0).resourceId());
            assertEquals(1, req.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(rtbA)
                    .filters(filter("type", "static"))).routes().size());

            fails("IncorrectState", () -> acc.deleteTransitGateway(b -> b.transitGatewayId(tgwB)));
            // Either side deletes it; the other side's static routes over it go with it.
            assertEquals("deleting", acc.deleteTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id))
                    .transitGatewayPeeringAttachment().stateAsString());
            assertEquals("deleted", peering(req, id).stateAsString());
            assertEquals("deleted", peering(acc, id).stateAsString());
            assertTrue(req.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(rtbA)
                    .filters(filter("type", "static"))).routes().isEmpty());
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> req.deleteTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayAttachmentId(id)));
            acc.deleteTransitGateway(b -> b.transitGatewayId(tgwB));
        }
    }

    @Test
    void rejectedFailedAndInvalidRequests() {
        String other = newAccount();
        try (Ec2Client ec2 = ec2(); Ec2Client peer = ec2(other, "ap-northeast-2")) {
            String tgwA = ec2.createTransitGateway(b -> b.description("a")).transitGateway().transitGatewayId();
            String tgwB = peer.createTransitGateway(b -> b.description("b")).transitGateway().transitGatewayId();
            String id = ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA).peerTransitGatewayId(tgwB)
                    .peerAccountId(other).peerRegion("ap-northeast-2")).transitGatewayPeeringAttachment()
                    .transitGatewayAttachmentId();
            fails("DuplicateTransitGatewayAttachment", () -> ec2.createTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayId(tgwA).peerTransitGatewayId(tgwB).peerAccountId(other).peerRegion("ap-northeast-2")));
            fails("OperationNotPermitted", () -> ec2.rejectTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayAttachmentId(id)));
            assertEquals("rejecting", peer.rejectTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id))
                    .transitGatewayPeeringAttachment().stateAsString());
            assertEquals("rejected", peering(ec2, id).stateAsString());
            fails("IncorrectState", () -> peer.acceptTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id)));
            ec2.deleteTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id));

            // A peer gateway that is not where the request says: failed, on the requester's side only.
            var failed = ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA)
                    .peerTransitGatewayId("tgw-00000000000000000").peerAccountId(other).peerRegion("us-west-2"))
                    .transitGatewayPeeringAttachment().transitGatewayAttachmentId();
            assertEquals("failed", peering(ec2, failed).stateAsString());
            assertTrue(peering(ec2, failed).status().message().contains("tgw-00000000000000000"));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2(other, "us-west-2")
                    .describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(failed)));

            fails("InvalidParameterValue", () -> ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA)
                    .peerTransitGatewayId(tgwA).peerAccountId(other).peerRegion("ap-northeast-2")));
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA)
                    .peerTransitGatewayId(tgwB).peerAccountId(other).peerRegion("mars-north-1")));
            fails("MissingParameter", () -> ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA)
                    .peerTransitGatewayId(tgwB).peerRegion("ap-northeast-2")));
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.createTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayId("tgw-00000000000000000").peerTransitGatewayId(tgwB).peerAccountId(other)
                    .peerRegion("ap-northeast-2")));
            // A VPC attachment is not a peering attachment.
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.8.0.0/16")).vpc().vpcId();
            String sn = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.8.1.0/24")).subnet().subnetId();
            String vpcAtt = ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgwA).vpcId(vpc).subnetIds(sn))
                    .transitGatewayVpcAttachment().transitGatewayAttachmentId();
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.acceptTransitGatewayPeeringAttachment(b -> b
                    .transitGatewayAttachmentId(vpcAtt)));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.describeTransitGatewayPeeringAttachments(b -> b
                    .transitGatewayAttachmentIds(vpcAtt)));
        }
    }

    @Test
    void twoGatewaysOfOneAccountAndRegion() {
        try (Ec2Client ec2 = ec2()) {
            String tgwA = ec2.createTransitGateway(b -> b.description("a")).transitGateway().transitGatewayId();
            String tgwB = ec2.createTransitGateway(b -> b.description("b")).transitGateway().transitGatewayId();
            String account = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgwA)).transitGateways().get(0).ownerId();
            String id = ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA).peerTransitGatewayId(tgwB)
                    .peerAccountId(account).peerRegion("ap-northeast-2")).transitGatewayPeeringAttachment()
                    .transitGatewayAttachmentId();
            // AWS requires acceptance even within one account.
            assertEquals("pendingAcceptance", peering(ec2, id).stateAsString());
            ec2.acceptTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id));
            assertEquals("available", peering(ec2, id).stateAsString());
            String rtbB = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgwB)).transitGateways().get(0).options()
                    .associationDefaultRouteTableId();
            assertEquals(id, ec2.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(rtbB))
                    .associations().get(0).transitGatewayAttachmentId(), "associated on the accepter's gateway too");
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(rtbB).destinationCidrBlock("10.1.0.0/16")
                    .transitGatewayAttachmentId(id));
            ec2.deleteTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id));
            assertEquals("deleted", peering(ec2, id).stateAsString());
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgwB));
        }
    }

    @Test
    void reachabilityStopsAtAPeeringAttachment() {
        try (Ec2Client ec2 = ec2()) {
            String tgwA = ec2.createTransitGateway(b -> b.description("a")).transitGateway().transitGatewayId();
            String tgwB = ec2.createTransitGateway(b -> b.description("b")).transitGateway().transitGatewayId();
            String account = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgwA)).transitGateways().get(0).ownerId();
            String vpcA = ec2.createVpc(b -> b.cidrBlock("10.60.0.0/16")).vpc().vpcId();
            String vpcB = ec2.createVpc(b -> b.cidrBlock("10.61.0.0/16")).vpc().vpcId();
            String snA = ec2.createSubnet(b -> b.vpcId(vpcA).cidrBlock("10.60.1.0/24").availabilityZone("ap-northeast-2a"))
                    .subnet().subnetId();
            String snB = ec2.createSubnet(b -> b.vpcId(vpcB).cidrBlock("10.61.1.0/24").availabilityZone("ap-northeast-2a"))
                    .subnet().subnetId();
            ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgwA).vpcId(vpcA).subnetIds(snA));
            ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgwB).vpcId(vpcB).subnetIds(snB));
            String rtbA = ec2.describeRouteTables(b -> b.filters(filter("vpc-id", vpcA))).routeTables().get(0)
                    .routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtbA).destinationCidrBlock("10.61.0.0/16").transitGatewayId(tgwA));
            String id = ec2.createTransitGatewayPeeringAttachment(b -> b.transitGatewayId(tgwA).peerTransitGatewayId(tgwB)
                    .peerAccountId(account).peerRegion("ap-northeast-2")).transitGatewayPeeringAttachment()
                    .transitGatewayAttachmentId();
            ec2.acceptTransitGatewayPeeringAttachment(b -> b.transitGatewayAttachmentId(id));
            String tgwRtbA = ec2.describeTransitGateways(b -> b.transitGatewayIds(tgwA)).transitGateways().get(0)
                    .options().associationDefaultRouteTableId();
            ec2.createTransitGatewayRoute(b -> b.transitGatewayRouteTableId(tgwRtbA).destinationCidrBlock("10.61.0.0/16")
                    .transitGatewayAttachmentId(id));
            String sgA = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpcA))).securityGroups().get(0)
                    .groupId();
            String sgB = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpcB))).securityGroups().get(0)
                    .groupId();
            String eniA = ec2.createNetworkInterface(b -> b.subnetId(snA).groups(sgA)).networkInterface()
                    .networkInterfaceId();
            String eniB = ec2.createNetworkInterface(b -> b.subnetId(snB).groups(sgB)).networkInterface()
                    .networkInterfaceId();
            String path = InsightsTestSupport.path(ec2, b -> b.source(eniA).destination(eniB).protocol("tcp")
                    .destinationPort(443));
            var done = InsightsTestSupport.analyze(ec2, path, List.of());
            assertTrue(!done.networkPathFound());
            var e = done.explanations().get(0);
            assertEquals("NO_POSSIBLE_DESTINATION", e.explanationCode(), done.explanations().toString());
            assertEquals(id, e.transitGatewayAttachment().id());
        }
    }
}
