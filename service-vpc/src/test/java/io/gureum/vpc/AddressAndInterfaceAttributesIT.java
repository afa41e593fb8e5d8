package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.vpc.net.Ipv6;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddressAttribute;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/** Elastic IP reverse DNS, IPv6 addresses and prefixes of interfaces, and interface attributes one at a time. */
class AddressAndInterfaceAttributesIT extends Ec2TestBase {

    @Test
    void reverseDnsRecordIsPendingThenSetThenReset() {
        try (Ec2Client ec2 = ec2()) {
            String eip = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            String other = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            assertEquals(List.of(), ec2.describeAddressesAttribute(b -> b.attribute("domain-name")).addresses());

            fails("DryRunOperation", 412, () -> ec2.modifyAddressAttribute(b -> b.allocationId(eip)
                    .domainName("mail.example.com").dryRun(true)));
            fails("InvalidAllocationID.NotFound", () -> ec2.modifyAddressAttribute(b -> b
                    .allocationId("eipalloc-00000000000000000").domainName("mail.example.com")));
            fails("InvalidParameterValue", () -> ec2.modifyAddressAttribute(b -> b.allocationId(eip)
                    .domainName("not a domain")));
            fails("MissingParameter", () -> ec2.modifyAddressAttribute(b -> b.allocationId(eip)));

            AddressAttribute modified = ec2.modifyAddressAttribute(b -> b.allocationId(eip)
                    .domainName("mail.example.com")).address();
            assertEquals(eip, modified.allocationId());
            assertNull(modified.ptrRecord());
            assertEquals("mail.example.com.", modified.ptrRecordUpdate().value());
            assertEquals("PENDING", modified.ptrRecordUpdate().status());

            AddressAttribute pending = ec2.describeAddressesAttribute(b -> b.allocationIds(eip, other)
                    .attribute("domain-name")).addresses().get(0);
            assertEquals("PENDING", pending.ptrRecordUpdate().status());
            assertEquals(1, ec2.describeAddressesAttribute(b -> b.allocationIds(eip, other)).addresses().size());

            advanceClock(Duration.ofSeconds(3));
            AddressAttribute done = ec2.describeAddressesAttribute(b -> b.allocationIds(eip)
                    .attribute("domain-name")).addresses().get(0);
            assertEquals("mail.example.com.", done.ptrRecord());
            assertNull(done.ptrRecordUpdate());
            assertEquals(modified.publicIp(), done.publicIp());

            fails("InvalidParameterValue", () -> ec2.resetAddressAttribute(b -> b.allocationId(eip)
                    .attribute("other")));
            fails("DryRunOperation", 412, () -> ec2.resetAddressAttribute(b -> b.allocationId(eip)
                    .attribute("domain-name").dryRun(true)));
            AddressAttribute reset = ec2.resetAddressAttribute(b -> b.allocationId(eip).attribute("domain-name"))
                    .address();
            assertEquals("mail.example.com.", reset.ptrRecord());
            assertEquals("PENDING", reset.ptrRecordUpdate().status());
            assertNull(reset.ptrRecordUpdate().value());
            advanceClock(Duration.ofSeconds(3));
            // Terraform's aws_eip_domain_name waits for the address to disappear from the answer.
            assertEquals(List.of(), ec2.describeAddressesAttribute(b -> b.allocationIds(eip)
                    .attribute("domain-name")).addresses());
            fails("InvalidAllocationID.NotFound", () -> ec2.describeAddressesAttribute(b -> b
                    .allocationIds("eipalloc-00000000000000000")));

            // paging over the addresses with records
            ec2.modifyAddressAttribute(b -> b.allocationId(eip).domainName("a.example.com"));
            ec2.modifyAddressAttribute(b -> b.allocationId(other).domainName("b.example.com"));
            var first = ec2.describeAddressesAttribute(b -> b.maxResults(1));
            assertEquals(1, first.addresses().size());
            var second = ec2.describeAddressesAttribute(b -> b.maxResults(1).nextToken(first.nextToken()));
            assertEquals(1, second.addresses().size());
            assertNull(second.nextToken());
            assertFalse(first.addresses().get(0).allocationId().equals(second.addresses().get(0).allocationId()));
        }
    }

