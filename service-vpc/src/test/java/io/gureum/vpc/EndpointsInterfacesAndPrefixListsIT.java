package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

class EndpointsInterfacesAndPrefixListsIT extends Ec2TestBase {
    static final String S3 = "com.amazonaws.ap-northeast-2.s3";

    @Test
    void awsManagedPrefixListsPerRegion() {
        try (Ec2Client ec2 = ec2(); Ec2Client other = ec2()) {
            var lists = ec2.describePrefixLists().prefixLists();
            assertEquals(2, lists.size());
            var s3 = lists.stream().filter(p -> p.prefixListName().equals(S3)).findFirst().orElseThrow();
            assertTrue(s3.prefixListId().startsWith("pl-"));
            assertFalse(s3.cidrs().isEmpty());
            assertEquals(s3.prefixListId(), other.describePrefixLists(b -> b.filters(filter("prefix-list-name", S3)))
                    .prefixLists().get(0).prefixListId(), "AWS-managed lists have one ID per region");
            var managed = ec2.describeManagedPrefixLists(b -> b.prefixListIds(s3.prefixListId())).prefixLists().get(0);
            assertEquals("AWS", managed.ownerId());
            assertEquals(s3.cidrs().size(), ec2.getManagedPrefixListEntries(b -> b.prefixListId(s3.prefixListId()))
                    .entries().size());
            fails("InvalidPrefixListID.NotFound", () -> ec2.describePrefixLists(b -> b.prefixListIds("pl-00000000")));
            fails("UnauthorizedOperation", () -> ec2.deleteManagedPrefixList(b -> b.prefixListId(s3.prefixListId())));
        }
    }

