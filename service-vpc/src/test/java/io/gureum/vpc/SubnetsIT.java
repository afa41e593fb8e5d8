package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static io.gureum.vpc.VpcsIT.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;

class SubnetsIT extends Ec2TestBase {

    @Test
    void createInAnAvailabilityZoneByNameOrId() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            Subnet a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("ap-northeast-2a")
                    .tagSpecifications(name(ResourceType.SUBNET, "public-a"))).subnet();
            assertEquals("ap-northeast-2a", a.availabilityZone());
            assertEquals("apne2-az1", a.availabilityZoneId());
            assertEquals(251, a.availableIpAddressCount());
            assertEquals("available", a.stateAsString());
            assertEquals(false, a.mapPublicIpOnLaunch());
            assertEquals(false, a.defaultForAz());
            assertEquals("arn:aws:ec2:ap-northeast-2:" + a.ownerId() + ":subnet/" + a.subnetId(), a.subnetArn());
            Subnet c = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.3.0/28").availabilityZoneId("apne2-az3"))
                    .subnet();
            assertEquals("ap-northeast-2c", c.availabilityZone());
            assertEquals(11, c.availableIpAddressCount());
            assertTrue(fails("InvalidParameterValue", () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.4.0/24")
                    .availabilityZone("us-east-1a"))).contains("ap-northeast-2a, ap-northeast-2b"));
            assertEquals(1, ec2.describeSubnets(b -> b.filters(filter("tag:Name", "public-a"))).subnets().size());
            assertEquals(1, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc),
                    filter("availability-zone", "ap-northeast-2c"))).subnets().size());
            assertEquals(2, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc))).subnets().size());
            assertEquals(1, ec2.describeSubnets(b -> b.filters(filter("cidr-block", "10.0.3.0/28"))).subnets().size());
            assertEquals(1, ec2.describeSubnets(b -> b.filters(filter("available-ip-address-count", "251"),
                    filter("vpc-id", vpc))).subnets().size());
            assertEquals(1, ec2.describeSubnets(b -> b.filters(filter("subnet-arn", a.subnetArn()))).subnets().size());
        }
    }

    @Test
    void cidrBlockFilterFindsExactBlocksAcrossVpcs() {
        // Looked up through each VPC's block index rather than a pass over all subnets: same answers as the scan.
        try (Ec2Client ec2 = ec2()) {
            String a = ec2.createVpc(b -> b.cidrBlock("172.20.0.0/16")).vpc().vpcId();
            String bv = ec2.createVpc(b -> b.cidrBlock("172.21.0.0/16")).vpc().vpcId();
            String a1 = ec2.createSubnet(b -> b.vpcId(a).cidrBlock("172.20.1.0/24")).subnet().subnetId();
            ec2.createSubnet(b -> b.vpcId(bv).cidrBlock("172.21.1.0/24"));
            String b2 = ec2.createSubnet(b -> b.vpcId(bv).cidrBlock("172.21.2.0/28")).subnet().subnetId();
            assertEquals(java.util.Set.of(a1, b2), ec2.describeSubnets(x -> x.filters(filter("cidr-block",
                    "172.20.1.0/24", "172.21.2.0/28", "172.21.2.0/28"))).subnets().stream().map(Subnet::subnetId)
                    .collect(java.util.stream.Collectors.toSet()));
            assertEquals(0, ec2.describeSubnets(x -> x.filters(filter("cidr-block", "172.20.0.0/16"))).subnets().size());
            assertEquals(0, ec2.describeSubnets(x -> x.filters(filter("cidr-block", "172.20.1.5/24"))).subnets().size());
            assertEquals(0, ec2.describeSubnets(x -> x.filters(filter("cidr-block", "not-a-block"))).subnets().size());
            assertEquals(2, ec2.describeSubnets(x -> x.filters(filter("cidr-block", "172.21.*"))).subnets().size());
            assertEquals(0, ec2.describeSubnets(x -> x.filters(filter("cidr-block", "172.21.1.0/24"),
                    filter("vpc-id", a))).subnets().size());
            ec2.deleteSubnet(x -> x.subnetId(b2));
            assertEquals(0, ec2.describeSubnets(x -> x.filters(filter("cidr-block", "172.21.2.0/28"))).subnets().size());
        }
    }

    @Test
    void deletingASubnetDropsItsAclAssociationAndNoOtherVpcs() {
        try (Ec2Client ec2 = ec2()) {
            String a = ec2.createVpc(b -> b.cidrBlock("172.22.0.0/16")).vpc().vpcId();
            String bv = ec2.createVpc(b -> b.cidrBlock("172.23.0.0/16")).vpc().vpcId();
            String gone = ec2.createSubnet(b -> b.vpcId(a).cidrBlock("172.22.1.0/24")).subnet().subnetId();
            String kept = ec2.createSubnet(b -> b.vpcId(bv).cidrBlock("172.23.1.0/24")).subnet().subnetId();
            java.util.function.Function<String, Integer> associations = subnet -> ec2.describeNetworkAcls(x -> x
                    .filters(filter("association.subnet-id", subnet))).networkAcls().stream()
                    .mapToInt(n -> (int) n.associations().stream().filter(s -> s.subnetId().equals(subnet)).count())
                    .sum();
            assertEquals(1, associations.apply(gone));
            ec2.deleteSubnet(x -> x.subnetId(gone));
            assertEquals(0, associations.apply(gone));
            assertEquals(1, associations.apply(kept));
        }
    }

    @Test
    void blocksMustLieInTheVpcAndNotOverlap() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24"));
            assertEquals("The CIDR '10.0.1.128/25' conflicts with another subnet", fails("InvalidSubnet.Conflict",
                    () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.128/25"))));
            fails("InvalidSubnet.Conflict", () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/23")));
            assertEquals("The CIDR '10.1.0.0/24' is invalid.", fails("InvalidSubnet.Range",
                    () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.0.0/24"))));
            fails("InvalidSubnet.Range", () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/29")));
            fails("InvalidSubnet.Range", () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.0.0/15")));
            fails("InvalidParameterValue", () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.300/24")));
            fails("MissingParameter", () -> ec2.createSubnet(b -> b.vpcId(vpc)));
            // Another VPC may reuse the same block.
            String other = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            ec2.createSubnet(b -> b.vpcId(other).cidrBlock("10.0.1.0/24"));
        }
    }

    @Test
    void availableAddressesFollowTheInterfacesInTheSubnet() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            var eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface();
            assertEquals("10.0.1.4", eni.privateIpAddress(), "the first four addresses are AWS's");
            var eni2 = ec2.createNetworkInterface(b -> b.subnetId(subnet).privateIpAddress("10.0.1.100")
                    .secondaryPrivateIpAddressCount(2)).networkInterface();
            assertEquals(3, eni2.privateIpAddresses().size());
            assertEquals(247, count(ec2, subnet));
            fails("InvalidIPAddress.InUse", () -> ec2.createNetworkInterface(b -> b.subnetId(subnet)
                    .privateIpAddress("10.0.1.100")));
            fails("InvalidParameterValue", () -> ec2.createNetworkInterface(b -> b.subnetId(subnet)
                    .privateIpAddress("10.0.1.255")));
            fails("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(subnet)));
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(eni.networkInterfaceId()));
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(eni2.networkInterfaceId()));
            assertEquals(251, count(ec2, subnet));
            ec2.deleteSubnet(b -> b.subnetId(subnet));
            assertEquals("The subnet ID '" + subnet + "' does not exist", fails("InvalidSubnetID.NotFound",
                    () -> ec2.describeSubnets(b -> b.subnetIds(subnet))));
            fails("InvalidSubnetID.NotFound", () -> ec2.deleteSubnet(b -> b.subnetId(subnet)));
        }
    }

    private static int count(Ec2Client ec2, String subnet) {
        return ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0).availableIpAddressCount();
    }

    @Test
    void attributesAndIpv6Blocks() {
        try (Ec2Client ec2 = ec2()) {
            var vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
            String v6 = vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
            // The /56's first /64 but one (a string replace of "00::/56" missed the /56s whose fourth group is 0).
            var block56 = io.gureum.vpc.net.Ipv6.parse(v6);
            String block64 = new io.gureum.vpc.net.Ipv6.Block(block56.start().or(java.math.BigInteger.ONE.shiftLeft(64)),
                    64).toString();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            ec2.modifySubnetAttribute(b -> b.subnetId(subnet).mapPublicIpOnLaunch(v -> v.value(true)));
            assertTrue(ec2.describeSubnets(b -> b.filters(filter("map-public-ip-on-launch", "true"),
                    filter("vpc-id", vpc.vpcId()))).subnets().size() == 1);
            fails("InvalidParameterValue", () -> ec2.modifySubnetAttribute(b -> b.subnetId(subnet)
                    .assignIpv6AddressOnCreation(v -> v.value(true))));
            var assoc = ec2.associateSubnetCidrBlock(b -> b.subnetId(subnet).ipv6CidrBlock(block64))
                    .ipv6CidrBlockAssociation();
            assertEquals(block64, assoc.ipv6CidrBlock());
            String other = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.0.2.0/24")).subnet().subnetId();
            fails("InvalidSubnet.Conflict", () -> ec2.associateSubnetCidrBlock(b -> b.subnetId(other)
                    .ipv6CidrBlock(block64)));
            fails("InvalidSubnet.Range", () -> ec2.associateSubnetCidrBlock(b -> b.subnetId(other)
                    .ipv6CidrBlock("2001:db8::/64")));
            ec2.modifySubnetAttribute(b -> b.subnetId(subnet).assignIpv6AddressOnCreation(v -> v.value(true)));
            var described = ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0);
            assertTrue(described.assignIpv6AddressOnCreation());
            assertEquals(block64, described.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock());
            ec2.disassociateSubnetCidrBlock(b -> b.associationId(assoc.associationId()));
            assertTrue(ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0).ipv6CidrBlockAssociationSet()
                    .isEmpty());
        }
    }

    @Test
    void paginationAndDryRun() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            for (int i = 0; i < 12; i++) {
                int n = i;
                ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0." + n + ".0/24"));
            }
            var page = ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc)).maxResults(5));
            assertEquals(5, page.subnets().size());
            assertEquals(12, ec2.describeSubnetsPaginator(b -> b.filters(filter("vpc-id", vpc)).maxResults(5))
                    .subnets().stream().count());
            fails("DryRunOperation", 412, () -> ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.100.0/24")
                    .dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.deleteSubnet(b -> b.subnetId(page.subnets().get(0).subnetId())
                    .dryRun(true)));
            assertEquals(12, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc))).subnets().size());
        }
    }

    @Test
    void availabilityZonesOfTheRegion() {
        try (Ec2Client ec2 = ec2()) {
            var zones = ec2.describeAvailabilityZones().availabilityZones();
            assertEquals(4, zones.size());
            assertEquals("ap-northeast-2a", zones.get(0).zoneName());
            assertEquals("apne2-az1", zones.get(0).zoneId());
            assertEquals("available", zones.get(0).stateAsString());
            assertEquals(1, ec2.describeAvailabilityZones(b -> b.zoneIds("apne2-az3")).availabilityZones().size());
            assertEquals(2, ec2.describeAvailabilityZones(b -> b.filters(filter("zone-name", "*a", "*c")))
                    .availabilityZones().size());
            fails("InvalidParameterValue", () -> ec2.describeAvailabilityZones(b -> b.zoneNames("us-east-1a")));
        }
    }
}
