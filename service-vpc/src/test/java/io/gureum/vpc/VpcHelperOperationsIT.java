package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.vpc.net.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.PrefixListAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroupForVpc;
import software.amazon.awssdk.services.ec2.model.StaleSecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security group references across peering, peering options, prefix list associations and versions, default
 * subnets and subnet CIDR reservations.
 */
class VpcHelperOperationsIT extends Ec2TestBase {

    @Test
    void staleAndReferencedSecurityGroupsAcrossPeering() {
        try (Ec2Client ec2 = ec2()) {
            String a = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String b2 = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String pcx = ec2.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2)).vpcPeeringConnection()
                    .vpcPeeringConnectionId();
            ec2.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            String sgA = ec2.createSecurityGroup(b -> b.vpcId(a).groupName("app").description("app")).groupId();
            String sgB = ec2.createSecurityGroup(b -> b.vpcId(b2).groupName("db").description("db")).groupId();
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(sgB).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(5432).toPort(5432)
                    .userIdGroupPairs(UserIdGroupPair.builder().groupId(sgA).build()).build()));

            var refs = ec2.describeSecurityGroupReferences(b -> b.groupId(sgA)).securityGroupReferenceSet();
            assertEquals(1, refs.size());
            assertEquals(sgA, refs.get(0).groupId());
            assertEquals(b2, refs.get(0).referencingVpcId());
            assertEquals(pcx, refs.get(0).vpcPeeringConnectionId());
            assertEquals(0, ec2.describeSecurityGroupReferences(b -> b.groupId(sgB)).securityGroupReferenceSet()
                    .size());
            fails("InvalidGroup.NotFound", () -> ec2.describeSecurityGroupReferences(b -> b
                    .groupId("sg-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeSecurityGroupReferences(b -> b.groupId(sgA)
                    .dryRun(true)));
            assertEquals(List.of(), ec2.describeStaleSecurityGroups(b -> b.vpcId(b2)).staleSecurityGroupSet());

            ec2.deleteVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            List<StaleSecurityGroup> stale = ec2.describeStaleSecurityGroups(b -> b.vpcId(b2))
                    .staleSecurityGroupSet();
            assertEquals(1, stale.size());
            assertEquals(sgB, stale.get(0).groupId());
            assertEquals("db", stale.get(0).groupName());
            assertEquals(b2, stale.get(0).vpcId());
            assertEquals(0, stale.get(0).staleIpPermissionsEgress().size());
            var permission = stale.get(0).staleIpPermissions().get(0);
            assertEquals("tcp", permission.ipProtocol());
            assertEquals(5432, permission.fromPort());
            UserIdGroupPair pair = permission.userIdGroupPairs().get(0);
            assertEquals(sgA, pair.groupId());
            assertEquals(a, pair.vpcId());
            assertEquals(pcx, pair.vpcPeeringConnectionId());
            assertEquals("deleted", pair.peeringStatus());
            assertEquals(List.of(), ec2.describeStaleSecurityGroups(b -> b.vpcId(a)).staleSecurityGroupSet());
            assertEquals(0, ec2.describeSecurityGroupReferences(b -> b.groupId(sgA)).securityGroupReferenceSet()
                    .size());
            fails("InvalidVpcID.NotFound", () -> ec2.describeStaleSecurityGroups(b -> b
                    .vpcId("vpc-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeStaleSecurityGroups(b -> b.vpcId(b2).dryRun(true)));

            // GetSecurityGroupsForVpc: the VPC's own groups and those associated with it
            ec2.associateSecurityGroupVpc(b -> b.groupId(sgB).vpcId(a));
            advanceClock(Duration.ofSeconds(3));
            List<SecurityGroupForVpc> usable = ec2.getSecurityGroupsForVpc(b -> b.vpcId(a)).securityGroupForVpcs();
            assertEquals(Set.of("default", "app", "db"), usable.stream().map(SecurityGroupForVpc::groupName)
                    .collect(Collectors.toSet()));
            SecurityGroupForVpc db = usable.stream().filter(g -> g.groupId().equals(sgB)).findFirst().orElseThrow();
            assertEquals(b2, db.primaryVpcId());
            assertEquals(List.of(sgA), ec2.getSecurityGroupsForVpc(b -> b.vpcId(a).filters(filter("group-name",
                    "app"))).securityGroupForVpcs().stream().map(SecurityGroupForVpc::groupId).toList());
            assertEquals(List.of(sgB), ec2.getSecurityGroupsForVpc(b -> b.vpcId(a).filters(filter("primary-vpc-id",
                    b2))).securityGroupForVpcs().stream().map(SecurityGroupForVpc::groupId).toList());
            for (int i = 0; i < 3; i++) {
                String name = "extra" + i;
                ec2.createSecurityGroup(b -> b.vpcId(a).groupName(name).description(name));
            }
            var page = ec2.getSecurityGroupsForVpc(b -> b.vpcId(a).maxResults(5));
            assertEquals(5, page.securityGroupForVpcs().size());
            var rest = ec2.getSecurityGroupsForVpc(b -> b.vpcId(a).maxResults(5).nextToken(page.nextToken()));
            assertEquals(1, rest.securityGroupForVpcs().size());
            assertNull(rest.nextToken());
            fails("InvalidParameterValue", () -> ec2.getSecurityGroupsForVpc(b -> b.vpcId(a)
                    .filters(filter("no-such-filter", "x"))));
            fails("InvalidVpcID.NotFound", () -> ec2.getSecurityGroupsForVpc(b -> b.vpcId("vpc-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.getSecurityGroupsForVpc(b -> b.vpcId(a).dryRun(true)));
        }
    }

    @Test
    void peeringOptionsBelongToEachSide() {
        String requesterAccount = newAccount();
        String accepterAccount = newAccount();
        try (Ec2Client ec2 = ec2(requesterAccount, "ap-northeast-2");
                Ec2Client peer = ec2(accepterAccount, "ap-northeast-2")) {
            String a = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String b2 = peer.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String pcx = ec2.createVpcPeeringConnection(b -> b.vpcId(a).peerVpcId(b2).peerOwnerId(accepterAccount))
                    .vpcPeeringConnection().vpcPeeringConnectionId();
            fails("OperationNotPermitted", () -> ec2.modifyVpcPeeringConnectionOptions(b -> b
                    .vpcPeeringConnectionId(pcx).requesterPeeringConnectionOptions(o -> o
                            .allowDnsResolutionFromRemoteVpc(true))));
            peer.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));

            fails("InvalidVpcPeeringConnectionID.NotFound", () -> ec2.modifyVpcPeeringConnectionOptions(b -> b
                    .vpcPeeringConnectionId("pcx-00000000000000000").requesterPeeringConnectionOptions(o -> o
                            .allowDnsResolutionFromRemoteVpc(true))));
            fails("OperationNotPermitted", () -> ec2.modifyVpcPeeringConnectionOptions(b -> b
                    .vpcPeeringConnectionId(pcx).accepterPeeringConnectionOptions(o -> o
                            .allowDnsResolutionFromRemoteVpc(true))));
            fails("InvalidParameterValue", () -> ec2.modifyVpcPeeringConnectionOptions(b -> b
                    .vpcPeeringConnectionId(pcx).requesterPeeringConnectionOptions(o -> o
                            .allowEgressFromLocalClassicLinkToRemoteVpc(true))));
            fails("DryRunOperation", 412, () -> ec2.modifyVpcPeeringConnectionOptions(b -> b
                    .vpcPeeringConnectionId(pcx).dryRun(true).requesterPeeringConnectionOptions(o -> o
                            .allowDnsResolutionFromRemoteVpc(true))));
            var answer = ec2.modifyVpcPeeringConnectionOptions(b -> b.vpcPeeringConnectionId(pcx)
                    .requesterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true)));
            assertTrue(answer.requesterPeeringConnectionOptions().allowDnsResolutionFromRemoteVpc());
            assertNull(answer.accepterPeeringConnectionOptions());
            assertTrue(peer.modifyVpcPeeringConnectionOptions(b -> b.vpcPeeringConnectionId(pcx)
                    .accepterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true)))
                    .accepterPeeringConnectionOptions().allowDnsResolutionFromRemoteVpc());
            peer.modifyVpcPeeringConnectionOptions(b -> b.vpcPeeringConnectionId(pcx)
                    .accepterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(false)));

            for (Ec2Client side : List.of(ec2, peer)) {
                var described = side.describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(pcx))
                        .vpcPeeringConnections().get(0);
                assertTrue(described.requesterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc());
                assertFalse(described.accepterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc());
                assertFalse(described.accepterVpcInfo().peeringOptions().allowEgressFromLocalClassicLinkToRemoteVpc());
            }
        }
    }

    @Test
    void prefixListAssociationsAndVersionRestore() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            var pl = ec2.createManagedPrefixList(b -> b.prefixListName("office").addressFamily("IPv4").maxEntries(5)
                    .entries(e -> e.cidr("192.0.2.0/24").description("hq"))).prefixList();
            String id = pl.prefixListId();
            ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(1L)
                    .addEntries(e -> e.cidr("198.51.100.0/24")).removeEntries(e -> e.cidr("192.0.2.0/24")));

            fails("PrefixListVersionMismatch", () -> ec2.restoreManagedPrefixListVersion(b -> b.prefixListId(id)
                    .previousVersion(1L).currentVersion(1L)));
            fails("InvalidParameterValue", () -> ec2.restoreManagedPrefixListVersion(b -> b.prefixListId(id)
                    .previousVersion(7L).currentVersion(2L)));
            fails("InvalidPrefixListID.NotFound", () -> ec2.restoreManagedPrefixListVersion(b -> b
                    .prefixListId("pl-00000000000000000").previousVersion(1L).currentVersion(2L)));
            fails("DryRunOperation", 412, () -> ec2.restoreManagedPrefixListVersion(b -> b.prefixListId(id)
                    .previousVersion(1L).currentVersion(2L).dryRun(true)));
            var restored = ec2.restoreManagedPrefixListVersion(b -> b.prefixListId(id).previousVersion(1L)
                    .currentVersion(2L)).prefixList();
            assertEquals(3L, restored.version());
            assertEquals("restore-in-progress", restored.stateAsString());
            assertEquals("restore-complete", ec2.describeManagedPrefixLists(b -> b.prefixListIds(id)).prefixLists()
                    .get(0).stateAsString());
            var entries = ec2.getManagedPrefixListEntries(b -> b.prefixListId(id)).entries();
            assertEquals(1, entries.size());
            assertEquals("192.0.2.0/24", entries.get(0).cidr());
            assertEquals("hq", entries.get(0).description());

            assertEquals(List.of("198.51.100.0/24"), ec2.getManagedPrefixListEntries(b -> b.prefixListId(id)
                    .targetVersion(2L)).entries().stream().map(e -> e.cidr()).toList());
            fails("InvalidParameterValue", () -> ec2.getManagedPrefixListEntries(b -> b.prefixListId(id)
                    .targetVersion(9L)));
            assertEquals(List.of(), ec2.getManagedPrefixListAssociations(b -> b.prefixListId(id))
                    .prefixListAssociations());
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("office").description("office"))
                    .groupId();
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(443).toPort(443).prefixListIds(p -> p.prefixListId(id)).build()));
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationPrefixListId(id).gatewayId(igw));
            var associations = ec2.getManagedPrefixListAssociations(b -> b.prefixListId(id))
                    .prefixListAssociations();
            assertEquals(Set.of(sg, rtb), associations.stream().map(PrefixListAssociation::resourceId)
                    .collect(Collectors.toSet()));
            assertTrue(associations.stream().allMatch(x -> x.resourceOwner().equals(pl.ownerId())));
            var page = ec2.getManagedPrefixListAssociations(b -> b.prefixListId(id).maxResults(5));
            assertEquals(2, page.prefixListAssociations().size());
            fails("InvalidPrefixListID.NotFound", () -> ec2.getManagedPrefixListAssociations(b -> b
                    .prefixListId("pl-00000000000000000")));
        }
    }

    @Test
    void defaultSubnetsAndSubnetCidrReservations() {
        try (Ec2Client ec2 = ec2()) {
            List<Subnet> defaults = ec2.describeSubnets(b -> b.filters(filter("default-for-az", "true"))).subnets();
            Subnet gone = defaults.get(1);
            fails("DefaultSubnetAlreadyExistsInAvailabilityZone", () -> ec2.createDefaultSubnet(b -> b
                    .availabilityZone(gone.availabilityZone())));
            fails("InvalidParameterCombination", () -> ec2.createDefaultSubnet(b -> b
                    .availabilityZone(gone.availabilityZone()).availabilityZoneId(gone.availabilityZoneId())));
            fails("InvalidParameterValue", () -> ec2.createDefaultSubnet(b -> b.availabilityZone("mars-1a")));
            ec2.deleteSubnet(b -> b.subnetId(gone.subnetId()));
            fails("DryRunOperation", 412, () -> ec2.createDefaultSubnet(b -> b
                    .availabilityZoneId(gone.availabilityZoneId()).dryRun(true)));
            fails("NotImplemented", 501, () -> ec2.createDefaultSubnet(b -> b
                    .availabilityZone(gone.availabilityZone()).ipv6Native(true)));
            Subnet made = ec2.createDefaultSubnet(b -> b.availabilityZoneId(gone.availabilityZoneId())).subnet();
            assertTrue(made.defaultForAz());
            assertTrue(made.mapPublicIpOnLaunch());
            assertEquals(gone.vpcId(), made.vpcId());
            assertEquals(gone.availabilityZone(), made.availabilityZone());
            assertEquals(gone.cidrBlock(), made.cidrBlock(), "the lowest free /20 of the default VPC");

            // subnet CIDR reservations
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            fails("InvalidParameterValue", () -> ec2.createSubnetCidrReservation(b -> b.subnetId(subnet)
                    .cidr("10.0.2.0/28").reservationType("explicit")));
            fails("InvalidSubnetID.NotFound", () -> ec2.createSubnetCidrReservation(b -> b
                    .subnetId("subnet-00000000000000000").cidr("10.0.1.0/28").reservationType("explicit")));
            fails("DryRunOperation", 412, () -> ec2.createSubnetCidrReservation(b -> b.subnetId(subnet)
                    .cidr("10.0.1.0/28").reservationType("explicit").dryRun(true)));
            var reservation = ec2.createSubnetCidrReservation(b -> b.subnetId(subnet).cidr("10.0.1.0/28")
                    .reservationType("explicit").description("appliances")
                    .tagSpecifications(t -> t.resourceType("subnet-cidr-reservation")
                            .tags(tag -> tag.key("team").value("net")))).subnetCidrReservation();
            assertTrue(reservation.subnetCidrReservationId().matches("scr-[0-9a-f]{17}"),
                    reservation.subnetCidrReservationId());
            assertEquals("10.0.1.0/28", reservation.cidr());
            assertEquals("explicit", reservation.reservationTypeAsString());
            assertEquals("net", reservation.tags().get(0).value());
            String message = fails("InvalidParameterValue", () -> ec2.createSubnetCidrReservation(b -> b
                    .subnetId(subnet).cidr("10.0.1.8/29").reservationType("prefix")));
            assertEquals("Reservation CIDR 10.0.1.8/29 has overlap with existing reserved CIDR block", message);
            ec2.createSubnetCidrReservation(b -> b.subnetId(subnet).cidr("10.0.1.16/28").reservationType("prefix"));

            // automatic addresses skip the reserved blocks; explicit ones may use them
            String auto = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().privateIpAddress();
            assertEquals("10.0.1.32", auto);
            assertEquals("10.0.1.5", ec2.createNetworkInterface(b -> b.subnetId(subnet).privateIpAddress("10.0.1.5"))
                    .networkInterface().privateIpAddress());

            var got = ec2.getSubnetCidrReservations(b -> b.subnetId(subnet));
            assertEquals(2, got.subnetIpv4CidrReservations().size());
            assertEquals(0, got.subnetIpv6CidrReservations().size());
            assertEquals(List.of("10.0.1.16/28"), ec2.getSubnetCidrReservations(b -> b.subnetId(subnet)
                    .filters(filter("reservationType", "prefix"))).subnetIpv4CidrReservations().stream()
                    .map(x -> x.cidr()).toList());
            assertEquals(1, ec2.getSubnetCidrReservations(b -> b.subnetId(subnet).filters(filter("tag:team", "net")))
                    .subnetIpv4CidrReservations().size());
            var first = ec2.getSubnetCidrReservations(b -> b.subnetId(subnet).maxResults(5));
            assertNull(first.nextToken());
            fails("InvalidSubnetID.NotFound", () -> ec2.getSubnetCidrReservations(b -> b
                    .subnetId("subnet-00000000000000000")));

            fails("InvalidSubnetCidrReservationID.NotFound", () -> ec2.deleteSubnetCidrReservation(b -> b
                    .subnetCidrReservationId("scr-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.deleteSubnetCidrReservation(b -> b
                    .subnetCidrReservationId(reservation.subnetCidrReservationId()).dryRun(true)));
            var deleted = ec2.deleteSubnetCidrReservation(b -> b
                    .subnetCidrReservationId(reservation.subnetCidrReservationId())).deletedSubnetCidrReservation();
            assertEquals("10.0.1.0/28", deleted.cidr());
            assertEquals(1, ec2.getSubnetCidrReservations(b -> b.subnetId(subnet)).subnetIpv4CidrReservations()
                    .size());
            long next = Cidr.parseAddress(ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface()
                    .privateIpAddress());
            assertEquals(Cidr.parseAddress("10.0.1.4"), next, "the released block is used again");
        }
    }

    @Test
    void noDefaultVpcNoDefaultSubnet() {
        try (Ec2Client ec2 = ec2()) {
            var vpc = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs().get(0);
            for (Subnet s : ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc.vpcId()))).subnets()) {
                ec2.deleteSubnet(b -> b.subnetId(s.subnetId()));
            }
            var igw = ec2.describeInternetGateways(b -> b.filters(filter("attachment.vpc-id", vpc.vpcId())))
                    .internetGateways().get(0).internetGatewayId();
            ec2.detachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc.vpcId()));
            ec2.deleteVpc(b -> b.vpcId(vpc.vpcId()));
            String zone = ec2.describeAvailabilityZones().availabilityZones().get(0).zoneName();
            fails("DefaultVpcDoesNotExist", () -> ec2.createDefaultSubnet(b -> b.availabilityZone(zone)));
        }
    }
}
