package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/** Secondary addresses of public and private NAT gateways, with their statuses on the clock. */
class NatGatewayAddressesIT extends Ec2TestBase {

    private static Map<String, String> statusByPrivateIp(Ec2Client ec2, String nat) {
        return ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0).natGatewayAddresses().stream()
                .collect(Collectors.toMap(NatGatewayAddress::privateIp, NatGatewayAddress::statusAsString));
    }

    @Test
    void publicGatewayTakesAndReleasesSecondaryElasticIps() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String primary = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            String second = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            String third = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();

            fails("InvalidParameterCombination", () -> ec2.createNatGateway(b -> b.subnetId(subnet)
                    .allocationId(primary).secondaryPrivateIpAddressCount(1)));
            fails("InvalidAllocationID.NotFound", () -> ec2.createNatGateway(b -> b.subnetId(subnet)
                    .allocationId(primary).secondaryAllocationIds("eipalloc-00000000000000000")));
            var created = ec2.createNatGateway(b -> b.subnetId(subnet).allocationId(primary)
                    .secondaryAllocationIds(second).secondaryPrivateIpAddresses("10.0.1.50")).natGateway();
            String nat = created.natGatewayId();
            assertEquals(2, created.natGatewayAddresses().size());
            NatGatewayAddress secondary = created.natGatewayAddresses().get(1);
            assertEquals("10.0.1.50", secondary.privateIp());
            assertEquals(second, secondary.allocationId());
            assertFalse(secondary.isPrimary());
            assertEquals("associating", secondary.statusAsString());
            assertTrue(created.natGatewayAddresses().get(0).isPrimary());

            fails("IncorrectState", () -> ec2.associateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .allocationIds(third)));
            advanceClock(Duration.ofSeconds(61));
            assertEquals(Map.of(created.natGatewayAddresses().get(0).privateIp(), "succeeded", "10.0.1.50",
                    "succeeded"), statusByPrivateIp(ec2, nat));

            fails("NatGatewayNotFound", () -> ec2.associateNatGatewayAddress(b -> b
                    .natGatewayId("nat-00000000000000000").allocationIds(third)));
            fails("Resource.AlreadyAssociated", () -> ec2.associateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .allocationIds(second)));
            fails("DryRunOperation", 412, () -> ec2.associateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .allocationIds(third).dryRun(true)));
            var associated = ec2.associateNatGatewayAddress(b -> b.natGatewayId(nat).allocationIds(third));
            assertEquals(nat, associated.natGatewayId());
            NatGatewayAddress added = associated.natGatewayAddresses().get(0);
            assertEquals(third, added.allocationId());
            assertEquals("associating", added.statusAsString());
            assertTrue(added.associationId().startsWith("eipassoc-"), added.associationId());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("succeeded", statusByPrivateIp(ec2, nat).get(added.privateIp()));
            var eip = ec2.describeAddresses(b -> b.allocationIds(third)).addresses().get(0);
            assertEquals(added.associationId(), eip.associationId());
            assertEquals(added.privateIp(), eip.privateIpAddress());
            String eni = ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0)
                    .natGatewayAddresses().get(0).networkInterfaceId();
            assertEquals(eni, eip.networkInterfaceId());
            assertEquals(3, ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0)
                    .privateIpAddresses().size());

            String primaryAssociation = ec2.describeAddresses(b -> b.allocationIds(primary)).addresses().get(0)
                    .associationId();
            fails("InvalidParameterValue", () -> ec2.disassociateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .associationIds(primaryAssociation)));
            fails("InvalidAssociationID.NotFound", () -> ec2.disassociateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .associationIds("eipassoc-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddressCount(1)));
            var disassociated = ec2.disassociateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .associationIds(added.associationId()).maxDrainDurationSeconds(10));
            assertEquals("disassociating", disassociated.natGatewayAddresses().get(0).statusAsString());
            // no other change while addresses drain
            fails("IncorrectState", () -> ec2.disassociateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .associationIds(secondary.associationId())));
            advanceClock(Duration.ofSeconds(3));
            assertFalse(statusByPrivateIp(ec2, nat).containsKey(added.privateIp()));
            assertNull(ec2.describeAddresses(b -> b.allocationIds(third)).addresses().get(0).associationId());
            assertEquals(2, ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0)
                    .privateIpAddresses().size());

            // deleting the gateway frees every address
            ec2.deleteNatGateway(b -> b.natGatewayId(nat));
            assertEquals("disassociating", statusByPrivateIp(ec2, nat).get("10.0.1.50"));
            advanceClock(Duration.ofSeconds(61));
            assertNull(ec2.describeAddresses(b -> b.allocationIds(second)).addresses().get(0).associationId());
        }
    }

    @Test
    void privateGatewayTakesAndReleasesSecondaryPrivateAddresses() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String eip = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            fails("InvalidParameterCombination", () -> ec2.createNatGateway(b -> b.subnetId(subnet)
                    .connectivityType("private").secondaryAllocationIds(eip)));
            fails("InvalidParameterCombination", () -> ec2.createNatGateway(b -> b.subnetId(subnet)
                    .connectivityType("private").secondaryPrivateIpAddresses("10.0.1.9")
                    .secondaryPrivateIpAddressCount(1)));
            int before = ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0).availableIpAddressCount();
            var created = ec2.createNatGateway(b -> b.subnetId(subnet).connectivityType("private")
                    .secondaryPrivateIpAddressCount(2)).natGateway();
            String nat = created.natGatewayId();
            assertEquals(3, created.natGatewayAddresses().size());
            assertEquals("assigning", created.natGatewayAddresses().get(1).statusAsString());
            assertEquals(before - 3, ec2.describeSubnets(b -> b.subnetIds(subnet)).subnets().get(0)
                    .availableIpAddressCount());
            advanceClock(Duration.ofSeconds(61));

            fails("InvalidParameterValue", () -> ec2.associateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .allocationIds(eip)));
            fails("InvalidParameterCombination", () -> ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddresses("10.0.1.100").privateIpAddressCount(1)));
            fails("MissingParameter", () -> ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)));
            fails("DryRunOperation", 412, () -> ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddresses("10.0.1.100").dryRun(true)));
            var assigned = ec2.assignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddresses("10.0.1.100"));
            assertEquals(List.of("10.0.1.100"), assigned.natGatewayAddresses().stream()
                    .map(NatGatewayAddress::privateIp).toList());
            assertEquals("assigning", assigned.natGatewayAddresses().get(0).statusAsString());
            fails("InvalidIPAddress.InUse", () -> ec2.createNetworkInterface(b -> b.subnetId(subnet)
                    .privateIpAddress("10.0.1.100")));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("succeeded", statusByPrivateIp(ec2, nat).get("10.0.1.100"));

            fails("InvalidParameterValue", () -> ec2.unassignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddresses(created.natGatewayAddresses().get(0).privateIp())));
            fails("InvalidParameterValue", () -> ec2.unassignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddresses("10.0.1.200")));
            var unassigned = ec2.unassignPrivateNatGatewayAddress(b -> b.natGatewayId(nat)
                    .privateIpAddresses("10.0.1.100"));
            assertEquals("unassigning", unassigned.natGatewayAddresses().get(0).statusAsString());
            advanceClock(Duration.ofSeconds(3));
            assertFalse(statusByPrivateIp(ec2, nat).containsKey("10.0.1.100"));
            // the address is the subnet's again
            assertEquals("10.0.1.100", ec2.createNetworkInterface(b -> b.subnetId(subnet)
                    .privateIpAddress("10.0.1.100")).networkInterface().privateIpAddress());
        }
    }
}
