package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ConnectivityType;
import software.amazon.awssdk.services.ec2.model.NatGateway;

class AddressesAndNatGatewaysIT extends Ec2TestBase {

    record Net(String vpc, String subnet, String igw) {
    }

    static Net publicNetwork(Ec2Client ec2) {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
        ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
        return new Net(vpc, subnet, igw);
    }

    @Test
    void elasticIpsAreUniquePublicAddresses() {
        try (Ec2Client ec2 = ec2(); Ec2Client other = ec2()) {
            Set<String> ips = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                var a = (i % 2 == 0 ? ec2 : other).allocateAddress();
                assertEquals("vpc", a.domainAsString());
                assertEquals("ap-northeast-2", a.networkBorderGroup());
                assertTrue(a.allocationId().startsWith("eipalloc-"));
                assertTrue(ips.add(a.publicIp()), "unique across accounts of a region");
                assertTrue(a.publicIp().matches("(3\\.3[45]|13\\.124|52\\.78|54\\.18[01])\\.\\d+\\.\\d+"), a.publicIp());
            }
            assertEquals(10, ec2.describeAddresses().addresses().size());
        }
    }

    @Test
    void associateDisassociateRelease() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            var eip = ec2.allocateAddress();
            assertEquals("Network " + vpc + " is not attached to any internet gateway", fails("Gateway.NotAttached",
                    () -> ec2.associateAddress(b -> b.allocationId(eip.allocationId()).networkInterfaceId(eni))));
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            String assoc = ec2.associateAddress(b -> b.allocationId(eip.allocationId()).networkInterfaceId(eni))
                    .associationId();
            assertTrue(assoc.startsWith("eipassoc-"));
            var described = ec2.describeAddresses(b -> b.allocationIds(eip.allocationId())).addresses().get(0);
            assertEquals(eni, described.networkInterfaceId());
            assertEquals("10.0.1.4", described.privateIpAddress());
            assertEquals(eip.publicIp(), ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni))
                    .networkInterfaces().get(0).association().publicIp());
            assertEquals(1, ec2.describeAddresses(b -> b.filters(filter("network-interface-id", eni))).addresses().size());
            fails("Resource.AlreadyAssociated", () -> ec2.associateAddress(b -> b.allocationId(eip.allocationId())
                    .networkInterfaceId(eni)));
            fails("InvalidIPAddress.InUse", () -> ec2.releaseAddress(b -> b.allocationId(eip.allocationId())));
            fails("DependencyViolation", () -> ec2.detachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw)));
            fails("InvalidInstanceID.NotFound", () -> ec2.associateAddress(b -> b.allocationId(eip.allocationId())
                    .instanceId("i-0123456789abcdef0")));
            ec2.disassociateAddress(b -> b.associationId(assoc));
            fails("InvalidAssociationID.NotFound", () -> ec2.disassociateAddress(b -> b.associationId(assoc)));
            assertNull(ec2.describeAddresses(b -> b.allocationIds(eip.allocationId())).addresses().get(0).associationId());
            ec2.releaseAddress(b -> b.allocationId(eip.allocationId()));
            assertEquals("The allocation ID '" + eip.allocationId() + "' does not exist", fails(
                    "InvalidAllocationID.NotFound", () -> ec2.describeAddresses(b -> b.allocationIds(eip.allocationId()))));
        }
    }

    @Test
    void natGatewayStatesFollowTheClock() {
        try (Ec2Client ec2 = ec2()) {
            Net n = publicNetwork(ec2);
            var eip = ec2.allocateAddress();
            NatGateway nat = ec2.createNatGateway(b -> b.subnetId(n.subnet()).allocationId(eip.allocationId()))
                    .natGateway();
            assertTrue(nat.natGatewayId().matches("nat-[0-9a-f]{17}"));
            assertEquals("pending", nat.stateAsString());
            assertEquals("public", nat.connectivityTypeAsString());
            assertEquals(eip.publicIp(), nat.natGatewayAddresses().get(0).publicIp());
            assertEquals("10.0.1.4", nat.natGatewayAddresses().get(0).privateIp());
            // The gateway's interface takes an address of the subnet.
            assertEquals(250, ec2.describeSubnets(b -> b.subnetIds(n.subnet())).subnets().get(0).availableIpAddressCount());
            var eni = ec2.describeNetworkInterfaces(b -> b.filters(filter("interface-type", "nat_gateway"),
                    filter("subnet-id", n.subnet()))).networkInterfaces().get(0);
            assertTrue(eni.requesterManaged());
            fails("InvalidNetworkInterface.InUse", () -> ec2.deleteNetworkInterface(b -> b.networkInterfaceId(
                    eni.networkInterfaceId())));
            fails("InvalidIPAddress.InUse", () -> ec2.releaseAddress(b -> b.allocationId(eip.allocationId())));
            // A taken Elastic IP does not refuse the call: the second gateway fails, as AWS documents.
            String second = ec2.createNatGateway(b -> b.subnetId(n.subnet()).allocationId(eip.allocationId()))
                    .natGateway().natGatewayId();

            advanceClock(Duration.ofSeconds(61));
            assertEquals("available", state(ec2, nat.natGatewayId()));
            NatGateway failed = ec2.describeNatGateways(b -> b.natGatewayIds(second)).natGateways().get(0);
            assertEquals("failed", failed.stateAsString());
            assertEquals("Resource.AlreadyAssociated", failed.failureCode());
            assertEquals("Elastic IP address " + eip.allocationId() + " is already associated", failed.failureMessage());
            assertEquals(1, ec2.describeNatGateways(b -> b.filter(filter("state", "available"),
                    filter("vpc-id", n.vpc()))).natGateways().size());
            fails("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(n.subnet())));

            ec2.deleteNatGateway(b -> b.natGatewayId(nat.natGatewayId()));
            assertEquals("deleting", state(ec2, nat.natGatewayId()));
            fails("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(n.subnet())));
            advanceClock(Duration.ofSeconds(61));
            assertEquals("deleted", state(ec2, nat.natGatewayId()));
            assertNull(ec2.describeAddresses(b -> b.allocationIds(eip.allocationId())).addresses().get(0).associationId());
            assertEquals(251, ec2.describeSubnets(b -> b.subnetIds(n.subnet())).subnets().get(0).availableIpAddressCount());
            ec2.releaseAddress(b -> b.allocationId(eip.allocationId()));
            ec2.deleteSubnet(b -> b.subnetId(n.subnet()));
            advanceClock(Duration.ofHours(2));
            assertEquals("NAT gateway " + nat.natGatewayId() + " was not found", fails("NatGatewayNotFound",
                    () -> ec2.describeNatGateways(b -> b.natGatewayIds(nat.natGatewayId()))));
        }
    }

    static String state(Ec2Client ec2, String nat) {
        return ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0).stateAsString();
    }

    @Test
    void natGatewayErrorsAndPrivateGateways() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            var eip = ec2.allocateAddress();
            fails("MissingParameter", () -> ec2.createNatGateway(b -> b.subnetId(subnet)));
            String noIgw = ec2.createNatGateway(b -> b.subnetId(subnet).allocationId(eip.allocationId())).natGateway()
                    .natGatewayId();
            assertEquals("pending", state(ec2, noIgw));
            fails("InvalidAllocationID.NotFound", () -> ec2.createNatGateway(b -> b.subnetId(subnet)
                    .allocationId("eipalloc-00000000000000000")));
            fails("InvalidSubnetID.NotFound", () -> ec2.createNatGateway(b -> b.subnetId("subnet-0")
                    .allocationId(eip.allocationId())));
            NatGateway priv = ec2.createNatGateway(b -> b.subnetId(subnet).connectivityType(ConnectivityType.PRIVATE))
                    .natGateway();
            assertEquals("private", priv.connectivityTypeAsString());
            assertNull(priv.natGatewayAddresses().get(0).publicIp());
            fails("NatGatewayNotFound", () -> ec2.deleteNatGateway(b -> b.natGatewayId("nat-00000000000000000")));

            // A route to the NAT gateway is active while it lives and a blackhole once it is deleted.
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").natGatewayId(priv.natGatewayId()));
            fails("InvalidNatGatewayID.NotFound", () -> ec2.createRoute(b -> b.routeTableId(rtb)
                    .destinationCidrBlock("1.0.0.0/8").natGatewayId("nat-00000000000000000")));
            assertEquals("active", InternetGatewaysAndRoutesIT.route(ec2, rtb, "0.0.0.0/0").stateAsString());
            ec2.deleteNatGateway(b -> b.natGatewayId(priv.natGatewayId()));
            advanceClock(Duration.ofMinutes(2));
            assertEquals("blackhole", InternetGatewaysAndRoutesIT.route(ec2, rtb, "0.0.0.0/0").stateAsString());
            NatGateway failed = ec2.describeNatGateways(b -> b.natGatewayIds(noIgw)).natGateways().get(0);
            assertEquals("failed", failed.stateAsString());
            assertEquals("Gateway.NotAttached", failed.failureCode());
            assertEquals("Network " + vpc + " has no Internet gateway attached", failed.failureMessage());
            assertNull(ec2.describeAddresses(b -> b.allocationIds(eip.allocationId())).addresses().get(0).associationId());
            assertNotEquals(0, ec2.describeNatGateways(b -> b.filter(filter("state", "deleted"))).natGateways().size());
        }
    }
}