    @Test
    void customerManagedPrefixLists() {
        try (Ec2Client ec2 = ec2()) {
            var pl = ec2.createManagedPrefixList(b -> b.prefixListName("office").addressFamily("IPv4").maxEntries(3)
                    .entries(AddPrefixListEntry.builder().cidr("203.0.113.0/24").description("office").build()))
                    .prefixList();
            assertEquals(1, pl.version());
            var modified = ec2.modifyManagedPrefixList(b -> b.prefixListId(pl.prefixListId()).currentVersion(1L)
                    .addEntries(AddPrefixListEntry.builder().cidr("198.51.100.0/24").build())).prefixList();
            assertEquals(2, modified.version());
            fails("PrefixListVersionMismatch", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(pl.prefixListId())
                    .currentVersion(1L).addEntries(AddPrefixListEntry.builder().cidr("192.0.2.0/24").build())));
            fails("PrefixListMaxEntriesExceeded", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(pl.prefixListId())
                    .addEntries(AddPrefixListEntry.builder().cidr("192.0.2.0/24").build(),
                            AddPrefixListEntry.builder().cidr("192.0.3.0/24").build())));
            var entries = ec2.getManagedPrefixListEntries(b -> b.prefixListId(pl.prefixListId())).entries();
            assertEquals(2, entries.size());
            assertEquals("office", entries.get(0).description());
            assertEquals(null, entries.get(1).description());
            // Adding an entry again with a description replaces its description, in a new version.
            var redescribed = ec2.modifyManagedPrefixList(b -> b.prefixListId(pl.prefixListId())
                    .addEntries(AddPrefixListEntry.builder().cidr("198.51.100.0/24").description("vpn").build()))
                    .prefixList();
            assertEquals(3, redescribed.version());
            assertEquals("vpn", ec2.getManagedPrefixListEntries(b -> b.prefixListId(pl.prefixListId())).entries()
                    .get(1).description());
            ec2.deleteManagedPrefixList(b -> b.prefixListId(pl.prefixListId()));
            fails("InvalidPrefixListID.NotFound", () -> ec2.getManagedPrefixListEntries(b -> b.prefixListId(pl.prefixListId())));
        }
    }

    @Test
    void gatewayEndpointsAddPrefixListRoutes() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            String rtb2 = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            String pl = ec2.describePrefixLists(b -> b.filters(filter("prefix-list-name", S3))).prefixLists().get(0)
                    .prefixListId();
            VpcEndpoint e = ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(S3).routeTableIds(rtb)).vpcEndpoint();
            assertTrue(e.vpcEndpointId().matches("vpce-[0-9a-f]{17}"));
            assertEquals("Gateway", e.vpcEndpointTypeAsString());
            assertEquals("available", e.stateAsString());
            assertTrue(e.policyDocument().contains("\"Effect\":\"Allow\""));
            var route = InternetGatewaysAndRoutesIT.route(ec2, rtb, pl);
            assertEquals(e.vpcEndpointId(), route.gatewayId());
            assertEquals("active", route.stateAsString());
            fails("RouteAlreadyExists", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(S3).routeTableIds(rtb)));
            fails("InvalidServiceName", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc)
                    .serviceName("com.amazonaws.ap-northeast-2.nope")));
            fails("InvalidParameterValue", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc)
                    .serviceName("com.amazonaws.ap-northeast-2.sqs").vpcEndpointType(VpcEndpointType.GATEWAY)));

            ec2.modifyVpcEndpoint(b -> b.vpcEndpointId(e.vpcEndpointId()).addRouteTableIds(rtb2).removeRouteTableIds(rtb));
            assertEquals(1, ec2.describeRouteTables(b -> b.filters(filter("route.destination-prefix-list-id", pl),
                    filter("vpc-id", vpc))).routeTables().size());
            assertEquals(1, ec2.describeVpcEndpoints(b -> b.filters(filter("vpc-id", vpc),
                    filter("service-name", S3))).vpcEndpoints().size());
            // The route of an endpoint is removed with the endpoint.
            var result = ec2.deleteVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId(), "vpce-00000000000000000"));
            assertEquals("vpce-00000000000000000", result.unsuccessful().get(0).resourceId());
            assertEquals(1, ec2.describeRouteTables(b -> b.routeTableIds(rtb2)).routeTables().get(0).routes().size());
            fails("InvalidVpcEndpointId.NotFound", () -> ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId())));
        }
    }

    @Test
    void interfaceEndpointsPutInterfacesInSubnets() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("ap-northeast-2a"))
                    .subnet().subnetId();
            String a2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("ap-northeast-2a"))
                    .subnet().subnetId();
            String c = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.3.0/24").availabilityZone("ap-northeast-2c"))
                    .subnet().subnetId();
            String sqs = "com.amazonaws.ap-northeast-2.sqs";
            fails("InvalidParameter", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(sqs)
                    .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(a)));
            fails("DuplicateSubnetsInSameZone", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(sqs)
                    .vpcEndpointType(VpcEndpointType.INTERFACE).privateDnsEnabled(false).subnetIds(a, a2)));
            VpcEndpoint e = ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(sqs)
                    .vpcEndpointType(VpcEndpointType.INTERFACE).privateDnsEnabled(false).subnetIds(a, c)).vpcEndpoint();
            assertEquals(2, e.networkInterfaceIds().size());
            assertTrue(e.dnsEntries().get(0).dnsName().endsWith(".sqs.ap-northeast-2.vpce.amazonaws.com"));
            var enis = ec2.describeNetworkInterfaces(b -> b.filters(filter("interface-type", "vpc_endpoint"),
                    filter("vpc-id", vpc))).networkInterfaces();
            assertEquals(2, enis.size());
            assertTrue(enis.get(0).privateIpAddress().startsWith("10.0."));
            assertEquals("VPC Endpoint Interface " + e.vpcEndpointId(), enis.get(0).description());
            fails("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(a)));
            ec2.deleteVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId()));
            assertEquals(0, ec2.describeNetworkInterfaces(b -> b.filters(filter("vpc-id", vpc))).networkInterfaces().size());
            ec2.deleteSubnet(b -> b.subnetId(a));
        }
    }

    @Test
    void endpointServices() {
        try (Ec2Client ec2 = ec2()) {
            var all = ec2.describeVpcEndpointServices();
            assertTrue(all.serviceNames().contains(S3));
            var gateways = ec2.describeVpcEndpointServices(b -> b.filters(filter("service-type", "Gateway")))
                    .serviceDetails();
            assertEquals(2, gateways.size());
            var s3 = ec2.describeVpcEndpointServices(b -> b.serviceNames(S3)).serviceDetails();
            assertEquals(2, s3.size(), "S3 offers both gateway and interface endpoints");
            assertEquals("amazon", s3.get(0).owner());
            fails("InvalidServiceName", () -> ec2.describeVpcEndpointServices(b -> b.serviceNames("com.example.none")));
        }
    }

    @Test
    void networkInterfacesAttachDetachModify() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("eni").description("e")).groupId();
            NetworkInterface eni = ec2.createNetworkInterface(b -> b.subnetId(subnet).description("mine")).networkInterface();
            assertTrue(eni.networkInterfaceId().matches("eni-[0-9a-f]{17}"));
            assertEquals("available", eni.statusAsString());
            assertEquals("default", eni.groups().get(0).groupName());
            assertTrue(eni.macAddress().matches("02(:[0-9a-f]{2}){5}"));
            String id = eni.networkInterfaceId();
            String attachment = ec2.attachNetworkInterface(b -> b.networkInterfaceId(id).instanceId("i-0123456789abcdef0")
                    .deviceIndex(1)).attachmentId();
            assertTrue(attachment.startsWith("eni-attach-"));
            assertEquals("in-use", ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(id)).networkInterfaces()
                    .get(0).statusAsString());
            fails("InvalidNetworkInterface.InUse", () -> ec2.deleteNetworkInterface(b -> b.networkInterfaceId(id)));
            assertEquals(1, ec2.describeNetworkInterfaces(b -> b.filters(filter("attachment.instance-id",
                    "i-0123456789abcdef0"))).networkInterfaces().size());
            ec2.detachNetworkInterface(b -> b.attachmentId(attachment));
            fails("InvalidAttachmentID.NotFound", () -> ec2.detachNetworkInterface(b -> b.attachmentId(attachment)));
            var assigned = ec2.assignPrivateIpAddresses(b -> b.networkInterfaceId(id).secondaryPrivateIpAddressCount(2))
                    .assignedPrivateIpAddresses();
            assertEquals(2, assigned.size());
            assertEquals(248, ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0).availableIpAddressCount());
            ec2.unassignPrivateIpAddresses(b -> b.networkInterfaceId(id).privateIpAddresses(assigned.get(0)
                    .privateIpAddress()));
            assertEquals(249, ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0).availableIpAddressCount());
            fails("InvalidParameterValue", () -> ec2.unassignPrivateIpAddresses(b -> b.networkInterfaceId(id)
                    .privateIpAddresses("10.0.1.200")));
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id).groups(sg));
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id).sourceDestCheck(v -> v.value(false)));
            var described = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(id)).networkInterfaces().get(0);
            assertEquals(sg, described.groups().get(0).groupId());
            assertFalse(described.sourceDestCheck());
            assertNull(described.attachment());
            String otherVpcSg = ec2.describeSecurityGroups(b -> b.filters(filter("group-name", "default"),
                    filter("vpc-id", ec2.describeVpcs(v -> v.filters(filter("is-default", "true"))).vpcs().get(0)
                            .vpcId()))).securityGroups().get(0).groupId();
            fails("InvalidParameterValue", () -> ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(id)
                    .groups(otherVpcSg)));
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(id));
            assertEquals("The networkInterface ID '" + id + "' does not exist", fails(
                    "InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(id))));
        }
    }
}