    @Test
    void ipv6AddressesAndPrefixesComeFromTheSubnetBlock() {
        try (Ec2Client ec2 = ec2()) {
            var vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
            String v6 = ec2.describeVpcs(b -> b.vpcIds(vpc.vpcId())).vpcs().get(0).ipv6CidrBlockAssociationSet()
                    .get(0).ipv6CidrBlock();
            Ipv6.Block block56 = Ipv6.parse(v6);
            String block64 = new Ipv6.Block(block56.start().or(BigInteger.ONE.shiftLeft(64)), 64).toString();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24")
                    .ipv6CidrBlock(block64)).subnet().subnetId();
            String v4only = ec2.createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.0.2.0/24")).subnet()
                    .subnetId();
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            String eni4 = ec2.createNetworkInterface(b -> b.subnetId(v4only)).networkInterface().networkInterfaceId();

            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.assignIpv6Addresses(b -> b
                    .networkInterfaceId("eni-00000000000000000").ipv6AddressCount(1)));
            fails("MissingParameter", () -> ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni)));
            fails("InvalidParameterValue", () -> ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni4)
                    .ipv6AddressCount(1)));
            String chosen = block64.replace("::/64", "::1234");
            fails("InvalidParameterCombination", () -> ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni)
                    .ipv6Addresses(chosen).ipv6AddressCount(1)));
            fails("InvalidParameterValue", () -> ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni)
                    .ipv6Addresses("2001:db8::1")));

            var assigned = ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni).ipv6AddressCount(2));
            assertEquals(eni, assigned.networkInterfaceId());
            assertEquals(2, assigned.assignedIpv6Addresses().size());
            for (String a : assigned.assignedIpv6Addresses()) {
                assertTrue(Ipv6.parse(block64).contains(new Ipv6.Block(NetworkInterfaceAttributes.address(a), 128)), a);
            }
            var explicit = ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni).ipv6Addresses(chosen));
            assertEquals(1, explicit.assignedIpv6Addresses().size());
            String other = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface()
                    .networkInterfaceId();
            fails("InvalidIPAddress.InUse", () -> ec2.assignIpv6Addresses(b -> b.networkInterfaceId(other)
                    .ipv6Addresses(chosen)));

            var prefixes = ec2.assignIpv6Addresses(b -> b.networkInterfaceId(eni).ipv6PrefixCount(1));
            assertEquals(1, prefixes.assignedIpv6Prefixes().size());
            String prefix = prefixes.assignedIpv6Prefixes().get(0);
            assertTrue(prefix.endsWith("::/80"), prefix);
            assertTrue(Ipv6.parse(block64).contains(Ipv6.parse(prefix)), prefix);

            NetworkInterface described = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni))
                    .networkInterfaces().get(0);
            assertEquals(3, described.ipv6Addresses().size());
            assertEquals(List.of(prefix), described.ipv6Prefixes().stream().map(p -> p.ipv6Prefix()).toList());
            assertEquals(1, ec2.describeNetworkInterfaces(b -> b.filters(VpcsIT.filter("ipv6-addresses.ipv6-address",
                    explicit.assignedIpv6Addresses().get(0)))).networkInterfaces().size());

            fails("InvalidParameterValue", () -> ec2.unassignIpv6Addresses(b -> b.networkInterfaceId(other)
                    .ipv6Addresses(chosen)));
            var unassigned = ec2.unassignIpv6Addresses(b -> b.networkInterfaceId(eni).ipv6Addresses(chosen)
                    .ipv6Prefixes(prefix));
            assertEquals(1, unassigned.unassignedIpv6Addresses().size());
            assertEquals(List.of(prefix), unassigned.unassignedIpv6Prefixes());
            described = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0);
            assertEquals(2, described.ipv6Addresses().size());
            assertEquals(0, described.ipv6Prefixes().size());
            // the address is free again
            assertEquals(1, ec2.assignIpv6Addresses(b -> b.networkInterfaceId(other).ipv6Addresses(chosen))
                    .assignedIpv6Addresses().size());

            // CreateNetworkInterface takes the same: given addresses and prefixes (they used to be ignored)
            String given = block64.replace("::/64", "::beef");
            NetworkInterface made = ec2.createNetworkInterface(b -> b.subnetId(subnet)
                    .ipv6Addresses(a -> a.ipv6Address(given)).ipv6PrefixCount(1)).networkInterface();
            assertEquals(List.of(NetworkInterfaceAttributes.format(NetworkInterfaceAttributes.address(given))),
                    made.ipv6Addresses().stream().map(a -> a.ipv6Address()).toList());
            assertEquals(1, made.ipv6Prefixes().size());
            fails("InvalidIPAddress.InUse", () -> ec2.createNetworkInterface(b -> b.subnetId(subnet)
                    .ipv6Addresses(a -> a.ipv6Address(given))));
            fails("InvalidParameterValue", () -> ec2.createNetworkInterface(b -> b.subnetId(v4only)
                    .ipv6PrefixCount(1)));
        }
    }

    @Test
    void interfaceAttributesOneAtATime() {
        try (Ec2Client ec2 = ec2()) {
            String eni = NetworkInterfacePermissionsIT.eni(ec2);
            fails("MissingParameter", () -> ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)));
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaceAttribute(b -> b
                    .networkInterfaceId("eni-00000000000000000").attribute("description")));
            fails("DryRunOperation", 412, () -> ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                    .attribute("description").dryRun(true)));
            ec2.modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni).description(v -> v.value("front"))
                    .sourceDestCheck(v -> v.value(false)));

            var description = ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                    .attribute("description"));
            assertEquals(eni, description.networkInterfaceId());
            assertEquals("front", description.description().value());
            assertNull(description.sourceDestCheck());
            assertEquals(false, ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                    .attribute("sourceDestCheck")).sourceDestCheck().value());
            var groups = ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni).attribute("groupSet"))
                    .groups();
            assertEquals(1, groups.size());
            assertEquals("default", groups.get(0).groupName());
            assertNull(ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni).attribute("attachment"))
                    .attachment());
            assertEquals(false, ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                    .attribute("associatePublicIpAddress")).associatePublicIpAddress());

            fails("DryRunOperation", 412, () -> ec2.resetNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                    .sourceDestCheck("true").dryRun(true)));
            fails("MissingParameter", () -> ec2.resetNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)));
            ec2.resetNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni).sourceDestCheck("true"));
            assertEquals(true, ec2.describeNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni)
                    .attribute("sourceDestCheck")).sourceDestCheck().value());
        }
    }
}
